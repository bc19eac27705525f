import { gfmTable } from 'micromark-extension-gfm-table';
import type { Construct, Extension } from 'micromark-util-types';

/**
 * The GFM table construct, tried only where a table row can start.
 *
 * As the extension comes, micromark tries the table construct at the start of every line of flow
 * content, whatever its first character, and every try (a saved state, the tokenizer's closures,
 * the row read to its end, the state restored) costs: over the bench corpus, a quarter of the
 * parse. Yet a table needs a delimiter row, and a delimiter row's line holds nothing but spaces,
 * tabs, `>`, `|`, `:` and `-` (block quote markers and indentation before the row itself), with at
 * least one `-`. So for each text this module finds the lines that could be a delimiter row,
 * and collects the characters that the line before (a head row) and the lines after, up to a
 * blank line (body rows), could start with once container markers are skipped. The construct is
 * registered for those characters only, after the constructs micromark already has for them, in
 * the place it has when registered for every character. A text with no such line gets no table
 * construct at all.
 *
 * The tree is the one the extension as it comes gives: the unit tests compare the two on every
 * sample, corpus passage and generated document, and on generated tables inside lists and block
 * quotes.
 */

const LF = 10;
const CR = 13;
const SPACE = 32;
const TAB = 9;

function isSpace(c: number): boolean {
  return c === SPACE || c === TAB;
}

function isEnd(c: number): boolean {
  return c === LF || c === CR || Number.isNaN(c);
}

/** The offset where the line after the one starting at `start` begins, or text.length. */
function nextLine(text: string, start: number): number {
  let at = start;
  while (at < text.length) {
    const c = text.charCodeAt(at);
    if (c === LF) return at + 1;
    if (c === CR) return text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
    at++;
  }
  return at;
}

/** Whether the line starting at `start` could hold a delimiter row: only ` \t>|:-`, and a `-`. */
function mayBeDelimiterRow(text: string, start: number): boolean {
  let dash = false;
  for (let at = start; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === LF || c === CR) break;
    if (c === 45) dash = true;
    else if (c !== SPACE && c !== TAB && c !== 62 && c !== 124 && c !== 58) return false;
  }
  return dash;
}

/** Whether the line starting at `start` is empty or white space only. */
function isBlank(text: string, start: number): boolean {
  for (let at = start; at < text.length; at++) {
    const c = text.charCodeAt(at);
    if (c === LF || c === CR) return true;
    if (!isSpace(c)) return false;
  }
  return true;
}

/**
 * Add to `starts` every character the flow content of the line starting at `start` could begin
 * with: the first one after white space and after each block quote marker or list item marker
 * that could open a container there (a superset: some of them are text).
 */
function addFlowStarts(text: string, start: number, starts: Set<number>): void {
  // micromark skips a byte-order mark at the very start.
  let at = start === 0 && text.charCodeAt(0) === 0xfeff ? 1 : start;
  for (;;) {
    while (isSpace(text.charCodeAt(at))) at++;
    const c = text.charCodeAt(at);
    if (isEnd(c)) return;
    // micromark reads NUL as U+FFFD.
    starts.add(c === 0 ? 0xfffd : c);
    if (c === 62 /* > */) {
      at++;
      continue;
    }
    if ((c === 45 || c === 43 || c === 42) /* - + * */ && (isSpace(text.charCodeAt(at + 1)) || isEnd(text.charCodeAt(at + 1)))) {
      at++;
      continue;
    }
    let digits = 0;
    while (digits < 9 && text.charCodeAt(at + digits) >= 48 && text.charCodeAt(at + digits) <= 57) digits++;
    const after = text.charCodeAt(at + digits);
    if (digits > 0 && (after === 46 || after === 41) /* . ) */ && (isSpace(text.charCodeAt(at + digits + 1)) || isEnd(text.charCodeAt(at + digits + 1)))) {
      at += digits + 1;
      continue;
    }
    return;
  }
}

/** The characters a table row in `text` could start with (see above); empty when `text` can hold no table. */
export function tableRowStarts(text: string): Set<number> {
  const starts = new Set<number>();
  let previous = -1;
  let line = 0;
  // Lines already read as possible body rows: a run of rows is walked once.
  let readTo = 0;
  while (line < text.length) {
    const next = nextLine(text, line);
    if (mayBeDelimiterRow(text, line)) {
      if (previous >= 0) addFlowStarts(text, previous, starts);
      for (let row = Math.max(next, readTo); row < text.length && !isBlank(text, row); row = nextLine(text, row)) {
        addFlowStarts(text, row, starts);
        readTo = nextLine(text, row);
      }
    }
    previous = line;
    line = next;
  }
  return starts;
}

/**
 * gfmTable() with its construct registered for the character codes in `starts` only (after
 * micromark's own constructs for each), or nothing when `starts` is empty.
 */
export function gfmTableAt(starts: ReadonlySet<number>): Extension {
  if (starts.size === 0) return {};
  const extension = gfmTable();
  const construct = extension.flow?.null;
  // micromark-extension-gfm-table 2.x registers one construct for every character; anything else
  // is used as it comes.
  if (!construct || Array.isArray(construct)) return extension;
  const after: Construct = { ...(construct as Construct), add: 'after' };
  const flow: Record<number, Construct> = {};
  for (const code of starts) flow[code] = after;
  return { ...extension, flow };
}
