/**
 * Paragraphs dense with emphasis and link markup past any proposal's are read as plain text.
 *
 * The Markdown parser's time grows with the square of the emphasis delimiters and brackets in one
 * paragraph: it matches each closer against the openers before it and splices the events of every
 * match into the middle of the paragraph's events. 27 kB of "*a **a " … " a** a*" took 5.5 s, and
 * 55 kB of "![[" … "](u)" 19 s, long enough to freeze an editor. So before the text reaches the
 * parser, each run of lines that could be one paragraph (a "chunk") keeps its first `max`
 * characters of the kinds that drive that cost ( * _ [ ] ) and its first `max` / 10 of "<" (each
 * "<" that may open an HTML comment makes the parser read on to the end of the paragraph); the
 * rest of them become spaces. Backtick runs are limited by what they make the parser read
 * (limitCodeSpans), and lazy lines past MAX_LAZY_LINES in one paragraph join the line before.
 * Block text is cut from the original source, so the analysis still reads the words as they
 * stand; only the inline markup past the limits is lost. One UTF-16 unit replaces one, so every
 * offset stays exact. No real paragraph comes near these limits (the first would take some 250
 * links).
 *
 * A chunk must hold at least the paragraph (or heading) it is part of, or a long paragraph could
 * slip through in small pieces; it may hold more, which only makes the limit stricter. So a chunk
 * ends only where a paragraph must: at a blank line (block quote markers aside), before an ATX
 * heading, a fence, a thematic break, a bullet list item with content or an ordered one numbered
 * 1 (each of which interrupts a paragraph), and after a heading. An ordered item with another
 * number cannot interrupt a paragraph: it ends the chunk only as the next item of the list item
 * the chunk began with (as deep in block quotes, indented less than that item's content, with no
 * line at another depth in between). A line indented four columns or more starts nothing, unless
 * it is within such a list item.
 */

const SPACE = ' ';

/**
 * `text` with the markup past the limits above replaced by spaces: every `*`, `_`, `[` and `]`
 * past the first `max` in a chunk, every `<` past the first `max` / 10, the backtick runs past a
 * chunk's budget and the line breaks before lazy lines past MAX_LAZY_LINES. The same text when no
 * chunk goes past them, which is every real document.
 */
export function limitInlineMarkup(text: string, max: number): string {
  const maxAngles = Math.ceil(max / 10);
  // Fast path: few of these characters in the whole text, and no long run of lines.
  let total = 0;
  let angles = 0;
  let runs = 0;
  let lines = 0; // lines since the last empty one: no chunk is longer
  let longest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || (c === 0x0d && text.charCodeAt(i + 1) !== 0x0a)) {
      // A line break (\n, \r\n or a lone \r); an empty line after it starts the count again.
      const next = text.charCodeAt(i + 1);
      lines = next === 0x0a || next === 0x0d ? 0 : lines + 1;
      if (lines > longest) longest = lines;
    } else if (c === 0x3c) angles++;
    else if (c === 0x60) runs += text.charCodeAt(i - 1) === 0x60 ? 0 : 1;
    else if (c === 0x2a || c === 0x5f || c === 0x5b || c === 0x5d) total++;
  }
  const markup = total > max || angles > maxAngles;
  const codeSpans = runs > FREE_RUNS;
  if (!markup && !codeSpans && longest <= MAX_LAZY_LINES) return text;

  const blanked: number[] = []; // [start, end) pairs to become spaces, in order
  const seek = { at: -2 };
  for (const chunk of chunks(text, blanked)) {
    if (markup) {
      let inChunk = 0;
      let anglesInChunk = 0;
      for (let k = 0; k < chunk.length; k += 2) {
        for (let i = chunk[k]!; i < chunk[k + 1]!; i++) {
          const c = text.charCodeAt(i);
          if (c !== 0x2a && c !== 0x5f && c !== 0x5b && c !== 0x5d && c !== 0x3c) continue;
          // A comment that starts a line is an HTML block, never inline: suppression comments stay.
          if (c === 0x3c && i === chunk[k] && text.startsWith('<!--', i)) continue;
          if (c === 0x3c ? ++anglesInChunk <= maxAngles : ++inChunk <= max) continue;
          blanked.push(i, i + 1);
        }
      }
    }
    if (codeSpans) limitCodeSpans(text, chunk, blanked, seek);
  }
  if (blanked.length === 0) return text;
  // Line breaks are found while chunking, code spans after a chunk's other characters: sort.
  const pairs: [number, number][] = [];
  for (let k = 0; k < blanked.length; k += 2) pairs.push([blanked[k]!, blanked[k + 1]!]);
  pairs.sort((a, b) => a[0] - b[0]);
  const out: string[] = [];
  let copied = 0;
  for (const [from, to] of pairs) {
    out.push(text.slice(copied, from), SPACE.repeat(to - from));
    copied = to;
  }
  out.push(text.slice(copied));
  return out.join('');
}

