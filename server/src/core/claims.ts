import type { ProposalDocument, Sentence } from './document';
import { fold, lexicon, test } from './lexicon';
import type { Claim, Level, Span } from './types';

/**
 * Claims: sentences (or headings) in which the proposal says its own work is co-produced,
 * co-designed, co-created, done as equal partners… Not claims: definitions, literature,
 * negations, hypotheticals, questions, quoted or italic titles and questionnaire items, reference-list
 * entries, quoted material, and co-production between professionals or organisations only.
 */

const HEADING_NOT_CLAIM = /\?|\b(?:what is|what we mean|defin\w*|background|literature|theory|concepts?|about|references?|glossary|evidence base)\b/i;
/** A block that reads like a reference entry: "Surname, A. B. (2019). Title…" or "Surname AB, … 2019". */
const REFERENCE_ENTRY = /^\s*(?:\[\d+\]\s*)?[\p{Lu}][\p{L}'’ -]+,\s*(?:[\p{Lu}]\.\s*)+[^\n]{0,300}?\((?:19|20)[0-9]{2}[a-z]?\)/u;
/** "co-production lead", "co-design budget": a job or a budget line, not a claim about the work. */
const ROLE_NOUN = /\s+(?:leads?|co-?ordinators?|coordinators?|workers?|officers?|managers?|budgets?|training|champions?|facilitators?|awards?|week|charter|literature|network|posts?|roles?|fund)\b/iy;

/** Claims, and the sentences that define co-production (for `uncited-definition`). */
export interface ClaimScan {
  readonly claims: readonly Claim[];
  /** Definition sentences, with the defined term's span as `start`/`end`. */
  readonly definitions: readonly Claim[];
}

/** Find the claims (and definitions) in a document. */
export function findClaims(doc: ProposalDocument): ClaimScan {
  const claims: Claim[] = [];
  const definitions: Claim[] = [];
  const headingClaims: { claim: Claim; section: number }[] = [];
  const titles = doc.prose.titles;
  const { anyClaim } = lexicon();
  const inTitle = (offset: number): boolean => titles.some((t) => offset >= t.start && offset < t.end);
  doc.blocks.forEach((block, index) => {
    if (block.quoted || block.kind === 'tableCell' || doc.inReferences(index) || REFERENCE_ENTRY.test(block.text) || !anyClaim.test(fold(block.text))) return;
    // One claim per block: a paragraph that says "co-produced" three times is one claim, the
    // strongest (the first among equals).
    let best: Claim | undefined;
    for (const sentence of doc.sentences(index)) {
      const claim = claimIn(sentence, block.kind === 'heading', inTitle, definitions);
      if (claim && (!best || claim.claimed > best.claimed)) best = claim;
    }
    if (!best) return;
    if (block.kind === 'heading') headingClaims.push({ claim: best, section: block.section });
    else claims.push(best);
  });
  // A heading claims for its section only when no sentence in that section makes its own claim.
  const starts = claims.map((c) => c.start); // in document order
  for (const { claim, section } of headingClaims) {
    const body = doc.sections[section];
    if (!body) continue;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < body.start) lo = mid + 1;
      else hi = mid;
    }
    const covered = lo < starts.length && starts[lo]! < body.end;
    if (!covered) claims.push(claim);
  }
  return { claims: claims.sort((a, b) => a.start - b.start), definitions };
}

