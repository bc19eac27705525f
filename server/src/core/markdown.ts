import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTaskListItem } from 'micromark-extension-gfm-task-list-item';
import { gfmTaskListItemFromMarkdown } from 'mdast-util-gfm-task-list-item';
import type { Processor } from 'unified';
import type { Root, RootContent, PhrasingContent, Nodes } from 'mdast';
import { contentStart, parserInput, shiftPositions } from './byte-order-mark';
import { limitInlineMarkup } from './inline-limit';
import { limitNesting } from './nesting';
import { parseBySection } from './parse-cache';
import { gfmTableAt, tableRowStarts } from './table-guard';
import type { Span } from './types';

/**
 * Markdown to prose blocks. Parses with unified + remark-parse (GFM tables and task lists, YAML/TOML
 * front matter) and
 * returns the blocks whose words the analysis reads: paragraphs, headings, list items, table cells
 * and block quotes. Each block's `text` is the exact source slice with everything that is not
 * prose (markup, inline code, HTML, link URLs and bare URLs, images) replaced by spaces, so offsets in `text`
 * map to source offsets by adding `start` and nothing else. Code, HTML and front matter never
 * become blocks.
 */

/** What a block came from. */
export type BlockKind = 'paragraph' | 'heading' | 'tableCell';

/** A run of prose, masked as described above. */
export interface Block extends Span {
  readonly kind: BlockKind;
  readonly text: string;
  /** Heading depth (1–6), or 0 for other blocks. */
  readonly depth: number;
  /** Index into `sections` of the innermost section holding this block; -1 before any heading. */
  readonly section: number;
  /** Blocks sharing a group form one scope: a paragraph alone, or all items of a list or table. */
  readonly group: number;
  /** True inside a block quote (quoted material is read, but never as a claim). */
  readonly quoted: boolean;
}

/** A heading and everything up to the next heading of the same or a higher rank. */
export interface Section extends Span {
  readonly title: string;
  readonly depth: number;
  /** Index of the heading's block. */
  readonly headingBlock: number;
  /** Index of the enclosing section, -1 at top level. */
  readonly parent: number;
}

/** An HTML comment anywhere in the document (suppression comments live here). */
export interface Comment extends Span {
  readonly body: string;
}

/** The prose view of a Markdown document. */
export interface ProseDocument {
  readonly text: string;
  readonly blocks: readonly Block[];
  readonly sections: readonly Section[];
  readonly comments: readonly Comment[];
  /** Italic or bold spans of four or more words: read as titles of other works, never as claims. */
  readonly titles: readonly Span[];
  /** Links, inline code and inline HTML: nothing may be inserted inside them. */
  readonly atoms: readonly Span[];
  /** The YAML front matter block (including its fences; after a byte-order mark, if there is one), if any. */
  readonly frontMatter: (Span & { readonly value: string }) | undefined;
}

/**
 * The GFM constructs proposals use: tables and task lists. (Autolink literals, the costliest GFM
 * extension, are left out; bare URLs are masked below instead. Strikethrough and footnotes read
 * as plain prose without their extensions.) `tableStarts` are the characters the table construct
 * is tried at (table-guard.ts), or undefined for every character, as the extension comes.
 */
function gfmTablesAndLists(this: Processor, { tableStarts }: { tableStarts: ReadonlySet<number> | undefined }): void {
  const data = this.data();
  (data.micromarkExtensions ??= []).push(tableStarts ? gfmTableAt(tableStarts) : gfmTable(), gfmTaskListItem());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown());
}

// YAML front matter closes with "---" or, as pandoc also allows, "...".
const processorWith = (tableStarts: ReadonlySet<number> | undefined): Processor<Root> =>
  unified()
    .use(remarkParse)
    .use(gfmTablesAndLists, { tableStarts })
    .use(remarkFrontmatter, ['yaml', { type: 'yaml', fence: { open: '---', close: '...' } }, 'toml'])
    .freeze() as unknown as Processor<Root>;

/**
 * Processors by the characters their table construct is tried at. Texts mostly share a few sets
 * (none, or just "|"), so a handful are kept; building one takes about 0.2 ms.
 */
const processors = new Map<string, Processor<Root>>();
const MAX_PROCESSORS = 16;

function processorFor(text: string): Processor<Root> {
  const starts = tableRowStarts(text);
  const key = [...starts].sort((a, b) => a - b).join(',');
  let processor = processors.get(key);
  if (!processor) {
    if (processors.size >= MAX_PROCESSORS) processors.delete(processors.keys().next().value!);
    processor = processorWith(starts);
    processors.set(key, processor);
  }
  return processor;
}

