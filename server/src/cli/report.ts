import type { Level, Range, Severity, Suggestion } from '../core/index';

/**
 * A finding as the CLI reports it: plain data with its range already in lines and UTF-16
 * characters, so it can be posted from a worker thread and kept without the file's text.
 */
export interface ReportedFinding {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** 0-based lines, UTF-16 characters (as LSP counts them). */
  readonly range: Range;
  /** For a finding about a claim: the level claimed and the level the evidence reaches. */
  readonly levels?: { readonly claimed: Level; readonly evidenced: Level };
  readonly suggestions: readonly Suggestion[];
}

/** The result of checking one file. */
export interface FileReport {
  /** The path as printed (relative to the working folder, forward slashes; "<stdin>" for stdin). */
  readonly path: string;
  /** Empty when the file could not be checked. */
  readonly findings: readonly ReportedFinding[];
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
