import { isMap, isSeq, parseDocument, type Node as YamlNode } from 'yaml';
import type { CslItem } from './database';
import { contentStart } from '../byte-order-mark';

/**
 * What pandoc reads from YAML front matter: `bibliography:` (one path or a list, relative to the
 * document) and inline `references:` (CSL items). Parsed with the `yaml` package, aliases capped.
 */

/** The citation-related parts of a document's front matter. */
export interface FrontMatter {
  /** Offsets of the whole block, fences included. */
  readonly start: number;
  readonly end: number;
  /** Where the YAML text starts (after the opening fence line). */
  readonly yamlStart: number;
  readonly bibliography: readonly string[];
  readonly references: readonly CslItem[];
  /** Offset range of the `references:` block sequence in the document, when there is one. */
  readonly referencesBlock: { readonly start: number; readonly end: number; readonly indent: string } | undefined;
  /** Whether a `references:` key exists in a form we cannot extend (flow style, not a list). */
  readonly referencesUneditable: boolean;
  readonly error: string | undefined;
}

/** Read the front matter of `text` (whose YAML block the parser found at `block`). */
export function readFrontMatter(text: string, block: { start: number; end: number; value: string } | undefined): FrontMatter | undefined {
  if (!block) return undefined;
  const yamlStart = text.indexOf('\n', block.start) + 1;
  const base: FrontMatter = {
    start: block.start,
    end: block.end,
    yamlStart,
    bibliography: [],
    references: [],
    referencesBlock: undefined,
    referencesUneditable: false,
    error: undefined,
  };
  let doc;
  try {
    doc = parseDocument(block.value, { prettyErrors: false });
  } catch (error) {
    return { ...base, error: `front matter: ${(error as Error).message}` };
  }
  if (doc.errors.length > 0) return { ...base, error: `front matter is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}` };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 50 });
  } catch (error) {
    return { ...base, error: `front matter: ${(error as Error).message}` };
  }
  if (typeof value !== 'object' || value === null) return base;
  const record = value as Record<string, unknown>;
  const bib = record.bibliography;
  const bibliography = typeof bib === 'string' ? [bib] : Array.isArray(bib) ? bib.filter((b): b is string => typeof b === 'string') : [];
  const refs = Array.isArray(record.references)
    ? record.references.filter((r): r is CslItem => typeof r === 'object' && r !== null && typeof (r as { id?: unknown }).id === 'string')
    : [];
  let referencesBlock: FrontMatter['referencesBlock'];
  let referencesUneditable = false;
  if (isMap(doc.contents) && doc.contents.has('references')) {
    const node = doc.contents.get('references', true) as YamlNode | undefined;
    if (isSeq(node) && !node.flow && node.range) {
      const start = yamlStart + node.range[0];
      const lineStart = text.lastIndexOf('\n', start - 1) + 1;
      referencesBlock = { start, end: yamlStart + node.range[1], indent: text.slice(lineStart, start) };
    } else referencesUneditable = true;
  }
  return { ...base, bibliography, references: refs, referencesBlock, referencesUneditable };
}

const FENCED = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/**
 * The `bibliography:` paths of a document's front matter, read without parsing the Markdown (so
 * a caller can load the files before analysis). Paths are as written, relative to the document.
 */
export function bibliographyPaths(text: string): string[] {
  const match = FENCED.exec(text.slice(contentStart(text)));
  // Without the word, or an escape that could spell it, there is no such key: no need to parse.
  if (!match || (!match[1]!.includes('bibliography') && !match[1]!.includes('\\'))) return [];
  try {
    const value = parseDocument(match[1]!, { prettyErrors: false }).toJS({ maxAliasCount: 50 }) as unknown;
    if (typeof value !== 'object' || value === null) return [];
    const bib = (value as Record<string, unknown>).bibliography;
    return typeof bib === 'string' ? [bib] : Array.isArray(bib) ? bib.filter((b): b is string => typeof b === 'string') : [];
  } catch {
    return [];
  }
}
