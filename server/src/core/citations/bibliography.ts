import { parseBibtex } from './format';
import type { CslItem } from './database';

/**
 * Users' own bibliography files, given as values (path and text): CSL-JSON (`.json`) or BibTeX
 * (`.bib`). A file that cannot be read gives one error naming it; the others still load.
 */

/** A bibliography file's contents as the caller read them. */
export interface BibliographyFile {
  /** The path as the user wrote it (for messages and edits). */
  readonly path: string;
  readonly text: string;
}

/** A parsed bibliography. */
export interface LoadedBibliography {
  readonly path: string;
  readonly text: string;
  readonly format: 'csl-json' | 'bibtex';
  readonly items: readonly CslItem[];
  readonly error: string | undefined;
}

/** Parse one bibliography file. Never throws. */
export function loadBibliography(file: BibliographyFile): LoadedBibliography {
  const format = /\.bib(?:tex)?$/i.test(file.path) ? 'bibtex' : /\.json$/i.test(file.path) ? 'csl-json' : file.text.trimStart().startsWith('[') ? 'csl-json' : 'bibtex';
  const fail = (why: string): LoadedBibliography => ({ ...file, format, items: [], error: `${file.path}: ${why}` });
  if (format === 'csl-json') {
    let value: unknown;
    try {
      value = JSON.parse(file.text.charCodeAt(0) === 0xfeff ? file.text.slice(1) : file.text);
    } catch (error) {
      return fail(`not valid CSL-JSON (${(error as Error).message}); fix the file, or stop naming it in the front matter or settings.`);
    }
    if (!Array.isArray(value)) return fail('a CSL-JSON bibliography must be an array of items with "id" and "type".');
    const bad = value.findIndex((v) => typeof v !== 'object' || v === null || typeof (v as { id?: unknown }).id !== 'string');
    if (bad >= 0) return fail(`item ${bad + 1} has no string "id"; every CSL-JSON item needs one.`);
    return { ...file, format, items: value as CslItem[], error: undefined };
  }
  try {
    const items = parseBibtex(file.text);
    if (items.length === 0 && /@\w+\s*[{(]/.test(file.text)) return fail('no BibTeX entries could be read; check the braces and commas.');
    return { ...file, format, items, error: undefined };
  } catch (error) {
    return fail(`not valid BibTeX (${(error as Error).message.split('\n')[0]}); fix the entry, or stop naming the file in the front matter or settings.`);
  }
}
