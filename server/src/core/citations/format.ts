import FORMATTED from '../../../data/formatted-references.json';
import { BUNDLED_REFERENCES } from './bundled';
import type { CslItem } from './database';

/**
 * Formatted references: entries, in-text citations and BibTeX. The bundled references' forms are
 * precomputed (data/formatted-references.json, written by `npm run data`, checked against
 * citation-js by the unit tests), so a document citing only them never loads citation-js; any
 * other item is formatted by citation-js on first use. Results are cached per item and form.
 */

/** Reference-list styles. */
export type EntryStyle = 'apa' | 'vancouver';

/** The precomputed forms of one bundled reference. */
export interface FormattedReference {
  readonly apa: string;
  readonly vancouver: string;
  readonly authorDate: string;
  readonly bibtex: string;
}

type Form = keyof FormattedReference;

const TABLE = FORMATTED as Readonly<Record<string, FormattedReference>>;
const BUNDLED: ReadonlySet<CslItem> = new Set(BUNDLED_REFERENCES);
const cache = new WeakMap<CslItem, Map<Form, string>>();

declare const require: (id: string) => unknown;
let engine: typeof import('./citeproc') | undefined;
/** citation-js, loaded on first need (the bundler keeps this require lazy). */
function citeproc(): typeof import('./citeproc') {
  engine ??= require('./citeproc') as typeof import('./citeproc');
  return engine;
}

function formatted(item: CslItem, form: Form, make: () => string): string {
  let perItem = cache.get(item);
  if (!perItem) cache.set(item, (perItem = new Map()));
  let value = perItem.get(form);
  if (value === undefined) {
    value = (BUNDLED.has(item) ? TABLE[item.id]?.[form] : undefined) ?? make();
    perItem.set(form, value);
  }
  return value;
}

/** One reference-list entry as plain text, without a number ("Brandsen, T., & Honingh, M. (2016). …"). */
export function formatEntry(item: CslItem, style: EntryStyle): string {
  return formatted(item, style, () => citeproc().entryText(item, style));
}

/** The APA in-text citation without parentheses: "Brandsen & Honingh, 2016", "Bovaird et al., 2019". */
export function authorDate(item: CslItem): string {
  return formatted(item, 'authorDate', () => citeproc().authorDateText(item));
}

/** "Brandsen & Honingh (2016)": the narrative form used in titles of fixes and hovers. */
export function narrative(item: CslItem): string {
  const inner = authorDate(item);
  const comma = inner.lastIndexOf(', ');
  return comma > 0 ? `${inner.slice(0, comma)} (${inner.slice(comma + 2)})` : inner;
}

/** The item as a BibTeX entry keyed by its id. */
export function toBibtex(item: CslItem): string {
  return formatted(item, 'bibtex', () => citeproc().bibtexText(item));
}

/** Parse BibTeX text into CSL-JSON items (throws on text citation-js cannot read). */
export function parseBibtex(text: string): CslItem[] {
  return citeproc().parseBibtexText(text);
}

/** Every form of `item` computed by citation-js now, bypassing the table (writes and checks the table). */
export function formatLive(item: CslItem): FormattedReference {
  const live = citeproc();
  return { apa: live.entryText(item, 'apa'), vancouver: live.entryText(item, 'vancouver'), authorDate: live.authorDateText(item), bibtex: live.bibtexText(item) };
}
