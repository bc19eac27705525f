import * as vscode from 'vscode';
import {
  CHECK_WORKSPACE,
  CITE,
  PROFILE,
  REFERENCES,
  type CheckWorkspaceResult,
  type CiteParams,
  type ProfileResult,
  type ReferenceItem,
} from '../../server/src/lsp/protocol';
import type { Ctx } from './ctx';
import { profileHtml } from './profile-view';

/** Register the commands; each is a small factory over the context. */
export function registerCommands(context: vscode.ExtensionContext, ctx: Ctx): void {
  const register = (id: string, run: () => Promise<unknown>): void => {
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async () => {
        try {
          return await run();
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          ctx.log.error(`${id}: ${message}`);
          void vscode.window.showErrorMessage(`Co-production Lens: ${message}`);
          return undefined;
        }
      }),
    );
  };
  register('coprodLens.checkWorkspace', () => checkWorkspace(ctx));
  register('coprodLens.showEngagementProfile', () => showProfile(ctx));
  register('coprodLens.insertCitation', () => insertCitation(ctx));
  register('coprodLens.restartServer', () => ctx.restart());
}

async function checkWorkspace(ctx: Ctx): Promise<CheckWorkspaceResult> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Co-production Lens: checking proposals', cancellable: false },
    () => ctx.client.sendRequest<CheckWorkspaceResult>(CHECK_WORKSPACE, {}),
  );
  const summary = `Checked ${result.files} ${result.files === 1 ? 'proposal' : 'proposals'}: ${result.findings} findings, ${result.consultationOnly} consultation-only.`;
  ctx.log.info(summary);
  for (const error of result.errors) ctx.log.warn(error);
  void vscode.window.showInformationMessage(result.errors.length > 0 ? `${summary} ${result.errors.length} could not be checked (see the log).` : summary);
  return result;
}

function activeDocument(): vscode.TextEditor {
  const editor = vscode.window.activeTextEditor;
  if (!editor) throw new Error('open a proposal (Markdown, Quarto or R Markdown) first.');
  return editor;
}

async function showProfile(ctx: Ctx): Promise<vscode.WebviewPanel> {
  const editor = activeDocument();
  const profile = await ctx.client.sendRequest<ProfileResult>(PROFILE, { uri: editor.document.uri.toString() });
  const name = editor.document.uri.path.split('/').pop() ?? 'proposal';
  const panel = vscode.window.createWebviewPanel('coprodLens.profile', `Engagement profile: ${name}`, vscode.ViewColumn.Beside, {
    enableScripts: false,
    localResourceRoots: [],
  });
  panel.webview.html = profileHtml(profile, name, panel.webview.cspSource);
  return panel;
}

async function insertCitation(ctx: Ctx): Promise<boolean> {
  const editor = activeDocument();
  const uri = editor.document.uri.toString();
  const references = await ctx.client.sendRequest<ReferenceItem[]>(REFERENCES, { uri });
  const picked = await vscode.window.showQuickPick(
    references.map((r) => ({ label: r.label, detail: r.entry, id: r.id })),
    { title: 'Insert citation', placeHolder: 'Cite a work from the Williams & Caley (2020) reference list or your bibliography', matchOnDetail: true },
  );
  if (!picked) return false;
  const position = editor.selection.active;
  const params: CiteParams = { uri, id: picked.id, position: { line: position.line, character: position.character } };
  const edit = await ctx.client.sendRequest(CITE, params);
  if (!edit) throw new Error('nothing to insert: the work is already cited here and listed.');
  const converted = await ctx.client.protocol2CodeConverter.asWorkspaceEdit(edit as Parameters<typeof ctx.client.protocol2CodeConverter.asWorkspaceEdit>[0]);
  if (!converted) throw new Error('the server returned no edit.');
  return vscode.workspace.applyEdit(converted);
}
