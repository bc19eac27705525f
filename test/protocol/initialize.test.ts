import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ROOT, TestClient } from './client';
import { sampleText, sampleUri, Severity } from './fixtures';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

const RULES = 'consultation-only, co-design-not-co-production, unevidenced-claim, uncited-definition, unknown-citation, missing-reference-entry';

describe('initialize', { timeout: 30_000 }, () => {
  it('announces incremental sync, hover, definition, completion, code action kinds and serverInfo; no pull diagnostics for a push client', async () => {
    const client = new TestClient();
    try {
      const result = await client.initialize();
      assert.deepEqual(result, {
        capabilities: {
          textDocumentSync: 2, // TextDocumentSyncKind.Incremental
          codeActionProvider: { codeActionKinds: ['quickfix', 'source.coprodLens.addMissingEntries'] },
          hoverProvider: true,
          definitionProvider: true,
          completionProvider: { triggerCharacters: ['@', '('] },
          workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
        },
        serverInfo: { name: 'coprod-lens', version: pkg.version },
      });
      assert.equal('diagnosticProvider' in result.capabilities, false);
    } finally {
      await client.stop();
    }
    assert.equal(client.process.exitCode, 0, 'shutdown then exit ends the server with code 0');
  });

  it('announces pull diagnostics (document and workspace) when the client supports them', async () => {
    const client = new TestClient();
    try {
      const result = await client.initialize({ pull: true });
      assert.deepEqual(result.capabilities.diagnosticProvider, { identifier: 'coprod-lens', interFileDependencies: true, workspaceDiagnostics: true });
      assert.equal(result.capabilities.textDocumentSync, 2);
    } finally {
      await client.stop();
    }
  });

  it('logs its start with the rule list, and without workspace/configuration support never asks for it and checks on defaults', async () => {
    const client = new TestClient();
    try {
      await client.initialize({ configuration: false });
      const uri = sampleUri('mixed-work-packages');
      client.open(uri, sampleText('mixed-work-packages'));
      const { diagnostics } = await client.diagnostics(uri);
      assert.deepEqual(
        diagnostics.map((d) => [d.code, d.severity, d.range.start.line]),
        [['consultation-only', Severity.Warning, 48]],
      );
      assert.deepEqual(client.configurationRequests, []);
      assert.deepEqual(client.received('window/logMessage')[0], { type: 3, message: `Co-production Lens server started (rules: ${RULES}).` });
    } finally {
      await client.stop();
    }
  });
});
