// Bundles the project with esbuild. `node scripts/build.mjs` builds what ships (dist/);
// `--tests` bundles every test file into out/test/; `--bench` bundles the benchmark into out/bench/;
// `--data` regenerates server/data/formatted-references.json.
import { build } from 'esbuild';
import { readdirSync, readFileSync, statSync, rmSync, chmodSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const args = new Set(process.argv.slice(2));
// ESM-only dependencies read import.meta.url; in a CommonJS bundle it comes from __filename.
const importMetaShim = "var __import_meta_url = require('url').pathToFileURL(__filename).href;";
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: importMetaShim },
};

function walk(dir, pattern) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...walk(path, pattern));
    else if (pattern.test(name)) out.push(path);
  }
  return out;
}

if (args.has('--tests')) {
  rmSync(join(root, 'out/test'), { recursive: true, force: true });
  // test/e2e runs inside VS Code and is bundled by scripts/e2e/build.mjs instead.
  const entries = walk(join(root, 'test'), /\.test\.ts$/).filter((file) => !file.includes(`${join(root, 'test', 'e2e')}`));
  await build({ ...common, entryPoints: entries, outdir: join(root, 'out/test'), outbase: join(root, 'test') });
  console.log(`bundled ${entries.length} test files into ${relative(process.cwd(), join(root, 'out/test'))}`);
} else if (args.has('--data')) {
  // Regenerate data files derived from server/data/references.json.
  const outfile = join(root, 'out/scripts/formatted-references.js');
  await build({ ...common, entryPoints: [join(root, 'scripts/formatted-references.ts')], outfile });
  await import(outfile);
} else if (args.has('--bench')) {
  // The peer linters stay external: they are ESM-only, and harper.js finds its WebAssembly file
  // next to its own module, so bench.ts loads them with a real dynamic import() from node_modules.
  await build({
    ...common,
    entryPoints: [join(root, 'bench/bench.ts')],
    outfile: join(root, 'out/bench/bench.js'),
    external: ['alex', 'harper.js', 'harper.js/*', 'markdownlint', 'markdownlint/*'],
  });
} else {
  const bin = { banner: { js: `#!/usr/bin/env node\n${importMetaShim}` }, define: { ...common.define, __VERSION__: JSON.stringify(pkg.version) } };
  // Each bin's Node.js flags go on its first line: SERVER_NODE_FLAGS (server/src/lsp/protocol.ts)
  // and CLI_NODE_FLAGS (server/src/cli/workers.ts).
  const flags = JSON.parse(readFileSync(join(root, 'server/data/node-flags.json'), 'utf8'));
  const withFlags = (list) => ({ ...bin, banner: { js: `#!/usr/bin/env -S node ${list.join(' ')}\n${importMetaShim}` } });
  const serverBin = withFlags(flags.server);
  const cliBin = withFlags(flags.cli);
  await Promise.all([
    build({ ...common, ...cliBin, entryPoints: [join(root, 'server/src/cli/main.ts')], outfile: join(root, 'dist/cli.js') }),
    build({ ...common, ...serverBin, entryPoints: [join(root, 'server/src/lsp/main.ts')], outfile: join(root, 'dist/server.js') }),
    build({ ...common, entryPoints: [join(root, 'client/src/extension.ts')], outfile: join(root, 'dist/extension.js'), external: ['vscode'] }),
  ]);
  chmodSync(join(root, 'dist/cli.js'), 0o755);
  chmodSync(join(root, 'dist/server.js'), 0o755);
}
