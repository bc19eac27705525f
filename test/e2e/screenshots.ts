/**
 * Screenshot driver (bundled into out/e2e/screenshots.js, run by scripts/e2e/screenshots.mjs as
 * the extensionTestsPath of a code-server workbench). It puts the workbench into each state through
 * the VS Code API, then asks the script, over HTTP on loopback (COPROD_E2E_SHOT_URL), to take the
 * picture; the script answers once the picture is saved.
 */
import * as vscode from 'vscode';

const EXTENSION_ID = 'coproduction-lens.coproduction-lens';
const WAIT_MS = 30_000;
/** The sample whose engagement profile is pictured. */
const PROFILE_OF = process.env.COPROD_E2E_PROFILE_OF ?? 'mixed-work-packages.md';

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Ask the screenshot script to take picture `name` (it waits for `selector`-style readiness itself). */
async function shot(name: string): Promise<void> {
  const base = process.env.COPROD_E2E_SHOT_URL;
  if (!base) throw new Error('COPROD_E2E_SHOT_URL is not set (run scripts/e2e/screenshots.mjs)');
  const response = await fetch(`${base}/shot?name=${encodeURIComponent(name)}`, { method: 'POST' });
  if (!response.ok) throw new Error(`screenshot ${name}: ${response.status} ${await response.text()}`);
}

function lensDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'coprod-lens');
}

/** Open a document and wait until the extension's diagnostics on it arrive. */
async function openWithFindings(uri: vscode.Uri): Promise<{ editor: vscode.TextEditor; diagnostics: vscode.Diagnostic[] }> {
  let subscription: vscode.Disposable | undefined;
  const arrived = new Promise<void>((resolve) => {
    subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString()) && lensDiagnostics(uri).length > 0) resolve();
    });
  });
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  if (lensDiagnostics(uri).length === 0) await within(arrived, `diagnostics on ${uri.path}`);
  subscription?.dispose();
  return { editor, diagnostics: lensDiagnostics(uri) };
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<{ ready: Promise<void> }>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  await within(Promise.resolve(extension.activate()).then((api) => api.ready), 'the language server');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  if (!folder) throw new Error('no workspace folder');

  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar');

  // The samples with findings, each opened (so the Problems panel lists them whatever the server's
  // workspace-diagnostics mode), charity-grant.md last so it is the active editor.
  for (const name of ['mixed-work-packages.md', 'health-research-ppi.md', 'community-service-bid.md']) {
    await openWithFindings(vscode.Uri.joinPath(folder, name));
  }

  // (a) A proposal with the consultation-only squiggle and the hover open on its claim's sentence.
  const uri = vscode.Uri.joinPath(folder, 'charity-grant.md');
  const { editor, diagnostics } = await openWithFindings(uri);
  const claim = diagnostics[0]!.range;
  const line = editor.document.lineAt(claim.start.line).text;
  const at = new vscode.Position(claim.start.line, line.indexOf('co-created') + 3); // in the claim's sentence, beside the squiggle
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(claim.start.translate(-6, 0), claim.end), vscode.TextEditorRevealType.AtTop);
  await vscode.commands.executeCommand('editor.action.showHover');
  await shot('editor-hover');
  await vscode.commands.executeCommand('editor.action.hideHover');

  // (b) The Problems panel with the findings.
  await vscode.commands.executeCommand('workbench.actions.view.problems');
  await shot('problems');
  await vscode.commands.executeCommand('workbench.action.closePanel');

  // (c) The engagement profile of the proposal with the most claims, beside it.
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, PROFILE_OF)), { preview: false });
  await vscode.commands.executeCommand('coprodLens.showEngagementProfile');
  // The profile's group (now active) gets the whole window, so the ladder is not cut off.
  await vscode.commands.executeCommand('workbench.action.maximizeEditorHideSidebar');
  await shot('profile');
}
