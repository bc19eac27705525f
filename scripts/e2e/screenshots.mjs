// Takes the README's pictures of the extension in a real VS Code (code-server, headless chromium):
//
//   docs/images/editor-hover.png  a sample proposal with the consultation-only squiggle and the hover
//   docs/images/problems.png      the Problems panel after "Check All Proposals in Workspace"
//   docs/images/profile.png       the engagement profile view
//
// Run: npm run build && node scripts/e2e/build.mjs && node scripts/e2e/screenshots.mjs
// (code-server, Node 24 and playwright-core come from the cache in .cache/e2e/, installed on first
// use; Debian's chromium must be installed.) The driver, test/e2e/screenshots.ts, runs in the
// extension host and sets up each state with the VS Code API; for each picture it calls this
// script over loopback HTTP, which waits until the state is on screen, saves the PNG and answers.
import { createServer } from 'node:http';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeSandbox, openWorkbench, payloadFor, removeSandbox, startCodeServer, tail } from './code-server.mjs';
import { root } from './tools.mjs';

const DRIVER = join(root, 'out/e2e/screenshots.js');
const IMAGES = join(root, 'docs/images');
const TIMEOUT_MS = Number(process.env.COPROD_E2E_TIMEOUT_MS ?? 10 * 60_000); // a cold cache installs for ~3 min
const log = (message) => console.log(`[screenshots] ${message}`);

/** Workbench settings for clean pictures (on top of the runner's quiet defaults). */
const SETTINGS = {
  'editor.minimap.enabled': false,
  'editor.fontSize': 14,
  'editor.wordWrap': 'on',
  'editor.hover.delay': 0,
  'editor.hover.sticky': true,
  'editor.hover.above': false, // below the cursor, so the squiggle above it stays in view
  'workbench.tree.indent': 12,
  'breadcrumbs.enabled': false,
  'window.commandCenter': false,
  'workbench.layoutControl.enabled': false,
  'chat.commandCenter.enabled': false,
  'editor.stickyScroll.enabled': false,
  'problems.defaultViewMode': 'table',
};

/** What must be on screen before each picture. */
const READY = {
  'editor-hover': async (page) => {
    await page.locator('.monaco-editor .squiggly-warning').first().waitFor({ state: 'attached' });
    await page.locator('.monaco-hover:visible', { hasText: 'evidence reaches' }).first().waitFor();
  },
  problems: async (page) => {
    const panel = page.locator('.markers-panel');
    await panel.waitFor();
    for (const name of ['charity-grant.md', 'community-service-bid.md', 'health-research-ppi.md', 'mixed-work-packages.md']) {
      await panel.getByText(name).first().waitFor();
    }
    await panel.getByText('Claims co-').first().waitFor();
  },
  profile: async (page) => {
    const frame = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await frame.locator('h2', { hasText: 'Engagement profile: ' }).waitFor();
    await frame.locator('svg circle').first().waitFor();
  },
};

async function main() {
  if (!existsSync(DRIVER)) throw new Error(`${DRIVER} is missing: run node scripts/e2e/build.mjs first`);
  if (!existsSync(join(root, 'dist/extension.js'))) throw new Error('dist/ is missing: run npm run build first');
  mkdirSync(IMAGES, { recursive: true });
  const sandbox = makeSandbox(SETTINGS);
  let page;
  const taken = [];
  // The driver's requests: take one picture each, answer when it is saved.
  const http = createServer(async (request, response) => {
    const url = new URL(request.url, 'http://127.0.0.1');
    const name = url.searchParams.get('name');
    try {
      if (url.pathname !== '/shot' || !name || !READY[name]) throw new Error(`unknown request ${request.url}`);
      await READY[name](page);
      await page.mouse.move(0, 0); // no stray hover highlight
      await new Promise((resolve) => setTimeout(resolve, 400)); // let animations (hover fade-in) finish
      const path = join(IMAGES, `${name}.png`);
      await page.screenshot({ path });
      taken.push(path);
      log(`saved ${path} (${Math.round(statSync(path).size / 1024)} KB)`);
      response.end('ok');
    } catch (error) {
      log(`${name}: ${error.message}`);
      if (page) {
        const debug = join(tmpdir(), `coprod-lens-screenshot-${name}-failed`);
        await page.screenshot({ path: `${debug}.png` }).catch(() => undefined);
        writeFileSync(`${debug}.html`, await page.content().catch(() => ''));
        log(`what was on screen: ${debug}.png and .html`);
      }
      response.statusCode = 500;
      response.end(String(error.message));
    }
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  const shotUrl = `http://127.0.0.1:${http.address().port}`;

  let server;
  let session;
  let timer;
  // Ctrl-C / SIGTERM / the timeout end the run through the finally block below (which stops
  // code-server and chromium); a second signal exits at once.
  const stopped = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result within ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS);
    for (const signal of ['SIGINT', 'SIGTERM']) {
      process.on(signal, () => {
        if (process.exitCode === 130) process.exit(130);
        process.exitCode = 130;
        reject(new Error(`stopped by ${signal}`));
      });
    }
  });
  stopped.catch(() => undefined);
  try {
    server = await startCodeServer(sandbox, { COPROD_E2E_SHOT_URL: shotUrl }, stopped);
    session = await Promise.race([stopped, openWorkbench(server, sandbox, payloadFor(server, DRIVER), {
      viewport: { width: 1280, height: 800 },
      onConsole: ({ type, text }) => {
        if (process.env.COPROD_E2E_VERBOSE || type === 'pageerror') console.log(`[browser ${type}] ${text}`);
      },
    })]);
    page = session.page;
    const code = await Promise.race([session.exit, stopped]);
    if (code !== 0) throw new Error(`the driver failed (exit code ${code}; COPROD_E2E_VERBOSE=1 shows the workbench console)`);
    if (taken.length !== Object.keys(READY).length) throw new Error(`took ${taken.length} of ${Object.keys(READY).length} pictures`);
    log(`done: ${taken.map((p) => p.slice(root.length)).join(', ')}`);
    return 0;
  } catch (error) {
    log(`failed: ${error.message}`);
    log(`code-server log (last lines):\n${tail(sandbox.serverLog)}`);
    return 1;
  } finally {
    clearTimeout(timer);
    await session?.browser.close().catch(() => undefined);
    await server?.stop();
    http.close();
    removeSandbox(sandbox);
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
