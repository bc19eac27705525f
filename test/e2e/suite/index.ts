/**
 * Entry point of the end-to-end suite for VS Code's extensionTestsPath (bundled by
 * scripts/e2e/build.mjs into out/e2e/index.js). Runs mocha (TDD UI) programmatically inside the
 * extension host, prints mocha's report and a last line `N passed, N failed`, and rejects when a
 * test failed (the workbench then exits with code 1).
 *
 * Under code-server the extension host's console reaches the browser's console among the
 * workbench's own log lines; the runner sets COPROD_E2E_CONSOLE_MARK so it can pick the suite's
 * lines out (and strips the mark). The report also goes to the file named by COPROD_E2E_REPORT,
 * which the runner prints from if the console did not carry it all.
 */
import { appendFileSync } from 'node:fs';
import { format } from 'node:util';
import Mocha from 'mocha';

/**
 * The suites, in the order they run: diagnostics first (documents opened in a fresh workbench), the
 * workspace check early so the later suites run while its diagnostics settle, the invariants last.
 */
const SUITES: readonly (() => Promise<unknown>)[] = [
  () => import('./diagnostics.test'),
  () => import('./commands.test'),
  () => import('./language-features.test'),
  () => import('./code-actions.test'),
  () => import('./invariants.test'),
];

export async function run(): Promise<void> {
  const report = process.env.COPROD_E2E_REPORT;
  const mark = process.env.COPROD_E2E_CONSOLE_MARK ?? '';
  const print = (...args: unknown[]): void => {
    const text = format(...args);
    console.log(mark ? text.replace(/^/gm, mark) : text);
    if (report) appendFileSync(report, `${text}\n`);
  };
  Mocha.reporters.Base.consoleLog = print;

  const grep = process.env.COPROD_E2E_GREP;
  // diff: false, as node:assert's messages already carry the diff.
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, diff: false, timeout: 60_000, ...(grep ? { grep } : {}) });
  // Define the suites the way mocha's own file loading would: globals first, then the modules.
  mocha.suite.emit('pre-require', globalThis, 'e2e', mocha);
  try {
    for (const load of SUITES) await load();
  } catch (error) {
    print(`could not load the suites: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    print('0 passed, 1 failed');
    throw error;
  }

  const { passed, failed } = await new Promise<{ passed: number; failed: number }>((resolve) => {
    let passed = 0;
    const runner = mocha.run((failures) => resolve({ passed, failed: failures }));
    runner.on('pass', () => passed++);
  });
  print(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} end-to-end ${failed === 1 ? 'test' : 'tests'} failed`);
}
