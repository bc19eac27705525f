import type { Span, TextEdit } from '../types';
import { citesItem, isListed, listEntryFor, type CitationContext } from './context';
import { firstAuthor, fold, forUsers, yearOf, type CslItem } from './database';
import { authorDate, formatEntry, toBibtex } from './format';
import type { CitationGroup } from './in-text';
import type { ListEntry } from './reference-list';

/**
 * Citation edits as plain text edits, computed from the document as it is: the in-text citation
 * at the end of the claim sentence (merged into a citation group already there), and the
 * reference entry where the document's style keeps it — alphabetically under the References
 * heading (author-date), numbered by first citation with later numbers shifted (numeric), or in
 * the bibliography file or front matter (pandoc). A work already cited or listed is reused, so
 * planning again after applying the edits yields nothing. Edits never overlap.
 */

/** A planned citation: the edits and the in-text form they insert. */
export interface CitationPlan {
  readonly edits: readonly TextEdit[];
  /** The in-text citation as the document will show it, e.g. "(Brandsen & Honingh, 2016)" or "[4]". */
  readonly citation: string;
}

/** Plan citing `item` at the end of `sentence`, with its reference entry. */
export function planCitation(ctx: CitationContext, item: CslItem, sentence: Span): CitationPlan {
  if (ctx.style === 'numeric') return planNumeric(ctx, item, sentence);
  const at = insertionPoint(ctx, sentence);
  const target = adjacentGroup(ctx, sentence, at);
  const already = ctx.groups.some((g) => g.start >= sentence.start && g.end <= sentence.end && g.works.some((w) => citesItem(ctx, g, w, item)));
  const edits: TextEdit[] = [];
  const inner = ctx.style === 'pandoc' ? `@${item.id}` : authorDate(item);
  if (!already) {
    if (target) edits.push({ start: target.end - 1, end: target.end - 1, newText: `; ${inner}` });
    else edits.push({ start: at, end: at, newText: ctx.style === 'pandoc' ? ` [${inner}]` : ` (${inner})` });
  }
  edits.push(...planEntry(ctx, item));
  return { edits: sortEdits(edits), citation: ctx.style === 'pandoc' ? `[${inner}]` : `(${inner})` };
}

/** Edits in document order (an insertion before a replacement at the same offset), files apart. */
function sortEdits(edits: readonly TextEdit[]): TextEdit[] {
  return [...edits].sort((a, b) => (a.file ?? '').localeCompare(b.file ?? '') || a.start - b.start || a.end - b.end);
}

/** Plan only the reference entry for `item` (nothing when it is already listed). */
export function planEntry(ctx: CitationContext, item: CslItem): TextEdit[] {
  if (isListed(ctx, item)) return [];
  if (ctx.style === 'pandoc') return pandocEntry(ctx, item);
  if (ctx.style === 'numeric') return sortEdits(planNumericEntry(ctx, item, ctx.text.length).entryEdits);
  return authorDateEntry(ctx, item);
}

/** Where a citation goes: before the sentence's closing punctuation, never inside a link or code. */
export function insertionPoint(ctx: CitationContext, sentence: Span): number {
  const text = ctx.text;
  let at = sentence.end;
  while (at > sentence.start && '.!?'.includes(text[at - 1]!)) at--;
  if (at === sentence.start) at = sentence.end;
  for (const atom of ctx.atoms) if (atom.start < at && at < atom.end) at = atom.end;
  // Never inside a citation group either ("(Voorberg et al., 2015, para. 2)").
  for (const group of ctx.groups) if (group.start < at && at < group.end) at = group.end;
  return at;
}

