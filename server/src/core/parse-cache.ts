import type { Nodes, Root, RootContent } from 'mdast';
import type { Point, Position } from 'unist';

/**
 * Parsing section by section, remembering each section's tree by its text.
 *
 * A keystroke changes one section of a proposal; the parse of every other section is taken from
 * the cache and moved to its new offsets, which costs a small part of parsing it again. The tree is
 * the one parsing the whole text gives (the unit tests compare them on every sample, corpus
 * passage and generated document) because the text is cut only where nothing before can reach
 * past the cut:
 *
 * - at a line starting with an ATX heading ("# …" in column 1), which ends any open paragraph,
 *   list, block quote or table;
 * - never where the section before ends in fenced code or HTML, which can run on over a heading
 *   (that section is joined to the next instead);
 * - and not at all when the text defines link references ("[id]: url"), which reach across the
 *   whole document.
 */

/** Texts shorter than this are parsed whole: cutting them saves nothing worth having. */
const MIN_CUT_LENGTH = 8_000;
/**
 * The cache keeps the sections of the last few texts parsed in sections (an edit re-parses the
 * document it changed, so the one before is what it needs), up to this many characters in all,
 * least recently used out first. Fifty open proposals do not keep fifty trees (about 10 bytes of
 * tree per character of text).
 */
const CACHE_CHARS = 4_000_000;
const CACHE_PARSES = 3;
/** After this many sections joined in a row, the rest of the text is parsed in one piece. */
const MAX_JOINS = 4;

const HEADING_LINE = /^#{1,6}(?=[ \t]|\r?$)/gm;
const DEFINITION = /^ {0,3}\[(?:[^\]\\\n]|\\.)+\]:/m;

/** Each section's tree, and the number of the last parse that used it (map order: least recent first). */
const cache = new Map<string, { tree: Root; parse: number }>();
let cachedChars = 0;
let parses = 0;
let enabled = true;

/**
 * Turn section-by-section parsing on (the default) or off. It pays only when the same document is
 * parsed again: a one-shot run such as the CLI, which parses each file once, turns it off and
 * parses every text whole, which is about 14% faster over the bench corpus and keeps no trees.
 */
export function parseInSections(on: boolean): void {
  enabled = on;
  if (!on) clearParseCache();
}

/** The tree of `text` as `parse` gives it, reusing the trees of sections parsed before. */
export function parseBySection(text: string, parse: (text: string) => Root): Root {
  if (!enabled || text.length < MIN_CUT_LENGTH || DEFINITION.test(text)) return parse(text);
  const cuts = [0];
  HEADING_LINE.lastIndex = 0;
  for (let m = HEADING_LINE.exec(text); m; m = HEADING_LINE.exec(text)) if (m.index > 0) cuts.push(m.index);
  HEADING_LINE.lastIndex = 0;
  cuts.push(text.length);
  if (cuts.length <= 3) return parse(text);
  parses++;

  const children: RootContent[] = [];
  let first: Root | undefined;
  let last: { tree: Root; at: Point } | undefined;
  let line = 1;
  let i = 0;
  while (i < cuts.length - 1) {
    // Take sections from cut i until one ends cleanly (or the text ends).
    let j = i + 1;
    let tree = treeOf(text.slice(cuts[i], cuts[j]), parse);
    for (let joins = 0; j < cuts.length - 1 && runsOn(tree); joins++) {
      j = joins + 1 >= MAX_JOINS ? cuts.length - 1 : j + 1;
      tree = treeOf(text.slice(cuts[i], cuts[j]), parse);
    }
    const at: Point = { line, column: 1, offset: cuts[i]! };
    for (const child of tree.children) children.push(moved(child, at));
    first ??= tree;
    last = { tree, at };
    line += lineCount(text, cuts[i]!, cuts[j]!);
    i = j;
  }
  evict();
  return {
    type: 'root',
    children,
    ...(first?.position && last?.tree.position ? { position: { start: movedPoint(first.position.start, { line: 1, column: 1, offset: 0 }), end: movedPoint(last.tree.position.end, last.at) } } : {}),
  };
}

/** Forget every remembered section (tests, and the benchmark's cold runs). */
export function clearParseCache(): void {
  cache.clear();
  cachedChars = 0;
}

/** Drop sections no recent parse used, then the least recently used past the size bound. */
function evict(): void {
  for (const [oldest, entry] of cache) {
    if (entry.parse > parses - CACHE_PARSES && cachedChars <= CACHE_CHARS) break;
    cache.delete(oldest);
    cachedChars -= oldest.length;
  }
}

/** Would what ends this section run on over a following heading? */
function runsOn(tree: Root): boolean {
  const lastChild = tree.children[tree.children.length - 1];
  return lastChild !== undefined && (lastChild.type === 'code' || lastChild.type === 'html');
}

function treeOf(text: string, parse: (text: string) => Root): Root {
  const hit = cache.get(text);
  if (hit) {
    cache.delete(text);
    cache.set(text, { tree: hit.tree, parse: parses });
    return hit.tree;
  }
  const tree = parse(text);
  if (text.length <= CACHE_CHARS / 4) {
    // A fresh copy: a key cut from the document's text would keep all of that text alive.
    const key = ` ${text}`.slice(1);
    cache.set(key, { tree, parse: parses });
    cachedChars += key.length;
  }
  return tree;
}

/** Line breaks in text[from, to) (\r\n, \r and \n each count once, as the parser counts them). */
function lineCount(text: string, from: number, to: number): number {
  let n = 0;
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 10) n++;
    else if (c === 13) {
      n++;
      if (text.charCodeAt(k + 1) === 10) k++;
    }
  }
  return n;
}

/** A copy of `node` and everything under it, positioned as if its section started at `at`. */
function moved<T extends Nodes>(node: T, at: Point): T {
  const copy = { ...node } as T & { children?: Nodes[]; position?: Position };
  if (node.position) copy.position = { start: movedPoint(node.position.start, at), end: movedPoint(node.position.end, at) };
  if ('children' in node) copy.children = (node.children as Nodes[]).map((child) => moved(child, at));
  return copy;
}

function movedPoint(point: Point, at: Point): Point {
  return {
    line: point.line + at.line - 1,
    column: point.line === 1 ? point.column + at.column - 1 : point.column,
    ...(point.offset !== undefined ? { offset: point.offset + (at.offset ?? 0) } : {}),
  };
}
