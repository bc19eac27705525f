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

  it('every claim anchor matches wherever its pattern does (corpora and samples)', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = join(__dirname, '..', '..', '..');
    const texts: string[] = [];
    for (const file of readdirSync(join(root, 'test', 'corpus'))) {
      for (const p of JSON.parse(readFileSync(join(root, 'test', 'corpus', file), 'utf8')) as { text: string }[]) texts.push(p.text);
    }
    for (const file of readdirSync(join(root, 'samples'))) texts.push(readFileSync(join(root, 'samples', file), 'utf8'));
    for (const claim of lex.claims) {
      for (const text of [...texts, ...claim.examples.match]) {
        claim.regex.lastIndex = 0;
        for (let m = claim.regex.exec(text); m; m = claim.regex.exec(text)) {
          assert.ok(claim.anchor.test(m[0]), `${claim.id}: anchor ${claim.anchor} misses "${m[0]}"`);
        }
      }
    }
  });

  it('ids are unique', () => {
    const ids = [...lex.claims, ...lex.nonClaims, ...lex.evidence].map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
  });
});