function claimIn(sentence: Sentence, isHeading: boolean, inTitle: (offset: number) => boolean, definitions: Claim[]): Claim | undefined {
  const lex = lexicon();
  const original = sentence.text;
  if (isHeading ? HEADING_NOT_CLAIM.test(original) : original.trimEnd().endsWith('?')) return undefined;
  const text = fold(original); // what the lexicon reads; same offsets
  let best: { start: number; end: number; level: Level } | undefined;
  const triggers: Span[] = [];
  const quoted = quotedRanges(text);
  for (const trigger of lex.claims) {
    trigger.regex.lastIndex = 0;
    for (let m = trigger.regex.exec(text); m; m = trigger.regex.exec(text)) {
      const at = sentence.start + m.index;
      ROLE_NOUN.lastIndex = m.index + m[0].length;
      if (quoted.some((q) => m!.index >= q.start && m!.index < q.end) || inTitle(at) || ROLE_NOUN.test(text)) continue;
      triggers.push({ start: at, end: at + m[0].length });
      if (!best || m.index < best.start) best = { start: m.index, end: m.index + m[0].length, level: trigger.level };
    }
  }
  if (!best) return undefined;
  for (const non of lex.nonClaims) {
    if (non.id === 'literature-citation' || non.id === 'literature-report') {
      if (reportsLiterature(text, best, non.regex, non.id === 'literature-citation' ? lex.ownWork : FIRST_PERSON)) return undefined;
    } else if (non.id === 'confusion-knowledge') {
      if (test(non.regex, text) && !test(lex.users, text)) return undefined;
    } else if (test(non.regex, text)) {
      if (non.id === 'definition' && !isHeading) definitions.push(makeClaim(sentence, original, best, best.level, false, triggers));
      return undefined;
    }
  }
  if (!isHeading && !test(lex.ownWork, outsideQuotes(text))) return undefined;
  // The strongest trigger in the sentence sets the claimed level.
  let claimed = best.level;
  for (const trigger of lex.claims) if (trigger.level > claimed && test(trigger.regex, text)) claimed = trigger.level;
  return makeClaim(sentence, original, best, claimed, isHeading, triggers);
}

function makeClaim(sentence: Sentence, text: string, best: Span, claimed: Level, isHeading: boolean, triggers: readonly Span[]): Claim {
  return {
    start: sentence.start + best.start,
    end: sentence.start + best.end,
    sentence: { start: sentence.start, end: sentence.end },
    phrase: text.slice(best.start, best.end).replace(/\s+/g, ' '),
    claimed,
    isHeading,
    triggers,
  };
}

const FIRST_PERSON = /\b(?:we|our|us|this (?:[a-z-]+ ){0,2}(?:project|study|proposal|programme|research|application|bid|trial|evaluation|service|work))\b/i;

/**
 * A sentence reports literature when it cites or reports others and does not speak of the
 * proposal's own work, or when the report comes before the claim phrase with nothing of the
 * proposal's own in between ("Batalden et al. (2016) argue that all care is co-produced, and
 * we…"). After a bare citation, "the intervention was co-developed" is the proposal's own
 * (`between` is the own-work test); after "argue that" only "we" or "this study" is.
 */
function reportsLiterature(text: string, trigger: Span, literature: RegExp, between: RegExp): boolean {
  literature.lastIndex = 0;
  let before = -1;
  let any = false;
  for (let m = literature.exec(text); m; m = literature.exec(text)) {
    any = true;
    if (m.index + m[0].length <= trigger.start) before = m.index + m[0].length;
  }
  literature.lastIndex = 0;
  if (!any) return false;
  if (!FIRST_PERSON.test(text)) return before >= 0 ? !test(between, text.slice(before, trigger.end)) : !test(lexicon().ownWork, text);
  return before >= 0 && !test(between, text.slice(before, trigger.end));
}

/** The sentence with quoted passages blanked, so "Our service is co-designed" in a survey item is not "our". */
function outsideQuotes(text: string): string {
  return text.replace(/["“][^"”]*["”]/g, (m) => ' '.repeat(m.length));
}

/** Spans inside double quotes (straight or curly), found in one pass; an unclosed quote runs to the end. */
function quotedRanges(text: string): Span[] {
  const ranges: Span[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      if (open < 0) open = i;
      else {
        ranges.push({ start: open, end: i });
        open = -1;
      }
    } else if (c === '“' && open < 0) open = i;
    else if (c === '”' && open >= 0) {
      ranges.push({ start: open, end: i });
      open = -1;
    }
  }
  if (open >= 0) ranges.push({ start: open, end: text.length });
  return ranges;
}
