import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_FLAGS, STATUS, type InitializationOptions, type StatusParams } from '../../server/src/lsp/protocol';
import { StatusBar } from './status';

/** Documents the extension checks: Markdown, Quarto and R Markdown. */
export const DOCUMENT_SELECTOR = [
  { language: 'markdown' },
  { language: 'quarto' },
  { language: 'rmd' },
  { pattern: '**/*.{qmd,Rmd,rmd}' },
];

/**
 * The extension's context: owns the language client's lifecycle (start, restart when workspace
 * trust is granted, stop), the log channel and the status bar.
 */
export class Ctx {
  readonly log: vscode.LogOutputChannel;
  readonly status: StatusBar;
  private current: LanguageClient | undefined;

  constructor(readonly extension: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('Co-production Lens', { log: true });
    this.status = new StatusBar();
    extension.subscriptions.push(this.log, this.status);
    extension.subscriptions.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.log.info('Workspace trusted: restarting the server so it may read bibliographies outside the workspace.');
        void this.restart();
      }),
    );
  }

  /** The running client. */
  get client(): LanguageClient {
    if (!this.current) throw new Error('The Co-production Lens server is not running; run "Co-production Lens: Restart Server".');
    return this.current;
  }

  /** Start the bundled server over IPC. Shows an actionable error and rethrows on failure. */
  async start(): Promise<void> {
    const module = this.extension.asAbsolutePath('dist/server.js');
    try {
      if (!existsSync(module)) throw new Error(`the server bundle is missing (${module}); reinstall the extension`);
      const serverOptions: ServerOptions = {
        run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS] } },
        debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_FLAGS, '--nolazy', '--inspect=6011'] } },
      };
      const initializationOptions: InitializationOptions = { trusted: vscode.workspace.isTrusted };
      const clientOptions: LanguageClientOptions = {
        documentSelector: DOCUMENT_SELECTOR,
        outputChannel: this.log,
        initializationOptions,
        synchronize: {
          configurationSection: 'coprodLens',
          fileEvents: vscode.workspace.createFileSystemWatcher('**/{.coprod-lens.json,*.bib,*.bibtex,*.json}'),
        },
      };
      const client = new LanguageClient('coprodLens', 'Co-production Lens', serverOptions, clientOptions);
      client.onNotification(STATUS, (params: StatusParams) => this.status.update(params));
      await client.start();
      this.current = client;
      this.log.info('Server started.');
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`Could not start the server: ${message}`);
      void vscode.window
        .showErrorMessage(`Co-production Lens could not start its language server: ${message}.`, 'Show Log', 'Restart Server')
        .then((choice) => {
          if (choice === 'Show Log') this.log.show();
          if (choice === 'Restart Server') void vscode.commands.executeCommand('coprodLens.restartServer');
        });
      throw error;
    }
  }

  async stop(): Promise<void> {
    const client = this.current;
    this.current = undefined;
    if (client) await client.stop().catch((error: unknown) => this.log.warn(`Stopping the server: ${String(error)}`));
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }
}
