// Bundles the end-to-end suite (test/e2e/suite/) with esbuild into out/e2e/index.js: one CommonJS
// file for VS Code's extensionTestsPath, mocha bundled in, `vscode` left to the extension host.
// Also bundles the screenshot driver (test/e2e/screenshots.ts → out/e2e/screenshots.js).
// Kept out of out/test/, which `npm test` runs with node --test.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outdir = join(root, 'out/e2e');
rmSync(outdir, { recursive: true, force: true });
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  external: ['vscode'],
  logLevel: 'warning',
  // mocha's parallel mode (unused here) resolves worker files at run time.
  logOverride: { 'require-resolve-not-external': 'silent' },
};
await Promise.all([
  build({ ...common, entryPoints: [join(root, 'test/e2e/suite/index.ts')], outfile: join(outdir, 'index.js') }),
  build({ ...common, entryPoints: [join(root, 'test/e2e/screenshots.ts')], outfile: join(outdir, 'screenshots.js') }),
]);
console.log(`bundled the e2e suite and the screenshot driver into ${relative(process.cwd(), outdir) || 'out/e2e'}/`);
