import { isOneGroup, matchStarts, WHOLE, type MatchStarts } from './match-starts';
import { compiledNow, fold, lexicon, type Signal } from './lexicon';

/**
 * The raw signal matches of prose blocks, each block read on its own, remembered by block text.
 *
 * While someone types, one block changes and the others stay as they were; their matches are taken
 * from the cache and only the changed block is read again. Blocks not in the cache are read
 * together, one pass per signal over their texts joined by a separator no match may cross, so a
 * new document costs one pass per signal, not one per signal and block. A match that would run
 * from one block into the separator is looked for again inside its own block, so every block's
 * matches are exactly those of reading it alone, whatever else is in the cache.
 *
 * Most signals can only start a match with a few two-letter word beginnings ("co", "pe", "in"…;
 * match-starts.ts works them out from the pattern). Those are not run over the whole text: one
 * walk over its words tries each of them, anchored, only where a word begins with one of its
 * pairs, which over the bench corpus takes about a third less time than a pass per signal.
 */

/** One signal's match in a block, at offsets relative to the block's text. */
export interface BlockMatch {
  readonly signal: Signal;
  readonly start: number;
  readonly end: number;
}

/**
 * Between blocks: no pattern matches a control character, and the "." and "(" stop the negated
 * classes the patterns use (`[^.;]`, `[^()]`). Reading blocks joined is exact only while the
 * patterns use no `^` or `$` (a test checks) and no look-around that a control character
 * satisfies, as none does today: those would see the neighbouring block, not the text's edge.
 */
const SEPARATOR = '\u0001.(\u0001';
/** The cache keeps block texts up to this many characters in all (about 8 MB), least recently used out first. */
const CACHE_CHARS = 4_000_000;

const cache = new Map<string, readonly BlockMatch[]>();
let cachedChars = 0;

/** The matches in each of `texts` (block texts as they stand, not folded), in the same order. */
export function scanBlocks(texts: readonly string[]): (readonly BlockMatch[])[] {
  const out: (readonly BlockMatch[])[] = new Array(texts.length);
  const missing: number[] = [];
  for (let i = 0; i < texts.length; i++) {
    const hit = cache.get(texts[i]!);
    if (hit) {
      // Refresh its place as most recently used.
      cache.delete(texts[i]!);
      cache.set(texts[i]!, hit);
      out[i] = hit;
    } else missing.push(i);
  }
  if (missing.length === 0) return out;
  const unique = [...new Set(missing.map((i) => texts[i]!))];
  const found = readTogether(unique, lexicon().evidence);
  const byText = new Map(unique.map((text, k) => [text, found[k]!]));
  for (const i of missing) out[i] = byText.get(texts[i]!)!;
  unique.forEach((text, k) => remember(text, found[k]!));
  return out;
}

/** Forget every remembered block (tests, and the benchmark's cold runs). */
export function clearBlockScanCache(): void {
  cache.clear();
  cachedChars = 0;
}

/** Every match of `signals` in each of `texts`, exactly as reading each text alone would find them. */
export function readTogether(texts: readonly string[], signals: readonly Signal[]): BlockMatch[][] {
  const bases: number[] = [];
  let at = 0;
  for (const text of texts) {
    bases.push(at);
    at += text.length + SEPARATOR.length;
  }
  const joined = fold(texts.join(SEPARATOR));
  const found: BlockMatch[][] = texts.map(() => []);
  charsRead += joined.length;
  if (charsRead <= byWordsAfter) {
    for (const signal of signals) readEverywhere(signal, texts, bases, joined, found);
    return found;
  }
  const plan = planFor(signals);
  for (const signal of plan.everywhere) readEverywhere(signal, texts, bases, joined, found);
  if (plan.atWords.length > 0) readAtWords(plan, texts, bases, joined, found);
  // Each block's matches signal by signal, in the order of `signals`, as reading each alone gives.
  for (const matches of found) if (matches.length > 1) matches.sort((x, y) => plan.order.get(x.signal)! - plan.order.get(y.signal)! || x.start - y.start);
  return found;
}

/**
 * Reading by words needs a plan (planFor: the patterns read, tables built, sticky copies compiled),
 * about 150 ms before V8 has warmed up, which reading by words saves back over about a megabyte of
 * text. So the first megabyte read (a newly started server's first documents) is read pattern by
 * pattern, and what comes after by words.
 */
