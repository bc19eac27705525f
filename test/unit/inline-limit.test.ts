import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Nodes } from 'mdast';
import { parseWhole } from '../../server/src/core/markdown';
import { limitInlineMarkup } from '../../server/src/core/inline-limit';
import { generateProposal } from '../../bench/generate';

const root = join(__dirname, '..', '..', '..');

/** The [start, end) of every paragraph, heading and table cell: each is one run of the inline parser. */
function inlineRanges(tree: Nodes): [number, number][] {
  const out: [number, number][] = [];
  const stack: Nodes[] = [tree];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if ((node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell') && node.position) {
      out.push([node.position.start.offset!, node.position.end.offset!]);
    } else if ('children' in node) stack.push(...(node.children as Nodes[]));
  }
  return out;
}

const count = (text: string, chars: RegExp): number => text.match(chars)?.length ?? 0;

/** Only `*`, `_`, `[`, `]`, `<`, backticks and line breaks change, each to a space. */
function assertOnlyMarkupBlanked(before: string, after: string): void {
  assert.equal(after.length, before.length, 'one unit for one: every offset stays');
  for (let i = 0; i < before.length; i++) {
    if (after[i] !== before[i]) assert.ok('*_[]<`\r\n'.includes(before[i]!) && after[i] === ' ', `offset ${i}: ${JSON.stringify(before[i])} became ${JSON.stringify(after[i])}`);
  }
}

/**
 * Lines that a paragraph may run on over, or that start something new, each carrying markup:
 * the list, quote and indentation cases the chunks are cut by.
 */
const LINE_PREFIXES = ['', '', '> ', '>', '2. ', '1. ', '1) ', '- ', '* ', '+ ', '   ', '    ', '        - ', '      2. ', '> 2. ', '> - ', '# ', '## ', '```', '``` `', '~~~', '***', '---', '=', '|', '\t', '\t- ', '  - ', '   > ', '- > ', '1.  ', '>  2. ', '    > ', '<div>', '<!-- ', '-->', '<script>', '</script>', '  2. ', '   1. ', ' 2) ', '2) ', '1)\t', '-\t', '   - ', '     ', '  ', '01. ', '0. ', '10. ', '-    ', '>    ', '> > ', '>\t', '>- ', '>1. ', '  > ', '- 1. ', '> # ', '<pre>', '</pre>', '\\'];
const MARKUP = ['*a ', '**b** ', '_c_ ', '[d] ', '![e](f) ', '<g ', '`h` ', 'word ', 'x* ', ' a_ '];