/** How deep lists and block quotes are read; what lies deeper is read as plain text (nesting.ts). */
const MAX_DEPTH = 100;
/**
 * How many emphasis and link markup characters one paragraph keeps; past that they are read as
 * spaces (inline-limit.ts). Parse time per MB stays under about 15 s however dense the markup.
 */
const MAX_INLINE_MARKUP = 1000;

/**
 * Parse Markdown into mdast with positions (the parser the analysis uses), every position counted
 * from the start of `text`. A leading byte-order mark is skipped (byte-order-mark.ts), and list
 * and block quote markers deeper than MAX_DEPTH are read as text (nesting.ts), as is emphasis and
 * link markup past MAX_INLINE_MARKUP characters in one paragraph (inline-limit.ts).
 */
export function parseMarkdown(text: string): Root {
  const skipped = contentStart(text);
  const tree = parseBySection(limitInlineMarkup(limitNesting(parserInput(text), MAX_DEPTH), MAX_INLINE_MARKUP), parseWhole);
  return skipped > 0 ? shiftPositions(tree, skipped) : tree;
}

/** Parse `text` in one piece: what parseMarkdown's section-by-section parse (parse-cache.ts) must equal. */
export function parseWhole(text: string): Root {
  return processorFor(text).parse(text);
}

/** Parse `text` in one piece, the table construct tried at every line: what parseWhole must equal (tests only). */
export function parseWholeEverywhere(text: string): Root {
  return (everywhere ??= processorWith(undefined)).parse(text);
}
let everywhere: Processor<Root> | undefined;

const COMMENT = /^<!--([\s\S]*?)-->/;

/** Build the prose view of `text`. Never throws on any string input. */
export function toProse(text: string): ProseDocument {
  const tree = parseMarkdown(text);
  const blocks: Block[] = [];
  const sections: Section[] = [];
  const comments: Comment[] = [];
  const titles: Span[] = [];
  const atoms: Span[] = [];
  let frontMatter: ProseDocument['frontMatter'];
  let groupCounter = 0;
  const open: number[] = []; // stack of open section indexes

  const collectComment = (node: Nodes): void => {
    if (node.type !== 'html' || !node.position) return;
    const start = node.position.start.offset ?? 0;
    const raw = node.value;
    let index = 0;
    // A block of HTML can hold several comments; take each one with its own offset.
    while (index < raw.length) {
      const at = raw.indexOf('<!--', index);
      if (at < 0) break;
      const match = COMMENT.exec(raw.slice(at));
      if (!match) break;
      comments.push({ start: start + at, end: start + at + match[0].length, body: match[1] ?? '' });
      index = at + match[0].length;
    }
  };

  const addBlock = (
    kind: BlockKind,
    node: Nodes & { children: PhrasingContent[] },
    group: number,
    quoted: boolean,
    depth = 0,
  ): Block | undefined => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined || end <= start) return undefined;
    const ranges: Span[] = [];
    collectText(node.children, { source: text, ranges, titles, atoms, onHtml: collectComment });
    const masked = mask(text, start, end, ranges, quoted);
    const block: Block = {
      kind,
      text: masked,
      start,
      end,
      depth,
      section: open.length > 0 ? open[open.length - 1]! : -1,
      group,
      quoted,
    };
    blocks.push(block);
    return block;
  };

  const visit = (node: RootContent, group: number | undefined, quoted: boolean, depth = 0): void => {
    // Prose nested deeper than any real proposal goes is not read (and cannot exhaust the stack).
    if (depth > MAX_DEPTH) return;
    switch (node.type) {
      case 'heading': {
        while (open.length > 0 && sections[open[open.length - 1]!]!.depth >= node.depth) open.pop();
        const parent = open.length > 0 ? open[open.length - 1]! : -1;
        const sectionIndex = sections.length;
        // The heading belongs to its own section.
        open.push(sectionIndex);
        sections.push({
          title: '',
          depth: node.depth,
          headingBlock: -1,
          parent,
          start: node.position?.start.offset ?? 0,
          end: text.length,
        });
        const block = addBlock('heading', node, ++groupCounter, quoted, node.depth);
        const section = sections[sectionIndex]!;
        sections[sectionIndex] = {
          ...section,
          title: block ? block.text.replace(/\s+/g, ' ').trim() : '',
          headingBlock: block ? blocks.length - 1 : -1,
        };
        return;
      }
      case 'paragraph':
        addBlock('paragraph', node, group ?? ++groupCounter, quoted);
        return;
      case 'list': {
        const g = group ?? ++groupCounter;
        for (const item of node.children) for (const child of item.children) visit(child, g, quoted, depth + 1);
        return;
      }
      case 'blockquote': {
        const g = group ?? ++groupCounter;
        for (const child of node.children) visit(child, g, true, depth + 1);
        return;
      }
      case 'table': {
        const g = group ?? ++groupCounter;
        for (const row of node.children) for (const cell of row.children) addBlock('tableCell', cell, g, quoted);
        return;
      }
      case 'footnoteDefinition':
        for (const child of node.children) visit(child, group, quoted, depth + 1);
        return;
      case 'html':
        collectComment(node);
        return;
      case 'yaml':
        if (node.position?.start.offset === contentStart(text)) frontMatter = { start: node.position.start.offset, end: node.position.end.offset ?? 0, value: node.value };
        return;
      default:
        // code, toml, thematicBreak, definition: not prose.
        return;
    }
  };

  for (const node of tree.children) visit(node, undefined, false);

  // Close each section where the next heading of the same or higher rank starts.
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i]!;
    for (let j = i + 1; j < sections.length; j++) {
      if (sections[j]!.depth <= section.depth) {
        sections[i] = { ...section, end: sections[j]!.start };
        break;
      }
    }
  }
  return { text, blocks, sections, comments, titles, atoms, frontMatter };
}

