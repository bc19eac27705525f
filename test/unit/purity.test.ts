import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : path.endsWith('.ts') ? [path] : [];
  });
}

// The core must run in Node and in a browser worker: text, settings and data in, findings out.
// (Its tsconfig has no Node types, so `tsc -b` already fails on node: imports; this also bans the
// editor and LSP packages and the process global. A require of a relative path is allowed: it is
// how format.ts loads citation-js only when needed, and every bundler resolves it.)
describe('core purity', () => {
  it('imports nothing from the editor, LSP, file system, network or process', () => {
    const banned = /from\s+['"](?:node:|fs|path|os|net|http|https|child_process|vscode|vscode-languageserver[^'"]*|vscode-languageclient[^'"]*)['"]|\bprocess\.|\brequire\((?!'\.\.?\/)/;
    const offenders = sources(join(root, 'server', 'src', 'core')).filter((file) => banned.test(readFileSync(file, 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