/** A bracketed/parenthesised group of the document's style right before `at`, inside the sentence. */
function adjacentGroup(ctx: CitationContext, sentence: Span, at: number): CitationGroup | undefined {
  return ctx.groups.find(
    (g) => g.style === ctx.style && !g.narrative && g.start >= sentence.start && g.end <= at && ctx.text.slice(g.end, at).trim() === '',
  );
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** A new References section at the end of the document holding `entry`. */
function newSection(ctx: CitationContext, entryLine: string): TextEdit {
  const eol = ctx.eol;
  const text = ctx.text;
  const lead = text.length === 0 ? '' : text.endsWith('\n') ? eol : `${eol}${eol}`;
  return { start: text.length, end: text.length, newText: `${lead}${'#'.repeat(ctx.list.headingDepth)} ${ctx.listHeading}${eol}${eol}${entryLine}${eol}` };
}

function authorDateEntry(ctx: CitationContext, item: CslItem): TextEdit[] {
  const eol = ctx.eol;
  const entry = formatEntry(item, 'apa');
  const list = ctx.list;
  if (list.heading && list.shape === 'ordered') return orderedAuthorDateEntry(ctx, item, entry);
  const bulleted = list.shape === 'bullet' || list.shape === 'ordered';
  const line = list.shape === 'paragraph' && list.entries.length > 0 ? entry : `${list.bullet} ${entry}`;
  if (!list.heading) return [newSection(ctx, `${list.bullet} ${entry}`)];
  const key = `${fold(firstAuthor(item))} ${yearOf(item)}`;
  const after = list.entries.find((e) => `${fold(e.author)} ${e.year ?? ''}` > key);
  if (after) {
    const start = lineStart(ctx.text, after.start);
    return [{ start, end: start, newText: bulleted ? `${line}${eol}` : `${line}${eol}${eol}` }];
  }
  const last = list.entries[list.entries.length - 1];
  if (last) return [{ start: last.end, end: last.end, newText: bulleted ? `${eol}${line}` : `${eol}${eol}${line}` }];
  return [{ start: list.heading.end, end: list.heading.end, newText: `${eol}${eol}${list.bullet} ${entry}` }];
}

/** An author-date entry in a numbered list: alphabetical place, later numbers shifted by one. */
function orderedAuthorDateEntry(ctx: CitationContext, item: CslItem, entry: string): TextEdit[] {
  const eol = ctx.eol;
  const list = ctx.list;
  const key = `${fold(firstAuthor(item))} ${yearOf(item)}`;
  const after = list.entries.find((e) => `${fold(e.author)} ${e.year ?? ''}` > key);
  const edits: TextEdit[] = [];
  if (after) {
    const number = after.number ?? 1;
    let seen = false;
    for (const e of list.entries) {
      if (e === after) seen = true;
      if (seen && e.number !== undefined && e.numberSpan) edits.push({ ...e.numberSpan, newText: String(e.number + 1) });
    }
    const start = lineStart(ctx.text, after.start);
    edits.push({ start, end: start, newText: `${number}${list.delimiter} ${entry}${eol}` });
    return edits;
  }
  const last = list.entries[list.entries.length - 1]!;
  return [{ start: last.end, end: last.end, newText: `${eol}${(last.number ?? list.entries.length) + 1}${list.delimiter} ${entry}` }];
}

/** "[1, 3–5]" style number lists: sorted, runs of three or more as ranges. */
function formatNumbers(numbers: readonly number[]): string {
  const sorted = [...new Set(numbers)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${sorted[i]}–${sorted[j]}` : sorted.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

interface NumericEntryPlan {
  readonly number: number;
  /** Old number → new number for everything that shifts. */
  readonly shift: (n: number) => number;
  readonly entryEdits: TextEdit[];
}

/** Number and list edits for a new numeric entry cited first at `at`. */
function planNumericEntry(ctx: CitationContext, item: CslItem, at: number): NumericEntryPlan {
  const before = ctx.groups.filter((g) => g.style === 'numeric' && g.start < at).flatMap((g) => g.works.map((w) => Number(w.key)));
  // The highest number cited before `at` (not Math.max(...before): that overflows the stack on many citations).
  const highest = before.reduce((max, n) => (n > max ? n : max), 0);
  const existing = listEntryFor(ctx, item);
  if (existing?.number !== undefined) {
    // Listed already: keep its number unless this citation becomes its first, which moves it up.
    const k = existing.number;
    const wanted = highest + 1;
    if (before.includes(k) || wanted >= k) return { number: k, shift: (n) => n, entryEdits: [] };
    return moveNumericEntry(ctx, existing, k, wanted);
  }
  const eol = ctx.eol;
  const number = highest + 1;
  const shift = (n: number): number => (n >= number ? n + 1 : n);
  const entry = formatEntry(item, 'vancouver');
  const list = ctx.list;
  const edits: TextEdit[] = [];
  const label = (n: number): string => (list.shape === 'bracketed' ? `[${n}] ` : `${n}${list.delimiter} `);
  if (!list.heading) {
    edits.push(newSection(ctx, `${label(number)}${entry}`));
    return { number, shift, entryEdits: edits };
  }
  for (const e of list.entries) {
    if (e.number !== undefined && e.number >= number && e.numberSpan) edits.push({ ...e.numberSpan, newText: String(e.number + 1) });
  }
  const paragraphs = list.shape === 'bracketed';
  const next = list.entries.find((e) => e.number !== undefined && e.number >= number);
  if (next) {
    const start = lineStart(ctx.text, next.start);
    edits.push({ start, end: start, newText: `${label(number)}${entry}${eol}${paragraphs ? eol : ''}` });
  } else {
    const last = list.entries[list.entries.length - 1];
    if (last) edits.push({ start: last.end, end: last.end, newText: `${eol}${paragraphs ? eol : ''}${label(number)}${entry}` });
    else edits.push({ start: list.heading.end, end: list.heading.end, newText: `${eol}${eol}${label(number)}${entry}` });
  }
  return { number, shift, entryEdits: edits };
}

/** Renumber a listed work `k` as `to` (< k): entries to..k-1 shift down one place and k's entry moves up. */
function moveNumericEntry(ctx: CitationContext, entry: ListEntry, k: number, to: number): NumericEntryPlan {
  const eol = ctx.eol;
  const list = ctx.list;
  const shift = (n: number): number => (n === k ? to : n >= to && n < k ? n + 1 : n);
  const edits: TextEdit[] = [];
  for (const e of list.entries) {
    if (e !== entry && e.number !== undefined && e.number >= to && e.number < k && e.numberSpan) edits.push({ ...e.numberSpan, newText: String(e.number + 1) });
  }
  const paragraphs = list.shape === 'bracketed';
  const label = paragraphs ? `[${to}] ` : `${to}${list.delimiter} `;
  const body = paragraphs ? entry.text.replace(/^\[\d+\]\s*/, '') : entry.text;
  // Remove the entry's line(s), then put it back, renumbered, before the entry that now follows it.
  const from = lineStart(ctx.text, entry.start);
  let end = entry.end;
  if (ctx.text.startsWith(eol, end)) end += eol.length;
  if (paragraphs && ctx.text.startsWith(eol, end)) end += eol.length;
  const next = list.entries.find((e) => e !== entry && e.number !== undefined && e.number >= to && e.number < k);
  if (!next) {
    // Nothing numbered between: the entry keeps its place and only its number changes.
    if (entry.numberSpan) edits.push({ ...entry.numberSpan, newText: String(to) });
    return { number: to, shift, entryEdits: edits };
  }
  edits.push({ start: from, end, newText: '' });
  const start = lineStart(ctx.text, next.start);
  edits.push({ start, end: start, newText: `${label}${body}${eol}${paragraphs ? eol : ''}` });
  return { number: to, shift, entryEdits: edits };
}

function planNumeric(ctx: CitationContext, item: CslItem, sentence: Span): CitationPlan {
  const at = insertionPoint(ctx, sentence);
  const target = adjacentGroup(ctx, sentence, at);
  const { number, shift, entryEdits } = planNumericEntry(ctx, item, at);
  const edits: TextEdit[] = [...entryEdits];
  const already = ctx.groups.some((g) => g.style === 'numeric' && g.start >= sentence.start && g.end <= sentence.end && g.works.some((w) => Number(w.key) === number)) && entryEdits.length === 0;
  for (const g of ctx.groups) {
    if (g.style !== 'numeric') continue;
    const old = g.works.map((w) => Number(w.key));
    const renumbered = old.map(shift);
    const add = !already && g === target;
    if (!add && renumbered.every((n, i) => n === old[i])) continue;
    edits.push({ start: g.start + 1, end: g.end - 1, newText: formatNumbers(add ? [...renumbered, number] : renumbered) });
  }
  if (!already && !target) edits.push({ start: at, end: at, newText: ` [${number}]` });
  return { edits: sortEdits(edits), citation: `[${number}]` };
}

/** One line of JSON: valid YAML flow style, so pandoc reads it from front matter. */
function itemJson(item: CslItem): string {
  return JSON.stringify(forUsers(item, item.custom?.chapterForm !== undefined));
}

function pandocEntry(ctx: CitationContext, item: CslItem): TextEdit[] {
  const fm = ctx.frontMatter;
  const named = fm?.bibliography[0];
  if (named !== undefined) {
    const bib = ctx.bibliographies.find((b) => b.path === named);
    if (!bib || bib.error) return [];
    const eol = bib.text.includes('\r\n') ? '\r\n' : '\n';
    if (bib.format === 'bibtex') {
      const entry = toBibtex(item).replace(/\n/g, eol);
      const lead = bib.text.length === 0 ? '' : bib.text.endsWith('\n') ? eol : `${eol}${eol}`;
      return [{ file: named, start: bib.text.length, end: bib.text.length, newText: `${lead}${entry}${eol}` }];
    }
    const close = bib.text.lastIndexOf(']');
    if (close < 0) return [];
    let last = close - 1;
    while (last >= 0 && /\s/.test(bib.text[last]!)) last--;
    const json = JSON.stringify(forUsers(item, item.custom?.chapterForm !== undefined), null, 2).split('\n').join(`${eol}  `);
    if (bib.text[last] === '[') return [{ file: named, start: last + 1, end: close, newText: `${eol}  ${json}${eol}` }];
    return [{ file: named, start: last + 1, end: last + 1, newText: `,${eol}  ${json}` }];
  }
  const eol = ctx.eol;
  if (!fm) return [{ start: 0, end: 0, newText: `---${eol}references:${eol}- ${itemJson(item)}${eol}---${eol}${eol}` }];
  if (fm.error || fm.referencesUneditable) return [];
  if (fm.referencesBlock) {
    const end = fm.referencesBlock.end;
    // The block's range can include its trailing line break; insert after the last item's text.
    let at = end;
    while (at > fm.referencesBlock.start && /\s/.test(ctx.text[at - 1]!)) at--;
    return [{ start: at, end: at, newText: `${eol}${fm.referencesBlock.indent}- ${itemJson(item)}` }];
  }
  const closing = lineStart(ctx.text, fm.end - 1);
  return [{ start: closing, end: closing, newText: `references:${eol}- ${itemJson(item)}${eol}` }];
}