/** What collecting prose text needs: the source, where ranges and titles go, what to do with HTML. */
interface Collector {
  readonly source: string;
  readonly ranges: Span[];
  readonly titles: Span[];
  readonly atoms: Span[];
  readonly onHtml: (node: Nodes) => void;
}

/** Collect the source ranges of prose text inside phrasing content. */
function collectText(nodes: readonly PhrasingContent[], into: Collector, depth = 0): void {
  if (depth > MAX_DEPTH) return;
  for (const node of nodes) {
    switch (node.type) {
      case 'text': {
        const start = node.position?.start.offset;
        const end = node.position?.end.offset;
        if (start !== undefined && end !== undefined) into.ranges.push({ start, end });
        break;
      }
      case 'emphasis':
      case 'strong':
      case 'delete':
      case 'link':
      case 'linkReference': {
        const before = into.ranges.length;
        collectText(node.children, into, depth + 1);
        if (node.type === 'link' || node.type === 'linkReference') atom(node, into.atoms);
        // A long italic phrase is the title of another work ("*Co-production in social care: what it is*").
        const start = node.position?.start.offset;
        const end = node.position?.end.offset;
        if (node.type === 'emphasis' && start !== undefined && end !== undefined) {
          const words = into.ranges.slice(before).reduce((n, r) => n + (into.source.slice(r.start, r.end).match(/\S+/g)?.length ?? 0), 0);
          if (words >= 4) into.titles.push({ start, end });
        }
        break;
      }
      case 'html':
        into.onHtml(node);
        atom(node, into.atoms);
        break;
      case 'inlineCode':
        atom(node, into.atoms);
        break;
      default:
        // image, imageReference, break, footnoteReference: not prose.
        break;
    }
  }
}

function atom(node: Nodes, atoms: Span[]): void {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start !== undefined && end !== undefined) atoms.push({ start, end });
}

const NOT_NEWLINE = /[^\n]/g;
const QUOTE_MARKERS = /\n[ \t]*>[ \t>]*/g;
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>]*/gi;

/** The source slice `[start, end)` with everything outside `ranges` blanked (newlines kept). */
function mask(source: string, start: number, end: number, ranges: readonly Span[], quoted: boolean): string {
  let out = '';
  let at = start;
  for (const range of ranges) {
    if (range.start > at) out += source.slice(at, range.start).replace(NOT_NEWLINE, ' ');
    let piece = source.slice(Math.max(range.start, at), range.end);
    if (quoted) piece = piece.replace(QUOTE_MARKERS, (m) => '\n' + ' '.repeat(m.length - 1));
    if (piece.includes('://') || piece.includes('www.')) piece = piece.replace(BARE_URL, (m) => ' '.repeat(m.length));
    out += piece;
    at = Math.max(at, range.end);
  }
  if (end > at) out += source.slice(at, end).replace(NOT_NEWLINE, ' ');
  return out;
}
