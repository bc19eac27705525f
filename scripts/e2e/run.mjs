// Runs the end-to-end suite (out/e2e/index.js, built by scripts/e2e/build.mjs) in a real VS Code,
// choosing the runner automatically and saying which one and why:
//
//   1. @vscode/test-electron with vscodeExecutablePath, when VSCODE_EXECUTABLE names a VS Code
//      executable or a `code` launcher is on PATH;
//   2. @vscode/test-electron downloading VS Code, when its update server answers within 3 s;
//   3. otherwise code-server 4.139.1 (Node 24, both from the npm registry into .cache/e2e/) with the
//      workbench in headless Debian chromium driven by playwright-core.
//
// COPROD_E2E_RUNNER=electron|code-server forces a runner. COPROD_E2E_GREP=text runs only the tests
// whose title contains it. Exit code: the suite's (0 all passed, 1 a test failed or the run broke).
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { makeSandbox, openWorkbench, payloadFor, removeSandbox, startCodeServer, tail } from './code-server.mjs';
import { cacheDir, root } from './tools.mjs';

const OVERALL_TIMEOUT_MS = Number(process.env.COPROD_E2E_TIMEOUT_MS ?? 10 * 60_000);
const UPDATE_SERVER = 'https://update.code.visualstudio.com/api/releases/stable';
const SUITE = join(root, 'out/e2e/index.js');
const log = (message) => console.log(`[e2e] ${message}`);

/** A digest of samples/, to prove the run left it untouched. */
function digest(dir) {
  const hash = createHash('sha256');
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    hash.update(name);
    hash.update(statSync(path).isDirectory() ? digest(path) : readFileSync(path));
  }
  return hash.digest('hex');
}

function isExecutableFile(path) {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The VS Code executable behind a `code` launcher script (Linux, macOS, Windows layouts). */
function executableBehindLauncher(launcher) {
  const real = realpathSync(launcher);
  const head = readFileSync(real).subarray(0, 2).toString();
  if (head !== '#!' && !/\.(cmd|bat)$/i.test(real)) return real; // already the binary
  const bin = dirname(real); // …/bin
  const candidates = [
    join(bin, '..', 'code'), // /usr/share/code/code
    join(bin, '..', 'code-insiders'),
    join(bin, '..', 'codium'),
    join(bin, '..', '..', '..', 'MacOS', 'Electron'), // …/Contents/Resources/app/bin → …/Contents/MacOS
    join(bin, '..', '..', '..', 'MacOS', 'Code'),
    join(bin, '..', 'Code.exe'),
  ];
  return candidates.find(isExecutableFile);
}

function codeOnPath() {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    for (const name of process.platform === 'win32' ? ['code.cmd'] : ['code']) {
      const path = join(dir, name);
      if (existsSync(path)) return path;
    }
  }
  return undefined;
}

