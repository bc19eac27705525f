/**
 * Settings: the editor's `coprodLens` section (answered to workspace/configuration, re-read on
 * workspace/didChangeConfiguration), its validation, and the project file .coprod-lens.json.
 * One push-mode server over a temporary workspace folder; each test reconfigures and waits for
 * the re-published diagnostics.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, TestClient, uriOf } from './client';
import { APA, CLAIM_DOC, md, Severity, tempFolder } from './fixtures';

interface ShowMessage {
  type: number;
  message: string;
  actions?: unknown[];
}

/** The server shows errors with window/showMessageRequest (vscode-languageserver's showErrorMessage), no actions. */
const SHOW = 'window/showMessageRequest';

const severities = (p: PublishDiagnosticsParams): [string, number][] => p.diagnostics.map((d) => [String(d.code), d.severity!]);

describe('settings', { timeout: 40_000 }, () => {
  const folder = tempFolder({ 'project/.gitkeep': '' });
  const client = new TestClient();
  const first = uriOf(join(folder.path, 'first.md'));
  const second = uriOf(join(folder.path, 'second.md'));
  const inProject = uriOf(join(folder.path, 'project', 'proposal.md'));

  /** Answer `section` from now on and tell the server the settings changed. */
  const reconfigure = (section: Record<string, unknown>): void => {
    client.configuration = section;
    void client.connection.sendNotification('workspace/didChangeConfiguration', { settings: { coprodLens: section } });
  };

  before(async () => {
    client.configuration = { debounce: 0 };
    await client.initialize({ folder: folder.path });
    client.open(first, CLAIM_DOC);
    client.open(second, CLAIM_DOC);
    await client.diagnostics(first);
    await client.diagnostics(second);
  });
  after(async () => {
    await client.stop();
    folder.remove();
  });

  it('asks for the coprodLens section of each document', () => {
    const items = client.configurationRequests.flat();
    assert.ok(items.some((i) => i.scopeUri === first && i.section === 'coprodLens'));
    assert.ok(items.some((i) => i.scopeUri === second && i.section === 'coprodLens'));
    assert.deepEqual(severities(client.published.get(first)!), [['consultation-only', Severity.Warning]]);
  });

  it('a rule set to "error" re-publishes every open document with Error severity', async () => {
    const asked = client.configurationRequests.length;
    reconfigure({ debounce: 0, rules: { 'consultation-only': 'error' } });
    for (const uri of [first, second]) {
      const published = await client.diagnostics(uri, (p) => p.diagnostics[0]?.severity === Severity.Error);
      assert.deepEqual(severities(published), [['consultation-only', Severity.Error]]);
      assert.equal(published.version, 1, 'same document version, new settings');
    }
    assert.ok(client.configurationRequests.length > asked, 'the settings were asked for again');
  });

  it('a rule set to "off" removes its diagnostics', async () => {
    reconfigure({ debounce: 0, rules: { 'consultation-only': 'off' } });
    const published = await client.diagnostics(first, (p) => p.diagnostics.length === 0);
    assert.deepEqual(published.diagnostics, []);
  });

  it('a malformed setting gives one error message and the server goes on with the defaults', async () => {
    const shown = client.received<ShowMessage>(SHOW).length;
    reconfigure({ debounce: 0, citationStyle: 'fancy', rules: { 'consultation-only': 'error' } });
    const message = 'coprodLens settings: citationStyle is "fancy"; use one of auto, author-date, numeric, pandoc.';
    const error = await client.notification<ShowMessage>(SHOW, (m) => m.message.includes('citationStyle'));
    assert.deepEqual(error, { type: 1, message: `Co-production Lens: ${message}`, actions: [] });
    // The whole section is set aside: default severities, for both documents.
    for (const uri of [first, second]) {
      const published = await client.diagnostics(uri, (p) => p.diagnostics[0]?.severity === Severity.Warning);
      assert.deepEqual(severities(published), [['consultation-only', Severity.Warning]]);
    }
    assert.equal(client.received<ShowMessage>(SHOW).length, shown + 1, 'one message, not one per document');
    assert.ok(client.received<ShowMessage>('window/logMessage').some((m) => m.type === 1 && m.message === message), 'and in the log');
    // Still working: hover and edits are answered.
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri: first }, position: { line: 2, character: 27 } });
    assert.ok(hover);
    client.change(first, md('# Youth service', '', 'We will run an online survey.'), 2);
    assert.deepEqual((await client.diagnostics(first, (p) => p.version === 2)).diagnostics, []);
    client.change(first, CLAIM_DOC, 3);
    await client.diagnostics(first, (p) => p.version === 3);
  });

  it('an out-of-range debounce is reported and replaced by the default', async () => {
    reconfigure({ debounce: -5 });
    const error = await client.notification<ShowMessage>(SHOW, (m) => m.message.includes('debounce'));
    assert.deepEqual(error, { type: 1, message: 'Co-production Lens: coprodLens.debounce is -5; use a number of milliseconds from 0 to 10000.', actions: [] });
    client.change(first, md('# Youth service', '', 'We will run an online survey.'), 4);
    assert.deepEqual((await client.diagnostics(first, (p) => p.version === 4)).diagnostics, []);
  });

  it('referencesHeading names the reference list a citation fix creates', async () => {
    reconfigure({ debounce: 0, referencesHeading: 'Bibliography' });
    // Requests after the notification already see the new settings (the server forgets the old ones at once).
    const claim = { start: { line: 2, character: 24 }, end: { line: 2, character: 35 } };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: second }, range: claim, context: { diagnostics: [] } });
    const cite = actions.find((a) => a.isPreferred);
    assert.equal(cite?.title, 'Cite Brandsen & Honingh (2016)');
    const result = applyWorkspaceEdit({ [second]: CLAIM_DOC }, cite!.edit!)[second]!;
    assert.ok(result.endsWith(`\n\n## Bibliography\n\n- ${APA.brandsen2016}\n`), result);
  });

  it('the project file .coprod-lens.json applies on top of the editor settings, and is read again when it changes', async () => {
    reconfigure({ debounce: 0, rules: { 'consultation-only': 'error' } });
    const config = join(folder.path, 'project', '.coprod-lens.json');
    writeFileSync(config, JSON.stringify({ rules: { 'consultation-only': 'information' } }));
    client.open(inProject, CLAIM_DOC);
    assert.deepEqual(severities(await client.diagnostics(inProject)), [['consultation-only', Severity.Information]]);
    // A document outside the project folder keeps the editor's setting.
    assert.deepEqual(severities(await client.diagnostics(second, (p) => p.diagnostics[0]?.severity === Severity.Error)), [['consultation-only', Severity.Error]]);
    writeFileSync(config, JSON.stringify({ rules: { 'consultation-only': 'hint' } }));
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 2 }] });
    assert.deepEqual(severities(await client.diagnostics(inProject, (p) => p.diagnostics[0]?.severity === Severity.Hint)), [['consultation-only', Severity.Hint]]);
  });

  it('a malformed project file is reported by name and the editor settings still apply', async () => {
    const config = join(folder.path, 'project', '.coprod-lens.json');
    writeFileSync(config, '{ "rules": ');
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(config), type: 2 }] });
    const error = await client.notification<ShowMessage>(SHOW, (m) => m.message.includes('.coprod-lens.json'));
    assert.equal(error.type, 1);
    assert.ok(error.message.startsWith(`Co-production Lens: ${config}: not valid JSON (`), error.message);
    assert.deepEqual(severities(await client.diagnostics(inProject, (p) => p.diagnostics[0]?.severity === Severity.Error)), [['consultation-only', Severity.Error]]);
  });

  it('a document that grows past maxFileSize loses its diagnostics instead of keeping stale ones', async () => {
    reconfigure({ debounce: 0 });
    const published = await client.diagnostics(second, (p) => p.diagnostics[0]?.severity === Severity.Warning);
    assert.equal(published.diagnostics.length, 1);
    reconfigure({ debounce: 0, maxFileSize: 100 });
    await client.notification<ShowMessage>('window/logMessage', (m) => m.message === `${second}: not checked, larger than maxFileSize (100 bytes).`);
    // The claim is gone from the text; whatever the server shows now, it must not be the old finding.
    client.change(second, md('# Youth service', '', 'We will run an online survey and hold two focus groups with young people, and tell them what we did.'), 2);
    await client.notification<ShowMessage>('window/logMessage', (m) => m.message === `${second}: not checked, larger than maxFileSize (100 bytes).`);
    await client.request('textDocument/hover', { textDocument: { uri: second }, position: { line: 0, character: 0 } });
    assert.deepEqual(client.published.get(second)?.diagnostics, []);
  });
});
