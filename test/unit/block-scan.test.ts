import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze } from '../../server/src/core/analyze';
import { clearBlockScanCache, readByWordsAfter, readTogether, scanBlocks, type BlockMatch } from '../../server/src/core/block-scan';
import { ProposalDocument } from '../../server/src/core/document';
import { fold, lexicon, type Signal } from '../../server/src/core/lexicon';
import { generateProposal } from '../../bench/generate';

const root = join(__dirname, '..', '..', '..');

/** The reference: every signal run over one block's text alone. */
function readAlone(text: string): { signal: string; start: number; end: number }[] {
  const folded = fold(text);
  const out: { signal: string; start: number; end: number }[] = [];
  for (const signal of lexicon().evidence) {
    const regex = new RegExp(signal.regex.source, signal.regex.flags);
    for (let m = regex.exec(folded); m; m = regex.exec(folded)) {
      if (m[0].length === 0) regex.lastIndex++;
      else out.push({ signal: signal.id, start: m.index, end: m.index + m[0].length });
    }
  }
  return out;
}

const plain = (matches: readonly BlockMatch[]): { signal: string; start: number; end: number }[] =>
  matches.map((m) => ({ signal: m.signal.id, start: m.start, end: m.end }));

function blockTexts(): string[] {
  const texts: string[] = [];
  for (const file of readdirSync(join(root, 'samples'))) texts.push(...new ProposalDocument(readFileSync(join(root, 'samples', file), 'utf8')).blocks.map((b) => b.text));
  for (const file of readdirSync(join(root, 'test', 'corpus'))) {
    for (const p of JSON.parse(readFileSync(join(root, 'test', 'corpus', file), 'utf8')) as { text: string }[]) texts.push(p.text);
  }
  return texts;
}

// Both ways of reading: pattern by pattern (a newly started server) and by words (after a megabyte).
for (const [way, chars] of [['by words', 0], ['pattern by pattern', Infinity]] as const) {
  describe(`block scan, ${way}`, () => {
    before(() => readByWordsAfter(chars));
    after(() => readByWordsAfter(1_000_000));

    it('finds in each block exactly what reading that block alone finds (samples and corpora)', () => {
      const texts = blockTexts();
      clearBlockScanCache();
      const together = scanBlocks(texts);
      texts.forEach((text, i) => assert.deepEqual(plain(together[i]!), readAlone(text), `block ${i}: ${text.slice(0, 80)}`));
    });

    it('reading sentence-sized pieces of the corpora together finds what reading each alone does', () => {
      const texts = blockTexts().flatMap((t) => t.split(/(?<=[.!?])\s+/));
      const found = texts.map((t) => readAlone(t).length).reduce((a, b) => a + b, 0);
      assert.ok(found > 100, `the pieces hold matches (${found})`);
      clearBlockScanCache();
      const together = scanBlocks(texts);
      texts.forEach((text, i) => assert.deepEqual(plain(together[i]!), readAlone(text), `piece ${i}: ${text}`));
    });

    it('no evidence pattern uses ^ or $, which would see the next block when blocks are read joined', () => {
      for (const signal of lexicon().evidence) {
        const outsideClasses = signal.regex.source.replace(/\\./g, '').replace(/\[[^\]]*\]/g, '');
        assert.doesNotMatch(outsideClasses, /[\^$]/, signal.id);
      }
    });

    it('a pattern whose later branches are not behind the word-start look-behind is tried everywhere', () => {
      const signal = { ...lexicon().evidence[0]!, id: 'unguarded', regex: /(?<![A-Za-z0-9])a|b/g } satisfies Signal;
      const found = readTogether(['ab', 'xb'], [signal]);
      assert.deepEqual(found.map((f) => f.map((m) => [m.start, m.end])), [[[0, 1], [1, 2]], [[1, 2]]]);
      const quantified = { ...signal, id: 'quantified look-ahead', regex: /(?<![A-Za-z0-9])(?:(?=b){1}b)(?![A-Za-z0-9])/g } satisfies Signal;
      assert.deepEqual(readTogether(['b', 'x b'], [quantified]).map((f) => f.map((m) => [m.start, m.end])), [[[0, 1]], [[2, 3]]]);
    });

    it('a match that would run on into the separator is looked for again inside its own block', () => {
      // No lexicon pattern can cross the separator today; a pattern that can shows the fallback.
      const signal = { ...lexicon().evidence[0]!, id: 'crossing', regex: /x[^(]{0,8}\.|x y/g } satisfies Signal;
      const found = readTogether(['x y', 'x', 'zx ab.'], [signal]);
      assert.deepEqual(found.map((f) => f.map((m) => [m.start, m.end])), [[[0, 3]], [], [[1, 6]]]);
    });

    it('gives the same analysis from a cold cache and a warm one, and after an edit', () => {
      const text = generateProposal(3_000, 5);
      clearBlockScanCache();
      const cold = JSON.stringify(analyze(text).findings);
      const warm = JSON.stringify(analyze(text).findings);
      assert.equal(warm, cold);
      const edited = text.replace(/survey/, 'workshop');
      assert.notEqual(edited, text);
      const afterEdit = JSON.stringify(analyze(edited).findings);
      clearBlockScanCache();
      assert.equal(JSON.stringify(analyze(edited).findings), afterEdit);
    });

    it('the same text twice in one document is read once and reported in both places', () => {
      clearBlockScanCache();
      const text = 'We ran a survey of patients.';
      const [a, b] = scanBlocks([text, text]);
      assert.ok(a!.length > 0);
      assert.equal(a, b);
    });

    it('finds what reading each block alone finds in generated proposals and in every example of the lexicon', () => {
      const texts: string[] = [];
      for (const seed of [1, 2, 3, 4, 5]) texts.push(...new ProposalDocument(generateProposal(3_000, seed)).blocks.map((b) => b.text));
      for (const signal of lexicon().evidence) texts.push(...signal.examples.match, ...signal.examples.noMatch);
      const together = readTogether(texts, lexicon().evidence);
      let found = 0;
      texts.forEach((text, i) => {
        found += together[i]!.length;
        assert.deepEqual(plain(together[i]!), readAlone(text), `block ${i}: ${text.slice(0, 80)}`);
      });
      assert.ok(found > 1_000, `the blocks hold matches (${found})`);
    });

    it('finds what reading each block alone finds in blocks made of the words of the lexicon examples, shuffled', () => {
      const words = [...new Set(lexicon().evidence.flatMap((s) => s.examples.match.join(' ').split(/\s+/)))].filter((w) => w.length > 0);
      const block = fc.array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...words) }, { weight: 1, arbitrary: fc.constantFrom('.', ',', '(', ')', '-', '  ', '\n', 'The', '2', '’s') }), { maxLength: 40 }).map((parts) => parts.join(' '));
      fc.assert(
        fc.property(fc.array(block, { minLength: 1, maxLength: 8 }), (texts) => {
          const together = readTogether(texts, lexicon().evidence);
          texts.forEach((text, i) => assert.deepEqual(plain(together[i]!), readAlone(text), text));
        }),
        { numRuns: 300, seed: 3 },
      );
    });
  });
}
