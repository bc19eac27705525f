/**
 * Faults against the real language server (dist/server.js over stdio): malformed JSON-RPC bodies,
 * unknown methods and bad parameters, requests for closed documents and out-of-range positions,
 * 1,000 rapid changes, cancellation of a slow workspace check, and memory over 10,000 edits.
 *
 * Every wait is on an event (an answer, diagnostics of a version) with a ceiling; the order of
 * messages stands in for time wherever it can: an answer to a later request proves the server
 * has read everything sent before it.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/analyze';
import { LineIndex } from '../../server/src/core/positions';
import { generateProposal, random } from '../../bench/generate';
import { SERVER_NODE_FLAGS } from '../../server/src/lsp/protocol';
import { ROOT, TestClient, uriOf, within } from '../protocol/client';
import { CLAIM_DOC, ErrorCode, md, sampleText, tempFolder } from '../protocol/fixtures';

const SEVERITY: Record<string, number> = { error: 1, warning: 2, information: 3, hint: 4 };

/** The diagnostics the server should publish for `text`, from the core directly. */
function expectedDiagnostics(text: string): { code: string; severity: number; message: string; range: unknown }[] {
  const lines = new LineIndex(text);
  return analyze(text).findings.map((f) => ({ code: f.rule, severity: SEVERITY[f.severity]!, message: f.message, range: lines.range(f.start, f.end) }));
}

function summary(diagnostics: readonly Diagnostic[]): { code: string; severity: number; message: string; range: unknown }[] {
  return diagnostics.map((d) => ({ code: String(d.code), severity: d.severity!, message: d.message, range: d.range }));
}

/** The server's resident set size in kB (Linux /proc), or undefined elsewhere. */
function rssKb(pid: number): number | undefined {
  const path = `/proc/${pid}/status`;
  if (!existsSync(path)) return undefined;
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(path, 'utf8'));
  return match ? Number(match[1]) : undefined;
}

/** The error a request was answered with (fails when it was answered with a result). */
async function errorOf(promise: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    const result = await promise;
    assert.fail(`expected an error, got ${JSON.stringify(result)}`);
  } catch (error) {
    if (!(error instanceof ResponseError)) throw error;
    return error;
  }
}

// ---------------------------------------------------------------------------------------------
// A raw client: writes framed bodies as given, reads every framed message the server sends.

interface RawMessage {
  readonly id?: number | string | null;
  readonly method?: string;
  readonly result?: unknown;
  readonly error?: { code: number; message: string };
  readonly params?: unknown;
}

class RawServer {
  readonly process: ChildProcess;
  readonly messages: RawMessage[] = [];
  private buffer = Buffer.alloc(0);
  private waiters: { test: (m: RawMessage) => boolean; resolve: (m: RawMessage) => void }[] = [];

