import type { ProposalDocument } from '../document';
import type { Span } from '../types';

/**
 * The document's own reference list: the section under a References heading (or the heading the
 * settings name), its entries (list items or paragraphs), each with the first author, year and
 * number it starts with, and how new entries should look (list marker, numbering).
 */

/** One entry of the reference list. */
export interface ListEntry extends Span {
  readonly text: string;
  /** First author's family name or organisation, as written. */
  readonly author: string;
  readonly year: string | undefined;
  /** Its number, for numbered lists ("1." or "[1]"). */
  readonly number: number | undefined;
  /** Where the number is written, for renumbering. */
  readonly numberSpan: Span | undefined;
}

/** The reference list, or where one would go. */
export interface ReferenceList {
  /** The heading, when the document has one, and its text. */
  readonly heading: Span | undefined;
  readonly title: string | undefined;
  readonly headingDepth: number;
  /** Where the section ends (new entries go before this). */
  readonly end: number;
  readonly entries: readonly ListEntry[];
  /** How entries are written: "- " list items, "1. " ordered items, "[1] " paragraphs, or plain paragraphs. */
  readonly shape: 'bullet' | 'ordered' | 'bracketed' | 'paragraph';
  readonly bullet: string;
  /** An ordered list's delimiter: "." or ")". */
  readonly delimiter: '.' | ')';
}

const NUMBER_BEFORE = /(?:^|\n)[ \t]*(\d{1,4})([.)])[ \t]+$/;
const BRACKET_NUMBER = /^\[(\d{1,4})\]\s*/;
const YEAR = /\((?:1[6-9]|20)\d{2}[a-z]?\)|\b(?:1[6-9]|20)\d{2}[a-z]?\b/;

/** Find the reference list of `doc` (the first section titled like `heading`, or References). */
export function findReferenceList(doc: ProposalDocument, heading: string | undefined): ReferenceList {
  const wanted = heading ? new RegExp(`^(?:[0-9.]+\\s*)?${escape(heading)}\\s*:?$`, 'i') : undefined;
  let index = wanted ? doc.sections.findIndex((s) => wanted.test(s.title)) : -1;
  // Fall back to any reference-list heading ("Bibliography", "Works cited"…), outermost first.
  if (index < 0) index = doc.sections.findIndex((_, i) => doc.isReferenceSection(i));
  const text = doc.text;
  if (index < 0) {
    // The shallowest heading below the title (a loop: spreading 200,000 depths overflows the stack).
    const depth = doc.sections.reduce((min, s) => (s.depth > 1 && s.depth < min ? s.depth : min), Infinity);
    return { heading: undefined, title: undefined, headingDepth: depth === Infinity ? 2 : depth, end: text.length, entries: [], shape: 'bullet', bullet: '-', delimiter: '.' };
  }
  const section = doc.sections[index]!;
  const headingBlock = doc.blocks[section.headingBlock];
  const { from, to } = doc.blockRange(section.start, section.end);
  const entries: ListEntry[] = [];
  let shape: ReferenceList['shape'] = 'paragraph';
  let bullet = '-';
  let delimiter: '.' | ')' = '.';
  for (let i = from; i < to; i++) {
    const block = doc.blocks[i]!;
    if (block.kind !== 'paragraph') continue;
    const lineStart = text.lastIndexOf('\n', block.start - 1) + 1;
    const before = text.slice(lineStart, block.start);
    const raw = text.slice(block.start, block.end);
    let number: number | undefined;
    let numberSpan: Span | undefined;
    const ordered = NUMBER_BEFORE.exec(before);
    const bracketed = BRACKET_NUMBER.exec(raw);
    if (ordered) {
      number = Number(ordered[1]);
      const at = lineStart + before.lastIndexOf(ordered[1]!);
      numberSpan = { start: at, end: at + ordered[1]!.length };
      shape = 'ordered';
      delimiter = ordered[2] === ')' ? ')' : '.';
    } else if (bracketed) {
      number = Number(bracketed[1]);
      numberSpan = { start: block.start + 1, end: block.start + 1 + bracketed[1]!.length };
      shape = 'bracketed';
    } else if (/^[ \t]*[-*+][ \t]+$/.test(before)) {
      shape = 'bullet';
      bullet = before.trim();
    }
    const body = bracketed ? raw.slice(bracketed[0].length) : raw;
    entries.push({
      start: block.start,
      end: block.end,
      text: raw,
      author: (body.split(/[,(.]/)[0] ?? '').replace(/[*_]/g, '').trim(),
      year: YEAR.exec(body)?.[0].replace(/[()]/g, ''),
      number,
      numberSpan,
    });
  }
  return {
    heading: headingBlock ? { start: headingBlock.start, end: headingBlock.end } : undefined,
    title: section.title,
    headingDepth: section.depth,
    end: section.end,
    entries,
    shape,
    bullet,
    delimiter,
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