/** Runs of backticks a text may hold without a closer look. */
const FREE_RUNS = 4;

/**
 * Blank the backtick runs of a chunk that would cost the parser too much. A run opens a code span
 * that the parser looks for a closer of, reading on to the next run of the same length or, when
 * there is none, to the end of the paragraph. Each run that is not inside a code span is charged
 * that distance (measured to the chunk's end, which is no nearer than the paragraph's); once the
 * chunk has spent twice its length plus CODE_SPAN_ALLOWANCE, a run that would cost more is
 * blanked. Closed code spans cost their own length, so a real paragraph is never touched.
 */
function limitCodeSpans(text: string, chunk: readonly number[], blanked: number[], seek: { at: number }): void {
  const positions: number[] = [];
  const lengths: number[] = [];
  for (let k = 0; k < chunk.length; k += 2) {
    for (let i = nextBacktick(text, chunk[k]!, seek); i >= 0 && i < chunk[k + 1]!; i = nextBacktick(text, i + 1, seek)) {
      let j = i + 1;
      while (j < chunk[k + 1]! && text.charCodeAt(j) === 0x60) j++;
      // After a backslash the run may be one backtick shorter (an escape) or not (inside a code
      // span, a backslash is literal): such a run closes nothing and, opening, costs the most.
      positions.push(i);
      lengths.push(text.charCodeAt(i - 1) === 0x5c && i > chunk[k]! ? -(j - i) : j - i);
      i = j - 1;
    }
  }
  if (positions.length <= FREE_RUNS) return;
  // next[r]: the next run with the length of run r, or -1.
  const next = new Array<number>(positions.length).fill(-1);
  const lastOfLength = new Map<number, number>();
  for (let r = positions.length - 1; r >= 0; r--) {
    if (lengths[r]! < 0) continue; // uncertain: never a closer, and costs to the chunk's end
    next[r] = lastOfLength.get(lengths[r]!) ?? -1;
    lastOfLength.set(lengths[r]!, r);
  }
  const end = chunk[chunk.length - 1]!;
  const budget = 2 * (end - chunk[0]!) + CODE_SPAN_ALLOWANCE;
  let spent = 0;
  for (let r = 0; r < positions.length; ) {
    const closer = next[r]!;
    const cost = (closer >= 0 ? positions[closer]! : end) - positions[r]!;
    if (spent + cost <= budget) {
      spent += cost;
      r = closer >= 0 ? closer + 1 : r + 1;
    } else {
      blanked.push(positions[r]!, positions[r]! + Math.abs(lengths[r]!));
      r++;
    }
  }
}

/**
 * Lazy lines (continuing a paragraph in a block quote or list item without the quote marker or
 * indentation) a chunk keeps as lines. The parser's time grows with the square of them: 20,000
 * after "> a" took 15 s. Past this many, each joins the line before (its line break becomes white
 * space), which leaves the paragraph as it was.
 */
const MAX_LAZY_LINES = 200;

/**
 * The first backtick at or after `from`, or -1. Asked with `from` never decreasing, it searches
 * the text once in all: `seek.at` is the answer to the last question.
 */
function nextBacktick(text: string, from: number, seek: { at: number }): number {
  if (seek.at !== -1 && seek.at < from) seek.at = text.indexOf('`', from);
  return seek.at;
}

/** Parser steps every chunk may spend on code spans beyond twice its length. */
const CODE_SPAN_ALLOWANCE = 5_000;

