import type { Span } from './types';

/**
 * Sentence splitting with exact offsets. Works on a block's masked text (see `markdown.ts`) and
 * returns spans relative to that text. A boundary is a full stop, question or exclamation mark
 * (optionally followed by closing quotes or brackets) before white space and a capital, digit,
 * opening quote or bracket; a blank line or a line that starts a new bullet-like run also ends a
 * sentence. Common abbreviations ("e.g.", "et al.", "Dr.") do not end a sentence. Linear time.
 */

const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'etc', 'al', 'cf', 'vs', 'dr', 'mr', 'mrs', 'ms', 'prof', 'fig', 'no', 'nos', 'approx',
  'incl', 'st', 'ed', 'eds', 'vol', 'pp', 'p', 'ch', 'dept', 'univ', 'jr', 'sr', 'inc', 'ltd', 'co', 'viz',
  'para', 'paras', 'sec', 'chap', 'tab', 'app', 'eq', 'ref', 'refs',
]);

const BOUNDARY = /[.!?…]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])|\n[ \t]*\n/g;

/** Split `text` into sentence spans (trimmed of surrounding white space; empty ones dropped). */
export function splitSentences(text: string): Span[] {
  const spans: Span[] = [];
  let start = 0;
  BOUNDARY.lastIndex = 0;
  for (let match = BOUNDARY.exec(text); match; match = BOUNDARY.exec(text)) {
    const end = match.index + match[0].length;
    if (match[0][0] === '.' && match[0].length === 1 && isAbbreviation(text, match.index)) continue;
    push(text, start, end, spans);
    start = end;
  }
  push(text, start, text.length, spans);
  return spans;
}

/** True when the full stop at `dot` ends an abbreviation or an initial ("J. Smith"). */
function isAbbreviation(text: string, dot: number): boolean {
  let from = dot;
  while (from > 0 && /[A-Za-z.]/.test(text[from - 1]!)) from--;
  const word = text.slice(from, dot);
  if (word.length === 1 && /[A-Z]/.test(word)) return true; // an initial
  return ABBREVIATIONS.has(word.toLowerCase());
}

function push(text: string, start: number, end: number, out: Span[]): void {
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  if (end > start) out.push({ start, end });
}
