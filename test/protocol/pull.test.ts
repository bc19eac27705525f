/**
 * Pull diagnostics: a client that declares textDocument.diagnostic gets no publishDiagnostics for
 * open documents; it asks (textDocument/diagnostic, workspace/diagnostic) and is told to ask again
 * (workspace/diagnostic/refresh) when settings change. One server over samples/.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { TestClient, uriOf } from './client';
import { CLAIM_DOC, ErrorCode, md, SAMPLES, sampleText, sampleUri, Severity, tempFolder } from './fixtures';

interface FullReport {
  kind: 'full';
  items: Diagnostic[];
}

interface WorkspaceReport {
  items: (FullReport & { uri: string; version: number | null })[];
}

/** consultation-only findings per sample, by line. */
const LINES: Readonly<Record<string, readonly number[]>> = {
  'charity-grant': [23],
  'community-service-bid': [11],
  'genuine-coproduction': [],
  'health-research-ppi': [20, 55],
  'honest-consultation': [],
  'mixed-work-packages': [48],
};

const lines = (items: readonly Diagnostic[]): string[] => items.map((d) => `${d.code}@${d.range.start.line}`);
const expectedLines = (name: string): string[] => LINES[name]!.map((l) => `consultation-only@${l}`);

describe('pull diagnostics', { timeout: 40_000 }, () => {
  const client = new TestClient();
  const scratch = tempFolder();
  const slow = uriOf(`${scratch.path}/slow.md`);
  const mixed = sampleUri('mixed-work-packages');
  // Debounce 0 everywhere but for slow.md, whose pulls wait while edits keep coming.
  client.configuration = (scopeUri) => ({ debounce: scopeUri === slow ? 5000 : 0 });

  before(async () => {
    await client.initialize({ pull: true });
    client.open(mixed, sampleText('mixed-work-packages'));
  });
  after(async () => {
    await client.stop();
    scratch.remove();
  });

  it('textDocument/diagnostic returns a full report, and the server publishes nothing for the open document', async () => {
    const report = await client.request<FullReport>('textDocument/diagnostic', { textDocument: { uri: mixed } });
    assert.equal(report.kind, 'full');
    assert.deepEqual(lines(report.items), ['consultation-only@48']);
    const [d] = report.items;
    assert.deepEqual([d!.source, d!.severity, d!.range], ['coprod-lens', Severity.Warning, { start: { line: 48, character: 32 }, end: { line: 48, character: 43 } }]);
    assert.ok(d!.relatedInformation!.some((r) => r.message === 'consultation: an online survey'));
    const status = await client.notification('coprodLens/status', (p: { uri: string }) => p.uri === mixed, true);
    assert.deepEqual(status, { uri: mixed, claims: 2, consultationOnly: 1, findings: 1 });
    assert.deepEqual(client.received<PublishDiagnosticsParams>('textDocument/publishDiagnostics'), []);
  });

  it('textDocument/diagnostic for a document that is not open is an empty full report', async () => {
    assert.deepEqual(await client.request('textDocument/diagnostic', { textDocument: { uri: 'file:///nowhere/not-open.md' } }), { kind: 'full', items: [] });
  });

  it('coprodLens/checkWorkspace counts every sample and pushes diagnostics only for the documents that are not open', async () => {
    const before = client.received<PublishDiagnosticsParams>('textDocument/publishDiagnostics').length;
    assert.deepEqual(await client.request('coprodLens/checkWorkspace', {}), { files: 6, findings: 5, consultationOnly: 5, errors: [] });
    const pushed = client.received<PublishDiagnosticsParams>('textDocument/publishDiagnostics').slice(before);
    const closed = SAMPLES.filter((name) => name !== 'mixed-work-packages');
    assert.deepEqual(
      pushed.map((p) => [p.uri, lines(p.diagnostics)]),
      closed.map((name) => [sampleUri(name), expectedLines(name)]),
    );
  });

  it('opening a document the check pushed clears the pushed diagnostics; from then on they are pulled', async () => {
    const uri = sampleUri('charity-grant');
    assert.equal(client.published.get(uri)?.diagnostics.length, 1);
    client.open(uri, sampleText('charity-grant'));
    const cleared = await client.diagnostics(uri, (p) => p.diagnostics.length === 0);
    assert.deepEqual(cleared, { uri, diagnostics: [] });
    const report = await client.request<FullReport>('textDocument/diagnostic', { textDocument: { uri } });
    assert.deepEqual(lines(report.items), ['consultation-only@23']);
  });

  it('workspace/diagnostic returns one full report per sample, with the version of open documents', async () => {
    const report = await client.request<WorkspaceReport>('workspace/diagnostic', { previousResultIds: [] });
    assert.deepEqual(
      report.items.map((i) => [i.uri, i.kind, i.version, lines(i.items)]),
      SAMPLES.map((name) => [sampleUri(name), 'full', name === 'mixed-work-packages' || name === 'charity-grant' ? 1 : null, expectedLines(name)]),
    );
  });

  it('after a workspace pull, results the client holds come back unchanged, and a check no longer pushes', async () => {
    const first = await client.request<{ items: { uri: string; kind: string; resultId?: string }[] }>('workspace/diagnostic', { previousResultIds: [] });
    const previousResultIds = first.items.map((i) => ({ uri: i.uri, value: i.resultId! }));
    assert.ok(previousResultIds.every((p) => typeof p.value === 'string'));
    const again = await client.request<{ items: { uri: string; kind: string }[] }>('workspace/diagnostic', { previousResultIds });
    assert.deepEqual(again.items.map((i) => i.kind), SAMPLES.map(() => 'unchanged'));
    const before = client.received<PublishDiagnosticsParams>('textDocument/publishDiagnostics').length;
    await client.request('coprodLens/checkWorkspace', {});
    const pushed = client.received<PublishDiagnosticsParams>('textDocument/publishDiagnostics').slice(before);
    assert.deepEqual(pushed.filter((p) => p.diagnostics.length > 0), [], 'no pushed findings beside the pulled ones');
  });

  it('a settings change asks the client to pull again (workspace/diagnostic/refresh), and the next pull has the new severity', async () => {
    const refreshed = client.notification('workspace/diagnostic/refresh');
    client.configuration = (scopeUri) => ({ debounce: scopeUri === slow ? 5000 : 0, rules: { 'consultation-only': 'error' } });
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    const report = await client.request<FullReport>('textDocument/diagnostic', { textDocument: { uri: mixed } });
    assert.deepEqual(report.items.map((d) => [d.code, d.severity]), [['consultation-only', Severity.Error]]);
  });

  it('a pull cancelled while it waits for typing to settle answers RequestCancelled', async () => {
    client.open(slow, CLAIM_DOC, 1);
    const source = new CancellationTokenSource();
    const pull = client.request('textDocument/diagnostic', { textDocument: { uri: slow } }, source.token);
    source.cancel();
    // The next edit ends the wait at once (a newer settle supersedes the older one).
    client.change(slow, CLAIM_DOC, 2);
    await assert.rejects(pull, (error: unknown) => {
      assert.ok(error instanceof ResponseError);
      assert.equal(error.code, ErrorCode.RequestCancelled);
      return true;
    });
  });

  it('a pull overtaken by a newer version never reports the older text', async () => {
    const pull = client.request<FullReport>('textDocument/diagnostic', { textDocument: { uri: slow } }).then(
      (report) => ({ report }),
      (error: unknown) => ({ error }),
    );
    client.change(slow, md('# Youth service', '', 'We will run an online survey.'), 3);
    const outcome = await pull;
    if ('error' in outcome) {
      // What the handler means to do: ServerCancelled, asking the client to pull again.
      assert.ok(outcome.error instanceof ResponseError);
      assert.equal(outcome.error.code, ErrorCode.ServerCancelled);
      assert.deepEqual(outcome.error.data, { retriggerRequest: true });
    } else {
      // What it does (the document object is updated in place): the report of the newest text, which has no claim.
      assert.deepEqual(outcome.report, { kind: 'full', items: [] });
    }
    // Closing the document ends the pending wait; the server still answers.
    client.close(slow);
    assert.deepEqual(await client.request('textDocument/diagnostic', { textDocument: { uri: slow } }), { kind: 'full', items: [] });
  });
});
