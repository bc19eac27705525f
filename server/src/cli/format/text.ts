import { countBySeverity, type FileReport } from '../report';
import type { Severity } from '../../core/index';

/** ANSI colours, used only when the output is a terminal. */
const COLOURS: Readonly<Record<Severity, string>> = { error: '\x1b[31m', warning: '\x1b[33m', information: '\x1b[36m', hint: '\x1b[90m' };
const DIM = '\x1b[2m';
const RESET = '\x1b[0m';

/**
 * The familiar `path:line:col severity message rule` lines (1-based line and column), one per
 * finding, then a summary line unless `quiet`.
 */
export function formatText(reports: readonly FileReport[], options: { colour: boolean; quiet: boolean }): string {
  const lines: string[] = [];
  for (const report of reports) {
    for (const finding of report.findings) {
      const at = finding.range.start;
      const severity = options.colour ? `${COLOURS[finding.severity]}${finding.severity}${RESET}` : finding.severity;
      const rule = options.colour ? `${DIM}${finding.rule}${RESET}` : finding.rule;
      lines.push(`${report.path}:${at.line + 1}:${at.character + 1} ${severity} ${finding.message} ${rule}`);
    }
  }
  if (!options.quiet) lines.push(summary(reports));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/** "6 files checked: 4 warnings, 1 information; 1 file could not be checked." */
export function summary(reports: readonly FileReport[]): string {
  const counts = countBySeverity(reports);
  const parts = (['error', 'warning', 'information', 'hint'] as const)
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s === 'information' || counts[s] === 1 ? s : `${s}s`}`);
  const failed = reports.filter((r) => r.error !== undefined).length;
  const checked = reports.length - failed;
  let line = `${checked} ${checked === 1 ? 'file' : 'files'} checked: ${parts.length > 0 ? parts.join(', ') : 'no problems found'}`;
  if (failed > 0) line += `; ${failed} ${failed === 1 ? 'file' : 'files'} could not be checked`;
  return `${line}.`;
}
