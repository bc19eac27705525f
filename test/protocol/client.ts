import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type { InitializeResult, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

/** The repository root (tests run from out/test/protocol). */
export const ROOT = join(__dirname, '..', '..', '..');

/**
 * A real LSP client for tests: spawns the built server (`dist/server.js --stdio`) and speaks
 * JSON-RPC to it. Waits on events (diagnostics, notifications), never on sleeps.
 */
export class TestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  readonly stderr: string[] = [];
  private readonly diagnosticWaiters: { uri: string; test: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: { method: string; params: unknown }[] = [];
  configuration: Record<string, unknown> = {};

  constructor(args: readonly string[] = []) {
    this.process = spawn(process.execPath, [join(ROOT, 'dist', 'server.js'), '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (d: Buffer) => this.stderr.push(d.toString()));
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.set(params.uri, params);
      for (const waiter of [...this.diagnosticWaiters]) {
        if (waiter.uri === params.uri && waiter.test(params)) {
          this.diagnosticWaiters.splice(this.diagnosticWaiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification((method, params) => this.notifications.push({ method, params }));
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
      params.items.map((item) => (item.section === 'coprodLens' ? this.configuration : null)),
    );
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.listen();
  }

  /** initialize + initialized, with push diagnostics (no pull capability) unless `pull`. */
  async initialize(options: { folder?: string; pull?: boolean; trusted?: boolean; configuration?: boolean } = {}): Promise<InitializeResult> {
    const folder = options.folder ?? join(ROOT, 'samples');
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'test' }],
      capabilities: {
        workspace: { configuration: options.configuration ?? true, workspaceFolders: true },
        textDocument: {
          ...(options.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
          publishDiagnostics: { relatedInformation: true, versionSupport: true },
          hover: { contentFormat: ['markdown'] },
          completion: { completionItem: { snippetSupport: false } },
        },
        window: { workDoneProgress: true },
      },
      initializationOptions: { trusted: options.trusted ?? true },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): void {
    void this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'markdown', version, text } });
  }

  change(uri: string, text: string, version: number): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Resolves with the next (or already received) diagnostics for `uri` that pass `test`. */
  diagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const seen = this.published.get(uri);
    if (seen && test(seen)) return Promise.resolve(seen);
    return new Promise((resolve) => this.diagnosticWaiters.push({ uri, test, resolve }));
  }

  async stop(): Promise<void> {
    try {
      await this.connection.sendRequest('shutdown');
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null) await new Promise((resolve) => this.process.once('exit', resolve));
  }
}
