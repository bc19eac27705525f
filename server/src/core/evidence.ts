import type { ProposalDocument, Sentence } from './document';
import { lexicon, test, type Signal } from './lexicon';
import { toLevel } from './ladder';
import type { Evidence, Level } from './types';

/**
 * Evidence: what a proposal says people actually do, found by the lexicon's signals, one block at
 * a time (cached, so a block shared by several claims' scopes is read once). Hedges lower what
 * they modify and tokenism markers cap it, sentence by sentence; activities that only count as
 * user involvement when people who use services are named need a mention of them nearby.
 */
export class EvidenceIndex {
  private readonly cache = new Map<number, readonly Evidence[]>();
  private readonly userCache = new Map<string, boolean>();

  constructor(private readonly doc: ProposalDocument) {}

  /** Evidence in block `index`. */
  inBlock(index: number): readonly Evidence[] {
    let found = this.cache.get(index);
    if (!found) {
      found = this.scan(index);
      this.cache.set(index, found);
    }
    return found;
  }

  /** Evidence in every block that `include` accepts, in document order. */
  inBlocks(include: (blockIndex: number) => boolean): Evidence[] {
    const out: Evidence[] = [];
    for (let i = 0; i < this.doc.blocks.length; i++) if (include(i)) out.push(...this.inBlock(i));
    return out;
  }

  private scan(index: number): readonly Evidence[] {
    if (this.doc.inReferences(index)) return [];
    const out: Evidence[] = [];
    const sentences = this.doc.sentences(index);
    for (const sentence of sentences) this.scanSentence(sentence, out);
    return out;
  }

  private scanSentence(sentence: Sentence, out: Evidence[]): void {
    const { evidence } = lexicon();
    const raw: { signal: Signal; start: number; end: number }[] = [];
    let hedge: string | undefined;
    let token: string | undefined;
    for (const signal of evidence) {
      const regex = signal.regex;
      regex.lastIndex = 0;
      for (let m = regex.exec(sentence.text); m; m = regex.exec(sentence.text)) {
        if (m[0].length === 0) {
          regex.lastIndex++;
          continue;
        }
        if (signal.kind === 'hedge') hedge ??= m[0];
        else if (signal.kind === 'tokenism') token ??= m[0];
        raw.push({ signal, start: m.index, end: m.index + m[0].length });
      }
    }
    if (raw.length === 0) return;
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
        adjustedBy = `tokenism marker: "${clean(token)}"`;
      } else if (r.signal.kind === 'activity' && hedge !== undefined && level >= 5) {
        level = toLevel(level - 1);
        adjustedBy = `hedged: "${clean(hedge)}"`;
      }
      const text = sentence.text.slice(r.start, r.end);
      out.push({
        start: sentence.start + r.start,
        end: sentence.start + r.end,
        signal: r.signal.id,
        kind: r.signal.kind,
        level,
        baseLevel: r.signal.level,
        stage: r.signal.stage,
        dims: r.signal.dims,
        principles: r.signal.principles,
        label: clean(text),
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
        cached = test(users, text);
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

function lastSentence(doc: ProposalDocument, blockIndex: number): string {
  const sentences = doc.sentences(blockIndex);
  return sentences.length > 0 ? sentences[sentences.length - 1]!.text : '';
}

/** Collapse white space and trim a matched phrase for use as a label. */
export function clean(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 57)}…` : flat;
}
