/**
 * Workspace trust: with initializationOptions.trusted false the server reads no file outside the
 * workspace folders, whatever the front matter or the settings name, and says why in its log. A
 * trusted server over the same files reads them all (so the keys really are in those files).
 */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hover, MarkupContent, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { positionOf, TestClient, textIn, uriOf } from './client';
import { CLAIM_DOC, md, Severity, tempFolder } from './fixtures';

/** A CSL-JSON file holding one work with key `id`. */
function csl(id: string, family: string, year: number): string {
  return JSON.stringify([{ id, type: 'book', title: `Work of ${family}`, author: [{ family, given: 'A.' }], issued: { 'date-parts': [[year]] } }]);
}

// <base>/outside.json and <base>/up.json lie outside the workspace folder <base>/ws; ws/inside.json
// and ws/link.json (a symbolic link to ../outside.json) lie inside it, by name.
const base = tempFolder({
  'outside.json': csl('outside2021', 'Outside', 2021),
  'up.json': csl('up2022', 'Up', 2022),
  'ws/inside.json': csl('inside2020', 'Inside', 2020),
  'settings.json': csl('settings2023', 'Settings', 2023),
});
const ws = join(base.path, 'ws');
symlinkSync(join(base.path, 'outside.json'), join(ws, 'link.json'));
const outsideAbsolute = join(base.path, 'outside.json');

const proposal = md(
  '---',
  'title: A bid',
  `bibliography: [${JSON.stringify(outsideAbsolute)}, ../up.json, inside.json]`,
  '---',
  '',
  'Outside the folder [@outside2021]. One folder up [@up2022]. Inside the folder [@inside2020].',
);
const linked = md('---', 'bibliography: link.json', '---', '', 'Through a link [@outside2021].');
const bySettings = md('# Plan', '', 'Named by a setting [@settings2023].');

const unknownKeys = (p: PublishDiagnosticsParams, text: string): string[] => p.diagnostics.filter((d) => d.code === 'unknown-citation').map((d) => textIn(text, d.range));

describe('untrusted workspace', { timeout: 30_000 }, () => {
  const client = new TestClient();
  const settingsBib = join(base.path, 'settings.json');
  client.configuration = (scopeUri) => ({ debounce: 0, ...(scopeUri?.endsWith('/by-settings.md') ? { bibliographies: [settingsBib] } : {}) });
  before(async () => void (await client.initialize({ folder: ws, trusted: false })));
  after(async () => client.stop());

  it('does not read a bibliography the front matter names by absolute path or "../" outside the folder, and logs why', async () => {
    const uri = uriOf(join(ws, 'proposal.md'));
    client.open(uri, proposal);
    const published = await client.diagnostics(uri);
    assert.deepEqual(unknownKeys(published, proposal), ['outside2021', 'up2022']);
    for (const d of published.diagnostics) assert.equal(d.severity, Severity.Warning);
    const log = client.log();
    assert.ok(log.includes(`${uri}: ${outsideAbsolute}: not read, because it is outside the workspace folders of an untrusted workspace.`), log.join('\n'));
    assert.ok(log.includes(`${uri}: ../up.json: not read, because it is outside the workspace folders of an untrusted workspace.`), log.join('\n'));
    assert.ok(!log.some((m) => m.includes('inside.json')), 'the file inside the folder is read without complaint');
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(proposal, '@outside2021', 2) });
    assert.equal((hover?.contents as MarkupContent).value, 'Unknown citation: not in the reference list or any bibliography.');
    const inside = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(proposal, '@inside2020', 2) });
    assert.equal((inside?.contents as MarkupContent).value, '**Inside (2020)**\n\nInside, A. (2020). Work of Inside.');
  });

  it('does not follow a symbolic link inside the folder to a file outside it', async () => {
    const uri = uriOf(join(ws, 'linked.md'));
    client.open(uri, linked);
    assert.deepEqual(unknownKeys(await client.diagnostics(uri), linked), ['outside2021']);
    assert.ok(client.log().includes(`${uri}: link.json: not read, because it is outside the workspace folders of an untrusted workspace.`));
  });

  it('does not read a bibliography the editor settings name outside the folder', async () => {
    const uri = uriOf(join(ws, 'by-settings.md'));
    client.open(uri, bySettings);
    assert.deepEqual(unknownKeys(await client.diagnostics(uri), bySettings), ['settings2023']);
    assert.ok(client.log().includes(`${uri}: ${settingsBib}: not read, because it is outside the workspace folders of an untrusted workspace.`));
  });

  it('does not read a .coprod-lens.json outside the workspace folder', async () => {
    const other = join(base.path, 'ws-other');
    mkdirSync(other);
    writeFileSync(join(other, '.coprod-lens.json'), JSON.stringify({ rules: { 'consultation-only': 'error' } }));
    const uri = uriOf(join(other, 'proposal.md'));
    client.open(uri, CLAIM_DOC);
    const published = await client.diagnostics(uri);
    assert.deepEqual(published.diagnostics.map((d) => [d.code, d.severity]), [['consultation-only', Severity.Warning]], 'the outside config (error) must not apply');
  });
});

describe('trusted workspace (control)', { timeout: 30_000 }, () => {
  const client = new TestClient();
  client.configuration = { debounce: 0 };
  before(async () => void (await client.initialize({ folder: ws, trusted: true })));
  after(async () => {
    await client.stop();
    base.remove();
  });

  it('reads every bibliography the front matter names, inside the folder or not', async () => {
    const uri = uriOf(join(ws, 'proposal.md'));
    client.open(uri, proposal);
    const linkedUri = uriOf(join(ws, 'linked.md'));
    client.open(linkedUri, linked);
    assert.deepEqual((await client.diagnostics(uri)).diagnostics, []);
    assert.deepEqual((await client.diagnostics(linkedUri)).diagnostics, []);
    assert.ok(!client.log().some((m) => m.includes('not read')));
  });
});
