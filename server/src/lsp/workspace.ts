import { statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { filePath } from './uri';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readBoundedText } from '../node/bounded-read';
import { walk } from '../node/walk';
import type { Analysed, Analyzer } from './analysis';
import { toDiagnostic } from './convert';
import { Trust } from './trust';

/** Files on disk over this are not even read (maxFileSize, checked on the text, is usually lower). */
const MAX_READ = 50 * 1024 * 1024;

/** One proposal in the workspace, analysed. */
export interface WorkspaceFile {
  readonly uri: string;
  readonly version: number | null;
  readonly diagnostics: Diagnostic[];
  readonly analysed?: Analysed;
  readonly error?: string;
  /** Identifies this result: the editor's version, or the file's modification time and size. */
  readonly resultId?: string;
  /** True when the caller already holds the result for `resultId`. */
  readonly unchanged?: boolean;
}

/** A result id for a file: open documents by version, others by modification time and size. */
function resultIdOf(path: string, document: TextDocument | undefined): string | undefined {
  if (document) return `open:${document.version}`;
  try {
    const stats = statSync(path);
    return `disk:${stats.mtimeMs}:${stats.size}`;
  } catch {
    return undefined;
  }
}

/** Markdown files of the workspace folders (node_modules and .git skipped). */
export function workspaceFiles(folders: readonly string[]): string[] {
  return folders.flatMap((f) => {
    const path = filePath(f);
    return path === undefined ? [] : walk(path);
  });
}

/** Allows files whose real path (symbolic links resolved) lies inside one of `folders` (URIs). */
export function insideFolders(folders: readonly string[]): (path: string) => boolean {
  const inside = new Trust(false);
  inside.setFolders(folders);
  return (path) => inside.allows(path);
}

/**
 * Analyse every proposal in the workspace: open documents as they are in the editor, the rest from
 * disk. Reports progress through `progress(done, total)` and stops early when cancelled. A file on
 * disk that `allow` refuses is not read but reported; by default that is a symbolic link leading
 * outside the workspace folders (pass `trust.allows` to follow such links in a trusted workspace).
 */
export async function checkWorkspace(
  folders: readonly string[],
  open: (uri: string) => TextDocument | undefined,
  analyzer: Analyzer,
  token: CancellationToken | undefined,
  progress: (done: number, total: number, path: string) => void,
  unchanged: (uri: string, resultId: string) => boolean = () => false,
  allow: (path: string) => boolean = insideFolders(folders),
): Promise<WorkspaceFile[]> {
  const paths = workspaceFiles(folders);
  const out: WorkspaceFile[] = [];
  for (const [i, path] of paths.entries()) {
    if (token?.isCancellationRequested) break;
    progress(i, paths.length, path);
    const uri = pathToFileURL(path).href;
    let document = open(uri);
    if (!document && !allow(path)) {
      out.push({ uri, version: null, diagnostics: [], error: `${path}: not read, because it is a symbolic link to a file outside the workspace folders; open it in the editor to check it.` });
      continue;
    }
    const resultId = resultIdOf(path, document);
    if (resultId !== undefined && unchanged(uri, resultId)) {
      out.push({ uri, version: document ? document.version : null, diagnostics: [], resultId, unchanged: true });
      continue;
    }
    if (!document) {
      try {
        document = TextDocument.create(uri, 'markdown', 0, readBoundedText(path, MAX_READ));
      } catch (error) {
        out.push({ uri, version: null, diagnostics: [], error: `${path}: cannot read (${(error as Error).message})` });
        continue;
      }
    }
    const analysed = await analyzer.analyse(document, token, open(uri) !== undefined);
    if (!analysed) {
      out.push({ uri, version: null, diagnostics: [], error: `${path}: not checked (too large or failed; see the log)` });
      continue;
    }
    const diagnostics = analysed.result.findings.map((f, index) => toDiagnostic(f, analysed.lines, uri, { version: analysed.version, index }));
    out.push({ uri, version: open(uri) ? analysed.version : null, diagnostics, analysed, ...(resultId !== undefined ? { resultId } : {}) });
    // Let other requests (edits, hovers) through between files.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return out;
}
