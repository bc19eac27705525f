import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-bibtex';
import { firstAuthor, forUsers, yearOf, type CslItem } from './database';

/**
 * The formatting that needs citation-js (citeproc-js with the APA 7th and Vancouver styles it
 * bundles). Loading it costs about 60 ms and its first use about 130 ms more, so format.ts loads
 * this module only when an item is not in the precomputed table of the bundled references.
 */

/** Reference-list styles. */
export type EntryStyle = 'apa' | 'vancouver';

/** Strip what citation-js does not accept (our `custom` fields). */
function forCiteproc(item: CslItem): Record<string, unknown> {
  const { custom: _custom, ...rest } = item;
  return rest;
}

/** One reference-list entry as plain text, without a number. */
export function entryText(item: CslItem, style: EntryStyle): string {
  const text = new Cite(forCiteproc(item)).format('bibliography', { format: 'text', template: style, lang: 'en-US' });
  return text
    .replace(/^\s*\d+\.\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The APA in-text citation without parentheses. */
export function authorDateText(item: CslItem): string {
  const text = new Cite(forCiteproc(item)).format('citation', { format: 'text', template: 'apa', lang: 'en-US' });
  const inner = text.trim().replace(/^\(/, '').replace(/\)$/, '');
  return inner || `${firstAuthor(item)}, ${yearOf(item)}`;
}

/** The item as a BibTeX entry keyed by its id. */
export function bibtexText(item: CslItem): string {
  const text = new Cite({ ...forUsers(item, item.custom?.chapterForm !== undefined), 'citation-key': item.id }).format('bibtex', { format: 'text' });
  return text.trim();
}

/** Parse BibTeX text into CSL-JSON items (throws on text citation-js cannot read). */
export function parseBibtexText(text: string): CslItem[] {
  const items = plugins.input.chain(text, { forceType: '@bibtex/text', generateGraph: false }) as unknown as CslItem[];
  return items.map((item) => ({ ...item, id: String(item['citation-key'] ?? item.id) }));
}
