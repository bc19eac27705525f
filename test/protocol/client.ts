import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type CancellationToken, type MessageConnection } from 'vscode-jsonrpc/node';
import type { InitializeResult, Position, PublishDiagnosticsParams, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { SERVER_NODE_FLAGS } from '../../server/src/lsp/protocol';

/** The repository root: the nearest folder above the bundled test that holds dist/server.js's package. */
function findRoot(): string {
  for (let dir = __dirname; dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'server', 'src', 'lsp'))) return dir;
  }
  return process.cwd();
}

/** The repository root (tests run from out/test/protocol). */
export const ROOT = findRoot();

/** How long a wait on the server may take before the test fails with a message (not a sleep). */
const WAIT_MS = 15_000;

interface Waiter<T> {
  readonly test: (value: T) => boolean;
  readonly resolve: (value: T) => void;
}

/** A promise that rejects with `what` if `promise` has not settled within `ms`. */
export function within<T>(promise: Promise<T>, what: string, ms = WAIT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export interface InitializeOptions {
  /** The workspace folder (default: samples/). */
  readonly folder?: string;
  /** Declare pull diagnostics support (textDocument.diagnostic). */
  readonly pull?: boolean;
  /** initializationOptions.trusted (default true). */
  readonly trusted?: boolean;
  /** Declare workspace.configuration support (default true). */
  readonly configuration?: boolean;
}

/**
 * A real LSP client for tests: spawns the built server (`dist/server.js --stdio`) and speaks
 * JSON-RPC to it. Waits on events (diagnostics, notifications), never on sleeps.
 */
export class TestClient {
  readonly connection: MessageConnection;
  readonly process: ChildProcess;
  readonly stderr: string[] = [];
  private readonly diagnosticWaiters: (Waiter<PublishDiagnosticsParams> & { uri: string })[] = [];
  private readonly notificationWaiters: (Waiter<unknown> & { method: string })[] = [];
  readonly published = new Map<string, PublishDiagnosticsParams>();
  /** Every notification from the server (and the requests answered on their own), in order of arrival. */
  readonly notifications: { method: string; params: unknown }[] = [];
  /** Every workspace/configuration request the server made (its items). */
  readonly configurationRequests: { scopeUri?: string; section?: string }[][] = [];
  /** The `coprodLens` section answered to workspace/configuration: one object, or one per resource. */
  configuration: Record<string, unknown> | ((scopeUri: string | undefined) => Record<string, unknown>) = {};

  constructor(args: readonly string[] = []) {
    // Started as `coprod-lens-server` and the VS Code client start it: with its Node.js flags.
    this.process = spawn(process.execPath, [...SERVER_NODE_FLAGS, join(ROOT, 'dist', 'server.js'), '--stdio', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (d: Buffer) => {
      this.stderr.push(d.toString());
      if (process.env.COPROD_LENS_TEST_STDERR) process.stderr.write(d); // the server's stderr, for debugging
    });
    this.connection = createMessageConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.set(params.uri, params);
      this.record('textDocument/publishDiagnostics', params);
      for (const waiter of [...this.diagnosticWaiters]) {
        if (waiter.uri === params.uri && waiter.test(params)) {
          this.diagnosticWaiters.splice(this.diagnosticWaiters.indexOf(waiter), 1);
          waiter.resolve(params);
        }
      }
    });
    this.connection.onNotification((method, params) => this.record(method, params));
    // $/progress for tokens the server created (window/workDoneProgress/create) reaches no handler.
    this.connection.onUnhandledProgress((params) => this.record('$/progress', params));
    this.connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) => {
      this.configurationRequests.push(params.items);
      const section = this.configuration;
      return params.items.map((item) => (item.section !== 'coprodLens' ? null : typeof section === 'function' ? section(item.scopeUri) : section));
    });
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => {
      this.record('workspace/diagnostic/refresh', null);
      return null;
    });
    // window/showMessageRequest is answered with no choice; it is logged like a notification.
    this.connection.onRequest('window/showMessageRequest', (params: unknown) => {
      this.record('window/showMessageRequest', params);
      return null;
    });
    this.connection.listen();
  }

  private record(method: string, params: unknown): void {
    this.notifications.push({ method, params });
    for (const waiter of [...this.notificationWaiters]) {
      if (waiter.method === method && waiter.test(params)) {
        this.notificationWaiters.splice(this.notificationWaiters.indexOf(waiter), 1);
        waiter.resolve(params);
      }
    }
  }

  /** initialize + initialized, with push diagnostics (no pull capability) unless `pull`. */
  async initialize(options: InitializeOptions = {}): Promise<InitializeResult> {
    const folder = options.folder ?? join(ROOT, 'samples');
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(folder).href,
      workspaceFolders: [{ uri: pathToFileURL(folder).href, name: 'test' }],
      capabilities: {
        workspace: { configuration: options.configuration ?? true, workspaceFolders: true, diagnostics: { refreshSupport: true } },
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

  /** A full-text change. */
  change(uri: string, text: string, version: number): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
  }

  /** Incremental changes (ranges in the text as it is before each change). */
  edit(uri: string, version: number, changes: readonly { range: Range; text: string }[]): void {
    void this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  close(uri: string): void {
    void this.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }

  /** A request; with `token`, cancelling it sends $/cancelRequest. */
  request<R>(method: string, params: unknown, token?: CancellationToken): Promise<R> {
    const sent = token ? this.connection.sendRequest<R>(method, params, token) : this.connection.sendRequest<R>(method, params);
    return within(sent, `the answer to ${method}`);
  }

  /** Resolves with the next (or already received) diagnostics for `uri` that pass `test`. */
  diagnostics(uri: string, test: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const seen = this.published.get(uri);
    if (seen && test(seen)) return Promise.resolve(seen);
    return within(
      new Promise((resolve) => this.diagnosticWaiters.push({ uri, test, resolve })),
      `diagnostics for ${uri}`,
    );
  }

  /**
   * Resolves with the next message `method` from the server whose params pass `test` (already
   * received ones count when `past`): notifications, and the requests the client answers on its
   * own (window/showMessageRequest, workspace/diagnostic/refresh).
   */
  notification<T>(method: string, test: (params: T) => boolean = () => true, past = false): Promise<T> {
    if (past) {
      const seen = this.notifications.find((n) => n.method === method && test(n.params as T));
      if (seen) return Promise.resolve(seen.params as T);
    }
    return within(
      new Promise<T>((resolve) =>
        this.notificationWaiters.push({ method, test: (p) => test(p as T), resolve: (p) => resolve(p as T) }),
      ),
      `a ${method} notification`,
    );
  }

  /** Received notifications of `method`, in order. */
  received<T>(method: string): T[] {
    return this.notifications.filter((n) => n.method === method).map((n) => n.params as T);
  }

  /** Messages the server logged (window/logMessage). */
  log(): string[] {
    return this.received<{ message: string }>('window/logMessage').map((m) => m.message);
  }

  async stop(): Promise<void> {
    try {
      await within(this.connection.sendRequest('shutdown'), 'shutdown', 5000);
      await this.connection.sendNotification('exit');
    } catch {
      // the server may already be gone
    }
    this.connection.dispose();
    if (this.process.exitCode === null && this.process.signalCode === null) {
      const exited = new Promise((resolve) => this.process.once('exit', resolve));
      await within(exited, 'the server to exit', 5000).catch(() => this.process.kill());
    }
  }
}

/** The file URI of a path. */
export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/** The offset of a position in `text` (lines split on \n, characters in UTF-16 code units). */
export function offsetAt(text: string, position: Position): number {
  let offset = 0;
  for (let line = 0; line < position.line; line++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  const lineEnd = text.indexOf('\n', offset);
  return Math.min(offset + position.character, lineEnd < 0 ? text.length : lineEnd);
}

/** The position of an offset in `text`. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** The position of the `nth` (0-based) occurrence of `needle` in `text`, plus `delta` characters. */
export function positionOf(text: string, needle: string, delta = 0, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (occurrence ${nth}) is not in the text`);
  }
  return positionAt(text, at + delta);
}

/** The text a range covers. */
export function textIn(text: string, range: Range): string {
  return text.slice(offsetAt(text, range.start), offsetAt(text, range.end));
}

/**
 * Apply LSP text edits to `text` as a client must: all ranges refer to the original text, edits
 * must not overlap, and edits inserted at the same position keep their order in the array.
 */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const located = edits.map((edit, index) => ({ start: offsetAt(text, edit.range.start), end: offsetAt(text, edit.range.end), newText: edit.newText, index }));
  located.sort((a, b) => a.start - b.start || a.end - b.end || a.index - b.index);
  for (let i = 1; i < located.length; i++) {
    if (located[i]!.start < located[i - 1]!.end) throw new Error(`overlapping text edits at offsets ${located[i - 1]!.start}-${located[i - 1]!.end} and ${located[i]!.start}-${located[i]!.end}`);
  }
  let out = '';
  let at = 0;
  for (const edit of located) {
    out += text.slice(at, edit.start) + edit.newText;
    at = edit.end;
  }
  return out + text.slice(at);
}

/**
 * Apply a WorkspaceEdit (`changes` or `documentChanges` with text edits) to the texts of the URIs it
 * touches; `texts` maps each URI to its current text. Returns the new texts, by URI.
 */
export function applyWorkspaceEdit(texts: Readonly<Record<string, string>>, edit: WorkspaceEdit): Record<string, string> {
  const byUri = new Map<string, TextEdit[]>();
  for (const [uri, edits] of Object.entries(edit.changes ?? {})) byUri.set(uri, [...(byUri.get(uri) ?? []), ...edits]);
  for (const change of edit.documentChanges ?? []) {
    if (!('textDocument' in change)) throw new Error(`unsupported resource operation ${change.kind}`);
    byUri.set(change.textDocument.uri, [...(byUri.get(change.textDocument.uri) ?? []), ...(change.edits as TextEdit[])]);
  }
  const out: Record<string, string> = { ...texts };
  for (const [uri, edits] of byUri) {
    const before = texts[uri];
    if (before === undefined) throw new Error(`the edit changes ${uri}, whose text was not given`);
    out[uri] = applyTextEdits(before, edits);
  }
  return out;
}
