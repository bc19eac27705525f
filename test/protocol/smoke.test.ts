import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { ROOT, TestClient } from './client';

describe('language server over stdio: initialize and diagnostics', () => {
  const client = new TestClient();
  before(async () => void (await client.initialize()));
  after(async () => client.stop());

  it('announces its capabilities', async () => {
    const fresh = new TestClient();
    const result = await fresh.initialize({ pull: true });
    await fresh.stop();
    assert.equal(result.serverInfo?.name, 'coprod-lens');
    assert.ok(result.capabilities.hoverProvider);
    assert.ok(result.capabilities.definitionProvider);
    assert.deepEqual(result.capabilities.completionProvider?.triggerCharacters, ['@', '(']);
    assert.ok(result.capabilities.diagnosticProvider, 'pull diagnostics when the client supports them');
  });

  it('publishes the consultation-only diagnostic of a sample', async () => {
    const path = join(ROOT, 'samples', 'mixed-work-packages.md');
    const uri = pathToFileURL(path).href;
    client.open(uri, readFileSync(path, 'utf8'));
    const { diagnostics } = await client.diagnostics(uri);
    const flagged = diagnostics.filter((d) => d.code === 'consultation-only');
    assert.equal(flagged.length, 1);
    assert.equal(flagged[0]!.source, 'coprod-lens');
    assert.equal(flagged[0]!.range.start.line, 48);
    assert.match(flagged[0]!.codeDescription!.href, /docs\/rules\/consultation-only\.md$/);
    assert.ok((flagged[0]!.relatedInformation ?? []).some((r) => /consultation: an online survey/.test(r.message)));
  });
});