/**
 * The chunks of `text` (see the module comment), front matter aside: each as the [start, end)
 * pairs of its lines' inline content.
 */
function* chunks(text: string, blanked: number[]): Generator<number[]> {
  let chunk: number[] = [];
  // The block quote depth and list item content column of the chunk's first line, and how many
  // lines since have been lazy (fewer block quote markers, or indented less than the content).
  let container: { quotes: number; content: number } | undefined;
  let lazy = 0;
  let previousEnd = 0;
  // The list item the current chunk began with, while the lines since may all be in it: its block
  // quote depth, the column its content starts at, and its marker's kind ("-", "*", "+", "." or ")").
  let item: { quotes: number; content: number; delimiter: string } | undefined;
  let lineStart = frontMatterEnd(text);
  while (lineStart < text.length) {
    let lineEnd = lineStart;
    while (lineEnd < text.length && text.charCodeAt(lineEnd) !== 0x0a && text.charCodeAt(lineEnd) !== 0x0d) lineEnd++;
    const next = lineEnd < text.length ? lineEnd + (text.charCodeAt(lineEnd) === 0x0d && text.charCodeAt(lineEnd + 1) === 0x0a ? 2 : 1) : lineEnd;
    const line = readLine(text, lineStart, lineEnd);
    let kind = line.kind;
    // A line at another block quote depth, one indented less than the item's content (lazy text,
    // or a block that ended the item) or one whose indentation has tabs leaves the item uncertain:
    // the chunk goes on as if it had none.
    if (item && kind !== 'blank' && (line.quotes !== item.quotes || line.tab || (kind === 'text' && line.columns < item.content))) item = undefined;
    // Within the item, a line indented less than four columns past its content may start a block.
    const inItem = item !== undefined && line.columns >= item.content && line.columns < item.content + 4;
    // Indented four columns or more and not in the item, a line is paragraph or code text.
    if (line.columns >= 4 && !inItem) kind = 'text';
    // Another number than 1 starts an item only as the item's next one in the same list.
    if (kind === 'ordered' && !(item && !inItem && line.columns < item.content && line.delimiter === item.delimiter)) kind = 'text';
    if (kind !== 'text' && chunk.length > 0) {
      yield chunk;
      chunk = [];
    }
    if (kind === 'blank') item = undefined;
    else {
      if (chunk.length === 0) {
        // Lines less deep than the chunk's first (in block quotes, or in columns: a list item's
        // content, or a paragraph indented inside one) can only be lazy continuation lines.
        const listItem = kind === 'bullet' || kind === 'ordered' || kind === 'ordered1';
        container = { quotes: line.quotes, content: listItem ? (line.content >= 0 ? line.content : line.columns + line.marker + 1) : line.columns };
        lazy = 0;
      } else if (container && kind === 'text' && HTML_START.test(text.slice(line.start, Math.min(lineEnd, line.start + 10)))) {
        // An HTML block may have begun: what follows may not be paragraph text. Join nothing more.
        container = undefined;
      } else if (container && kind === 'text' && (line.quotes < container.quotes || line.columns < container.content) && ++lazy > MAX_LAZY_LINES) {
        // The line break before a lazy line past the limit becomes white space: the line joins
        // the one before, in the same paragraph.
        blanked.push(previousEnd, lineStart);
      }
      if (kind !== 'text') item = line.content >= 0 && (kind === 'bullet' || kind === 'ordered' || kind === 'ordered1') ? { quotes: line.quotes, content: line.content, delimiter: line.delimiter } : undefined;
      chunk.push(kind === 'text' ? line.start : line.start + line.marker, lineEnd);
      if (kind === 'heading' || kind === 'break') {
        yield chunk;
        chunk = [];
      }
    }
    previousEnd = lineEnd;
    lineStart = next;
  }
  if (chunk.length > 0) yield chunk;
}

type Kind = 'blank' | 'text' | 'heading' | 'fence' | 'break' | 'bullet' | 'ordered1' | 'ordered';

