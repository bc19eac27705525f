/**
 * Where the server may read: real paths (symbolic links resolved) against the workspace folders,
 * and the project config file an untrusted workspace refuses when it is a link leading outside.
 */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../../server/src/core/config';
import { Trust } from '../../server/src/lsp/trust';
import { insideFolders } from '../../server/src/lsp/workspace';
import { loadSettings } from '../../server/src/node/config-file';
import { isWithin, realPath } from '../../server/src/node/real-path';
import { tempFolder } from '../protocol/fixtures';

describe('trust: real paths inside the workspace folders', () => {
  const base = tempFolder({ 'ws/doc.md': '', 'ws/inside.json': '', 'outside/config.json': '{"maxFileSize":"1kB"}', 'outside/a.json': '' });
  const ws = join(base.path, 'ws');
  const outside = join(base.path, 'outside');
  symlinkSync(outside, join(ws, 'linkdir'));
  symlinkSync(join(outside, 'a.json'), join(ws, 'link.json'));
  after(() => base.remove());

  it('resolves links, also of the folders above a file that does not exist', () => {
    assert.equal(realPath(join(ws, 'link.json')), join(outside, 'a.json'));
    assert.equal(realPath(join(ws, 'linkdir', 'missing.json')), join(outside, 'missing.json'));
    assert.equal(realPath(join(ws, 'missing', 'deeper.json')), join(ws, 'missing', 'deeper.json'));
    assert.ok(isWithin(ws, join(ws, 'a', 'b.md')) && isWithin(ws, ws));
    assert.ok(!isWithin(ws, base.path) && !isWithin(ws, `${ws}-sibling`));
  });

  it('an untrusted workspace allows only real paths inside its folders; a trusted one allows all', () => {
    const untrusted = new Trust(false);
    untrusted.setFolders([pathToFileURL(ws).href]);
    assert.ok(untrusted.allows(join(ws, 'inside.json')));
    assert.ok(!untrusted.allows(join(ws, 'link.json')), 'a link to a file outside');
    assert.ok(!untrusted.allows(join(ws, 'linkdir', 'a.json')), 'a file under a linked folder');
    assert.ok(!untrusted.allows(join(ws, 'linkdir', 'missing.json')), 'a missing file under a linked folder');
    assert.ok(!untrusted.allows(join(ws, '..', 'outside', 'a.json')));
    const trusted = new Trust(true);
    trusted.setFolders([pathToFileURL(ws).href]);
    assert.ok(trusted.allows(join(ws, 'link.json')));
  });

  it('the workspace check reads only files whose real path is inside the folders', () => {
    const allow = insideFolders([pathToFileURL(ws).href]);
    assert.ok(allow(join(ws, 'doc.md')));
    assert.ok(!allow(join(ws, 'link.json')) && !allow(join(ws, 'linkdir', 'a.json')));
  });

  it('loadSettings refuses a config file that `allow` refuses, naming it and what to do', () => {
    const folder = join(base.path, 'linked-config');
    mkdirSync(folder);
    symlinkSync(join(outside, 'config.json'), join(folder, '.coprod-lens.json'));
    const trust = new Trust(false);
    trust.setFolders([pathToFileURL(folder).href]);
    assert.throws(
      () => loadSettings(undefined, folder, undefined, folder, (path) => trust.allows(path)),
      (error: unknown) => error instanceof ConfigError && error.message.includes(join(folder, '.coprod-lens.json')) && /trust the workspace, or replace the link/.test(error.message),
    );
    assert.equal(loadSettings(undefined, folder, undefined, folder).settings.maxFileSize, 1024, 'read when allowed (trusted, or the CLI)');
  });

  it('the search for a config file stops at the folder even when the folder is opened through a link', () => {
    // home/.coprod-lens.json lies above the link home/project, not above the folder it leads to.
    mkdirSync(join(base.path, 'real-project', 'sub'), { recursive: true });
    mkdirSync(join(base.path, 'home'));
    writeFileSync(join(base.path, 'home', '.coprod-lens.json'), '{"maxFileSize":"1kB"}');
    symlinkSync(join(base.path, 'real-project'), join(base.path, 'home', 'project'));
    const loaded = loadSettings(undefined, join(base.path, 'home', 'project', 'sub'), undefined, join(base.path, 'real-project'));
    assert.equal(loaded.path, undefined, 'the config above the folder is not used');
  });
});
