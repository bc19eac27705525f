import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { docsUrl, levelName, RULES, type Severity } from '../../core/index';
import type { FileReport } from '../report';

/** SARIF's result levels for our severities. */
const SARIF_LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = {
  error: 'error',
  warning: 'warning',
  information: 'note',
  hint: 'note',
};

/** Rule ids as SARIF `name`s: "consultation-only" → "ConsultationOnly". */
function pascal(id: string): string {
  return id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

/** A printed path as a SARIF artifact URI relative to %SRCROOT% (each segment percent-encoded). */
function uriOf(path: string): string {
  if (path === '<stdin>') return 'stdin';
  if (isAbsolute(path)) return pathToFileURL(path).href;
  return path.split('/').map((segment) => (segment === '..' || segment === '.' ? segment : encodeURIComponent(segment))).join('/');
}

/**
 * A SARIF 2.1.0 log for code-scanning dashboards: one run, rule metadata with help links,
 * 1-based lines and UTF-16 columns (`columnKind`), files that could not be checked as
 * tool execution notifications.
 */
export function formatSarif(reports: readonly FileReport[], options: { version: string; cwd: string }): string {
  const results = reports.flatMap((report) =>
    report.findings.map((f) => {
      const range = f.range;
      return {
        ruleId: f.rule,
        ruleIndex: RULES.findIndex((r) => r.id === f.rule),
        level: SARIF_LEVEL[f.severity],
        message: { text: f.message },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: uriOf(report.path), uriBaseId: '%SRCROOT%' },
              region: {
                startLine: range.start.line + 1,
                startColumn: range.start.character + 1,
                endLine: range.end.line + 1,
                endColumn: range.end.character + 1,
              },
            },
          },
        ],
        ...(f.levels ? { properties: { claimedLevel: levelName(f.levels.claimed), evidencedLevel: levelName(f.levels.evidenced) } } : {}),
      };
    }),
  );
  const notifications = reports
    .filter((r) => r.error !== undefined)
    .map((r) => ({
      level: 'error',
      message: { text: `${r.path}: ${r.error}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: uriOf(r.path), uriBaseId: '%SRCROOT%' } } }],
    }));
  const root = pathToFileURL(options.cwd).href.replace(/\/?$/, '/');
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'coprod-lens',
            fullName: 'Co-production Lens',
            version: options.version,
            semanticVersion: options.version,
            informationUri: 'https://github.com/coproduction-lens/coproduction-lens',
            rules: RULES.map((rule) => ({
              id: rule.id,
              name: pascal(rule.id),
              shortDescription: { text: rule.description },
              fullDescription: { text: rule.description },
              helpUri: docsUrl(rule.id),
              help: { text: `See ${docsUrl(rule.id)}` },
              defaultConfiguration: { level: SARIF_LEVEL[rule.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: root } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: notifications.length === 0, toolExecutionNotifications: notifications }],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
