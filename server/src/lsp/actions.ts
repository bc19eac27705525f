import { CodeAction, CodeActionKind, type CodeActionParams, type Diagnostic } from 'vscode-languageserver';
import { addAllMissingEntries } from '../core/index';
import type { Analysed } from './analysis';
import { toCodeAction, toDiagnostic } from './convert';
import { workspaceEditFor } from './edits';
import { diffEdits } from './diff';

/** The source action that adds every missing reference entry. */
export const ADD_MISSING_ENTRIES = `${CodeActionKind.Source}.coprodLens.addMissingEntries`;

/**
 * Code actions, derived generically from the fixes the core put on each finding: the "Cite …"
 * actions (first preferred), "Describe as consultation", "Ignore this finding", the entry fix of
 * missing-reference-entry — and one source action that adds all missing reference entries.
 */
export function codeActions(analysed: Analysed, params: CodeActionParams): CodeAction[] {
  const start = analysed.lines.offset(params.range.start);
  const end = analysed.lines.offset(params.range.end);
  const wanted = params.context.only;
  const actions: CodeAction[] = [];
  const quickFixes = !wanted || wanted.some((k) => CodeActionKind.QuickFix.startsWith(k) || k === CodeActionKind.QuickFix);
  if (quickFixes) {
    analysed.result.findings.forEach((finding, index) => {
      if (finding.end < start || finding.start > end) return;
      const diagnostic: Diagnostic = toDiagnostic(finding, analysed.lines, analysed.uri, { version: analysed.version, index });
      for (const fix of finding.fixes) {
        const edit = workspaceEditFor(analysed, fix.edits);
        if (edit) actions.push(toCodeAction(fix, edit, diagnostic));
      }
    });
  }
  const source = wanted?.some((k) => ADD_MISSING_ENTRIES.startsWith(k));
  if (source || !wanted) {
    const all = addAllMissingEntriesAction(analysed);
    if (all) actions.push(all);
  }
  return actions;
}

/** Add every missing entry (the core applies them one by one), diffed into minimal edits per file. */
function addAllMissingEntriesAction(analysed: Analysed): CodeAction | undefined {
  if (!analysed.result.findings.some((f) => f.fixes.some((x) => x.kind === 'add-entry'))) return undefined;
  const outcome = addAllMissingEntries(analysed.text, analysed.settings.settings, analysed.bibliographies);
  const edits = [
    ...diffEdits(analysed.text, outcome.text),
    ...outcome.bibliographies.flatMap((b, i) => diffEdits(analysed.bibliographies[i]!.text, b.text).map((e) => ({ ...e, file: b.path }))),
  ];
  const edit = workspaceEditFor(analysed, edits);
  if (!edit || edits.length === 0) return undefined;
  return CodeAction.create('Add all missing reference entries', edit, ADD_MISSING_ENTRIES);
}
