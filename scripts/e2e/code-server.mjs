// Runs the extension in code-server (a real VS Code: web workbench + Node extension host) and
// opens the workbench in headless Debian chromium through playwright-core. Used by run.mjs (the
// e2e suite) and screenshots.mjs. See /docs in CONTRIBUTING.md ("End-to-end tests").
//
// Everything lives in one temporary folder (workspace copy, user data, extensions, XDG dirs,
// chromium profile, logs) that is deleted afterwards (kept when COPROD_E2E_KEEP=1). code-server
// listens on 127.0.0.1 only, without auth, telemetry or update checks.
import { spawn } from 'node:child_process';
import { cpSync, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ensureTools, root, stopInstalls } from './tools.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  // The page may only reach code-server: every other host name is unresolvable.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

/** User settings for the workbench: quiet, no welcome page, no trust prompt, nothing from the network. */
const USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'npm.fetchOnlinePackageInfo': false,
  'chat.disableAIFeatures': true,
  'workbench.colorTheme': 'Default Dark Modern',
};

const log = (message) => console.log(`[e2e] ${message}`);

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The temporary folders of one run, with a copy of samples/ as the workspace. */
export function makeSandbox(extraSettings = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'coprod-lens-e2e-'));
  const sandbox = {
    dir,
    workspace: join(dir, 'workspace'),
    userData: join(dir, 'user-data'),
    extensions: join(dir, 'extensions'),
    xdgConfig: join(dir, 'xdg-config'),
    xdgData: join(dir, 'xdg-data'),
    xdgCache: join(dir, 'xdg-cache'),
    chromiumProfile: join(dir, 'chromium'),
    report: join(dir, 'report.txt'),
    serverLog: join(dir, 'code-server.log'),
  };
  for (const key of ['userData', 'extensions', 'xdgConfig', 'xdgData', 'xdgCache', 'chromiumProfile']) mkdirSync(sandbox[key], { recursive: true });
  cpSync(join(root, 'samples'), sandbox.workspace, { recursive: true });
  mkdirSync(join(sandbox.userData, 'User'), { recursive: true });
  writeFileSync(join(sandbox.userData, 'User', 'settings.json'), `${JSON.stringify({ ...USER_SETTINGS, ...extraSettings }, null, 2)}\n`);
  return sandbox;
}

export function removeSandbox(sandbox) {
  if (process.env.COPROD_E2E_KEEP) log(`kept ${sandbox.dir} (COPROD_E2E_KEEP)`);
  else rmSync(sandbox.dir, { recursive: true, force: true });
}

