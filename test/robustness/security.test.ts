/**
 * Security: no network access from the core, the CLI or the server; in an untrusted workspace no
 * file outside the workspace folders is read, whatever a setting or front matter names; oversized
 * files are skipped with a note.
 *
 * A preload script (node --require), written to the temporary folder at run time, replaces every
 * way to open a socket (net.Socket.prototype.connect, net.connect/createConnection, tls.connect,
 * dgram.createSocket, http(s).request/get, dns.lookup, globalThis.fetch) with a function that
 * records the attempt and throws; it can also record every file read (fs.readFileSync, openSync,
 * readFile, createReadStream, fs.promises). The server's stdio pipes are not sockets it connects,
 * so the patch leaves them working, which the LSP session below proves.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { after, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { analyze } from '../../server/src/core/analyze';
import { formatEntry, toBibtex } from '../../server/src/core/citations/format';
import { BUNDLED_REFERENCES } from '../../server/src/core/citations/bundled';
import { positionOf, ROOT, TestClient, textIn, uriOf } from '../protocol/client';
import { CLAIM_DOC, md, SAMPLES, sampleText, Severity, tempFolder } from '../protocol/fixtures';

const JOB = process.env.COPROD_LENS_ROBUSTNESS_JOB;
const CLI = join(ROOT, 'dist', 'cli.js');

// ---------------------------------------------------------------------------------------------
// The preload

const PRELOAD = String.raw`'use strict';
const fs = require('fs');
const NET_LOG = process.env.COPROD_LENS_NET_LOG;
const FS_LOG = process.env.COPROD_LENS_FS_LOG;
const appendFileSync = fs.appendFileSync;
const describe = (args) => args.map((a) => { try { return typeof a === 'function' ? 'fn' : JSON.stringify(a); } catch { return String(a); } }).join(', ').slice(0, 200);
function record(what, args) {
  const stack = (new Error().stack || '').split('\n').slice(3, 9).map((l) => l.trim()).join(' | ');
  if (NET_LOG) appendFileSync(NET_LOG, JSON.stringify({ what, args: describe(args), pid: process.pid, stack }) + '\n');
}
function blocked(what) {
  return function blockedNetworkAccess(...args) {
    record(what, args);
    throw new Error('network access blocked by the robustness test: ' + what);
  };
}
const net = require('net');
net.Socket.prototype.connect = blocked('net.Socket.prototype.connect');
net.connect = blocked('net.connect');
net.createConnection = blocked('net.createConnection');
const tls = require('tls');
tls.connect = blocked('tls.connect');
const dgram = require('dgram');
dgram.createSocket = blocked('dgram.createSocket');
for (const name of ['http', 'https']) {
  const m = require(name);
  m.request = blocked(name + '.request');
  m.get = blocked(name + '.get');
}
const dns = require('dns');
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6', 'lookupService']) dns[name] = blocked('dns.' + name);
for (const name of ['lookup', 'resolve', 'resolve4', 'resolve6']) dns.promises[name] = blocked('dns.promises.' + name);
globalThis.fetch = blocked('fetch');
if (FS_LOG) {
  const pathOf = (p) => (typeof p === 'number' ? null : p instanceof URL ? p.pathname : Buffer.isBuffer(p) ? p.toString() : String(p));
  const wrap = (owner, name) => {
    const original = owner[name];
    if (typeof original !== 'function') return;
    owner[name] = function (p, ...rest) {
      const path = pathOf(p);
      if (path !== null) appendFileSync(FS_LOG, JSON.stringify({ call: name, path }) + '\n');
      return original.call(this, p, ...rest);
    };
  };
  for (const name of ['readFileSync', 'openSync', 'readFile', 'open', 'createReadStream']) wrap(fs, name);
  for (const name of ['readFile', 'open']) wrap(fs.promises, name);
}
`;

/** Where the preload and its logs live for this run (made by the test process, not by a job). */
let workFolder: { path: string; remove: () => void } | undefined;
function work(): { path: string; remove: () => void } {
  workFolder ??= tempFolder({ 'preload.js': PRELOAD }, 'coprod-lens-security-');
  return workFolder;
}
const preloadPath = (): string => join(work().path, 'preload.js');
let logCounter = 0;
function freshLog(kind: string): string {
  const path = join(work().path, `${kind}-${++logCounter}.log`);
  writeFileSync(path, '');
  return path;
}
function netAttempts(log: string): { what: string; args: string; stack: string }[] {
  return readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { what: string; args: string; stack: string });
}
function fileReads(log: string): string[] {
  return readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { path: string }).path);
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  delete env.NODE_TEST_CONTEXT;
  delete env.NODE_OPTIONS;
  return env;
}

