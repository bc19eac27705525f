import { Cite, plugins } from '@citation-js/core';
import '@citation-js/plugin-csl';
import '@citation-js/plugin-bibtex';
import { firstAuthor, yearOf, type CslItem } from './database';

/**
 * Formatting with citation-js (citeproc-js and the official CSL styles it bundles: APA 7th and
 * Vancouver). Results are cached per item object and style: formatting is the slow part.
 */

/** Reference-list styles. */
export type EntryStyle = 'apa' | 'vancouver';

const entryCache = new WeakMap<CslItem, Map<string, string>>();

function cached(item: CslItem, key: string, make: () => string): string {
  let perItem = entryCache.get(item);
  if (!perItem) entryCache.set(item, (perItem = new Map()));
  let value = perItem.get(key);
  if (value === undefined) {
    value = make();
    perItem.set(key, value);
  }
  return value;
}

/** Strip what citation-js does not accept (our `custom` and `note` fields pass through harmlessly). */
function forCiteproc(item: CslItem): Record<string, unknown> {
  const { custom: _custom, ...rest } = item;
  return rest;
}

/**
 * The item as written into a user's bibliography or front matter: without the project's own
 * fields (`custom` topics, and the `note` on bundled items recording what the chapter printed).
 */
export function forUsers(item: CslItem, bundled: boolean): Record<string, unknown> {
  const { custom: _custom, note, ...rest } = item;
  return bundled || note === undefined ? rest : { ...rest, note };
}

/** One reference-list entry as plain text, without a number ("Brandsen, T., & Honingh, M. (2016). …"). */
export function formatEntry(item: CslItem, style: EntryStyle): string {
  return cached(item, `entry:${style}`, () => {
    const text = new Cite(forCiteproc(item)).format('bibliography', { format: 'text', template: style, lang: 'en-US' });
    return text
      .replace(/^\s*\d+\.\s+/, '')
      .replace(/\s+/g, ' ')
      .trim();
  });
}

/** The APA in-text citation without parentheses: "Brandsen & Honingh, 2016", "Bovaird et al., 2019". */
export function authorDate(item: CslItem): string {
  return cached(item, 'author-date', () => {
    const text = new Cite(forCiteproc(item)).format('citation', { format: 'text', template: 'apa', lang: 'en-US' });
    const inner = text.trim().replace(/^\(/, '').replace(/\)$/, '');
    return inner || `${firstAuthor(item)}, ${yearOf(item)}`;
  });
}

/** "Brandsen & Honingh (2016)": the narrative form used in titles of fixes and hovers. */
export function narrative(item: CslItem): string {
  const inner = authorDate(item);
  const comma = inner.lastIndexOf(', ');
  return comma > 0 ? `${inner.slice(0, comma)} (${inner.slice(comma + 2)})` : inner;
}

/** The item as a BibTeX entry keyed by its id. */
export function toBibtex(item: CslItem): string {
  return cached(item, 'bibtex', () => {
    const text = new Cite({ ...forUsers(item, item.custom?.chapterForm !== undefined), 'citation-key': item.id }).format('bibtex', { format: 'text' });
    return text.trim();
  });
}

/** Parse BibTeX text into CSL-JSON items (throws on text citation-js cannot read). */
export function parseBibtex(text: string): CslItem[] {
  const items = plugins.input.chain(text, { forceType: '@bibtex/text', generateGraph: false }) as unknown as CslItem[];
  return items.map((item) => ({ ...item, id: String(item['citation-key'] ?? item.id) }));
}
