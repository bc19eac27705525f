import { toProse, type Block, type ProseDocument, type Section } from './markdown';
import { splitSentences } from './sentences';
import type { Span } from './types';

/**
 * A parsed proposal with the lookups the analysis needs: sentences per block (computed on
 * demand), which sections are reference lists, which are involvement or summary sections.
 */

const REFERENCES = /^(?:[0-9.]+\s*)?(?:references?|bibliography|works cited|reference list|literature cited|sources|citations|further reading|reading list|key references|selected references)\s*:?$/i;
const INVOLVEMENT =
  /\b(?:involvement|PPI|PPIE|co-?production|co-?produc\w*|co-?design\w*|engagement|lived experience|working with|partnership with|participation|people who use|public and patient|patient and public|community voice|who holds power|involv\w*|shap(?:e|es|ed|ing)|have your say|consult\w*|your community|voice|how we (?:developed|designed|built|wrote|made|planned)|developed it)\b/i;
const SUMMARY = /\b(?:summary|abstract|overview|introduction|executive|at a glance|the project in brief|plain english|lay summary|aims?)\b/i;

/** A sentence with absolute source offsets. */
export interface Sentence extends Span {
  readonly block: number;
  /** Index of the sentence within its block. */
  readonly index: number;
  readonly text: string;
}

/** The analysed document. */
export class ProposalDocument {
  readonly text: string;
  readonly prose: ProseDocument;
  private readonly sentenceCache = new Map<number, Sentence[]>();
  private readonly referenceSections: ReadonlySet<number>;
  /** Indexes of sections about involvement, outermost only (their subsections are part of them). */
  readonly involvementSections: readonly number[];
  private readonly involvementRoots: ReadonlySet<number>;

  constructor(text: string) {
    this.text = text;
    this.prose = toProse(text);
    const sections = this.prose.sections;
    const refs = new Set<number>();
    const involvement: number[] = [];
    sections.forEach((section, index) => {
      if (REFERENCES.test(section.title) || (section.parent >= 0 && refs.has(section.parent))) refs.add(index);
      else if (INVOLVEMENT.test(section.title)) involvement.push(index);
    });
    // A subsection of an involvement section is read with its parent, not again on its own.
    this.involvementRoots = new Set(involvement);
    this.referenceSections = refs;
    this.involvementSections = involvement.filter((index) => !this.hasInvolvementAncestor(index));
  }

  get blocks(): readonly Block[] {
    return this.prose.blocks;
  }

  get sections(): readonly Section[] {
    return this.prose.sections;
  }

  /** Sentences of block `index` with absolute offsets. */
  sentences(index: number): Sentence[] {
    const cached = this.sentenceCache.get(index);
    if (cached) return cached;
    const block = this.blocks[index]!;
    const spans = block.kind === 'heading' ? [{ start: 0, end: block.text.length }] : splitSentences(block.text);
    const sentences = spans.map((span, i) => ({
      start: block.start + span.start,
      end: block.start + span.end,
      block: index,
      index: i,
      text: block.text.slice(span.start, span.end),
    }));
    this.sentenceCache.set(index, sentences);
    return sentences;
  }

  /** True when section `index` is about involvement or lies inside such a section. */
  inInvolvementSection(index: number): boolean {
    for (let s = index; s >= 0; s = this.sections[s]!.parent) if (this.involvementRoots.has(s)) return true;
    return false;
  }

  private hasInvolvementAncestor(index: number): boolean {
    const parent = this.sections[index]!.parent;
    return parent >= 0 && this.inInvolvementSection(parent);
  }

  /** True when section `index` is a reference list (or inside one). */
  isReferenceSection(index: number): boolean {
    return this.referenceSections.has(index);
  }

  /** True when the block sits in a reference-list section. */
  inReferences(blockIndex: number): boolean {
    const section = this.blocks[blockIndex]!.section;
    return section >= 0 && this.referenceSections.has(section);
  }

  /** True when the section's title marks a summary, abstract or introduction. */
  isSummary(sectionIndex: number): boolean {
    return sectionIndex < 0 || SUMMARY.test(this.sections[sectionIndex]!.title);
  }

  /** Indexes `[from, to)` of the blocks from offset `start` up to offset `end`. */
  blockRange(start: number, end: number): { from: number; to: number } {
    return { from: this.firstBlockAt(start), to: this.firstBlockAt(end) };
  }

  /** Index of the first block starting at or after `offset`. */
  firstBlockAt(offset: number): number {
    const blocks = this.blocks;
    let lo = 0;
    let hi = blocks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (blocks[mid]!.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** True when `section` is `ancestor` or lies inside it. */
  within(section: number, ancestor: number): boolean {
    for (let s = section; s >= 0; s = this.sections[s]!.parent) if (s === ancestor) return true;
    return false;
  }
}
