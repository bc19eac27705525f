import type { Comment } from './markdown';

/**
 * Suppression comments:
 *   <!-- coprod-lens-disable-next-line [rule …] -->  the next non-blank line (and the paragraph
 *                                                    or list item that starts there)
 *   <!-- coprod-lens-disable [rule …] -->             from here …
 *   <!-- coprod-lens-enable [rule …] -->              … to here (or to the end of the file)
 * With no rule ids a comment applies to every rule.
 */

const DIRECTIVE = /^\s*coprod-lens-(disable-next-line|disable|enable)\b([\s\S]*)$/;

interface Range {
  readonly start: number;
  readonly end: number;
  /** Empty means every rule. */
  readonly rules: readonly string[];
}

/** Decides whether a finding of `rule` starting at `offset` is suppressed. */
export type Suppressed = (rule: string, offset: number) => boolean;

/** A suppression comment naming a rule that does not exist (probably a typo). */
export interface UnknownRule {
  readonly start: number;
  readonly end: number;
  readonly rule: string;
}

/**
 * Build the suppression test for a document. `blockEnd(lineStart)` returns the end of the prose
 * block that starts on that line (or `lineStart` itself when none does), so a disable-next-line
 * comment above a multi-line paragraph or list item covers all of it.
 */
export function suppressions(
  text: string,
  comments: readonly Comment[],
  blockEnd: (offset: number) => number,
  knownRules: readonly string[],
  unknown: UnknownRule[] = [],
): Suppressed {
  const ranges: Range[] = [];
  const open = new Map<string, number>(); // rule ('' = all) → start offset
  for (const comment of comments) {
    const match = DIRECTIVE.exec(comment.body);
    if (!match) continue;
    const rules = (match[2] ?? '').split(/[\s,]+/).filter((r) => r.length > 0);
    for (const rule of rules) if (!knownRules.includes(rule)) unknown.push({ start: comment.start, end: comment.end, rule });
    const kind = match[1];
    if (kind === 'disable-next-line') {
      const lineStart = nextNonBlankLine(text, comment.end);
      if (lineStart < 0) continue;
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) lineEnd = text.length;
      ranges.push({ start: lineStart, end: Math.max(lineEnd, blockEnd(lineStart)), rules });
    } else if (kind === 'disable') {
      for (const rule of rules.length ? rules : ['']) if (!open.has(rule)) open.set(rule, comment.end);
    } else {
      for (const rule of rules.length ? rules : [...open.keys()]) {
        const start = open.get(rule);
        if (start === undefined) continue;
        ranges.push({ start, end: comment.start, rules: rule ? [rule] : [] });
        open.delete(rule);
      }
    }
  }
  for (const [rule, start] of open) ranges.push({ start, end: text.length, rules: rule ? [rule] : [] });
  if (ranges.length === 0) return () => false;
  return (rule, offset) =>
    ranges.some((r) => offset >= r.start && offset <= r.end && (r.rules.length === 0 || r.rules.includes(rule)));
}

/** Offset of the first non-blank line from `from` on (the rest of the comment's own line first). */
function nextNonBlankLine(text: string, from: number): number {
  let start = from;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (/\S/.test(text.slice(start, end))) return start;
    if (newline < 0) return -1;
    start = newline + 1;
  }
  return -1;
}