let byWordsAfter = 1_000_000;
let charsRead = 0;

/** Read by words after `chars` characters have been read (1,000,000 by default; tests use 0). */
export function readByWordsAfter(chars: number): void {
  byWordsAfter = chars;
}

/** One pass of `signal` over the joined text, block boundaries respected. */
function readEverywhere(signal: Signal, texts: readonly string[], bases: readonly number[], joined: string, found: BlockMatch[][]): void {
  const regex = signal.regex;
  regex.lastIndex = 0;
  let block = 0;
  for (let m = regex.exec(joined); m; m = regex.exec(joined)) {
    const start = m.index;
    const end = start + m[0].length;
    while (block + 1 < bases.length && bases[block + 1]! <= start) block++;
    const base = bases[block]!;
    const blockEnd = base + texts[block]!.length;
    if (m[0].length === 0) {
      regex.lastIndex++;
    } else if (start >= blockEnd) {
      // Began in a separator: resume at the next block.
      regex.lastIndex = bases[block + 1] ?? joined.length;
    } else if (end > blockEnd) {
      // Ran into the separator: read this block alone from here, then go on from the next one.
      for (const hit of alone(signal, fold(texts[block]!), start - base)) found[block]!.push(hit);
      regex.lastIndex = bases[block + 1] ?? joined.length;
    } else {
      found[block]!.push({ signal, start: start - base, end: end - base });
    }
  }
  regex.lastIndex = 0;
}

/**
 * The signals whose matches start a word, tried only at the words that start with one of their
 * pairs of first characters (match-starts.ts), each where the one pass of readEverywhere would:
 * from the end of its last match on. A pattern tried at one place with the sticky flag matches
 * what the global search would find starting there, so the matches are the same, found at a
 * fraction of the cost.
 */
function readAtWords(plan: Plan, texts: readonly string[], bases: readonly number[], joined: string, found: BlockMatch[][]): void {
  const { atWords, byPair } = plan;
  // Where each signal may match next (after the end of its last match).
  const next = new Float64Array(atWords.length);
  let block = 0;
  let base = 0;
  let end = 0;
  const attempt = (index: number, p: number): void => {
    if (p < next[index]!) return;
    const { signal, sticky } = atWords[index]!;
    sticky.lastIndex = p;
    if (!sticky.test(joined)) return;
    const length = sticky.lastIndex - p;
    if (length === 0) {
      next[index] = p + 1;
    } else if (p + length > end) {
      // Ran into the separator: read this block alone from here, and no further in it.
      for (const hit of alone(signal, fold(texts[block]!), p - base)) found[block]!.push(hit);
      next[index] = end;
    } else {
      found[block]!.push({ signal, start: p - base, end: p - base + length });
      next[index] = p + length;
    }
  };
  for (; block < texts.length; block++) {
    base = bases[block]!;
    end = base + texts[block]!.length;
    let p = base;
    while (p < end) {
      const c = joined.charCodeAt(p);
      const row = byPair[c];
      if (row !== undefined) {
        const c2 = joined.charCodeAt(p + 1);
        const list = row[c2 < 128 ? c2 : 128];
        if (list !== undefined) for (let k = 0; k < list.length; k++) attempt(list[k]!, p);
      }
      // On to the next place a match can start: not inside a word, nor just after one.
      if (isAlphanumeric(c)) {
        while (p + 1 < end && isAlphanumeric(joined.charCodeAt(p + 1))) p++;
        p += 2;
      } else p++;
    }
  }
}

