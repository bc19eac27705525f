import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, lexicon, test } from '../../server/src/core/lexicon';

/** Does `regex` match `text` as the analysis reads it (folded)? */
const matches = (regex: RegExp, text: string): boolean => test(regex, fold(text));

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
      for (const text of [...texts, ...claim.examples.match].map(fold)) {
        claim.regex.lastIndex = 0;
        for (let m = claim.regex.exec(text); m; m = claim.regex.exec(text)) {
          assert.ok(claim.anchor.test(m[0]), `${claim.id}: anchor ${claim.anchor} misses "${m[0]}"`);
        }
      }
    }
  });

  it('folding keeps every offset: one code unit in, one out, whatever the letter', () => {
    assert.equal(fold('İSTANBUL Co-Produced ΣΑΣ'), 'istanbul co-produced σας');
    for (let cp = 0; cp < 0x110000; cp += cp < 0x3000 ? 1 : 97) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const c = String.fromCodePoint(cp);
      assert.equal(fold(c).length, c.length, `U+${cp.toString(16)}`);
    }
  });

  it('matches whatever the case of the text', () => {
    const claim = lex.claims.find((c) => matches(c.regex, 'We will co-produce the toolkit.'))!;
    assert.ok(matches(claim.regex, 'WE WILL CO-PRODUCE THE TOOLKIT.'));
    assert.ok(matches(lex.users, 'SERVICE USERS'));
  });

  it('ids are unique', () => {
    const ids = [...lex.claims, ...lex.nonClaims, ...lex.evidence].map((e) => e.id);
    assert.equal(new Set(ids).size, ids.length);
  });
});