async function waitForHealth(url, child, ms) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode} before answering`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`code-server did not answer ${url} within ${ms / 1000} s`);
}

/**
 * Start code-server (from the cache, installing it first when missing) on a free loopback port.
 * Returns { url, port, host, tools, stop() }; stop() kills its whole process group. `aborted` (a
 * promise that rejects) stops a running install.
 */
export async function startCodeServer(sandbox, env = {}, aborted = new Promise(() => undefined)) {
  const tools = await Promise.race([ensureTools(), aborted.catch((error) => {
    stopInstalls();
    throw error;
  })]);
  const port = await freePort();
  const args = [
    tools.codeServer,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', sandbox.userData,
    '--extensions-dir', sandbox.extensions,
    '--vscode-option', 'enable-smoke-test-driver',
    sandbox.workspace,
  ];
  const out = createWriteStream(sandbox.serverLog);
  const child = spawn(tools.node, args, {
    cwd: sandbox.dir,
    detached: true, // own process group: stop() kills the extension host and language server too
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(npm_|VSCODE_|ELECTRON_)/i.test(key) && key !== 'NODE')),
      PATH: `${dirname(tools.node)}:${process.env.PATH}`,
      XDG_CONFIG_HOME: sandbox.xdgConfig,
      XDG_DATA_HOME: sandbox.xdgData,
      XDG_CACHE_HOME: sandbox.xdgCache,
      // No extension gallery (code-server would query open-vsx.org): an empty gallery disables it.
      EXTENSIONS_GALLERY: '{}',
      ...env,
    },
  });
  child.stdout.pipe(out);
  child.stderr.pipe(out);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    const exited = child.exitCode !== null ? Promise.resolve() : new Promise((resolve) => child.once('exit', resolve));
    const signal = (name) => {
      try {
        process.kill(-child.pid, name);
      } catch {
        // already gone
      }
    };
    signal('SIGTERM');
    const timer = setTimeout(() => signal('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
    signal('SIGKILL'); // anything left in the group (language server, watchers)
    out.end();
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(`${url}/healthz`, child, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`${error.message}\n${tail(sandbox.serverLog)}`);
  }
  log(`code-server ${tools.codeServerVersion} (Node ${NODE_LABEL(tools.node)}) listening on ${url}`);
  return { url, port, host: `127.0.0.1:${port}`, tools, stop };
}

const NODE_LABEL = (node) => node.match(/node-([\d.]+)/)?.[1] ?? '24';

export function tail(file, lines = 40) {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

/**
 * Open the workbench of `server` in headless chromium with the smoke-test driver payload.
 * `payload` is VS Code's list of [name, value] pairs (extensionDevelopmentPath, extensionTestsPath).
 * Resolves { browser, page, exit, consoleDrained } where `exit` resolves with the code the workbench passes to
 * codeAutomationExit (the suite's result).
 */
export async function openWorkbench(server, sandbox, payload, { onConsole, viewport = { width: 1440, height: 900 } } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  const { chromium } = createRequire(import.meta.url)(server.tools.playwright);
  const context = await chromium.launchPersistentContext(sandbox.chromiumProfile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport,
    deviceScaleFactor: 1,
    // Our own signal handlers stop chromium and code-server together (runner's finally blocks).
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // Debian's chromium keeps crash reports under XDG_CONFIG_HOME: keep them in the sandbox.
    env: { ...process.env, XDG_CONFIG_HOME: sandbox.xdgConfig, XDG_CACHE_HOME: sandbox.xdgCache, HOME: sandbox.dir },
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let resolveExit;
  const exit = new Promise((resolve) => {
    resolveExit = resolve;
  });
  await page.exposeFunction('codeAutomationExit', (code) => {
    resolveExit(Number(code ?? 0));
  });
  // Format like the devtools console: %c styling dropped, arguments as their JSON values.
  let chain = Promise.resolve();
  if (onConsole) {
    page.on('console', (message) => {
      chain = chain.then(async () => onConsole({ type: message.type(), text: await consoleText(message) })).catch(() => undefined);
    });
    page.on('pageerror', (error) => onConsole({ type: 'pageerror', text: String(error?.stack ?? error) }));
    page.on('requestfailed', (request) => onConsole({ type: 'requestfailed', text: `${request.failure()?.errorText ?? 'failed'} ${request.url()}` }));
  }
  const query = `folder=${encodeURIComponent(sandbox.workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  await page.goto(`${server.url}/?${query}`, { waitUntil: 'domcontentloaded' });
  // Console messages are formatted asynchronously: await this before reading what they printed.
  const consoleDrained = async () => {
    await new Promise((resolve) => setTimeout(resolve, 100)); // let the last messages reach playwright
    await chain;
  };
  return { browser: context, page, exit, consoleDrained };
}

async function consoleText(message) {
  const text = message.text();
  if (!text.includes('%c')) return text;
  try {
    const values = await Promise.all(message.args().map((arg) => arg.jsonValue()));
    const [format = '', ...rest] = values.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
    const styles = (String(format).match(/%c/g) ?? []).length;
    return [String(format).replace(/%c/g, ''), ...rest.slice(styles)].join(' ').replace(/^\s+/, '');
  } catch {
    return text.replace(/%c/g, '');
  }
}

/** The payload that loads this repository as the extension under development (and runs `tests`, a file in it). */
export function payloadFor(server, tests) {
  const remote = (path) => `vscode-remote://${server.host}${path}`;
  const payload = [['extensionDevelopmentPath', remote(root.replace(/\/$/, ''))]];
  if (tests) payload.push(['extensionTestsPath', remote(tests)]);
  return payload;
}
