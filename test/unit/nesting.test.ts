import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { parseMarkdown, parseWhole } from '../../server/src/core/markdown';
import { limitNesting } from '../../server/src/core/nesting';
import { generateProposal } from '../../bench/generate';

const root = join(__dirname, '..', '..', '..');

/** The deepest chain of list and block quote nodes in a tree. */
function containerDepth(node: { type: string; children?: unknown[] }): number {
  let deepest = 0;
  const stack: [{ type: string; children?: unknown[] }, number][] = [[node, 0]];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [n, depth] = top;
    const here = depth + (n.type === 'list' || n.type === 'blockquote' ? 1 : 0);
    deepest = Math.max(deepest, here);
    for (const child of n.children ?? []) stack.push([child as { type: string; children?: unknown[] }, here]);
  }
  return deepest;
}

describe('limitNesting: over-deep list and block quote markers read as text', () => {
  it('leaves every sample and generated proposal as it is', () => {
    const samples = readdirSync(join(root, 'samples')).filter((f) => f.endsWith('.md'));
    assert.ok(samples.length > 0);
    for (const name of samples) {
      const text = readFileSync(join(root, 'samples', name), 'utf8');
      assert.equal(limitNesting(text, 100), text, name);
    }
    for (const seed of [1, 2, 3]) {
      const text = generateProposal(5_000, seed);
      assert.equal(limitNesting(text, 100), text, `generated ${seed}`);
    }
  });

  it('keeps the length, so every offset stays exact', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('- ', '> ', '1. ', '  ', '\t', '* ', '+ ', '2) ', 'word ', '\n', '\r\n', '- - -'), { maxLength: 300 }), fc.integer({ min: 1, max: 20 }), (pieces, depth) => {
        const text = pieces.join('');
        assert.equal(limitNesting(text, depth).length, text.length);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves a line at the limit as it is and changes one marker on a line past it', () => {
    assert.equal(limitNesting('>>>>>quote\n', 5), '>>>>>quote\n');
    assert.equal(limitNesting('>>>>>>>quote\n', 5), '>>>>>x>quote\n');
    assert.equal(limitNesting('> > > quote\n', 1), '> x > quote\n');
    // White space between markers may be the indentation of a continued list, so it counts too:
    // the bound errs on the side of reading fewer containers, never more.
    const past = `${'- '.repeat(7)}deep\n`;
    const limited = limitNesting(past, 5);
    assert.equal(limited.split('x').length, 2, limited);
    assert.ok(containerDepth(parseWhole(limited)) <= 5);
    assert.equal(limitNesting('- - - - - - -\n', 2), '- - - - - - -\n', 'a thematic break opens nothing');
  });

  it('counts indentation as the lists a line continues', () => {
    const text = ['- a', '  - b', '    - c', '      - d', ''].join('\n');
    assert.equal(limitNesting(text, 3), ['- a', '  - b', '    - c', '      x d', ''].join('\n'));
  });

  it('no parsed list or block quote chain is deeper than the limit (100), and the text is kept', () => {
    for (const opener of ['- ', '> ', '1. ']) {
      const text = `${opener.repeat(2_000)}co-produced with patients\n`;
      const tree = parseMarkdown(text);
      assert.ok(containerDepth(tree) <= 100, `${JSON.stringify(opener)}: depth ${containerDepth(tree)}`);
      assert.equal(tree.position?.end.offset, text.length);
    }
  });

  it('parses documents no deeper than the limit exactly as the parser alone does', () => {
    const text = ['# Plan', '', '- one', '  - two', '    > quoted', '    > - item', '', '1. first', '2. second', ''].join('\n');
    assert.deepEqual(parseMarkdown(text), parseWhole(text));
  });
});
