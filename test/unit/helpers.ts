import { analyze } from '../../server/src/core/analyze';
import type { Finding } from '../../server/src/core/types';

/** Findings of one rule (or all) for a Markdown string, with the flagged text for readable asserts. */
export function findings(markdown: string, rule?: string): (Finding & { text: string })[] {
  return analyze(markdown)
    .findings.filter((f) => rule === undefined || f.rule === rule)
    .map((f) => ({ ...f, text: markdown.slice(f.start, f.end) }));
}

/** Join lines with \n: fixtures read as Markdown. */
export function md(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}
