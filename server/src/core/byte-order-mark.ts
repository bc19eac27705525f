import type { Nodes, Root } from 'mdast';
import type { Point } from 'unist';

/**
 * A leading byte-order mark (U+FEFF) is transparent: the Markdown after it is parsed exactly as
 * if the mark were not there (front matter is front matter, a first line indented three spaces is
 * a paragraph), and every position still counts from the start of the text with the mark in it.
 */

/** Offset where a document's content starts: 1 after a leading byte-order mark, else 0. */
export function contentStart(text: string): number {
  return text.charCodeAt(0) === 0xfeff ? 1 : 0;
}

/**
 * What the parser is given for `text`: the text after a leading byte-order mark. The parser skips
 * one mark at the start of its input by itself, so a second mark right after the first would be
 * skipped as well and move every position by one; it is given as a no-break space instead, which
 * the parser reads the same way (white space within a line, not indentation).
 */
export function parserInput(text: string): string {
  const body = text.slice(contentStart(text));
  return body.charCodeAt(0) === 0xfeff ? `\u00a0${body.slice(1)}` : body;
}

/**
 * A copy of `tree` with every position moved `by` characters to the right, as if that many
 * characters stood before the parsed text on its first line (`tree` itself is left as it is).
 */
export function shiftPositions(tree: Root, by: number): Root {
  const root = shiftedNode(tree, by);
  // Iterative: inline content can nest thousands deep.
  const stack: { children: Nodes[] }[] = [root];
  for (let parent = stack.pop(); parent; parent = stack.pop()) {
    parent.children = parent.children.map((child) => {
      const copy = shiftedNode(child, by);
      if ('children' in copy) stack.push(copy as { children: Nodes[] });
      return copy;
    });
  }
  return root;
}

function shiftedNode<T extends Nodes>(node: T, by: number): T {
  const copy = { ...node };
  if (node.position) copy.position = { start: shiftedPoint(node.position.start, by), end: shiftedPoint(node.position.end, by) };
  return copy;
}

function shiftedPoint(point: Point, by: number): Point {
  return {
    line: point.line,
    column: point.line === 1 ? point.column + by : point.column,
    ...(point.offset !== undefined ? { offset: point.offset + by } : {}),
  };
}