/** Run node with the preload; a hard bound so nothing hangs. */
function runNode(args: readonly string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['--require', preloadPath(), ...args], {
    cwd: options.cwd ?? ROOT,
    env: childEnv(options.env ?? {}),
    encoding: 'utf8',
    timeout: 60_000,
    maxBuffer: 32 * 1024 * 1024,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  if (run.error || run.signal) assert.fail(`node ${args.join(' ')} did not finish: ${run.error?.message ?? run.signal}`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** A TestClient whose server runs with the preload (NODE_OPTIONS is read when the process starts). */
function preloadedClient(env: Record<string, string>): TestClient {
  const saved = { ...process.env };
  try {
    process.env.NODE_OPTIONS = `--require ${JSON.stringify(preloadPath())}`;
    Object.assign(process.env, env);
    return new TestClient();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}

// ---------------------------------------------------------------------------------------------
// Documents that tempt a tool to go online: URL and DOI bibliographies, DOI and URL fields.

const URL_CSL = JSON.stringify([
  { id: 'web2021', type: 'webpage', title: 'Involvement online', author: [{ family: 'Web', given: 'A.' }], issued: { 'date-parts': [[2021]] }, URL: 'https://example.org/involvement', DOI: '10.1000/xyz123' },
]);
const URL_BIB = md('@article{doi2019,', '  author = {Doi, B.},', '  title = {Fetched},', '  journal = {J},', '  year = {2019},', '  doi = {10.1111/puar.12465},', '  url = {https://doi.org/10.1111/puar.12465}', '}');
const URL_DOC = md(
  '---',
  'title: A bid',
  'bibliography: [https://example.org/refs.json, "http://127.0.0.1:9/refs.bib", local.json, local.bib]',
  'references:',
  '- id: inline2020',
  '  type: webpage',
  '  URL: https://example.org/inline',
  '  title: Inline',
  '---',
  '',
  '# Plan',
  '',
  'The new service will be co-designed with young people [@web2021; @doi2019]. We will run an online survey [@doi:10.1111/puar.12465] <https://example.org/survey> and [a link](http://127.0.0.1:9/).',
  '',
  'See https://doi.org/10.1111/puar.12465 and [@inline2020; @nokey].',
);

function runCoreJob(): void {
  const bibliographies = [
    { path: 'local.json', text: URL_CSL },
    { path: 'local.bib', text: URL_BIB },
    { path: 'https://example.org/refs.json', text: URL_CSL },
  ];
  let findings = 0;
  const texts = [...SAMPLES.map((name) => readFileSync(join(ROOT, 'samples', `${name}.md`), 'utf8')), URL_DOC, CLAIM_DOC];
  for (const text of texts) {
    const result = analyze(text, undefined, { bibliographies });
    findings += result.findings.length;
    for (const f of result.findings) for (const fix of f.fixes) void fix.edits.length;
  }
  for (const item of BUNDLED_REFERENCES) {
    formatEntry(item, 'apa');
    formatEntry(item, 'vancouver');
    toBibtex(item);
  }
  process.stdout.write(`done: ${texts.length} documents, ${findings} findings\n`);
}

// ---------------------------------------------------------------------------------------------

if (JOB === 'core') {
  runCoreJob();
} else {
  after(() => workFolder?.remove());

  describe('security: no network access', { timeout: 120_000 }, () => {
    it('the preload records and blocks every kind of connection (control)', () => {
      const log = freshLog('net');
      const script = String.raw`
        const attempts = [
          () => require('net').connect(9, '127.0.0.1'),
          () => require('net').createConnection({ port: 9, host: '127.0.0.1' }),
          () => new (require('net').Socket)().connect(9, '127.0.0.1'),
          () => require('tls').connect(443, 'example.org'),
          () => require('dgram').createSocket('udp4'),
          () => require('http').request('http://example.org/'),
          () => require('http').get('http://example.org/'),
          () => require('https').request('https://example.org/'),
          () => require('https').get('https://example.org/'),
          () => require('dns').lookup('example.org', () => {}),
          () => fetch('https://example.org/'),
        ];
        let blocked = 0;
        for (const attempt of attempts) { try { attempt(); } catch (e) { if (/blocked by the robustness test/.test(e.message)) blocked++; } }
        process.stdout.write('blocked ' + blocked + ' of ' + attempts.length + '\n');
      `;
      const run = runNode(['-e', script], { env: { COPROD_LENS_NET_LOG: log } });
      assert.equal(run.stdout.trim(), 'blocked 11 of 11', run.stderr);
      assert.deepEqual(netAttempts(log).map((a) => a.what), [
        'net.connect',
        'net.createConnection',
        'net.Socket.prototype.connect',
        'tls.connect',
        'dgram.createSocket',
        'http.request',
        'http.get',
        'https.request',
        'https.get',
        'dns.lookup',
        'fetch',
      ]);
    });

    it('the core analyses the samples and documents full of URLs and DOIs without opening a socket', () => {
      const log = freshLog('net');
      const run = runNode([__filename], { env: { COPROD_LENS_NET_LOG: log, COPROD_LENS_ROBUSTNESS_JOB: 'core' } });
      assert.equal(run.status, 0, run.stderr);
      assert.match(run.stdout, /^done: 8 documents, \d+ findings$/m);
      assert.deepEqual(netAttempts(log), []);
    });

    it('the CLI checks, fixes and exports references without opening a socket', () => {
      const log = freshLog('net');
      const dir = tempFolder({
        'url.md': URL_DOC,
        'local.json': URL_CSL,
        'local.bib': URL_BIB,
        'fix.md': md('# Plan', '', 'Involvement improves relevance (Palumbo, 2016).', '', '## References', '', '- Brandsen, T., & Honingh, M. (2016). Distinguishing. *PAR*.'),
        'settings/.coprod-lens.json': JSON.stringify({ bibliographies: ['https://example.org/settings.json', '//fileserver/share/refs.bib'] }),
        'settings/doc.md': CLAIM_DOC,
      });
      try {
        const env = { COPROD_LENS_NET_LOG: log };
        const runs = [
          runNode([CLI, 'check', '--format', 'json', join(ROOT, 'samples')], { env }),
          runNode([CLI, 'check', '--format', 'sarif', join(ROOT, 'samples')], { env }),
          runNode([CLI, 'check', 'url.md'], { env, cwd: dir.path }),
          runNode([CLI, 'check', '--fix', 'fix.md'], { env, cwd: dir.path }),
          runNode([CLI, 'check', '--fix', '-'], { env, cwd: dir.path, input: URL_DOC }),
          runNode([CLI, 'check', 'doc.md'], { env, cwd: join(dir.path, 'settings') }),
          runNode([CLI, 'references', '--format', 'bibtex'], { env }),
          runNode([CLI, 'references', '--format', 'csl-json'], { env }),
          runNode([CLI, 'references', '--style', 'vancouver'], { env }),
        ];
        for (const run of runs) assert.ok(run.status !== null && run.status <= 2 && !/internal error/.test(run.stderr), run.stderr);
        assert.match(runs[2]!.stderr, /https:\/\/example\.org\/refs\.json: cannot read the bibliography \(no such file\)/, 'a URL bibliography is a path that does not exist, not a download');
        assert.match(readFileSync(join(dir.path, 'fix.md'), 'utf8'), /Palumbo, R\. \(2016\)/, '--fix ran');
        assert.deepEqual(netAttempts(log), []);
      } finally {
        dir.remove();
      }
    });

    it('a full LSP session over stdio opens no socket (and the patch leaves stdio working)', async () => {
      const log = freshLog('net');
      const folder = tempFolder({ 'url.md': URL_DOC, 'local.json': URL_CSL, 'local.bib': URL_BIB });
      cpSync(join(ROOT, 'samples'), join(folder.path, 'samples'), { recursive: true });
      const client = preloadedClient({ COPROD_LENS_NET_LOG: log });
      client.configuration = { debounce: 0, bibliographies: ['https://example.org/settings.json'] };
      try {
        await client.initialize({ folder: folder.path });
        const docs = [...SAMPLES.map((name) => [join(folder.path, 'samples', `${name}.md`), sampleText(name)] as const), [join(folder.path, 'url.md'), URL_DOC] as const];
        let diagnostics = 0;
        for (const [path, text] of docs) {
          const uri = uriOf(path);
          client.open(uri, text);
          const published = await client.diagnostics(uri);
          diagnostics += published.diagnostics.length;
          for (const d of published.diagnostics.slice(0, 3)) {
            await client.request('textDocument/hover', { textDocument: { uri }, position: d.range.start });
            const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } });
            assert.ok(Array.isArray(actions));
          }
          await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } });
          await client.request('coprodLens/profile', { uri });
          await client.request('coprodLens/references', { uri });
          await client.request('coprodLens/cite', { uri, id: 'brandsen2016', position: { line: 2, character: 5 } });
        }
        const url = uriOf(join(folder.path, 'url.md'));
        await client.request('textDocument/definition', { textDocument: { uri: url }, position: positionOf(URL_DOC, '@web2021', 2) });
        await client.request('textDocument/completion', { textDocument: { uri: url }, position: positionOf(URL_DOC, '@web2021', 1) });
        const checked = await client.request<{ files: number }>('coprodLens/checkWorkspace', null);
        assert.equal(checked.files, docs.length);
        assert.ok(diagnostics > 0, 'diagnostics arrived over stdio under the preload');
        assert.ok(client.log().some((m) => m.includes('https://example.org/refs.json: cannot read the bibliography')));
      } finally {
        await client.stop();
        folder.remove();
      }
      assert.deepEqual(netAttempts(log), []);
    });
  });

  describe('security: an untrusted workspace reads nothing outside its folders', { timeout: 120_000 }, () => {
    const csl = (id: string, family: string, year: number): string => JSON.stringify([{ id, type: 'book', title: `Work of ${family}`, author: [{ family, given: 'A.' }], issued: { 'date-parts': [[year]] } }]);
    // base/secret holds everything outside; base/ws* are the workspace folders.
    const base = tempFolder(
      {
        'secret/outside.json': csl('outside2021', 'Outside', 2021),
        'secret/config.json': JSON.stringify({ rules: { 'consultation-only': 'error' } }),
        'secret/secret.md': md('# Secret', '', 'The new service will be co-designed with young people. We will run an online survey.'),
        'ws/inside.json': csl('inside2020', 'Inside', 2020),
        'ws-config/placeholder.txt': '',
        'ws-walk/plan.md': CLAIM_DOC,
      },
      'coprod-lens-untrusted-',
    );
    const secret = join(base.path, 'secret');
    const ws = join(base.path, 'ws');
    const outsideAbsolute = join(secret, 'outside.json');
    symlinkSync(outsideAbsolute, join(ws, 'link.json'));
    symlinkSync(secret, join(ws, 'linkdir'));
    // A config file inside the folder (ws/cfg) that names files outside it.
    mkdirSync(join(ws, 'cfg'), { recursive: true });
    writeFileSync(join(ws, 'cfg', '.coprod-lens.json'), JSON.stringify({ bibliographies: ['../../secret/outside.json', outsideAbsolute, '../linkdir/outside.json'] }));
    mkdirSync(join(ws, 'a', 'b'), { recursive: true });

    const deep = md(
      '---',
      `bibliography: [../../../secret/outside.json, ${JSON.stringify(outsideAbsolute)}, ../../link.json, ../../linkdir/outside.json, ../../inside.json]`,
      '---',
      '',
      'Outside [@outside2021]. Inside [@inside2020].',
    );
    const viaSettings = md('# Plan', '', 'Named by a setting [@outside2021].');

    /** Reads whose real path lies in base/secret (every path the server read, symbolic links resolved). */
    const outsideReads = (log: string): string[] =>
      fileReads(log).filter((p) => {
        const real = existsSync(p) ? realpathSync(p) : p;
        const rel = relative(secret, real);
        return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel));
      });
    const unknownKeys = (p: PublishDiagnosticsParams, text: string): string[] => p.diagnostics.filter((d) => d.code === 'unknown-citation').map((d) => textIn(text, d.range));

    after(() => base.remove());

    it('front matter (../../, absolute, symlinked file and folder), config file and editor settings: no outside file is read', async () => {
      const log = freshLog('fs');
      const client = preloadedClient({ COPROD_LENS_FS_LOG: log });
      client.configuration = (scopeUri) => ({ debounce: 0, ...(scopeUri?.endsWith('/settings.md') ? { bibliographies: [outsideAbsolute, '../secret/outside.json'] } : {}) });
      try {
        await client.initialize({ folder: ws, trusted: false });
        const opened: [string, string][] = [
          [join(ws, 'a', 'b', 'deep.md'), deep],
          [join(ws, 'settings.md'), viaSettings],
          [join(ws, 'cfg', 'by-config.md'), viaSettings],
        ];
        for (const [path, text] of opened) {
          const uri = uriOf(path);
          client.open(uri, text);
          assert.deepEqual(unknownKeys(await client.diagnostics(uri), text), ['outside2021'], `${path}: inside2020 resolves; outside2021 does not`);
        }
        const refused = client.log().filter((m) => m.includes('not read, because it is outside the workspace folders of an untrusted workspace'));
        const expected: [string, string][] = [
          ['deep.md', '../../../secret/outside.json'],
          ['deep.md', outsideAbsolute],
          ['deep.md', '../../link.json'],
          ['deep.md', '../../linkdir/outside.json'],
          ['settings.md', outsideAbsolute],
          ['settings.md', '../secret/outside.json'],
          ['by-config.md', '../../secret/outside.json'],
          ['by-config.md', outsideAbsolute],
          ['by-config.md', '../linkdir/outside.json'],
        ];
        for (const [doc, written] of expected) {
          assert.ok(refused.some((m) => m.includes(`${doc}: ${written}: not read`)), `${doc} refused ${written}:\n${refused.join('\n')}`);
        }
      } finally {
        await client.stop();
      }
      assert.ok(fileReads(log).some((p) => p.endsWith(`${sep}ws${sep}inside.json`) || p.endsWith(`..${sep}..${sep}inside.json`)), 'the recorder sees the reads the server makes');
      assert.deepEqual(outsideReads(log), []);
    });

    it(
      'a .coprod-lens.json that is a symbolic link to a file outside the folder is not read, and the log says why',
      async () => {
        const folder = join(base.path, 'ws-config');
        symlinkSync(join(secret, 'config.json'), join(folder, '.coprod-lens.json'));
        const log = freshLog('fs');
        const client = preloadedClient({ COPROD_LENS_FS_LOG: log });
        client.configuration = { debounce: 0 };
        try {
          await client.initialize({ folder, trusted: false });
          const uri = uriOf(join(folder, 'doc.md'));
          client.open(uri, CLAIM_DOC);
          const published = await client.diagnostics(uri);
          assert.deepEqual(published.diagnostics.map((d) => [d.code, d.severity]), [['consultation-only', Severity.Warning]], 'the outside config (error) must not apply');
          assert.ok(
            client.log().some((m) => m.includes(`${join(folder, '.coprod-lens.json')}: not read, because it leads outside the workspace folders`)),
            client.log().join('\n'),
          );
        } finally {
          await client.stop();
        }
        assert.deepEqual(outsideReads(log), []);
      },
    );

    it(
      'coprodLens/checkWorkspace does not read a proposal that is a symbolic link to a file outside the folder, and says so',
      async () => {
        const folder = join(base.path, 'ws-walk');
        symlinkSync(join(secret, 'secret.md'), join(folder, 'linked.md'));
        const log = freshLog('fs');
        const client = preloadedClient({ COPROD_LENS_FS_LOG: log });
        client.configuration = { debounce: 0 };
        try {
          await client.initialize({ folder, trusted: false });
          const result = await client.request<{ files: number; findings: number; errors: string[] }>('coprodLens/checkWorkspace', null);
          assert.ok(result.files >= 1, 'plan.md is checked');
          assert.equal(result.findings, 1, 'the finding in plan.md, none from the outside file');
          assert.equal(client.published.get(uriOf(join(folder, 'linked.md')))?.diagnostics.length ?? 0, 0, 'no diagnostics for the outside file');
          assert.ok(result.errors.some((e) => e.includes('linked.md: not read, because it is a symbolic link to a file outside the workspace folders')), JSON.stringify(result.errors));
        } finally {
          await client.stop();
        }
        assert.deepEqual(outsideReads(log), []);
      },
    );
  });

  describe('security: oversized files are skipped with a note', { timeout: 120_000 }, () => {
    const PARAGRAPH = 'The new service will be co-designed with young people. We will run an online survey.';
    const big = md('# Plan', '', ...Array.from({ length: 60 }, () => PARAGRAPH));

    it('the CLI skips a file over maxFileSize from the config file and checks the others', () => {
      const dir = tempFolder({ '.coprod-lens.json': JSON.stringify({ maxFileSize: '1kB' }), 'big.md': big, 'small.md': CLAIM_DOC });
      try {
        const run = runNode([CLI, 'check', '--format', 'json', '.'], { cwd: dir.path });
        assert.equal(run.status, 2);
        assert.match(run.stderr, /coprod-lens: big\.md: skipped: [\d.]+ kB is over the 1 kB limit; raise "maxFileSize" in \.coprod-lens\.json to check it\./);
        const report = JSON.parse(run.stdout) as { files: { path: string; error?: string; diagnostics: unknown[] }[] };
        assert.equal(report.files.find((f) => f.path === 'small.md')?.diagnostics.length, 1);
      } finally {
        dir.remove();
      }
    });

    it('the server does not check an open document over maxFileSize, says so in its log and clears stale diagnostics', async () => {
      const folder = tempFolder({ 'doc.md': big });
      const client = new TestClient();
      client.configuration = { debounce: 0, maxFileSize: 2000 };
      try {
        await client.initialize({ folder: folder.path });
        const uri = uriOf(join(folder.path, 'doc.md'));
        client.open(uri, CLAIM_DOC, 1);
        assert.equal((await client.diagnostics(uri, (p) => p.version === 1)).diagnostics.length, 1);
        client.change(uri, big, 2);
        assert.deepEqual((await client.diagnostics(uri, (p) => p.version === 2)).diagnostics, [], 'stale diagnostics cleared');
        await client.notification<{ message: string }>('window/logMessage', (m) => m.message.includes('not checked, larger than maxFileSize (2000 bytes)'), true);
        const report = await client.request<{ errors: string[] }>('coprodLens/checkWorkspace', null);
        assert.ok(report.errors.some((e) => e.includes('doc.md') && /not checked/.test(e)), JSON.stringify(report.errors));
      } finally {
        await client.stop();
        folder.remove();
      }
    });

    it('the workspace check reports a file on disk over maxFileSize instead of checking it', async () => {
      const folder = tempFolder({ 'big.md': big, 'small.md': CLAIM_DOC });
      const client = new TestClient();
      client.configuration = { debounce: 0, maxFileSize: '2kB' };
      try {
        await client.initialize({ folder: folder.path });
        const report = await client.request<{ files: number; findings: number; errors: string[] }>('coprodLens/checkWorkspace', null);
        assert.ok(report.errors.some((e) => e.includes('big.md') && /not checked/.test(e)), JSON.stringify(report.errors));
        assert.equal(report.findings, 1, 'small.md is still checked');
        const diagnostics: Diagnostic[] = client.published.get(uriOf(join(folder.path, 'big.md')))?.diagnostics ?? [];
        assert.deepEqual(diagnostics, []);
      } finally {
        await client.stop();
        folder.remove();
      }
    });

    it(
      'a bibliography that never ends (/dev/zero) is not read without bound: the CLI finishes with a note',
      (t) => {
        if (!existsSync('/dev/zero') || process.platform !== 'linux') {
          t.skip('needs /dev/zero and ulimit');
          return;
        }
        const dir = tempFolder({ 'zero.md': md('---', 'bibliography: /dev/zero', '---', '', 'Cited [@smith2019].') });
        try {
          // Capped address space and time: the bug must not take the machine with it.
          const run = spawnSync('/bin/sh', ['-c', `ulimit -v 3000000; exec "${process.execPath}" "${CLI}" check --format json zero.md`], { cwd: dir.path, env: childEnv({}), encoding: 'utf8', timeout: 20_000 });
          assert.equal(run.signal, null, `the CLI was killed (${run.signal}): ${run.stderr.slice(0, 300)}`);
          assert.ok(run.status !== null && run.status <= 2, `exit ${run.status}: ${run.stderr.slice(0, 300)}`);
          assert.match(run.stderr, /zero\.md: \/dev\/zero: not read, because it is not a regular file but a character device; name a bibliography file/);
          const report = JSON.parse(run.stdout) as { files: { path: string; diagnostics: { rule: string }[] }[] };
          assert.equal(report.files[0]?.path, 'zero.md', 'the document is still checked');
        } finally {
          dir.remove();
        }
      },
    );

    it('the server refuses bibliographies that never end (/dev/zero, a named pipe nobody writes to), logs why and still publishes diagnostics', async (t) => {
      const folder = tempFolder();
      // A named pipe without a writer: a plain read would block the server for good (no memory at stake).
      if (!existsSync('/dev/zero') || spawnSync('mkfifo', [join(folder.path, 'refs.bib')]).status !== 0) {
        folder.remove();
        t.skip('needs /dev/zero and mkfifo');
        return;
      }
      const client = new TestClient();
      client.configuration = { debounce: 0 };
      try {
        await client.initialize({ folder: folder.path });
        const uri = uriOf(join(folder.path, 'zero.md'));
        client.open(uri, md('---', 'bibliography: [refs.bib]', '---', '', CLAIM_DOC));
        assert.equal((await client.diagnostics(uri)).diagnostics.filter((d) => d.code === 'consultation-only').length, 1);
        assert.ok(client.log().some((m) => m.includes('refs.bib: not read, because it is not a regular file but a named pipe')), client.log().join('\n'));
        client.change(uri, md('---', 'bibliography: /dev/zero', '---', '', CLAIM_DOC), 2);
        assert.equal((await client.diagnostics(uri, (p) => p.version === 2)).diagnostics.filter((d) => d.code === 'consultation-only').length, 1);
        assert.ok(client.log().some((m) => m.includes('/dev/zero: not read, because it is not a regular file but a character device')), client.log().join('\n'));
      } finally {
        await client.stop();
        folder.remove();
      }
    });
  });
}