  constructor() {
    this.process = spawn(process.execPath, [...SERVER_NODE_FLAGS, join(ROOT, 'dist', 'server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stdout!.on('data', (chunk: Buffer) => this.read(chunk));
    this.process.stderr!.resume();
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length:\s*(\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as RawMessage;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      if (message.method === 'workspace/configuration' || message.method === 'window/workDoneProgress/create' || message.method === 'client/registerCapability') {
        this.json({ jsonrpc: '2.0', id: message.id, result: message.method === 'workspace/configuration' ? [{ debounce: 0 }] : null });
      }
      this.messages.push(message);
      for (const waiter of [...this.waiters]) {
        if (waiter.test(message)) {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          waiter.resolve(message);
        }
      }
    }
  }

  /** Write one framed body exactly as given (one write, so nothing can interleave). */
  send(body: string | Buffer): void {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
    this.process.stdin!.write(Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]));
  }

  json(value: unknown): void {
    this.send(JSON.stringify(value));
  }

  /** The answer to request `id`. */
  answer(id: number): Promise<RawMessage> {
    const seen = this.messages.find((m) => m.id === id && m.method === undefined);
    if (seen) return Promise.resolve(seen);
    return within(new Promise((resolve) => this.waiters.push({ test: (m) => m.id === id && m.method === undefined, resolve })), `the answer to request ${id}`);
  }

  /** Send request `id` and return its answer. */
  request(id: number, method: string, params: unknown): Promise<RawMessage> {
    this.json({ jsonrpc: '2.0', id, method, params });
    return this.answer(id);
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  async initialize(): Promise<void> {
    const answer = await this.request(1, 'initialize', { processId: null, rootUri: null, capabilities: {}, initializationOptions: { trusted: true } });
    assert.ok(answer.result, 'initialize answered');
    this.json({ jsonrpc: '2.0', method: 'initialized', params: {} });
  }

  async stop(): Promise<void> {
    if (this.alive) {
      await this.request(9_999, 'shutdown', null).catch(() => undefined);
      this.json({ jsonrpc: '2.0', method: 'exit' });
      await within(new Promise((resolve) => this.process.once('exit', resolve)), 'the server to exit', 5000).catch(() => this.process.kill());
    }
  }
}

// ---------------------------------------------------------------------------------------------

describe('server faults: malformed JSON-RPC', { timeout: 60_000 }, () => {
  const server = new RawServer();
  before(async () => server.initialize());
  after(async () => server.stop());

  // A body that is not JSON: truncated, plain text, invalid UTF-8. Headers are always right.
  const NOT_JSON: (string | Buffer)[] = [
    '{"jsonrpc":"2.0","id":2,"method":"textDocument/hover",',
    'not json at all',
    '{"jsonrpc": "2.0", "method": "foobar, "params": "bar", "baz]',
    Buffer.from([0x7b, 0xff, 0xfe, 0x00, 0x7d]),
    '',
  ];

  it('survives bodies that are not JSON and answers the next request', async () => {
    let id = 100;
    for (const body of NOT_JSON) {
      server.send(body);
      const answer = await server.request(++id, 'textDocument/hover', { textDocument: { uri: 'file:///nowhere.md' }, position: { line: 0, character: 0 } });
      assert.equal(answer.result, null, `after ${JSON.stringify(body.toString())}`);
      assert.ok(server.alive);
    }
  });

  it(
    'answers a body that is not JSON with a JSON-RPC parse error (-32700, id null)',
    async () => {
      const before = server.messages.length;
      server.send('{"jsonrpc":"2.0","id":200,"method":"textDocument/hover",');
      await server.request(201, 'textDocument/hover', { textDocument: { uri: 'file:///nowhere.md' }, position: { line: 0, character: 0 } });
      const errors = server.messages.slice(before).filter((m) => m.error?.code === -32700);
      assert.equal(errors.length, 1, JSON.stringify(server.messages.slice(before)));
      assert.equal(errors[0]!.id, null);
    },
  );

  it('survives JSON that is not a JSON-RPC message and logs it', async () => {
    const before = server.messages.length;
    for (const body of ['[1,2,3]', 'null', '42', '"text"', '{"jsonrpc":"2.0","id":300}', '{"jsonrpc":"2.0","method":{"not":"a string"}}', '{}']) server.send(body);
    const answer = await server.request(301, 'textDocument/hover', { textDocument: { uri: 'file:///nowhere.md' }, position: { line: 0, character: 0 } });
    assert.equal(answer.result, null);
    assert.ok(server.alive);
    const logged = server.messages.slice(before).filter((m) => m.method === 'window/logMessage');
    assert.ok(logged.length > 0, 'the server logs what it could not read');
  });

  it(
    'answers a request whose method is not a string with Invalid Request (-32600)',
    async () => {
      // Only what came after this send: earlier tests leave parse errors with id null behind.
      const before = server.messages.length;
      server.send('{"jsonrpc":"2.0","id":400,"method":42}');
      await server.request(401, 'textDocument/hover', { textDocument: { uri: 'file:///nowhere.md' }, position: { line: 0, character: 0 } });
      const answer = server.messages.slice(before).find((m) => m.method === undefined && (m.id === 400 || m.id === null) && m.error);
      assert.equal(answer?.error?.code, -32600, 'answered before the request sent after it');
    },
  );
});

describe('server faults: unknown methods and bad parameters', { timeout: 60_000 }, () => {
  const client = new TestClient();
  client.configuration = { debounce: 0 };
  const folder = tempFolder();
  const uri = uriOf(join(folder.path, 'proposal.md'));
  before(async () => {
    await client.initialize({ folder: folder.path });
    client.open(uri, CLAIM_DOC);
    await client.diagnostics(uri);
  });
  after(async () => {
    await client.stop();
    folder.remove();
  });

  const alive = async (): Promise<void> => {
    assert.equal(client.process.exitCode, null, 'the server is still running');
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, context: { diagnostics: [] } });
    assert.ok(actions.length > 0, 'and still answers for the open document');
  };

  it('answers unknown requests with MethodNotFound (-32601) and ignores unknown notifications', async () => {
    for (const method of ['coprodLens/noSuchRequest', 'textDocument/noSuchRequest', 'noSlash', '$/noSuchRequest']) {
      const error = await errorOf(client.request(method, { uri }));
      assert.equal(error.code, -32601, method);
    }
    for (const method of ['coprodLens/noSuchNotification', 'textDocument/noSuch', '$/noSuchNotification']) void client.connection.sendNotification(method, { uri });
    await alive();
  });

  it('answers requests with missing or wrong parameters with an error, not a crash', async () => {
    const bad: [string, unknown][] = [
      ['textDocument/hover', {}],
      ['textDocument/hover', { textDocument: { uri }, position: null }],
      ['textDocument/codeAction', null],
      ['textDocument/codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 } }, context: {} }],
      ['textDocument/completion', { textDocument: {} }],
      ['textDocument/definition', []],
      ['coprodLens/profile', {}],
      ['coprodLens/cite', { uri, id: 42, position: 'here' }],
      ['coprodLens/references', null],
    ];
    for (const [method, params] of bad) {
      await client.request(method, params).catch((error: unknown) => assert.ok(error instanceof ResponseError, `${method}: ${String(error)}`));
    }
    await alive();
  });

  it('survives notifications with bad parameters and changes to documents it does not know', async () => {
    void client.connection.sendNotification('textDocument/didOpen', {});
    void client.connection.sendNotification('textDocument/didChange', { textDocument: { uri: 'file:///never-opened.md', version: 2 }, contentChanges: [{ text: 'x' }] });
    void client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: 'file:///never-opened.md' } });
    void client.connection.sendNotification('workspace/didChangeConfiguration', null);
    await alive();
  });
});

