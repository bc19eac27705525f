// Bundles the benchmark (bench/bench.ts) into out/bench/bench.js with the same esbuild settings as
// `node scripts/build.mjs --bench`, except that the peer linters stay external: they are ESM-only
// and harper.js finds its WebAssembly file next to its own module, so bench.ts loads them with a
// real dynamic import() from node_modules.
import { build } from 'esbuild';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const entry = process.argv[2] ?? 'bench/bench.ts';
await build({
  entryPoints: [join(root, entry)],
  outfile: join(root, 'out/bench', entry.replace(/^bench\//, '').replace(/\.ts$/, '.js')),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['alex', 'harper.js', 'harper.js/*', 'markdownlint', 'markdownlint/*'],
  define: { 'import.meta.url': '__import_meta_url' },
  banner: { js: "var __import_meta_url = require('url').pathToFileURL(__filename).href;" },
});
