import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseWhole, parseWholeEverywhere } from '../../server/src/core/markdown';
import { tableRowStarts } from '../../server/src/core/table-guard';
import { generateProposal } from '../../bench/generate';

const root = join(__dirname, '..', '..', '..');

function assertSameTree(text: string, label: string): void {
  assert.deepEqual(parseWhole(text), parseWholeEverywhere(text), label);
}

const chars = (text: string): string =>
  [...tableRowStarts(text)]
    .map((c) => String.fromCharCode(c))
    .sort()
    .join('');

/** Container prefixes a row can sit behind, and none. */
const PREFIXES = ['', '', '', '> ', '>', '> > ', '- ', '* ', '+ ', '1. ', '2) ', '  ', '   ', '    ', '\t', '> - ', '- > ', '  - ', '>\t', '-\t'];
/** Line bodies: head rows, delimiter rows (valid and not), body rows, and what else ends or breaks a table. */
const BODIES = [
  '| a | b |',
  'a | b',
  '|a|',
  'a|b|c',
  '| - | - |',
  '|---|---|',
  '-|-',
  '--- | ---',
  ':-:|:--',
  '| :--- |',
  '|:|',
  '| - |',
  '-',
  '---',
  '***',
  '| 1 | 2 |',
  'text after',
  'plain paragraph text',
  '# heading | x',
  '```',
  '<div>|</div>',
  '\\| escaped |',
  'a \\| b | c',
  '',
  '  ',
  '\u0000| nul |',
  'é | ü',
  '🙂 | x',
];

describe('the GFM table construct, tried only where a row can start (table-guard.ts)', () => {
  it('finds no place for a table in text without a delimiter-row line', () => {
    assert.equal(chars('A paragraph | with a pipe.\nAnother line.\n\n- a list\n'), '');
    assert.equal(chars('| a | b |\n| x | y |\n'), '', 'no row of dashes: no table');
  });

  it('collects the first characters of head and body rows, behind list and quote markers', () => {
    assert.equal(chars('Intro.\n\n| a | b |\n| - | - |\n| 1 | 2 |\nlazy\n\nAfter.\n'), 'l|');
    assert.equal(chars('> - x | y\n>   --|--\n'), '->x');
    assert.equal(chars('Text\r\n12. a | b\r-|-\r\n'), '1a', 'an ordered list marker and \\r line ends');
  });

  it('reads "\\r", "\\r\\n" and "\\n" as line ends, as micromark does', () => {
    for (const eol of ['\n', '\r', '\r\n']) {
      const text = ['Intro', 'a | b', '--|--', 'c | d'].join(eol);
      assert.equal(chars(text), 'ac', JSON.stringify(eol));
      assertSameTree(text, JSON.stringify(eol));
    }
  });

  it('reads the first row after a byte-order mark, which micromark skips', () => {
    for (const text of ['\ufeffa|b\n-|-\n', '\ufeff| a | b |\n|---|---|\n| 1 | 2 |\n']) {
      assert.equal(parseWhole(text).children[0]?.type, 'table', JSON.stringify(text));
      assertSameTree(text, JSON.stringify(text));
    }
  });

  it('gives the tree of the construct tried everywhere, for every sample', () => {
    for (const file of readdirSync(join(root, 'samples'))) assertSameTree(readFileSync(join(root, 'samples', file), 'utf8'), file);
  });

  it('gives the same tree for generated proposals, LF and CRLF, and the corpora', () => {
    for (const [words, seed] of [[2_000, 1], [10_000, 11]] as const) {
      const text = generateProposal(words, seed);
      assert.ok(tableRowStarts(text).size > 0, 'generated proposals hold tables');
      assertSameTree(text, `${words} words`);
      assertSameTree(text.replace(/\n/g, '\r\n'), `${words} words, CRLF`);
    }
    const passages: string[] = [];
    for (const file of readdirSync(join(root, 'test', 'corpus'))) {
      for (const p of JSON.parse(readFileSync(join(root, 'test', 'corpus', file), 'utf8')) as { text: string }[]) passages.push(p.text);
    }
    assertSameTree(passages.join('\n\n'), 'corpora');
  });

  it('gives the same tree for documents of table-like lines inside lists and block quotes', () => {
    const line = fc.tuple(fc.constantFrom(...PREFIXES), fc.constantFrom(...BODIES)).map(([p, b]) => p + b);
    fc.assert(
      fc.property(fc.array(line, { minLength: 2, maxLength: 30 }), fc.constantFrom('\n', '\r\n', '\r'), (lines, eol) => {
        assertSameTree(lines.join(eol), JSON.stringify(lines.join(eol)));
      }),
      { numRuns: 3_000, seed: 7 },
    );
  });
});