async function updateServerReachable() {
  try {
    const response = await fetch(UPDATE_SERVER, { method: 'GET', signal: AbortSignal.timeout(3000) });
    return response.ok ? { ok: true } : { ok: false, why: `answered HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, why: String(error.cause?.code ?? error.cause?.message ?? error.message) };
  }
}

/** Which runner, and why. */
async function chooseRunner() {
  const forced = process.env.COPROD_E2E_RUNNER;
  if (forced && !['electron', 'code-server'].includes(forced)) throw new Error(`COPROD_E2E_RUNNER must be electron or code-server, not ${forced}`);
  if (forced === 'code-server') return { kind: 'code-server', why: 'COPROD_E2E_RUNNER=code-server' };
  const env = process.env.VSCODE_EXECUTABLE;
  if (env) {
    if (!isExecutableFile(env)) throw new Error(`VSCODE_EXECUTABLE=${env} is not an executable file`);
    return { kind: 'electron', executable: env, why: `VSCODE_EXECUTABLE=${env}` };
  }
  const launcher = codeOnPath();
  const executable = launcher && executableBehindLauncher(launcher);
  if (executable) return { kind: 'electron', executable, why: `\`code\` on PATH (${launcher} → ${executable})` };
  const probe = await updateServerReachable();
  if (probe.ok) return { kind: 'electron', why: `no local VS Code, but ${new URL(UPDATE_SERVER).host} answered, so @vscode/test-electron downloads VS Code into ${join(cacheDir, 'vscode')}` };
  if (forced === 'electron') throw new Error(`COPROD_E2E_RUNNER=electron, but there is no local VS Code and the update server is unreachable (${probe.why})`);
  return {
    kind: 'code-server',
    why: `no VSCODE_EXECUTABLE, no \`code\` on PATH${launcher ? ` (${launcher} is a launcher whose executable was not found)` : ''}, and ${new URL(UPDATE_SERVER).host} is unreachable (${probe.why})`,
  };
}

/** @vscode/test-electron: desktop VS Code runs the suite; its output goes straight to this terminal. */
async function runElectron(choice, sandbox) {
  const { runTests } = createRequire(import.meta.url)('@vscode/test-electron');
  try {
    await runTests({
      ...(choice.executable ? { vscodeExecutablePath: choice.executable } : { version: 'stable', cachePath: join(cacheDir, 'vscode') }),
      extensionDevelopmentPath: root,
      extensionTestsPath: SUITE,
      extensionTestsEnv: { COPROD_E2E_REPORT: sandbox.report, ...(process.env.COPROD_E2E_GREP ? { COPROD_E2E_GREP: process.env.COPROD_E2E_GREP } : {}) },
      launchArgs: [
        sandbox.workspace,
        '--user-data-dir', sandbox.userData,
        '--extensions-dir', sandbox.extensions,
        '--disable-workspace-trust',
        '--skip-welcome',
        '--skip-release-notes',
        '--disable-gpu',
      ],
    });
    return 0;
  } catch (error) {
    log(`VS Code reported: ${error.message ?? error}`);
    return 1;
  }
}

/** Marks the suite's console lines among the workbench's own (test/e2e/suite/index.ts). */
const MARK = '[coprod-lens-e2e] ';

/**
 * The suite's output, from the page console: its lines carry MARK (stripped here); everything else
 * the workbench logs is shown with COPROD_E2E_VERBOSE=1 (page errors always). If the console did
 * not carry the whole report (it ends with "N passed, N failed"), the rest comes from the report
 * file the suite also writes.
 */
function suiteOutput(reportFile, verbose) {
  let lines = 0;
  let summary = false;
  return {
    onConsole({ type, text }) {
      const at = text.indexOf(MARK);
      if (at >= 0) {
        const body = text.slice(at).split('\n').map((line) => (line.startsWith(MARK) ? line.slice(MARK.length) : line));
        for (const line of body) {
          console.log(line);
          if (/^\d+ passed, \d+ failed$/.test(line)) summary = true;
        }
        lines += body.length;
      } else if (verbose || type === 'pageerror') console.log(`[browser ${type}] ${text}`);
    },
    /** After the run: print what the console missed. Returns whether the summary line was seen. */
    finish() {
      if (summary || !existsSync(reportFile)) return summary;
      const rest = readFileSync(reportFile, 'utf8').replace(/\n$/, '').split('\n').slice(lines);
      if (rest.length > 0) log(`the rest of the suite's report (from ${reportFile}):`);
      for (const line of rest) console.log(line);
      return rest.some((line) => /^\d+ passed, \d+ failed$/.test(line));
    },
  };
}

/** code-server + headless chromium: the workbench runs the suite and calls codeAutomationExit. */
async function runCodeServer(sandbox, aborted) {
  const grep = process.env.COPROD_E2E_GREP;
  const env = { COPROD_E2E_REPORT: sandbox.report, COPROD_E2E_CONSOLE_MARK: MARK, ...(grep ? { COPROD_E2E_GREP: grep } : {}) };
  const server = await startCodeServer(sandbox, env, aborted);
  const output = suiteOutput(sandbox.report, Boolean(process.env.COPROD_E2E_VERBOSE));
  let session;
  try {
    session = await Promise.race([openWorkbench(server, sandbox, payloadFor(server, SUITE), { onConsole: output.onConsole }), aborted]);
    log('workbench open in headless chromium; the suite runs in the extension host …');
    const code = await Promise.race([session.exit, aborted]);
    await session.consoleDrained();
    if (!output.finish()) log(`the suite printed no summary; code-server log (last lines):\n${tail(sandbox.serverLog)}`);
    log(`the workbench exited with code ${code}`);
    return code;
  } catch (error) {
    output.finish();
    log(`code-server log (last lines):\n${tail(sandbox.serverLog)}`);
    throw error;
  } finally {
    await session?.browser.close().catch(() => undefined);
    await server.stop();
  }
}

/** Set while an abort is forwarded to @vscode/test-electron as a synthetic SIGINT. */
let forwardingSigint = false;

/** Aborts on the overall timeout or on Ctrl-C / SIGTERM; the runners' finally blocks then clean up. */
function abortOnTimeoutOrSignal() {
  const controller = new AbortController();
  const aborted = new Promise((_, reject) => controller.signal.addEventListener('abort', () => reject(controller.signal.reason)));
  aborted.catch(() => undefined);
  const timer = setTimeout(
    () => controller.abort(new Error(`the end-to-end run took longer than ${OVERALL_TIMEOUT_MS / 1000} s (COPROD_E2E_TIMEOUT_MS)`)),
    OVERALL_TIMEOUT_MS,
  );
  timer.unref();
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
      if (forwardingSigint) return;
      if (controller.signal.aborted) process.exit(130);
      controller.abort(new Error(`stopped by ${signal}`));
    });
  }
  return { aborted, signal: controller.signal };
}

async function main() {
  if (!existsSync(SUITE)) throw new Error(`${SUITE} is missing: run node scripts/e2e/build.mjs (npm run test:e2e does)`);
  if (!existsSync(join(root, 'dist/extension.js')) || !existsSync(join(root, 'dist/server.js'))) throw new Error('dist/ is missing: run npm run build');
  const before = digest(join(root, 'samples'));
  const choice = await chooseRunner();
  log(`runner: ${choice.kind === 'electron' ? '@vscode/test-electron' : 'code-server + headless chromium'} — because ${choice.why}`);
  const { aborted, signal } = abortOnTimeoutOrSignal();
  // test-electron kills its VS Code on SIGINT; forward an abort (timeout) to it that way.
  if (choice.kind === 'electron') {
    signal.addEventListener('abort', () => {
      forwardingSigint = true;
      process.emit('SIGINT', 'SIGINT');
      forwardingSigint = false;
    });
    if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
      log('warning: no DISPLAY; desktop VS Code needs one (run under xvfb-run -a, or COPROD_E2E_RUNNER=code-server)');
    }
  }
  const sandbox = makeSandbox();
  const started = Date.now();
  let code = 1;
  try {
    code = choice.kind === 'electron' ? await Promise.race([runElectron(choice, sandbox), aborted]) : await runCodeServer(sandbox, aborted);
  } catch (error) {
    log(`run failed: ${error.message ?? error}`);
    code = 1;
  } finally {
    removeSandbox(sandbox);
  }
  if (digest(join(root, 'samples')) !== before) {
    log('samples/ changed during the run: the suite must only edit copies');
    code = 1;
  }
  log(`${code === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s (${choice.kind})`);
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[e2e] ${error.stack ?? error}`);
    process.exit(1);
  },
);
