import { LineIndex, type Finding, type Severity } from '../core/index';

/** The result of checking one file. */
export interface FileReport {
  /** The path as printed (relative to the working folder, forward slashes; "<stdin>" for stdin). */
  readonly path: string;
  readonly findings: readonly Finding[];
  /** Positions for `findings`; absent when the file could not be read. */
  readonly lines?: LineIndex;
  /** Why the file could not be checked. */
  readonly error?: string;
}

/** Severities from most to least severe, with their rank. */
export const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, information: 1, hint: 0 };

/** The values --fail-on accepts. */
export type FailOn = Severity | 'never';

/** True when a finding of `severity` makes the run fail at `failOn`. */
export function fails(severity: Severity, failOn: FailOn): boolean {
  return failOn !== 'never' && SEVERITY_RANK[severity] >= SEVERITY_RANK[failOn];
}

/** Counts of findings by severity, for summaries. */
export function countBySeverity(reports: readonly FileReport[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const report of reports) for (const finding of report.findings) counts[finding.severity]++;
  return counts;
}