/** [A-Za-z0-9]: what the lexicon's patterns may not follow (compilePattern's look-behind). */
function isAlphanumeric(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

interface Plan {
  /** Signals read in one pass over the whole text. */
  readonly everywhere: readonly Signal[];
  /** Signals whose matches start a word, with a sticky copy of their pattern. */
  readonly atWords: readonly { readonly signal: Signal; readonly sticky: RegExp }[];
  /**
   * By a word's first character, then its second (codes from 128 up together, at 128): the
   * signals (indexes into `atWords`) a match of which can start so.
   */
  readonly byPair: readonly ((readonly number[] | undefined)[] | undefined)[];
  /** Each signal's place in the list given. */
  readonly order: ReadonlyMap<Signal, number>;
}

const WORD_START = '(?<![A-Za-z0-9])';
const WORD_END = '(?![A-Za-z0-9])';

/**
 * Whether every match of `source` starts a word: it is compilePattern's shape, the look-behind
 * and then one group (a top-level "|" would leave later branches unguarded).
 */
function startsWords(source: string): boolean {
  if (!source.startsWith(WORD_START)) return false;
  const rest = source.slice(WORD_START.length);
  return isOneGroup(rest) || (rest.endsWith(WORD_END) && isOneGroup(rest.slice(0, -WORD_END.length)));
}
/** A signal with more first characters than this is read in one pass: it would be tried at nearly every word. */
const MAX_FIRST_CHARS = 256;
/**
 * A signal whose matches can start more than this many of the 676 two-letter word beginnings is
 * read in one pass too. (Today's: most allow fewer than 60; those with {USERS} at their start allow
 * all of them, because "[A-Z][a-z]+ communities", in lower case, starts with any word.)
 */
const MAX_WORD_STARTS = 338;

/** How many of the 676 pairs of lower-case letters a word can start with a match of these starts allows. */
function wordStartsAllowed(starts: MatchStarts): number {
  let allowed = 0;
  for (let c = 97; c <= 122; c++) {
    if (starts.first[c]! & WHOLE) allowed += 26;
    else if (starts.first[c]) for (let d = 97; d <= 122; d++) allowed += starts.second.get(c)!.ascii[d]!;
  }
  return allowed;
}

const plans = new WeakMap<readonly Signal[], Plan>();

function planFor(signals: readonly Signal[]): Plan {
  let plan = plans.get(signals);
  if (plan) return plan;
  const everywhere: Signal[] = [];
  const atWords: { signal: Signal; sticky: RegExp }[] = [];
  // Dense, so that reading it at any code is fast.
  const byPair = new Array<(number[] | undefined)[] | undefined>(0x10000).fill(undefined);
  for (const signal of signals) {
    const regex = signal.regex;
    const starts =
      startsWords(regex.source) && /^[gy]*$/.test(regex.flags) ? matchStarts(regex.source, MAX_FIRST_CHARS) : undefined;
    if (!starts || wordStartsAllowed(starts) > MAX_WORD_STARTS) {
      everywhere.push(signal);
      continue;
    }
    const index = atWords.length;
    atWords.push({ signal, sticky: compiledNow(new RegExp(regex.source, 'y')) });
    for (let c = 0; c < starts.first.length; c++) {
      if (!starts.first[c]) continue;
      const row = (byPair[c] ??= new Array<number[] | undefined>(129).fill(undefined));
      const after = starts.second.get(c);
      for (let d = 0; d <= 128; d++) {
        const allowed = (starts.first[c]! & WHOLE) !== 0 || (after !== undefined && (d < 128 ? after.ascii[d] === 1 : after.other));
        if (allowed) (row[d] ??= []).push(index);
      }
    }
  }
  plan = {
    everywhere,
    atWords,
    byPair,
    order: new Map(signals.map((signal, i) => [signal, i])),
  };
  plans.set(signals, plan);
  return plan;
}

/** Matches of `signal` in one folded block text from offset `from`. */
function alone(signal: Signal, text: string, from: number): BlockMatch[] {
  const out: BlockMatch[] = [];
  const regex = signal.regex;
  regex.lastIndex = from;
  for (let m = regex.exec(text); m; m = regex.exec(text)) {
    if (m[0].length === 0) regex.lastIndex++;
    else out.push({ signal, start: m.index, end: m.index + m[0].length });
  }
  regex.lastIndex = 0;
  return out;
}

function remember(text: string, matches: readonly BlockMatch[]): void {
  if (text.length > CACHE_CHARS / 4) return;
  // A fresh copy: a key cut from the document's text would keep all of that text alive.
  const key = (` ${text}`).slice(1);
  cache.set(key, matches);
  cachedChars += key.length;
  for (const [oldest] of cache) {
    if (cachedChars <= CACHE_CHARS) break;
    cache.delete(oldest);
    cachedChars -= oldest.length;
  }
}
