import data from '../../data/signals.json';
import type { Dimension, Level, Principle, SignalKind, Stage } from './types';

/**
 * The lexicon: claim triggers, non-claim markers and evidence signals, compiled once from
 * `server/data/signals.json`. The data file documents its own pattern syntax; this module only
 * expands macros, turns spaces into white-space runs, adds word boundaries and compiles.
 */

/** Examples that must (and must not) match a pattern; they run as tests. */
export interface Examples {
  readonly match: readonly string[];
  readonly noMatch: readonly string[];
}

/** A claim trigger ("co-designed") and the level it claims. */
export interface ClaimTrigger {
  readonly id: string;
  readonly level: Level;
  readonly regex: RegExp;
  /** A cheap pattern that matches wherever `regex` can; used to skip blocks quickly. */
  readonly anchor: RegExp;
  readonly examples: Examples;
}

/** A marker that makes a trigger sentence not a claim (definition, negation, hypothetical…). */
export interface NonClaim {
  readonly id: string;
  readonly why: string;
  readonly regex: RegExp;
  readonly examples: Examples;
}

/** An evidence signal. */
export interface Signal {
  readonly id: string;
  readonly kind: SignalKind;
  readonly level: Level;
  readonly stage: Stage | null;
  readonly dims: readonly Dimension[];
  readonly principles: readonly Principle[];
  /** The activity only counts as user involvement when people who use services are named nearby. */
  readonly needsUsers: boolean;
  readonly regex: RegExp;
  readonly examples: Examples;
}

/** The compiled lexicon. */
export interface Lexicon {
  readonly claims: readonly ClaimTrigger[];
  /** Every claim trigger's cheap anchor in one pattern: a block that does not match it holds no claim. */
  readonly anyClaim: RegExp;
  readonly nonClaims: readonly NonClaim[];
  readonly ownWork: RegExp;
  readonly users: RegExp;
  readonly evidence: readonly Signal[];
}

interface RawEntry {
  id: string;
  pattern: string;
  examples?: { match?: string[]; noMatch?: string[] };
}

/** Compile one pattern of the data file's syntax into a global RegExp that reads folded text (see fold). */
export function compilePattern(pattern: string, macros: Readonly<Record<string, string>>): RegExp {
  let source = pattern;
  // Macros may use other macros; two passes cover the data file's nesting.
  for (let pass = 0; pass < 2; pass++) {
    source = source.replace(/\{([A-Z][A-Z0-9]*)\}/g, (whole, name: string) => {
      const macro = macros[name];
      if (macro === undefined) throw new Error(`signals.json: unknown macro ${whole}`);
      return macro;
    });
  }
  if (/\{[A-Z][A-Z0-9]*\}/.test(source)) throw new Error(`signals.json: macros nested too deeply in ${pattern}`);
  source = lowerCaseSource(source.replace(/ /g, '\\s+'));
  return compiledNow(new RegExp(`(?<![A-Za-z0-9])(?:${source})(?![A-Za-z0-9])`, 'g'));
}

/**
 * The text as the lexicon's patterns read it: in lower case, at the same offsets. The patterns are
 * lower case and case-sensitive, which V8 compiles about three times faster than case-insensitive
 * ones and runs a fifth faster. "İ" is the one character whose lower case is longer (two code
 * units), so it becomes "i".
 *
 * The result is always stored two bytes per character (it is cut from a string that starts with a
 * character outside Latin-1). V8 compiles a pattern's machine code once per string width, about
 * 7.5 MB for the lexicon; with every subject one width, only one copy is ever made (compiledNow).
 */
export function fold(text: string): string {
  let lower = (text.includes('\u0130') ? text.replace(/\u0130/g, 'i') : text).toLowerCase();
  if (lower.length > MAX_WHITE_SPACE && LONG_WHITE_SPACE.test(lower)) lower = lower.replace(LONG_WHITE_SPACE_ALL, (run) => `${run.slice(0, MAX_WHITE_SPACE)}${BREAK.repeat(run.length - MAX_WHITE_SPACE)}`);
  return `${WIDE}${lower}`.slice(1);
}

