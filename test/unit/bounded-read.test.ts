/**
 * Files named by front matter, settings or the config search are read with bounds: regular files
 * only, and never more than a limit, so /dev/zero or a named pipe cannot hang or exhaust the
 * server or the CLI.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError } from '../../server/src/core/config';
import { readBibliographies } from '../../server/src/node/bibliographies';
import { FileRefused, readBoundedText } from '../../server/src/node/bounded-read';
import { loadSettings } from '../../server/src/node/config-file';
import { tempFolder } from '../protocol/fixtures';

describe('bounded reads', () => {
  const dir = tempFolder({ 'small.json': '[]', 'big.bib': 'x'.repeat(3000), 'emoji.bib': '% 🎉 é\n' });
  const fifo = join(dir.path, 'pipe.bib');
  const hasFifo = spawnSync('mkfifo', [fifo]).status === 0;
  after(() => dir.remove());

  it('reads a regular file within the limit as UTF-8, and refuses one over it', () => {
    assert.equal(readBoundedText(join(dir.path, 'small.json'), 2), '[]');
    assert.equal(readBoundedText(join(dir.path, 'emoji.bib'), 1000), '% 🎉 é\n');
    assert.throws(() => readBoundedText(join(dir.path, 'big.bib'), 2048), (e: unknown) => e instanceof FileRefused && e.message === 'it is 2.9 kB, over the 2 kB limit');
    assert.throws(() => readBoundedText(join(dir.path, 'missing.bib'), 2048), (e: unknown) => (e as NodeJS.ErrnoException).code === 'ENOENT');
  });

  it('refuses folders, devices and named pipes without reading or blocking', (t) => {
    assert.throws(() => readBoundedText(dir.path, 1e9), /not a regular file but a folder/);
    if (existsSync('/dev/zero')) assert.throws(() => readBoundedText('/dev/zero', 1e9), /not a regular file but a character device/);
    if (!hasFifo) return t.skip('needs mkfifo');
    assert.throws(() => readBoundedText(fifo, 1e9), /not a regular file but a named pipe/);
  });

  it('readBibliographies reports a refused file with what to do and goes on with the others', () => {
    const messages: string[] = [];
    const text = '---\nbibliography: [big.bib, small.json]\n---\n';
    const read = readBibliographies(join(dir.path, 'doc.md'), text, [], dir.path, (m) => messages.push(m), undefined, 2048);
    assert.deepEqual(read.map((b) => b.path), ['small.json']);
    assert.deepEqual(messages, ['big.bib: not read, because it is 2.9 kB, over the 2 kB limit; name a bibliography file (.bib, .json, .yaml) under that size instead. Citations it would hold are reported as unknown.']);
  });

  it('a config file that is a named pipe is a config error, not a hang (the CLI and the server)', (t) => {
    if (!hasFifo) return t.skip('needs mkfifo');
    const folder = join(dir.path, 'piped');
    mkdirSync(folder);
    symlinkSync(fifo, join(folder, '.coprod-lens.json'));
    assert.throws(() => loadSettings(undefined, folder), (e: unknown) => e instanceof ConfigError && /\.coprod-lens\.json: not read as a config file, because it is not a regular file but a named pipe/.test(e.message));
    assert.throws(() => loadSettings(fifo, dir.path), ConfigError, '--config naming a pipe');
  });
});
