/**
 * Lists and block quotes nested deeper than any proposal goes are read as plain text.
 *
 * The Markdown parser takes time quadratic in how many containers one line opens (each list
 * marker looks ahead over the rest of the line for a thematic break, and each list walks every
 * event inside it again): one line of 10,000 "- " markers took over half a minute. So before the
 * text reaches the parser, on any line that could hold more than `maxDepth` lists and block
 * quotes, the first marker past that depth is replaced by a letter. The parser then reads the
 * rest of the line as the text of the innermost item that remains; block text is cut from the
 * original source, so the over-deep markers are read as they stand, as words. One UTF-16 unit
 * replaces one, so every offset stays exact.
 *
 * How many containers a line can hold is bounded from the line alone: every list item it
 * continues takes at least two columns of indentation, every block quote a ">", and every item
 * it opens a marker. Lazy and blank lines open nothing, so no container is ever deeper than the
 * deepest line allows. A line that is a thematic break ("- - - - …") opens nothing and is left
 * as it is.
 */

/** What an over-deep marker becomes in the parser's input: a letter, which starts no construct. */
const PLAIN = 'x';
const THEMATIC_BREAK = /^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LINE_END = /\r\n?|\n/g;

/**
 * `text` with the first list or block quote marker past `maxDepth` on each line replaced by a
 * letter (the same text when no line goes that deep, which is every real document).
 */
export function limitNesting(text: string, maxDepth: number): string {
  let out: string[] | undefined;
  let copied = 0;
  let line = 0;
  while (line < text.length) {
    LINE_END.lastIndex = line;
    const lineEnd = LINE_END.exec(text);
    const end = lineEnd ? lineEnd.index : text.length;
    const at = overDeepMarker(text, line, end, maxDepth);
    if (at >= 0 && !THEMATIC_BREAK.test(text.slice(line, end))) {
      (out ??= []).push(text.slice(copied, at), PLAIN);
      copied = at + 1;
    }
    line = lineEnd ? end + lineEnd[0].length : text.length;
  }
  if (!out) return text;
  out.push(text.slice(copied));
  return out.join('');
}

/**
 * Offset of the first marker in the container prefix of line `[start, end)` that could make the
 * line more than `maxDepth` containers deep, or -1.
 */
function overDeepMarker(text: string, start: number, end: number, maxDepth: number): number {
  let columns = 0; // white space, a tab counted as its widest (four columns)
  let markers = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09) {
      columns += c === 0x09 ? 4 : 1;
      i++;
      continue;
    }
    const width = markerWidth(text, i, end);
    if (width === 0) return -1;
    if (Math.floor(columns / 2) + markers + 1 > maxDepth) return i;
    markers++;
    i += width;
  }
  return -1;
}

/** Length of the block quote or list marker at `i` ("> ", "- ", "12. " without the space), or 0. */
function markerWidth(text: string, i: number, end: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x3e) return 1; // >
  let after = i;
  if (c === 0x2d || c === 0x2b || c === 0x2a) after = i + 1; // - + *
  else {
    while (after < end && after - i < 9 && isDigit(text.charCodeAt(after))) after++;
    const close = text.charCodeAt(after);
    if (after === i || (close !== 0x2e && close !== 0x29)) return 0; // . )
    after++;
  }
  const next = text.charCodeAt(after);
  return after === end || next === 0x20 || next === 0x09 ? after - i : 0;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
