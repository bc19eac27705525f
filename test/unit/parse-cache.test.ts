import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseWhole } from '../../server/src/core/markdown';
import { clearParseCache, parseBySection, parseInSections } from '../../server/src/core/parse-cache';
import { generateProposal } from '../../bench/generate';

const root = join(__dirname, '..', '..', '..');

/** The section-by-section tree equals the whole-text tree, from a cold cache and a warm one. */
function assertSameTree(text: string, label: string): void {
  const whole = parseWhole(text);
  clearParseCache();
  assert.deepEqual(parseBySection(text, parseWhole), whole, `${label} (cold)`);
  assert.deepEqual(parseBySection(text, parseWhole), whole, `${label} (warm)`);
}

/** Pieces that end a section in ways that could reach past the next heading, and ordinary ones. */
const PIECES = [
  '# Heading\n',
  '## Heading two\n\n',
  '#\n',
  '###### Six #####\n',
  '#hashtag is a paragraph\n',
  '   # indented heading\n',
  'A paragraph of text about co-production with patients.\n',
  'A paragraph\n',
  '\n',
  '\r\n',
  'Line one\r\nline two\r\n\r\n',
  '```\n',
  '```js\ncode\n# not a heading\n',
  '~~~\n# inside tildes\n',
  '```\n',
  '    indented code\n',
  '<div>\n',
  '<!-- a comment\n',
  '-->\n',
  '<!-- coprod-lens-disable-next-line -->\n',
  '<script>\n# in a script\n</script>\n',
  '- a list item\n',
  '- [ ] a task\n',
  '  continued\n',
  '1. ordered\n',
  '> quoted\n',
  '> ```\n',
  '| a | b |\n| - | - |\n| 1 | 2 |\n',
  'Setext\n===\n',
  '---\n',
  'title: x\n',
  '\tTabbed\tline\n',
  'Emoji 🙂 and astral 𝒜 text.\n',
  '[link](http://example.org) and *emphasis* and `code`.\n',
  'Uses [a reference][ref] and [ref].\n',
];

describe('section-by-section parsing', () => {
  it('gives the whole-text tree for every sample', () => {
    for (const file of readdirSync(join(root, 'samples'))) assertSameTree(readFileSync(join(root, 'samples', file), 'utf8'), file);
  });

  it('gives the whole-text tree for generated proposals of 2k to 20k words, LF and CRLF', () => {
    for (const [words, seed] of [[2_000, 1], [10_000, 11], [20_000, 3]] as const) {
      const text = generateProposal(words, seed);
      assertSameTree(text, `${words} words`);
      assertSameTree(text.replace(/\n/g, '\r\n'), `${words} words, CRLF`);
    }
  });

  it('gives the whole-text tree for the corpora as one long document', () => {
    const passages: string[] = [];
    for (const file of readdirSync(join(root, 'test', 'corpus'))) {
      for (const p of JSON.parse(readFileSync(join(root, 'test', 'corpus', file), 'utf8')) as { text: string }[]) passages.push(`## Passage\n\n${p.text}\n`);
    }
    assertSameTree(passages.join('\n'), 'corpora');
  });

  it('gives the whole-text tree for long documents built from awkward pieces', () => {
    const filler = generateProposal(1_500, 9);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 20, maxLength: 120 }), fc.boolean(), (pieces, definition) => {
        const text = `${filler}\n${pieces.join('')}${definition ? '\n[ref]: http://example.org\n' : ''}\n${filler}`;
        assertSameTree(text, JSON.stringify(pieces));
      }),
      { numRuns: 150, seed: 42 },
    );
  });

  it('reuses the trees of the sections an edit did not touch', () => {
    const text = generateProposal(10_000, 11);
    let parses = 0;
    const counting = (t: string) => {
      parses++;
      return parseWhole(t);
    };
    clearParseCache();
    parseBySection(text, counting);
    const cold = parses;
    assert.ok(cold > 10, `a 10k-word proposal is cut into sections (${cold})`);
    parses = 0;
    const at = text.indexOf('survey');
    const edited = `${text.slice(0, at)}workshop${text.slice(at + 'survey'.length)}`;
    assert.deepEqual(parseBySection(edited, counting), parseWhole(edited));
    assert.equal(parses, 1, 'one section parsed again after a one-word edit');
  });

  it('keeps the sections of the last three documents parsed, not of every document ever opened', () => {
    const documents = [21, 22, 23, 24].map((seed) => generateProposal(3_000, seed));
    let parses = 0;
    const counting = (t: string) => {
      parses++;
      return parseWhole(t);
    };
    clearParseCache();
    for (const text of documents) parseBySection(text, counting);
    parses = 0;
    parseBySection(documents[1]!, counting);
    assert.equal(parses, 0, 'the second of four documents is still remembered');
    parseBySection(documents[0]!, counting);
    assert.ok(parses > 3, `the first of four documents was forgotten and parsed again (${parses} sections)`);
  });

  it('parses each text whole, remembering nothing, when turned off (the CLI)', () => {
    const text = generateProposal(10_000, 11);
    const texts: string[] = [];
    const counting = (t: string) => {
      texts.push(t);
      return parseWhole(t);
    };
    clearParseCache();
    parseInSections(false);
    try {
      assert.deepEqual(parseBySection(text, counting), parseWhole(text));
      assert.deepEqual(parseBySection(text, counting), parseWhole(text));
      assert.deepEqual(texts, [text, text], 'two parses of the whole text, none from a cache');
    } finally {
      parseInSections(true);
    }
    texts.length = 0;
    parseBySection(text, counting);
    assert.ok(texts.length > 10, `turned on again, the text is cut into sections (${texts.length})`);
  });
});