/**
 * Documents whose URI or text the refresh cannot take at face value. Each runs on its own server:
 * a refresh that throws is an unhandled rejection, and Node ends the process.
 */
describe('server faults: documents that break the refresh', { timeout: 60_000 }, () => {
  const TEXT = md('# Plan', '', 'The new service will be co-designed with young people. We will run an online survey.');

  /** Open `params.textDocument` on a fresh server; it must still answer afterwards. */
  async function survives(textDocument: Record<string, unknown>): Promise<void> {
    const client = new TestClient();
    client.configuration = { debounce: 0 };
    const folder = tempFolder();
    try {
      await client.initialize({ folder: folder.path });
      void client.connection.sendNotification('textDocument/didOpen', { textDocument });
      const control = uriOf(join(folder.path, 'control.md'));
      client.open(control, TEXT);
      // The control document is opened after the bad one; its diagnostics prove the server lived on.
      // Wait for whichever comes first: those diagnostics, or the server's exit.
      const gone = (): boolean => client.process.exitCode !== null || client.process.signalCode !== null;
      const exited = new Promise<void>((resolve) => (gone() ? resolve() : client.process.once('exit', () => resolve())));
      await Promise.race([client.diagnostics(control).then(() => undefined), exited]);
      assert.ok(!gone(), `the server exited with code ${client.process.exitCode}: ${client.stderr.join('').split('\n').slice(0, 5).join(' | ')}`);
      assert.ok(client.published.has(control), 'diagnostics for the document opened after it');
    } finally {
      await client.stop();
      folder.remove();
    }
  }

  it('a plain untitled: document and a file: URI without a path root are checked', async () => {
    await survives({ uri: 'untitled:Untitled-1', languageId: 'markdown', version: 1, text: TEXT });
    await survives({ uri: 'file:relative.md', languageId: 'markdown', version: 1, text: TEXT });
  });

  it(
    'a file URI with a host (a UNC path such as file://fileserver/share/proposal.md) does not crash the server',
    async () => survives({ uri: 'file://fileserver/share/proposal.md', languageId: 'markdown', version: 1, text: TEXT }),
  );

  it(
    'a file URI with an encoded slash or a malformed escape does not crash the server',
    async () => {
      await survives({ uri: 'file:///tmp/a%2Fb.md', languageId: 'markdown', version: 1, text: TEXT });
      await survives({ uri: 'file:///tmp/%E0%A4%A.md', languageId: 'markdown', version: 1, text: TEXT });
    },
  );

  it(
    'a didOpen whose text is not a string does not crash the server',
    async () => survives({ uri: 'file:///tmp/null-text.md', languageId: 'markdown', version: 1, text: null }),
  );
});

