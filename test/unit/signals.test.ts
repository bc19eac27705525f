import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lexicon, test as matches } from '../../server/src/core/lexicon';

// Every lexicon entry carries its own examples; each one runs here.
describe('lexicon examples', () => {
  const lex = lexicon();
  const groups = [
    ['claim trigger', lex.claims],
    ['non-claim marker', lex.nonClaims],
    ['evidence signal', lex.evidence],
  ] as const;
  for (const [kind, entries] of groups) {
    for (const entry of entries) {
      it(`${kind} ${entry.id}`, () => {
        assert.ok(entry.examples.match.length > 0, `${entry.id} needs at least one matching example`);
        for (const example of entry.examples.match) assert.ok(matches(entry.regex, example), `${entry.id} should match: ${example}`);
        for (const example of entry.examples.noMatch) assert.ok(!matches(entry.regex, example), `${entry.id} should not match: ${example}`);
      });
    }
  }

  it('ids are unique', () => {
    const ids = [...lex.claims, ...lex.nonClaims, ...lex.evidence].map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
  });
});
