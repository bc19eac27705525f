/**
 * The first two characters a regular expression's matches can start with.
 *
 * The lexicon's evidence patterns are read over every block of prose, and most of the time goes on
 * trying each pattern at each word: a pattern such as "interviews with {USERS}" tries its hundred
 * alternatives at every word of the text. Knowing which pairs of characters a match can start
 * with, a scan can try a pattern only at the words that start with one of them (block-scan.ts).
 *
 * This reads a pattern's source (the syntax of a RegExp without the `u` or `i` flag) and returns a
 * superset of the first two characters of its non-empty matches: anything it does not fully follow
 * counts as "any character". Lookarounds and other assertions consume nothing and are skipped;
 * a class such as `[^a]` or `\S` counts as any character. When the pattern can match the empty
 * string, or its source is not understood, the answer is undefined: try it everywhere.
 */

/** Inclusive ranges of UTF-16 code units. */
type Ranges = [number, number][];

/** What the matches of a piece of a pattern start with. */
interface First {
  /** The first characters of its non-empty matches. */
  readonly ranges: Ranges;
  /** Whether it can match the empty string. */
  readonly nullable: boolean;
  /** The characters that are a whole match on their own (matches one character long). */
  readonly single: Ranges;
  /** Its matches' first two characters, as products: the first from [0], the second from [1]. */
  readonly pairs: readonly (readonly [Ranges, Ranges])[];
}

const EMPTY: First = { ranges: [], nullable: true, single: [], pairs: [] };

/** One character from `ranges`. */
function one(ranges: Ranges): First {
  return { ranges, nullable: false, single: ranges, pairs: [] };
}

/** `a` then `b`. */
function then(a: First, b: First): First {
  const pairs = [...a.pairs];
  if (a.single.length > 0 && b.ranges.length > 0) pairs.push([a.single, b.ranges]);
  if (a.nullable) pairs.push(...b.pairs);
  return {
    ranges: a.nullable ? [...a.ranges, ...b.ranges] : a.ranges,
    nullable: a.nullable && b.nullable,
    single: [...(b.nullable ? a.single : []), ...(a.nullable ? b.single : [])],
    pairs,
  };
}

/** `a` repeated (at least once, or at least `zero ? 0 : 1` times; any upper bound reads as none). */
function repeated(a: First, zero: boolean): First {
  const pairs = [...a.pairs];
  if (a.single.length > 0 && a.ranges.length > 0) pairs.push([a.single, a.ranges]);
  return { ranges: a.ranges, nullable: zero || a.nullable, single: a.single, pairs };
}

const ANY: Ranges = [[0, 0xffff]];
const DIGIT: Ranges = [[48, 57]];
const WORD: Ranges = [[48, 57], [65, 90], [95, 95], [97, 122]];
// What \s matches (ECMAScript WhiteSpace and LineTerminator).
const SPACE: Ranges = [[9, 13], [32, 32], [0xa0, 0xa0], [0x1680, 0x1680], [0x2000, 0x200a], [0x2028, 0x2029], [0x202f, 0x202f], [0x205f, 0x205f], [0x3000, 0x3000], [0xfeff, 0xfeff]];

class Unsupported extends Error {}

class Reader {
  at = 0;
  constructor(readonly source: string) {}

  peek(offset = 0): string {
    return this.source[this.at + offset] ?? '';
  }

  eat(text: string): boolean {
    if (!this.source.startsWith(text, this.at)) return false;
    this.at += text.length;
    return true;
  }

  /** Disjunction: alternatives separated by "|", up to ")" or the end. */
  disjunction(): First {
    const first = this.alternative();
    if (this.peek() !== '|') return first;
    // Many alternatives (the lexicon has lists of a hundred): gathered in place, not pair by pair.
    const all = { ranges: [...first.ranges], nullable: first.nullable, single: [...first.single], pairs: [...first.pairs] };
    while (this.eat('|')) {
      const next = this.alternative();
      all.ranges.push(...next.ranges);
      all.nullable ||= next.nullable;
      all.single.push(...next.single);
      all.pairs.push(...next.pairs);
    }
    return all;
  }

