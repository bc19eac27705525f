import type { TextEdit } from './types';

/**
 * Applying text edits: the one place edits meet text, shared by `check --fix`, tests and (later)
 * the language server's conversion. Edits are in offsets of the original text and must not overlap.
 */

/** Apply `edits` (offsets into `text`) and return the new text. Throws on overlapping edits. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const edit of sorted) {
    if (edit.start < at || edit.end < edit.start || edit.end > text.length) {
      throw new Error(`edit [${edit.start}, ${edit.end}) overlaps another edit or lies outside the text`);
    }
    out += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** The edits for one file (`undefined` = the document), in order. */
export function editsFor(edits: readonly TextEdit[], file: string | undefined): TextEdit[] {
  return edits.filter((e) => e.file === file);
}

/** The line ending a text mostly uses. */
export function lineEnding(text: string): '\r\n' | '\n' {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1 - crlf;
  return crlf > lf ? '\r\n' : '\n';
}
