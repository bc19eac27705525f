import type { ProposalDocument } from '../document';
import type { Span } from '../types';

/**
 * In-text citations as the proposal writes them, in its prose only (never code, URLs or front
 * matter). Three styles: pandoc (`[@brandsen2016; @nef2013, p. 4]`, narrative `@brandsen2016`),
 * author-date (APA: "(Brandsen & Honingh, 2016; NEF, 2013)", narrative "Brandsen and Honingh
 * (2016)") and numeric (Vancouver: "[3]", "[1, 4–6]").
 */

/** Citation styles a document can use. */
export type CitationStyle = 'pandoc' | 'author-date' | 'numeric';

/** One cited work inside a group. */
export interface CitedWork extends Span {
  /** pandoc: the key; author-date: first author as written; numeric: the number as text. */
  readonly key: string;
  /** author-date only: the year as written ("2016", "2016a"). */
  readonly year?: string;
}

/** A citation group: the brackets or parentheses and the works inside. */
export interface CitationGroup extends Span {
  readonly style: CitationStyle;
  readonly works: readonly CitedWork[];
  /** Narrative citations ("Brandsen and Honingh (2016)") have no group to merge into. */
  readonly narrative: boolean;
}

const PANDOC_GROUP = /\[[^[\]\n]*?@[A-Za-z0-9_][^[\]\n]*\]/g;
const PANDOC_KEY = /(?<![\w.])-?@([A-Za-z0-9_][A-Za-z0-9_:.#$%&+?<>~/-]*[A-Za-z0-9_])/g;
const NUMERIC_GROUP = /\[(\s*\d{1,4}(?:\s*[-–,]\s*\d{1,4})*\s*)\]/g;
const LOCATOR = String.raw`(?:,\s*(?:pp?\.|paras?\.|ch\.|chap\.|chapter|sec\.|section|§|fig\.|figure|tab\.|table|app\.|appendix)\s*[\w–-]{1,12})?`;
const PAREN_GROUP = new RegExp(String.raw`\(([^()\n]{0,400}?\b(?:1[6-9]|20)\d{2}[a-z]?${LOCATOR})\)`, 'gi');
const NARRATIVE =
  /(\p{Lu}[\p{L}'’-]+(?:\s+(?:&|and)\s+\p{Lu}[\p{L}'’-]+|\s+et\s+al\.?|(?:\s+\p{Lu}[\p{L}'’-]+){0,5}))\s+\(((?:1[6-9]|20)\d{2}[a-z]?)\)/gu;
/** Words that start a sentence before a narrative citation ("Following Fledderus (2015)"). */
const LEAD_IN = /^(?:Following|As|Like|Unlike|See|In|After|Before|Building|Drawing|Per|Whereas|While|With|Since|Both|Although|Though|Then|Here|Thus|Hence|Also|Yet|But|And|So|Because|For|Cf|E\.g)\s+/;
const PARTICLES = /^(?:(?:van|von|de|der|den|da|di|du|le|la|del|dos|ter|ten|af)\s+)*\p{Lu}/u;
const AUTHOR_YEAR = new RegExp(String.raw`^\s*(?:e\.g\.,?\s*|see\s+(?:also\s+)?|cf\.\s*)?(.+?),\s+((?:1[6-9]|20)\d{2}[a-z]?)${LOCATOR}\s*$`, 'i');

/** Find every citation group in the document's prose, in document order. */
export function findCitations(doc: ProposalDocument): CitationGroup[] {
  const groups: CitationGroup[] = [];
  doc.blocks.forEach((block, index) => {
    if (doc.inReferences(index)) return;
    const text = block.text;
    const base = block.start;
    const taken: Span[] = [];
    const overlaps = (s: number, e: number): boolean => taken.some((t) => s < t.end && e > t.start);
    if (text.includes('@')) {
      for (const m of text.matchAll(PANDOC_GROUP)) {
        const works = [...m[0].matchAll(PANDOC_KEY)].map((k) => ({
          key: k[1]!,
          start: base + m.index + k.index + k[0].indexOf('@') + 1,
          end: base + m.index + k.index + k[0].length,
        }));
        if (works.length === 0) continue;
        groups.push({ style: 'pandoc', works, start: base + m.index, end: base + m.index + m[0].length, narrative: false });
        taken.push({ start: m.index, end: m.index + m[0].length });
      }
      for (const k of text.matchAll(PANDOC_KEY)) {
        if (overlaps(k.index, k.index + k[0].length)) continue;
        const start = base + k.index + k[0].indexOf('@');
        groups.push({ style: 'pandoc', works: [{ key: k[1]!, start: start + 1, end: base + k.index + k[0].length }], start, end: base + k.index + k[0].length, narrative: true });
      }
    }
    if (text.includes('[')) {
      for (const m of text.matchAll(NUMERIC_GROUP)) {
        if (overlaps(m.index, m.index + m[0].length)) continue;
        const works = expandNumbers(m[1]!).map((n) => ({ key: String(n), start: base + m.index, end: base + m.index + m[0].length }));
        groups.push({ style: 'numeric', works, start: base + m.index, end: base + m.index + m[0].length, narrative: false });
      }
    }
    if (text.includes('(')) {
      for (const m of text.matchAll(PAREN_GROUP)) {
        const inner = m[1]!;
        const works: CitedWork[] = [];
        let offset = m.index + 1;
        for (const part of inner.split(';')) {
          const parsed = AUTHOR_YEAR.exec(part);
          if (parsed && PARTICLES.test(parsed[1]!.trim()) && parsed[1]!.length <= 120) {
            const author = leadAuthor(parsed[1]!);
            const start = base + offset + part.indexOf(parsed[1]!);
            works.push({ key: author, year: parsed[2]!, start, end: base + offset + part.length });
          }
          offset += part.length + 1;
        }
        if (works.length > 0) {
          groups.push({ style: 'author-date', works, start: base + m.index, end: base + m.index + m[0].length, narrative: false });
          taken.push({ start: m.index, end: m.index + m[0].length });
        }
      }
      for (const m of text.matchAll(NARRATIVE)) {
        const yearAt = m.index + m[0].lastIndexOf('(');
        if (overlaps(yearAt, m.index + m[0].length)) continue;
        const lead = LEAD_IN.exec(m[1]!)?.[0].length ?? 0;
        const author = leadAuthor(m[1]!.slice(lead));
        if (/^(?:In|The|This|See|Table|Figure|Appendix|Phase|Stage|Year|Section|Study)$/.test(author)) continue;
        groups.push({
          style: 'author-date',
          works: [{ key: author, year: m[2]!, start: base + m.index + lead, end: base + m.index + m[0].length }],
          start: base + m.index + lead,
          end: base + m.index + m[0].length,
          narrative: true,
        });
      }
    }
  });
  return groups.sort((a, b) => a.start - b.start);
}

/** "Brandsen & Honingh" → "Brandsen"; "Vennik et al." → "Vennik"; "New Economics Foundation" stays. */
export function leadAuthor(authors: string): string {
  const trimmed = authors.trim().replace(/^(?:e\.g\.,?|see also|see|cf\.)\s+/i, '');
  const first = trimmed.split(/\s*(?:,|&|\band\b|\bet al\b)\s*/)[0] ?? trimmed;
  return first.trim();
}

/** "1, 4–6" → [1, 4, 5, 6] (ranges capped at 200 numbers). */
export function expandNumbers(text: string): number[] {
  const out: number[] = [];
  for (const part of text.split(',')) {
    const range = /^\s*(\d+)\s*[-–]\s*(\d+)\s*$/.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Math.min(Number(range[2]), from + 200);
      for (let n = from; n <= to; n++) out.push(n);
    } else if (/^\s*\d+\s*$/.test(part)) out.push(Number(part));
  }
  return out;
}

/**
 * The style the document mostly uses, or undefined when it cites nothing. Narrative citations
 * count half (a bare "@name" not at all); front matter naming a bibliography counts for pandoc; ties go to author-date,
 * then pandoc, then numeric.
 */
export function detectStyle(groups: readonly CitationGroup[], pandocFrontMatter = false): CitationStyle | undefined {
  const counts: Record<CitationStyle, number> = { 'author-date': 0, pandoc: pandocFrontMatter ? 1 : 0, numeric: 0 };
  // A bare "@name" may be a handle: it does not make a document pandoc on its own.
  for (const g of groups) counts[g.style] += g.narrative ? (g.style === 'pandoc' ? 0 : 0.5) : 1;
  const order: CitationStyle[] = ['author-date', 'pandoc', 'numeric'];
  const best = [...order].sort((a, b) => counts[b] - counts[a] || order.indexOf(a) - order.indexOf(b))[0]!;
  return counts[best] > 0 ? best : undefined;
}
