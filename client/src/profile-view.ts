import type { ProfileResult } from '../../server/src/lsp/protocol';

const COLOURS: Readonly<Record<string, string>> = {
  'consultation-only': '#d9822b',
  'co-design-not-co-production': '#3b8fd9',
  'unevidenced-claim': '#8a8a8a',
};

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The engagement profile as a static page (no scripts, no network): each claim on the ladder,
 * claimed level as a hollow ring and evidenced level as a dot joined by a line, and the stages
 * its evidence covers.
 */
export function profileHtml(profile: ProfileResult, name: string, cspSource: string): string {
  const rowHeight = 34;
  const left = 280;
  const step = 86;
  const width = left + step * 8 + 40;
  const height = 60 + rowHeight * Math.max(profile.claims.length, 1);
  const x = (level: number): number => left + level * step;
  const axis = profile.levels
    .map((level, i) => `<text x="${x(i)}" y="24" text-anchor="middle" class="axis">${escape(level)}</text><line x1="${x(i)}" y1="32" x2="${x(i)}" y2="${height - 10}" class="grid"/>`)
    .join('');
  const rows = profile.claims
    .map((claim, i) => {
      const y = 56 + i * rowHeight;
      const colour = claim.rule ? (COLOURS[claim.rule] ?? '#d9822b') : '#3aa76d';
      const label = `line ${claim.line + 1}: “${claim.phrase}”`;
      return `<g><text x="10" y="${y + 4}" class="label">${escape(label.length > 38 ? `${label.slice(0, 37)}…` : label)}</text>
<line x1="${x(claim.evidenced)}" y1="${y}" x2="${x(claim.claimed)}" y2="${y}" stroke="${colour}" stroke-width="3"/>
<circle cx="${x(claim.claimed)}" cy="${y}" r="8" fill="none" stroke="${colour}" stroke-width="3"><title>claimed: ${escape(profile.levels[claim.claimed] ?? '')}</title></circle>
<circle cx="${x(claim.evidenced)}" cy="${y}" r="7" fill="${colour}"><title>evidenced: ${escape(profile.levels[claim.evidenced] ?? '')}</title></circle></g>`;
    })
    .join('\n');
  const stageRows = profile.claims
    .map(
      (claim) =>
        `<tr><td>line ${claim.line + 1}: “${escape(claim.phrase)}”</td>${profile.stages
          .map((s) => `<td class="${claim.stages.includes(s) ? 'on' : 'off'}">${claim.stages.includes(s) ? '●' : ''}</td>`)
          .join('')}<td>${escape(claim.rule ?? 'no finding')}</td></tr>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspSource} 'unsafe-inline'; img-src ${cspSource} data:;">
<title>Engagement profile</title>
<style>
body { font-family: var(--vscode-font-family); color: var(--vscode-foreground); padding: 0 16px; }
.axis { font-size: 11px; fill: var(--vscode-descriptionForeground); }
.label { font-size: 12px; fill: var(--vscode-foreground); }
.grid { stroke: var(--vscode-editorWidget-border, #8884); stroke-width: 1; }
table { border-collapse: collapse; margin-top: 16px; font-size: 12px; }
td, th { border: 1px solid var(--vscode-editorWidget-border, #8884); padding: 3px 8px; text-align: center; }
td:first-child { text-align: left; }
.on { color: #3aa76d; }
</style></head>
<body>
<h2>Engagement profile: ${escape(name)}</h2>
<p>Each claim: the ring is the level claimed, the dot the level the proposal's evidence reaches (orange: consultation-only, blue: co-design not co-production, grey: no evidence, green: no finding).</p>
${profile.claims.length === 0 ? '<p>No co-production or co-design claims found in this document.</p>' : `<svg width="${width}" height="${height}" role="img" aria-label="Claims on the engagement ladder">${axis}${rows}</svg>
<table><tr><th>claim</th>${profile.stages.map((s) => `<th>${escape(s)}</th>`).join('')}<th>finding</th></tr>${stageRows}</table>`}
</body></html>`;
}