  /** A sequence of terms. */
  alternative(): First {
    let first = EMPTY;
    while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') first = then(first, this.term());
    return first;
  }

  term(): First {
    // Assertions consume nothing.
    if (this.eat('^') || this.eat('$') || this.eat('\\b') || this.eat('\\B')) return EMPTY;
    for (const open of ['(?=', '(?!', '(?<=', '(?<!']) {
      if (this.eat(open)) {
        this.disjunction();
        if (!this.eat(')')) throw new Unsupported('unclosed group');
        // Without the u flag a look-ahead may be quantified ("(?=a){2}"); it still consumes nothing.
        this.quantifier();
        return EMPTY;
      }
    }
    const atom = this.atom();
    const quantifier = this.quantifier();
    return quantifier === undefined ? atom : repeated(atom, quantifier);
  }

  /** Read a quantifier if there is one: whether it allows zero repetitions, or undefined for none. */
  quantifier(): boolean | undefined {
    let zero: boolean;
    const c = this.peek();
    if (c === '*' || c === '?') {
      this.at++;
      zero = true;
    } else if (c === '+') {
      this.at++;
      zero = false;
    } else if (c === '{') {
      const braces = /^\{(\d+)(?:,(\d*))?\}/.exec(this.source.slice(this.at, this.at + 32));
      if (!braces) return undefined;
      this.at += braces[0].length;
      zero = Number(braces[1]) === 0;
    } else return undefined;
    this.eat('?'); // lazy
    return zero;
  }

  atom(): First {
    const c = this.peek();
    if (c === '(') {
      this.at++;
      if (this.eat('?:')) {
        // non-capturing
      } else if (this.peek() === '?') {
        const named = /^\?<[A-Za-z_$][\w$]*>/.exec(this.source.slice(this.at, this.at + 64));
        if (!named) throw new Unsupported('group kind');
        this.at += named[0].length;
      }
      const inner = this.disjunction();
      if (!this.eat(')')) throw new Unsupported('unclosed group');
      return inner;
    }
    if (c === '[') return one(this.characterClass());
    if (c === '.') {
      this.at++;
      return one(ANY);
    }
    if (c === '\\') {
      this.at++;
      const escape = this.escape(false);
      // A back reference can match the empty string.
      return escape === 'backreference' ? { ranges: ANY, nullable: true, single: ANY, pairs: [[ANY, ANY]] } : one(escape);
    }
    if (c === '' || c === ')' || c === '|' || c === '*' || c === '+' || c === '?') throw new Unsupported(`unexpected ${c || 'end'}`);
    this.at++;
    const code = c.charCodeAt(0);
    return one([[code, code]]);
  }

  /** After a backslash: the characters the escape matches. */
  escape(inClass: boolean): Ranges | 'backreference' {
    const c = this.peek();
    this.at++;
    switch (c) {
      case 'd':
        return DIGIT;
      case 'w':
        return WORD;
      case 's':
        return SPACE;
      case 'D':
      case 'W':
      case 'S':
        return ANY;
      case 'n':
        return [[10, 10]];
      case 'r':
        return [[13, 13]];
      case 't':
        return [[9, 9]];
      case 'v':
        return [[11, 11]];
      case 'f':
        return [[12, 12]];
      case 'b':
        if (inClass) return [[8, 8]];
        throw new Unsupported('\\b');
      case '':
        throw new Unsupported('trailing backslash');
    }
    if (c === 'x' || c === 'u') {
      const hex = new RegExp(`^[0-9A-Fa-f]{${c === 'x' ? 2 : 4}}`).exec(this.source.slice(this.at, this.at + 4));
      if (hex) {
        this.at += hex[0].length;
        const code = Number.parseInt(hex[0], 16);
        return [[code, code]];
      }
      return [[c.charCodeAt(0), c.charCodeAt(0)]];
    }
    if (c === 'c' || c === 'k' || c === 'p' || c === 'P') throw new Unsupported(`\\${c}`);
    if (c >= '0' && c <= '9') {
      if (!inClass && c !== '0') return 'backreference';
      throw new Unsupported('octal escape');
    }
    const code = c.charCodeAt(0);
    return [[code, code]];
  }

