import { fold, lexicon, type Signal } from './lexicon';

/**
 * The raw signal matches of prose blocks, each block read on its own, remembered by block text.
 *
 * While someone types, one block changes and the others stay as they were; their matches are taken
 * from the cache and only the changed block is read again. Blocks not in the cache are read
 * together, one pass per signal over their texts joined by a separator no match may cross, so a
 * new document costs one pass per signal, not one per signal and block. A match that would run
 * from one block into the separator is looked for again inside its own block, so every block's
 * matches are exactly those of reading it alone, whatever else is in the cache.
 */

/** One signal's match in a block, at offsets relative to the block's text. */
export interface BlockMatch {
  readonly signal: Signal;
  readonly start: number;
  readonly end: number;
}

/**
 * Between blocks: no pattern matches a control character, and the "." and "(" stop the negated
 * classes the patterns use (`[^.;]`, `[^()]`).
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
  for (const signal of signals) {
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
  return found;
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
