import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { Ctx } from './ctx';

/** What the extension returns from activate(), for other extensions and the integration tests. */
export interface CoprodLensApi {
  /** Resolves when the language server is running. */
  readonly ready: Promise<void>;
}

let ctx: Ctx | undefined;

/**
 * Activation only wires things together: the context owns the language client, the commands are
 * factories over the context. A failure here is loud (an error message with what to do); a failure
 * on one document stays quiet in the log.
 */
export async function activate(context: vscode.ExtensionContext): Promise<CoprodLensApi> {
  ctx = new Ctx(context);
  registerCommands(context, ctx);
  const ready = ctx.start();
  context.subscriptions.push({ dispose: () => void ctx?.stop() });
  await ready;
  return { ready };
}

export async function deactivate(): Promise<void> {
  await ctx?.stop();
  ctx = undefined;
}
