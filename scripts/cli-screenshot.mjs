// Renders a real run of `coprod-lens check samples` (with colour) as an SVG terminal picture for
// the README: `npm run screenshot`. Writes docs/images/cli-check.svg, and cli-check.png when Debian's
// chromium is installed (the VS Code packager refuses SVG images in the README).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const run = spawnSync(process.execPath, [join(root, 'dist/cli.js'), 'check', 'samples'], {
  cwd: root,
  env: { ...process.env, FORCE_COLOR: '1' },
  encoding: 'utf8',
});
const COLUMNS = 100;
const COLOURS = { 31: '#ff6b6b', 33: '#f5c542', 36: '#5fd7ff', 90: '#8a8a8a', 2: '#8a8a8a' };
const escape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// Split into coloured runs, then wrap at COLUMNS characters.
const lines = [];
for (const raw of [`$ coprod-lens check samples`, ...run.stdout.trimEnd().split('\n')]) {
  const runs = [];
  let colour = '#e6e6e6';
  for (const part of raw.split(/(\x1b\[[0-9;]*m)/)) {
    const code = /^\x1b\[([0-9;]*)m$/.exec(part);
    if (code) colour = COLOURS[code[1]] ?? '#e6e6e6';
    else if (part) runs.push({ text: part, colour: raw.startsWith('$') ? '#9ece6a' : colour });
  }
  let line = [];
  let width = 0;
  for (const { text, colour: c } of runs) {
    for (const word of text.split(/(?<= )/)) {
      if (width + word.length > COLUMNS && width > 0) {
        lines.push(line);
        line = [{ text: '    ', colour: c }];
        width = 4;
      }
      line.push({ text: word, colour: c });
      width += word.length;
    }
  }
  lines.push(line);
}
const lineHeight = 18;
const height = lines.length * lineHeight + 40;
const width = Math.round(COLUMNS * 8.2 + 40);
const body = lines
  .map((line, i) => {
    const spans = line.map((r) => `<tspan fill="${r.colour}">${escape(r.text)}</tspan>`).join('');
    return `<text x="20" y="${30 + i * lineHeight}" xml:space="preserve">${spans}</text>`;
  })
  .join('\n');
const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="13.5">
<rect width="100%" height="100%" rx="8" fill="#1e1f29"/>
${body}
</svg>
`;
writeFileSync(join(root, 'docs/images/cli-check.svg'), svg);
console.log(`wrote docs/images/cli-check.svg (${lines.length} lines; exit code of the run: ${run.status})`);
if (existsSync('/usr/bin/chromium')) {
  const shot = spawnSync('/usr/bin/chromium', [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--hide-scrollbars', '--force-device-scale-factor=1',
    `--user-data-dir=${mkdtempSync(join(tmpdir(), 'coprod-shot-'))}`, `--window-size=${width},${height}`,
    `--screenshot=${join(root, 'docs/images/cli-check.png')}`, `file://${join(root, 'docs/images/cli-check.svg')}`,
  ], { encoding: 'utf8' });
  console.log(shot.status === 0 ? 'wrote docs/images/cli-check.png' : `chromium failed: ${shot.stderr.slice(-300)}`);
}
