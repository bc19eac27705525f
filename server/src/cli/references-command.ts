import { BUNDLED_REFERENCES, firstAuthor, formatEntry, toBibtex, yearOf, type EntryStyle } from '../core/index';

/** Formats `coprod-lens references` can export. */
export const REFERENCE_FORMATS = ['text', 'csl-json', 'bibtex'] as const;
export type ReferenceFormat = (typeof REFERENCE_FORMATS)[number];

/**
 * The chapter's reference list (and the chapter) as CSL-JSON, BibTeX or formatted text (APA in
 * alphabetical order, or Vancouver numbered in that order).
 */
export function exportReferences(format: ReferenceFormat, style: EntryStyle): string {
  const items = [...BUNDLED_REFERENCES].sort((a, b) => {
    const ka = `${firstAuthor(a)} ${yearOf(a)} ${a.id}`.toLowerCase();
    const kb = `${firstAuthor(b)} ${yearOf(b)} ${b.id}`.toLowerCase();
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  if (format === 'csl-json') return `${JSON.stringify(items, null, 2)}\n`;
  if (format === 'bibtex') return `${items.map((i) => toBibtex(i)).join('\n\n')}\n`;
  return `${items.map((item, n) => (style === 'vancouver' ? `${n + 1}. ` : '') + formatEntry(item, style)).join('\n')}\n`;
}
