import { pathToFileURL } from 'node:url';
import type { WorkspaceEdit } from 'vscode-languageserver';
import { LineIndex, type TextEdit } from '../core/index';
import type { Analysed } from './analysis';
import { toWorkspaceEdit } from './convert';

/** Core edits for an analysed document (and its bibliography files) as one workspace edit. */
export function workspaceEditFor(analysed: Analysed, edits: readonly TextEdit[]): WorkspaceEdit | undefined {
  const files = new Map<string, { uri: string; lines: LineIndex }>();
  for (const bib of analysed.bibliographies) files.set(bib.path, { uri: pathToFileURL(bib.absolute).href, lines: new LineIndex(bib.text) });
  return toWorkspaceEdit(edits, analysed.uri, analysed.lines, files);
}
