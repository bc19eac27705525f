import { levelName } from '../../core/index';
import type { FileReport } from '../report';

/**
 * The JSON report (contract in DESIGN.md §6): `{ version: 1, files: [{ path, diagnostics }] }`,
 * ranges 0-based in UTF-16 code units as LSP counts them. A file that could not be checked
 * carries `error` and no diagnostics.
 */
export function formatJson(reports: readonly FileReport[]): string {
  const files = reports.map((report) => ({
    path: report.path,
    ...(report.error !== undefined ? { error: report.error } : {}),
    diagnostics: report.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      range: f.range,
      level: f.levels ? levelName(f.levels.evidenced) : null,
      suggestions: f.suggestions.map((s) => ({ id: s.id, author: s.author, year: s.year, citation: s.citation })),
    })),
  }));
  return `${JSON.stringify({ version: 1, files }, null, 2)}\n`;
}
