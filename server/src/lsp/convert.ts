import {
  CodeAction,
  CodeActionKind,
  DiagnosticSeverity,
  type Diagnostic,
  type TextEdit as LspTextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver';
import { docsUrl, levelName, LineIndex, type Finding, type Fix, type Severity, type TextEdit } from '../core/index';

/**
 * The one place core values become LSP values: offsets → UTF-16 positions (through LineIndex),
 * findings → diagnostics, fixes → code actions and workspace edits.
 */

const SEVERITY: Readonly<Record<Severity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** What a diagnostic's `data` carries so code actions can find the finding again. */
export interface DiagnosticData {
  readonly version: number;
  readonly index: number;
}

/** A finding as an LSP diagnostic, with evidence as related information. */
export function toDiagnostic(finding: Finding, lines: LineIndex, uri: string, data: DiagnosticData): Diagnostic {
  const related = (finding.assessment?.evidence ?? [])
    .filter((e) => e.kind === 'activity' || e.kind === 'tokenism')
    .slice(0, 12)
    .map((e) => ({
      location: { uri, range: lines.range(e.start, e.end) },
      message: `${levelName(e.level)}: ${e.label}${e.adjustedBy ? ` (${e.adjustedBy})` : ''}`,
    }));
  return {
    range: lines.range(finding.start, finding.end),
    severity: SEVERITY[finding.severity],
    source: 'coprod-lens',
    code: finding.rule,
    codeDescription: { href: docsUrl(finding.rule) },
    message: finding.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    data,
  };
}

/** Core edits as one workspace edit: the document's edits, and each bibliography file's. */
export function toWorkspaceEdit(
  edits: readonly TextEdit[],
  documentUri: string,
  lines: LineIndex,
  files: ReadonlyMap<string, { uri: string; lines: LineIndex }>,
): WorkspaceEdit | undefined {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const edit of edits) {
    const target = edit.file === undefined ? { uri: documentUri, lines } : files.get(edit.file);
    if (!target) return undefined; // an edit to a file we could not read: offer no fix rather than half of one
    (changes[target.uri] ??= []).push({ range: target.lines.range(edit.start, edit.end), newText: edit.newText });
  }
  return { changes };
}

/** A fix as a quick-fix code action for `diagnostic`. */
export function toCodeAction(fix: Fix, edit: WorkspaceEdit, diagnostic: Diagnostic): CodeAction {
  const action = CodeAction.create(fix.title, edit, CodeActionKind.QuickFix);
  action.diagnostics = [diagnostic];
  if (fix.preferred) action.isPreferred = true;
  return action;
}
