import type { ProposalDocument, Sentence } from './document';
import { scanBlocks } from './block-scan';
import { fold, lexicon, test, type Signal } from './lexicon';
import { toLevel } from './ladder';
import { lastStartingAtOrBefore } from './search';
import type { Evidence, Level } from './types';

/**
 * Evidence: what a proposal says people actually do, found by the lexicon's signals block by
 * block (on first use; a document without claims is never read for evidence). Hedges lower what
 * they modify and tokenism markers cap it, sentence by sentence; activities that only count as
 * user involvement when people who use services are named need a mention of them nearby.
 */
export class EvidenceIndex {
  private readonly cache = new Map<number, readonly Evidence[]>();
  private readonly userCache = new Map<string, boolean>();

  constructor(private readonly doc: ProposalDocument) {}

  /** Evidence in block `index`. */
  inBlock(index: number): readonly Evidence[] {
    if (!this.scanned) this.scanAll();
    return this.cache.get(index) ?? NONE;
  }

  private scanned = false;

  /** Read every block's signals (see block-scan.ts: blocks unchanged since an earlier version are not read again). */
  private scanAll(): void {
    this.scanned = true;
    const doc = this.doc;
    const blocks = doc.blocks;
    if (blocks.length === 0) return;
    const matches = scanBlocks(blocks.map((b) => b.text));
    const buckets = new Map<number, Raw[][]>(); // block → per-sentence matches
    blocks.forEach((block, blockIndex) => {
      const found = matches[blockIndex]!;
      if (found.length === 0 || doc.inReferences(blockIndex)) return;
      const sentences = doc.sentences(blockIndex);
      for (const match of found) {
        const start = block.start + match.start;
        const end = block.start + match.end;
        const s = sentenceAt(sentences, start);
        if (s < 0 || end > sentences[s]!.end) continue;
        let perSentence = buckets.get(blockIndex);
        if (!perSentence) buckets.set(blockIndex, (perSentence = sentences.map(() => [])));
        perSentence[s]!.push({ signal: match.signal, start, end });
      }
    });
    for (const [blockIndex, perSentence] of buckets) {
      const out: Evidence[] = [];
      const sentences = doc.sentences(blockIndex);
      perSentence.forEach((raw, i) => {
        if (raw.length > 0) this.resolve(sentences[i]!, raw.sort((a, b) => a.start - b.start), out);
      });
      this.cache.set(blockIndex, out);
    }
  }

  /** Evidence in blocks `[from, to)`, in document order. */
  inRange(from: number, to: number): Evidence[] {
    const out: Evidence[] = [];
    for (let i = from; i < to; i++) for (const e of this.inBlock(i)) out.push(e);
    return out;
  }

  private involvementCache: { readonly start: number; readonly evidence: readonly Evidence[] }[] | undefined;
  private documentCache: readonly Evidence[] | undefined;

  /**
   * Evidence of up to `max` involvement sections nearest a claim at `offset` (those after it
   * first: a summary comes before the detail), skipping sections in `[skipStart, skipEnd)`.
   * Each section's evidence is read once per document.
   */
  nearestInvolvement(offset: number, skipStart: number, skipEnd: number, max = 3): Evidence[] {
    if (!this.involvementCache) {
      this.involvementCache = this.doc.involvementSections.map((section) => {
        const { start, end } = this.doc.sections[section]!;
        const { from, to } = this.doc.blockRange(start, end);
        return { start, evidence: this.inRange(from, to) };
      });
    }
    const parts = this.involvementCache.filter((p) => p.start < skipStart || p.start >= skipEnd);
    let after = parts.findIndex((p) => p.start > offset);
    if (after < 0) after = parts.length;
    const chosen = parts.slice(after, after + max);
    for (let i = after - 1; i >= 0 && chosen.length < max; i--) chosen.push(parts[i]!);
    chosen.sort((a, b) => a.start - b.start);
    return chosen.flatMap((p) => p.evidence);
  }