/**
 * Runs of white space longer than this are cut short, the rest of the run read as a character no
 * pattern matches. Patterns such as "the team (then)? will" try every way of sharing a run of
 * spaces among their `\s+` parts, so a paragraph of a million spaces took minutes; past this
 * length a run costs at most a fixed amount (under a second per MB of the worst text). Runs this
 * long do occur in prose as read here: a link's address is masked as spaces, and a claim may run
 * across it ("developed [with](https://…) young people"), so the bound is well above any URL.
 */
const MAX_WHITE_SPACE = 1024;
const LONG_WHITE_SPACE = /\s{1025}/;
const LONG_WHITE_SPACE_ALL = /\s{1025,}/g;
const BREAK = '\u0001';

/** Not Latin-1, so a string that holds it is stored two bytes per character. */
const WIDE = '\u2019';

/** A pattern's source in lower case, escapes (`\s`, `\S`, `\p{Lu}`, `\u00C9`) untouched. */
function lowerCaseSource(source: string): string {
  return source.replace(/\\(?:[pPu]\{[^}]*\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|c[A-Za-z]|.)|[^\\]+/g, (part) => (part.startsWith('\\') ? part : part.toLowerCase()));
}

/** A subject of 1,024 characters that no pattern matches, stored as fold's results are (see compiledNow). */
const LONG_SUBJECT = fold('\u0001'.repeat(1024));

/**
 * Run `regex` once over a long subject so that it is compiled now, and to machine code. V8 compiles
 * a pattern first used on a short string to bytecode, then again to machine code on its next use;
 * a first use on a string of 1,000 characters or more goes straight to machine code. V8 compiles
 * apart for strings stored one byte per character and two; every subject comes from fold, two
 * bytes per character, so that width is compiled here: about 35 ms for the lexicon's large
 * patterns (about 190 kB of source), where first uses on short strings cost about 320 ms, spent in
 * the middle of the first analysis.
 */
export function compiledNow(regex: RegExp): RegExp {
  regex.lastIndex = 0;
  regex.test(LONG_SUBJECT);
  regex.lastIndex = 0;
  return regex;
}

function examples(entry: RawEntry): Examples {
  return { match: entry.examples?.match ?? [], noMatch: entry.examples?.noMatch ?? [] };
}

let cached: Lexicon | undefined;

/** The lexicon compiled from the bundled data (compiled once, then shared). */
export function lexicon(): Lexicon {
  if (cached) return cached;
  const macros: Record<string, string> = {};
  for (const [name, value] of Object.entries(data.macros)) macros[name] = value;
  const compile = (pattern: string): RegExp => compilePattern(pattern, macros);
  const claims = data.claims.map((c) => ({
    id: c.id,
    level: c.level as Level,
    regex: compile(c.pattern),
    anchor: compiledNow(new RegExp(lowerCaseSource(c.anchor.replace(/ /g, '\\s+')))),
    examples: examples(c),
  }));
  cached = {
    claims,
    anyClaim: compiledNow(new RegExp(claims.map((c) => c.anchor.source).join('|'))),
    nonClaims: data.nonClaims.map((n) => ({ id: n.id, why: n.why, regex: compile(n.pattern), examples: examples(n) })),
    ownWork: compile(data.ownWork.pattern),
    users: compile('{USERS}'),
    evidence: data.evidence.map((e) => {
      const raw = e as typeof e & { dims?: string[]; principles?: string[]; needsUsers?: boolean };
      return {
        id: raw.id,
        kind: raw.kind as SignalKind,
        level: raw.level as Level,
        stage: raw.stage as Stage | null,
        dims: (raw.dims ?? []) as Dimension[],
        principles: (raw.principles ?? []) as Principle[],
        needsUsers: raw.needsUsers ?? false,
        regex: compile(raw.pattern),
        examples: examples(raw),
      };
    }),
  };
  return cached;
}

/** True when `regex` matches anywhere in `text` (resets the regex's state). */
export function test(regex: RegExp, text: string): boolean {
  regex.lastIndex = 0;
  const found = regex.test(text);
  regex.lastIndex = 0;
  return found;
}