interface Line {
  readonly kind: Kind;
  /** Offset of the line's first character after its block quote markers and indentation. */
  readonly start: number;
  /** Columns of indentation after the last block quote marker (a tab counts four). */
  readonly columns: number;
  /** Block quote markers before it. */
  readonly quotes: number;
  /** A tab in its indentation or after its list marker: its columns are not exact. */
  readonly tab: boolean;
  /** Length of its marker ("#", "-", "12."); a thematic break's whole length. */
  readonly marker: number;
  /** A list item's marker kind: "-", "*", "+", "." or ")". */
  readonly delimiter: string;
  /** A list item's content column (-1 when a tab makes it uncertain). */
  readonly content: number;
}

const ATX = /^#{1,6}(?=[ \t]|$)/;
/** The start of a line that may open an HTML block ("<div", "</p", "<!--", "<?", "<![CDATA["). */
const HTML_START = /^<[!?/a-zA-Z]/;
const FENCE = /^(?:`{3,}|~{3,})/;
const THEMATIC_BREAK = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const BULLET = /^[-+*](?=[ \t]+\S)/;
const ORDERED = /^(\d{1,9})[.)](?=[ \t]+\S)/;

/** What line `[start, end)` begins with, as far as where a paragraph can start and end goes. */
function readLine(text: string, start: number, end: number): Line {
  let i = start;
  let columns = 0;
  let quotes = 0;
  let tab = false;
  for (;;) {
    while (i < end && (text.charCodeAt(i) === 0x20 || text.charCodeAt(i) === 0x09)) {
      if (text.charCodeAt(i) === 0x09) tab = true;
      columns += text.charCodeAt(i) === 0x09 ? 4 : 1;
      i++;
    }
    if (i < end && text.charCodeAt(i) === 0x3e && columns < 4) {
      i++;
      // One space after ">" belongs to the marker.
      if (i < end && text.charCodeAt(i) === 0x20) i++;
      quotes++;
      columns = 0;
      continue;
    }
    break;
  }
  const line = (kind: Kind, marker = 0, delimiter = '', content = -1): Line => ({ kind, start: i, columns, quotes, tab, marker, delimiter, content });
  if (i >= end) return line('blank');
  // Markers are short; the whole line is read only for a thematic break, which is all markers.
  const head = text.slice(i, Math.min(end, i + 16));
  const c = text.charCodeAt(i);
  const atx = ATX.exec(head);
  if (atx) return line('heading', atx[0].length);
  const fence = FENCE.exec(head);
  // A backtick fence's info string has no backtick (otherwise the line is paragraph text).
  if (fence && (fence[0][0] === '~' || !text.slice(i + fence[0].length, end).includes('`'))) return line('fence');
  if ((c === 0x2a || c === 0x2d || c === 0x5f) && THEMATIC_BREAK.test(text.slice(i, end))) return line('break', end - i);
  const bullet = BULLET.exec(head);
  const ordered = bullet ? null : ORDERED.exec(head);
  const marker = bullet?.[0] ?? ordered?.[0];
  if (marker === undefined) return line('text');
  // The content starts after one to four spaces past the marker (after one, when there are more).
  let spaces = 0;
  while (i + marker.length + spaces < end && text.charCodeAt(i + marker.length + spaces) === 0x20) spaces++;
  const afterTab = text.charCodeAt(i + marker.length + spaces) === 0x09;
  const content = tab || afterTab ? -1 : columns + marker.length + (spaces <= 4 ? spaces : 1);
  if (bullet) return line('bullet', 1, marker, content);
  // Only "1." or "1)" itself may interrupt a paragraph ("01." may not).
  return line(ordered![1] === '1' ? 'ordered1' : 'ordered', marker.length, marker[marker.length - 1]!, content);
}

const FRONT_MATTER = /^(?:---|\+\+\+)[ \t]*\r?\n/;

/**
 * Where the text after a front matter block starts (0 when there is none): YAML or TOML is not
 * Markdown, and its brackets are left as they are however many there are.
 */
function frontMatterEnd(text: string): number {
  const open = FRONT_MATTER.exec(text);
  if (!open) return 0;
  const close = open[0].startsWith('+') ? /^\+\+\+[ \t]*(?:\r?\n|\r|$)/m : /^(?:---|\.\.\.)[ \t]*(?:\r?\n|\r|$)/m;
  const rest = text.slice(open[0].length);
  const m = close.exec(rest);
  return m ? open[0].length + m.index + m[0].length : 0;
}