  /** Evidence of the whole document (read once; the same array every time). */
  everywhere(): readonly Evidence[] {
    this.documentCache ??= this.inRange(0, this.doc.blocks.length);
    return this.documentCache;
  }

  private documentActivities: readonly Evidence[] | undefined;

  /** The activities among `everywhere()` (computed once). */
  everywhereActivities(): readonly Evidence[] {
    this.documentActivities ??= this.everywhere().filter((e) => e.kind === 'activity' || e.kind === 'tokenism');
    return this.documentActivities;
  }

  /** Turn one sentence's matches into evidence: hedges and tokenism applied, user mentions checked. */
  private resolve(sentence: Sentence, raw: readonly Raw[], out: Evidence[]): void {
    const text = (r: Raw): string => this.doc.text.slice(r.start, r.end);
    const hedge = raw.find((r) => r.signal.kind === 'hedge');
    const token = raw.find((r) => r.signal.kind === 'tokenism');
    const users = raw.some((r) => r.signal.needsUsers) ? this.usersNear(sentence) : true;
    for (const r of raw) {
      if (r.signal.kind === 'hedge') continue;
      if (r.signal.needsUsers && !users) continue;
      // Drop a match that lies inside a longer match of the same kind.
      if (raw.some((o) => o !== r && o.signal.kind === r.signal.kind && o.start <= r.start && o.end >= r.end && o.end - o.start > r.end - r.start)) continue;
      let level: Level = r.signal.level;
      let adjustedBy: string | undefined;
      if (r.signal.kind === 'activity' && token !== undefined && level > 4) {
        level = 4;
        adjustedBy = `tokenism marker: "${clean(text(token))}"`;
      } else if (r.signal.kind === 'activity' && hedge !== undefined && level >= 5) {
        level = toLevel(level - 1);
        adjustedBy = `hedged: "${clean(text(hedge))}"`;
      }
      out.push({
        start: r.start,
        end: r.end,
        signal: r.signal.id,
        kind: r.signal.kind,
        level,
        baseLevel: r.signal.level,
        stage: r.signal.stage,
        dims: r.signal.dims,
        principles: r.signal.principles,
        label: clean(text(r)),
        ...(adjustedBy ? { adjustedBy } : {}),
      });
    }
  }

  /**
   * Are people who use services named in this sentence, the one before it, or (for the first
   * sentence of a block) the block before, the lead-in of its list, or its section's heading?
   */
  private usersNear(sentence: Sentence): boolean {
    const { users } = lexicon();
    const doc = this.doc;
    const has = (text: string): boolean => {
      let cached = this.userCache.get(text);
      if (cached === undefined) {
        cached = test(users, fold(text));
        this.userCache.set(text, cached);
      }
      return cached;
    };
    if (has(sentence.text)) return true;
    const siblings = doc.sentences(sentence.block);
    if (sentence.index > 0) return has(siblings[sentence.index - 1]!.text);
    const block = doc.blocks[sentence.block]!;
    const previous = doc.blocks[sentence.block - 1];
    if (previous && has(lastSentence(doc, sentence.block - 1))) return true;
    let first = sentence.block;
    while (first > 0 && doc.blocks[first - 1]!.group === block.group) first--;
    if (first > 0 && first !== sentence.block && has(lastSentence(doc, first - 1))) return true;
    const section = doc.sections[block.section];
    return section !== undefined && has(section.title);
  }
}

const NONE: readonly Evidence[] = [];

interface Raw {
  readonly signal: Signal;
  readonly start: number;
  readonly end: number;
}

/** Index of the sentence containing `offset`, or -1 when it falls between sentences. */
function sentenceAt(sentences: readonly Sentence[], offset: number): number {
  const at = lastStartingAtOrBefore(sentences, offset);
  const s = sentences[at]!;
  return offset >= s.start && offset < s.end ? at : -1;
}

function lastSentence(doc: ProposalDocument, blockIndex: number): string {
  const sentences = doc.sentences(blockIndex);
  return sentences.length > 0 ? sentences[sentences.length - 1]!.text : '';
}

/** Collapse white space and trim a matched phrase for use as a label. */
export function clean(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
