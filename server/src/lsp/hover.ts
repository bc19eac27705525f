import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import { formatEntry, levelName, narrative, PRINCIPLES, type Assessment } from '../core/index';
import { resolveWork } from '../core/citations/context';
import type { Analysed } from './analysis';

/**
 * Hover: on a claim, its assessment on the ladder (claimed and evidenced level, each piece of
 * evidence with level and stage, the NIHR principles shown and missing, suggested reading in
 * full); on a citation, the full reference.
 */
export function hover(analysed: Analysed, position: Position): Hover | null {
  const offset = analysed.lines.offset(position);
  const citation = citationHover(analysed, offset);
  if (citation) return citation;
  const assessment = analysed.result.assessments.find((a) => offset >= a.claim.sentence.start && offset <= a.claim.sentence.end);
  if (!assessment) return null;
  return {
    contents: { kind: MarkupKind.Markdown, value: claimMarkdown(analysed, assessment) },
    range: analysed.lines.range(assessment.claim.start, assessment.claim.end),
  };
}

function claimMarkdown(analysed: Analysed, a: Assessment): string {
  const finding = analysed.result.findings.find((f) => f.assessment === a);
  const lines: string[] = [];
  lines.push(`**Co-production Lens** — claims *${levelName(a.claim.claimed)}*, evidence reaches *${levelName(a.evidenced)}* (ladder ${a.evidenced}/8)`);
  if (finding) lines.push('', finding.message);
  const acts = a.evidence.filter((e) => e.kind === 'activity' || e.kind === 'tokenism');
  if (acts.length > 0) {
    lines.push('', '| evidence | level | stage |', '|---|---|---|');
    for (const e of acts.slice(0, 15)) {
      lines.push(`| ${e.label.replace(/\|/g, '\\|')}${e.adjustedBy ? ` (${e.adjustedBy})` : ''} | ${levelName(e.level)} | ${e.stage ?? '—'} |`);
    }
    if (acts.length > 15) lines.push(`| … and ${acts.length - 15} more | | |`);
  } else lines.push('', 'No involvement activity found in this section or the involvement sections.');
  const show = (ps: readonly string[]): string => (ps.length > 0 ? ps.map((p) => PRINCIPLES[p as keyof typeof PRINCIPLES]).join('; ') : 'none');
  lines.push('', `**NIHR principles shown:** ${show(a.principlesShown)}`, '', `**Missing:** ${show(a.principlesMissing)}`);
  const reading = finding?.suggestions ?? [];
  if (reading.length > 0) {
    lines.push('', '**Suggested reading**', '');
    for (const s of reading) {
      const item = analysed.result.citations.database.get(s.id);
      if (item) lines.push(`- ${formatEntry(item, 'apa')}`);
    }
  }
  return lines.join('\n');
}

function citationHover(analysed: Analysed, offset: number): Hover | null {
  const ctx = analysed.result.citations;
  for (const group of ctx.groups) {
    if (offset < group.start || offset > group.end) continue;
    const work = group.works.find((w) => offset >= w.start && offset <= w.end) ?? group.works[0];
    if (!work) continue;
    const resolution = resolveWork(ctx, group, work);
    let value: string;
    if (resolution.kind === 'unknown') value = 'Unknown citation: not in the reference list or any bibliography.';
    else if (resolution.item) value = `**${narrative(resolution.item)}**\n\n${formatEntry(resolution.item, 'apa')}${resolution.kind === 'missing' ? '\n\n*Not yet in this document\'s reference list.*' : ''}`;
    else {
      const entry = ctx.list.entries.find((e) => String(e.number) === work.key || (e.year?.startsWith((work.year ?? '').slice(0, 4)) && e.author.toLowerCase().startsWith(work.key.toLowerCase().split(' ')[0]!)));
      value = entry ? entry.text : 'Listed in the reference list.';
    }
    return { contents: { kind: MarkupKind.Markdown, value }, range: analysed.lines.range(work.start, work.end) };
  }
  return null;
}