  characterClass(): Ranges {
    this.at++; // [
    const negated = this.eat('^');
    const ranges: Ranges = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === '') throw new Unsupported('unclosed class');
      if (c === ']' && !first) {
        this.at++;
        break;
      }
      if (c === ']') throw new Unsupported('empty class');
      first = false;
      const low = this.classAtom();
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== '') {
        this.at++;
        const high = this.classAtom();
        if (typeof low !== 'number' || typeof high !== 'number' || high < low) throw new Unsupported('class range');
        ranges.push([low, high]);
      } else if (typeof low === 'number') ranges.push([low, low]);
      else ranges.push(...low);
    }
    return negated ? ANY : ranges;
  }

  /** One character of a class (a code), or an escape standing for several (ranges). */
  classAtom(): number | Ranges {
    const c = this.peek();
    if (c !== '\\') {
      this.at++;
      return c.charCodeAt(0);
    }
    this.at++;
    const escape = this.escape(true);
    if (escape === 'backreference') throw new Unsupported('class escape');
    return escape.length === 1 && escape[0]![0] === escape[0]![1] ? escape[0]![0] : escape;
  }
}

/** Whether `source` is one group, "(…)", "(?:…)" or a look-around, and nothing after it. */
export function isOneGroup(source: string): boolean {
  if (!source.startsWith('(')) return false;
  try {
    const reader = new Reader(source);
    reader.term();
    return reader.at === source.length;
  } catch (error) {
    if (error instanceof Unsupported) return false;
    throw error;
  }
}

/**
 * Where a pattern's matches can start, by their first two characters (a superset).
 *
 * `first[c]` is 0 when no non-empty match starts with `c`; else bit 1 says a match can start with
 * `c` and go on, bit 2 that `c` alone can be a whole match. When bit 1 is set, `second.get(c)`
 * says which characters can follow: `ascii[d]` for d < 128, and `other` for any d >= 128 (not told
 * apart).
 */
export interface MatchStarts {
  readonly first: Uint8Array;
  readonly second: ReadonlyMap<number, { readonly ascii: Uint8Array; other: boolean }>;
}

export const GOES_ON = 1;
export const WHOLE = 2;

/**
 * Where the non-empty matches of `source` can start; undefined when it can match the empty string,
 * can start with more than `maxFirst` characters, or is not understood.
 */
export function matchStarts(source: string, maxFirst: number): MatchStarts | undefined {
  let first: First;
  try {
    const reader = new Reader(source);
    first = reader.disjunction();
    if (reader.at !== source.length) return undefined; // an unmatched ")"
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  if (first.nullable) return undefined;
  let count = 0;
  for (const [low, high] of [...first.ranges, ...first.single]) count += high - low + 1;
  if (count > maxFirst) return undefined;
  const table = new Uint8Array(0x10000);
  for (const [low, high] of first.single) for (let c = low; c <= high; c++) table[c]! |= WHOLE;
  const second = new Map<number, { ascii: Uint8Array; other: boolean }>();
  for (const [ones, twos] of first.pairs) {
    for (const [low, high] of ones) {
      for (let c = low; c <= high; c++) {
        table[c]! |= GOES_ON;
        let next = second.get(c);
        if (!next) second.set(c, (next = { ascii: new Uint8Array(128), other: false }));
        for (const [low2, high2] of twos) {
          if (low2 < 128) next.ascii.fill(1, low2, Math.min(high2, 127) + 1);
          if (high2 >= 128) next.other = true;
        }
      }
    }
  }
  return { first: table, second };
}
