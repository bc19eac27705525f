/**
 * Helpers for the end-to-end suite, which runs inside VS Code's extension host (desktop VS Code
 * through @vscode/test-electron, or code-server's Node extension host) against the real extension.
 *
 * The workspace folder is a temporary copy of samples/ made by the runner (scripts/e2e/run.mjs);
 * tests that edit a document work on a further copy under scratch/ in that folder, so neither
 * samples/ nor the workspace's own copies are ever modified.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'coproduction-lens.coproduction-lens';
export const SOURCE = 'coprod-lens';

/** How long a wait on the extension may take before the test fails (a failure guard, not a sleep). */
export const WAIT_MS = 30_000;

/** The consultation-only findings each sample must produce: [line, start character, end character, claim text] (0-based). */
export const EXPECTED: Readonly<Record<string, readonly (readonly [number, number, number, string])[]>> = {
  'charity-grant.md': [[23, 36, 68, 'in partnership with young carers']],
  'community-service-bid.md': [[11, 16, 27, 'co-designed']],
  'genuine-coproduction.md': [],
  'health-research-ppi.md': [
    [20, 20, 31, 'co-produced'],
    [55, 31, 48, 'as equal partners'],
  ],
  'honest-consultation.md': [],
  'mixed-work-packages.md': [[48, 32, 43, 'co-designed']],
};
export const SAMPLES = Object.keys(EXPECTED);

/** What activate() returns (client/src/extension.ts, CoprodLensApi). */
interface Api {
  readonly ready: Promise<void>;
}