describe('server faults: closed documents and out-of-range positions', { timeout: 60_000 }, () => {
  const client = new TestClient();
  client.configuration = { debounce: 0 };
  const pull = new TestClient();
  pull.configuration = { debounce: 0 };
  const folder = tempFolder();
  const uri = uriOf(join(folder.path, 'proposal.md'));
  const text = md('# Youth service 😀', '', 'The new service will be co-designed with young people (Brandsen & Honingh, 2016). We will run an online survey.', '', '- 👩‍👩‍👧 Item [@nokey]');
  before(async () => {
    await client.initialize({ folder: folder.path });
    await pull.initialize({ folder: folder.path, pull: true });
  });
  after(async () => {
    await client.stop();
    await pull.stop();
    folder.remove();
  });

  const position = { line: 2, character: 30 };
  const requests = (u: string): [string, unknown][] => [
    ['textDocument/hover', { textDocument: { uri: u }, position }],
    ['textDocument/definition', { textDocument: { uri: u }, position }],
    ['textDocument/completion', { textDocument: { uri: u }, position }],
    ['textDocument/codeAction', { textDocument: { uri: u }, range: { start: position, end: position }, context: { diagnostics: [] } }],
  ];

  it('answers requests for a closed document with nothing, or RequestFailed for the custom requests', async () => {
    client.open(uri, text);
    assert.ok((await client.diagnostics(uri, (p) => p.diagnostics.length > 0)).diagnostics.length > 0);
    client.close(uri);
    const cleared = await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    assert.deepEqual(cleared.diagnostics, [], 'closing clears the diagnostics');
    for (const [method, params] of requests(uri)) {
      const result = await client.request<unknown>(method, params);
      assert.ok(result === null || (Array.isArray(result) && result.length === 0), `${method} → ${JSON.stringify(result)}`);
    }
    for (const [method, params] of [
      ['coprodLens/profile', { uri }],
      ['coprodLens/references', { uri }],
      ['coprodLens/cite', { uri, id: 'brandsen2016', position }],
    ] as const) {
      const error = await errorOf(client.request(method, params));
      assert.equal(error.code, ErrorCode.RequestFailed, method);
      assert.match(error.message, /not open/);
    }
  });

  it('answers a pull for a closed or never-opened document with an empty report', async () => {
    pull.open(uri, text);
    const open = await pull.request<{ items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri } });
    assert.ok(open.items.length > 0);
    pull.close(uri);
    for (const u of [uri, uriOf(join(folder.path, 'never-opened.md'))]) {
      const report = await pull.request<{ kind: string; items: Diagnostic[] }>('textDocument/diagnostic', { textDocument: { uri: u } });
      assert.deepEqual(report, { kind: 'full', items: [] });
    }
  });

  it('answers out-of-range positions and ranges without an internal error', async () => {
    client.open(uri, text, 10);
    await client.diagnostics(uri, (p) => p.version === 10);
    const BIG = 2 ** 31 - 1;
    const positions = [
      { line: 10_000, character: 0 },
      { line: 0, character: 100_000 },
      { line: 2, character: BIG },
      { line: BIG, character: BIG },
      { line: 4, character: 3 }, // inside the surrogate pairs of the family emoji
    ];
    for (const p of positions) {
      for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/completion']) {
        await client.request(method, { textDocument: { uri }, position: p });
      }
      await client.request('coprodLens/cite', { uri, id: 'brandsen2016', position: p });
      await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: p, end: p }, context: { diagnostics: [] } });
      await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: p, end: { line: 0, character: 0 } }, context: { diagnostics: [] } }); // end before start
    }
    // Negative numbers break the protocol (uinteger); the server may refuse them but must stay up.
    for (const p of [{ line: -1, character: -1 }, { line: 0, character: -5 }]) {
      await client.request('textDocument/hover', { textDocument: { uri }, position: p }).catch((e: unknown) => assert.ok(e instanceof ResponseError));
      await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: p, end: p }, context: { diagnostics: [] } }).catch((e: unknown) => assert.ok(e instanceof ResponseError));
    }
    // A change whose range lies past the end of the document is clamped; the server keeps going.
    client.edit(uri, 11, [{ range: { start: { line: 500, character: 0 }, end: { line: 900, character: 9 } }, text: '\nMore text.\n' }]);
    const after = await client.diagnostics(uri, (p) => p.version === 11);
    assert.ok(after.diagnostics.length > 0);
    assert.equal(client.process.exitCode, null);
  });
});