describe('limitInlineMarkup: emphasis and link markup past the limit in one paragraph read as spaces', () => {
  it('leaves every sample, generated proposal and corpus passage as it is', () => {
    const texts: [string, string][] = readdirSync(join(root, 'samples')).map((f) => [f, readFileSync(join(root, 'samples', f), 'utf8')]);
    for (const [words, seed] of [[2_000, 1], [10_000, 2], [100_000, 3]] as const) texts.push([`${words} words`, generateProposal(words, seed)]);
    for (const file of readdirSync(join(root, 'test', 'corpus'))) {
      for (const p of JSON.parse(readFileSync(join(root, 'test', 'corpus', file), 'utf8')) as { text: string }[]) texts.push([file, p.text]);
    }
    assert.ok(texts.length > 50);
    for (const [name, text] of texts) assert.equal(limitInlineMarkup(text, 1000), text, name);
  });

  it('keeps at most `max` of * _ [ ] and max / 10 of < in every paragraph, heading and table cell the parser sees', () => {
    const line = fc.tuple(fc.constantFrom(...LINE_PREFIXES), fc.array(fc.constantFrom(...MARKUP), { minLength: 1, maxLength: 8 }));
    const blankOr = fc.oneof({ weight: 9, arbitrary: line.map(([p, parts]) => `${p}${parts.join('')}`) }, { weight: 1, arbitrary: fc.constantFrom('', '>', '> ') });
    fc.assert(
      fc.property(fc.array(blankOr, { minLength: 5, maxLength: 60 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const text = lines.join(eol);
        const limited = limitInlineMarkup(text, 20);
        assertOnlyMarkupBlanked(text, limited);
        for (const [start, end] of inlineRanges(parseWhole(limited))) {
          const inline = limited.slice(start, end);
          assert.ok(count(inline, /[*_[\]]/g) <= 20, `${count(inline, /[*_[\]]/g)} of * _ [ ] in ${JSON.stringify(inline)}\nfrom ${JSON.stringify(text)}`);
          assert.ok(count(inline, /</g) <= 2, `${count(inline, /</g)} of < in ${JSON.stringify(inline)}\nfrom ${JSON.stringify(text)}`);
        }
      }),
      { numRuns: 1000, seed: 7 },
    );
  });

  it('counts a paragraph whole when its lines look like list items that cannot interrupt it', () => {
    for (const [name, join_] of [
      ['"2." lines', '\n2. '],
      ['lazy lines after a quote', '\n'],
      ['lines indented past a list item', '\n        - '],
      ['"2." lines in a list item', '\n    2. '],
    ] as const) {
      const first = name === 'lazy lines after a quote' ? '> ' : name.includes('list item') ? '- ' : '';
      const text = `${first}${Array.from({ length: 40 }, () => '*a **b').join(join_)}\n`;
      const paragraphs = inlineRanges(parseWhole(text));
      assert.equal(paragraphs.length, 1, `${name}: the parser reads one paragraph`);
      const limited = limitInlineMarkup(text, 20);
      assert.equal(count(limited.slice(paragraphs[0]![0], paragraphs[0]![1]), /\*/g), 20, name);
    }
  });

  it('joins lazy lines past the 200th in a block quote or list item to the line before: one paragraph still', () => {
    for (const first of ['> a', '- a', '> - a', '1. a']) {
      for (const eol of ['\n', '\r\n']) {
        const text = `${first}${`${eol}lazy text`.repeat(1_000)}${eol}`;
        const limited = limitInlineMarkup(text, 1000);
        assertOnlyMarkupBlanked(text, limited);
        assert.equal(limited.split(eol).length, text.split(eol).length - 800, `${first}: 800 line breaks joined`);
        const paragraphs = inlineRanges(parseWhole(limited));
        assert.equal(paragraphs.length, 1, `${first}: one paragraph`);
        assert.equal(limited.slice(paragraphs[0]![0], paragraphs[0]![1]).split('lazy text').length, 1_001, `${first}: it holds every line`);
      }
    }
    const quoted = `> a${'\n> quoted'.repeat(1_000)}\n`;
    assert.equal(limitInlineMarkup(quoted, 1000), quoted, 'lines with their markers are not lazy');
  });

  it('still counts a paragraph whole across "01." lines, a list item\'s wide content and a quote in a list item', () => {
    for (const [name, text] of [
      ['"01." lines', `a\n${'01. *a **b\n'.repeat(20)}`],
      ['wide list item content', `-    *a **b\n${'  *a **b\n'.repeat(20)}`],
      ['quote in a wide list item', `>-    *a **b\n${'>     # *a **b\n'.repeat(8)}`],
    ] as const) {
      const limited = limitInlineMarkup(text, 20);
      for (const [start, end] of inlineRanges(parseWhole(limited))) assert.ok(count(limited.slice(start, end), /[*_[\]]/g) <= 20, name);
    }
  });

  it('joins lazy lines after lone CRs, after a list item\'s second paragraph and under wide content', () => {
    for (const text of [`> a${'\rlazy text'.repeat(1_000)}\r`, `- a\n\n  b${'\nlazy text'.repeat(1_000)}\n`, `-    a${'\n  lazy text'.repeat(1_000)}\n`]) {
      const limited = limitInlineMarkup(text, 1000);
      assertOnlyMarkupBlanked(text, limited);
      assert.ok(limited.split(/\r\n?|\n/).length < text.split(/\r\n?|\n/).length - 700, JSON.stringify(text.slice(0, 20)));
    }
  });

  it('joins nothing into an HTML block, and keeps suppression comments that start a line', () => {
    const html = `> quote\n<pre>\n${'code line\n'.repeat(250)}</pre>\nParagraph with a claim.\n`;
    const types = (t: string): string[] => parseWhole(t).children.map((c) => c.type);
    assert.deepEqual(types(limitInlineMarkup(html, 1000)), types(html));
    const table = `${'<tr><td>a</td></tr>\n'.repeat(40)}<!-- coprod-lens-disable-next-line -->\nA claim.\n`;
    assert.ok(limitInlineMarkup(table, 1000).includes('<!-- coprod-lens-disable-next-line -->'));
  });

  it('leaves front matter as it is, however many brackets it holds', () => {
    const yaml = `---\nkeywords: [${Array.from({ length: 300 }, (_, i) => `[k${i}]`).join(', ')}]\n---\n`;
    assert.equal(limitInlineMarkup(`${yaml}\nText.\n`, 20), `${yaml}\nText.\n`);
    const toml = `+++\nkeywords = [${Array.from({ length: 300 }, (_, i) => `"*k${i}*"`).join(', ')}]\n+++\n`;
    assert.equal(limitInlineMarkup(`${toml}\nText.\n`, 20), `${toml}\nText.\n`);
  });

  it('keeps closed code spans and blanks the unclosed backtick runs past the paragraph\'s budget', () => {
    const closed = `${'Use `x` and ``y`` here. '.repeat(200)}\n`;
    assert.equal(limitInlineMarkup(closed, 1000), closed, 'closed code spans cost only their length');
    // Runs of 1 … 100 backticks, none closed, then a long tail the parser would read once per run.
    const runs = Array.from({ length: 100 }, (_, i) => `e${'`'.repeat(i + 1)}`).join('');
    const text = `${runs}${' word'.repeat(20_000)}\n`;
    const limited = limitInlineMarkup(text, 1000);
    assertOnlyMarkupBlanked(text, limited);
    const kept = limited.match(/`+/g) ?? [];
    assert.ok(kept.length > 0 && kept.length < 10, `a few unclosed runs kept (${kept.length}), the rest blanked`);
    // A backslash before a run may be an escape or, inside a code span, a literal: no closer.
    const escaped = `${Array.from({ length: 200 }, (_, i) => `${'`'.repeat(i + 1)}x\\${'`'.repeat(i + 2)} `).join('')}${' word'.repeat(20_000)}\n`;
    assert.ok((limitInlineMarkup(escaped, 1000).match(/`+/g) ?? []).length < 10, 'escaped runs do not pass for closers');
  });
});