/** A promise that rejects with `what` if `promise` has not settled within `ms`. */
export function within<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Activate the extension (it activates on Markdown anyway) and wait until its language server runs. */
export async function activate(): Promise<vscode.Extension<Api>> {
  const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded (extensionDevelopmentPath wrong?)`);
  const api = await within(Promise.resolve(extension.activate()), 'the extension to activate');
  await within(api.ready, 'the language server to start');
  return extension;
}

/** The workspace folder (the runner's temporary copy of samples/). */
export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open (the runner opens a temporary copy of samples/)');
  return folder.uri;
}

export function sampleUri(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceFolder(), name);
}

/** The extension's diagnostics on a document (other extensions' are left out). */
export function lensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.source === SOURCE)
    .sort((a, b) => a.range.start.compareTo(b.range.start));
}

export function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? code.value : code;
}

/**
 * Resolves with the document's coprod-lens diagnostics on the first `onDidChangeDiagnostics` for
 * `uri` after this call (not the state before it) at which `accept` holds. Subscribe first, then
 * cause the change (open, edit, run a command). The timeout only turns a hang into a failure.
 */
export function nextDiagnostics(
  uri: vscode.Uri,
  accept: (diagnostics: vscode.Diagnostic[]) => boolean,
  what = `coprod-lens diagnostics on ${uri.path.split('/').pop()}`,
): Promise<vscode.Diagnostic[]> {
  let subscription: vscode.Disposable | undefined;
  const arrived = new Promise<vscode.Diagnostic[]>((resolve) => {
    subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((u) => u.toString() === uri.toString())) return;
      const diagnostics = lensDiagnostics(uri);
      if (accept(diagnostics)) resolve(diagnostics);
    });
  });
  return within(arrived, what).finally(() => subscription?.dispose());
}

/** Like nextDiagnostics, but also resolves at once when the current state already satisfies `accept`. */
export function diagnosticsWhere(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, what?: string): Promise<vscode.Diagnostic[]> {
  const now = lensDiagnostics(uri);
  if (accept(now)) return Promise.resolve(now);
  return nextDiagnostics(uri, accept, what);
}

/** Open a document in an editor and wait for the extension's diagnostics on it (`count` of them). */
export async function openAndWait(uri: vscode.Uri, count: number): Promise<{ editor: vscode.TextEditor; diagnostics: vscode.Diagnostic[] }> {
  const what = `${count} coprod-lens diagnostics on ${uri.path.split('/').pop()}`;
  // A document still open in the extension host (its editor closed, the model not yet disposed)
  // is not opened again, so no new diagnostics come: then its current ones are the answer.
  const alreadyOpen = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  const arrived = alreadyOpen ? diagnosticsWhere(uri, (d) => d.length === count, what) : nextDiagnostics(uri, (d) => d.length === count, what);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { preview: false });
  return { editor, diagnostics: await arrived };
}

let scratchCounter = 0;

/** Copy a sample of the workspace to scratch/NAME-N.md (a fresh file per call) and return its URI. */
export async function scratchCopy(sample: string): Promise<vscode.Uri> {
  const source = sampleUri(sample);
  const target = vscode.Uri.joinPath(workspaceFolder(), 'scratch', `${sample.replace(/\.md$/, '')}-${++scratchCounter}.md`);
  await vscode.workspace.fs.copy(source, target, { overwrite: true });
  return target;
}

/** Close every editor without prompting (scratch documents are saved or reverted first). */
export async function closeAll(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (document.isDirty && document.uri.scheme === 'file') await document.save();
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** Remove scratch/ (after closing its editors). */
export async function removeScratch(): Promise<void> {
  await closeAll();
  const scratch = vscode.Uri.joinPath(workspaceFolder(), 'scratch');
  try {
    await vscode.workspace.fs.delete(scratch, { recursive: true, useTrash: false });
  } catch (error) {
    if (!(error instanceof vscode.FileSystemError && error.code === 'FileNotFound')) throw error;
  }
}

/** The code actions VS Code offers on a range, with their titles. */
export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range);
  return (actions ?? []).filter((a): a is vscode.CodeAction => 'title' in a && !('command' in a && typeof a.command === 'string'));
}

/** Set coprodLens.citationStyle in the workspace settings and wait until the extension host sees it. */
export async function setCitationStyle(style: 'auto' | 'author-date' | 'numeric' | 'pandoc' | undefined): Promise<void> {
  const config = vscode.workspace.getConfiguration('coprodLens', workspaceFolder());
  const changed = new Promise<void>((resolve) => {
    const subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('coprodLens.citationStyle')) {
        subscription.dispose();
        resolve();
      }
    });
  });
  const before = config.inspect<string>('citationStyle')?.workspaceValue;
  await config.update('citationStyle', style, vscode.ConfigurationTarget.Workspace);
  if (before !== style) await within(changed, `coprodLens.citationStyle to become ${String(style)}`);
  assert.equal(vscode.workspace.getConfiguration('coprodLens', workspaceFolder()).get('citationStyle'), style ?? 'auto');
}

/** The first editor tab satisfying `accept`, now or when the tabs next change (the workbench adds tabs asynchronously). */
export function tabWhere(accept: (tab: vscode.Tab) => boolean, what: string): Promise<vscode.Tab> {
  const find = (): vscode.Tab | undefined => vscode.window.tabGroups.all.flatMap((group) => group.tabs).find(accept);
  const now = find();
  if (now) return Promise.resolve(now);
  let subscription: vscode.Disposable | undefined;
  const found = new Promise<vscode.Tab>((resolve) => {
    subscription = vscode.window.tabGroups.onDidChangeTabs(() => {
      const tab = find();
      if (tab) resolve(tab);
    });
  });
  const labels = (): string => vscode.window.tabGroups.all.flatMap((group) => group.tabs.map((t) => t.label)).join(', ');
  return within(found, what).catch((error: Error) => {
    throw new Error(`${error.message} (tabs: ${labels()})`);
  }).finally(() => subscription?.dispose());
}

/**
 * Watches every diagnostics change of the whole run for the same coprod-lens diagnostic (range,
 * code and message) reported twice on one file — e.g. pushed by one mechanism and pulled by another.
 * Started by the first suite, checked by the last (invariants.test.ts).
 */
export const duplicates = {
  seen: new Map<string, string>(),
  subscription: undefined as vscode.Disposable | undefined,
  start(): void {
    this.subscription ??= vscode.languages.onDidChangeDiagnostics((event) => {
      for (const uri of event.uris) {
        const keys = lensDiagnostics(uri).map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(codeOf(d))} ${d.message}`);
        const twice = keys.find((key, i) => keys.indexOf(key) !== i);
        if (twice && !this.seen.has(uri.toString())) {
          this.seen.set(uri.toString(), `${vscode.workspace.asRelativePath(uri)}: ${keys.filter((k) => k === twice).length}× "${twice.slice(0, 100)}…" (${keys.length} diagnostics)`);
        }
      }
    });
  },
};

/** The text of a hover's contents. */
export function hoverText(hovers: readonly vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n');
}