describe('server faults: load', { timeout: 90_000 }, () => {
  it('after 1,000 rapid incremental changes publishes diagnostics that match the final text, in version order', async () => {
    const client = new TestClient();
    client.configuration = { debounce: 0 };
    const folder = tempFolder();
    const uri = uriOf(join(folder.path, 'typing.md'));
    try {
      await client.initialize({ folder: folder.path });
      let text = md('# Youth service', '', '## Involvement', '', '');
      client.open(uri, text, 1);
      // Type a claim paragraph character by character, with some deletions, as an editor sends it.
      const typed = 'The new service will be co-designed with young people 😀. We will run an online survey and two focus groups. Residents co-produce the evaluation (Brandsen & Honingh, 2016). ';
      const lines = () => new LineIndex(text);
      let version = 1;
      let i = 0;
      const rnd = random(7);
      while (version < 1_001) {
        const end = text.length;
        if (rnd() < 0.15 && text.length > 40) {
          // Delete the last character (a whole surrogate pair when it ends one).
          const cut = /[\uDC00-\uDFFF]$/.test(text) ? 2 : 1;
          const range = lines().range(end - cut, end);
          text = text.slice(0, end - cut);
          client.edit(uri, ++version, [{ range, text: '' }]);
        } else {
          const ch = typed.codePointAt(i % typed.length)! > 0xffff ? String.fromCodePoint(typed.codePointAt(i % typed.length)!) : typed[i % typed.length]!;
          i += ch.length;
          const at = lines().position(end);
          text += ch;
          client.edit(uri, ++version, [{ range: { start: at, end: at }, text: ch }]);
        }
      }
      const final = await client.diagnostics(uri, (p) => p.version === 1_001);
      assert.deepEqual(summary(final.diagnostics), expectedDiagnostics(text));
      assert.ok(final.diagnostics.length > 0, 'the typed claims are flagged');
      const versions = client.received<PublishDiagnosticsParams>('textDocument/publishDiagnostics').filter((p) => p.uri === uri).map((p) => p.version ?? 0);
      assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'no diagnostics of an older version after a newer one');
    } finally {
      await client.stop();
      folder.remove();
    }
  });

  it('cancelling a slow coprodLens/checkWorkspace stops it early, and the server stays responsive', async (t) => {
    const files: Record<string, string> = {};
    for (let n = 0; n < 150; n++) files[`p${String(n).padStart(3, '0')}.md`] = generateProposal(600, n + 1);
    const folder = tempFolder(files);
    const client = new TestClient();
    client.configuration = { debounce: 0 };
    try {
      await client.initialize({ folder: folder.path });
      // 1. $/cancelRequest once the first file is reported.
      const source = new CancellationTokenSource();
      const firstReport = client.notification<{ token: string; value: { kind: string } }>('$/progress', (p) => p.value.kind === 'report');
      const answer = client.request<{ files: number; errors: string[] }>('coprodLens/checkWorkspace', null, source.token).catch((e: unknown) => e);
      await firstReport;
      source.cancel();
      const result = await answer;
      if (result instanceof ResponseError) assert.equal(result.code, ErrorCode.RequestCancelled);
      else assert.ok((result as { files: number }).files < 150, `stopped early: ${JSON.stringify(result)}`);
      t.diagnostic(`$/cancelRequest: ${result instanceof ResponseError ? `error ${result.code}` : `${(result as { files: number }).files} of 150 files checked`}`);

      // 2. The user cancels the progress notification (window/workDoneProgress/cancel).
      const started = client.received('$/progress').length;
      const report = client.notification<{ token: string; value: { kind: string } }>('$/progress', (p) => p.value.kind === 'report');
      const second = client.request<{ files: number }>('coprodLens/checkWorkspace', null);
      const { token } = await report;
      void client.connection.sendNotification('window/workDoneProgress/cancel', { token });
      const partial = await second;
      assert.ok(partial.files < 150, `stopped early: ${partial.files} files`);
      t.diagnostic(`window/workDoneProgress/cancel: ${partial.files} of 150 files checked`);
      assert.ok(client.received('$/progress').length > started);

      // Still responsive: a document opened now gets its diagnostics.
      const uri = uriOf(join(folder.path, 'new.md'));
      client.open(uri, CLAIM_DOC);
      assert.deepEqual((await client.diagnostics(uri)).diagnostics.map((d) => d.code), ['consultation-only']);
    } finally {
      await client.stop();
      folder.remove();
    }
  });

  it('memory stays flat over 10,000 small edits (RSS growth under 60 MB)', async (t) => {
    const client = new TestClient();
    // A short debounce: only the last edit of each burst is analysed, as when typing fast.
    client.configuration = { debounce: 5 };
    const folder = tempFolder();
    const uri = uriOf(join(folder.path, 'sample.md'));
    try {
      await client.initialize({ folder: folder.path });
      if (rssKb(client.process.pid!) === undefined) {
        t.skip('no /proc/PID/status on this system');
        return;
      }
      const text = sampleText('health-research-ppi');
      const lines = text.split('\n');
      const expected = expectedDiagnostics(text);
      client.open(uri, text, 1);
      await client.diagnostics(uri, (p) => p.version === 1);
      const rnd = random(11);
      let version = 1;
      /** 500 edits: insert a word somewhere, then take it out again (the text ends as it began). */
      const burst = async (): Promise<void> => {
        for (let k = 0; k < 250; k++) {
          let line = Math.floor(rnd() * lines.length);
          while (lines[line]!.length === 0) line = (line + 1) % lines.length;
          const character = Math.floor(rnd() * lines[line]!.length);
          const at = { line, character };
          client.edit(uri, ++version, [{ range: { start: at, end: at }, text: 'co-produced ' }]);
          client.edit(uri, ++version, [{ range: { start: at, end: { line, character: character + 12 } }, text: '' }]);
        }
        const published = await client.diagnostics(uri, (p) => p.version === version);
        assert.deepEqual(summary(published.diagnostics), expected, `after version ${version}`);
      };
      for (let b = 0; b < 2; b++) await burst(); // warm up: caches, JIT, buffers
      const before = rssKb(client.process.pid!)!;
      const measured = version;
      while (version < measured + 10_000) await burst();
      const afterKb = rssKb(client.process.pid!)!;
      assert.equal(version - measured, 10_000);
      t.diagnostic(`server RSS ${before} kB → ${afterKb} kB over ${version - measured} edits`);
      assert.ok(afterKb - before < 60 * 1024, `RSS grew from ${before} kB to ${afterKb} kB over ${version - measured} edits`);
    } finally {
      await client.stop();
      folder.remove();
    }
  });
});
