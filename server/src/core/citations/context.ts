import type { ProposalDocument } from '../document';
import { lineEnding } from '../edits';
import type { Span } from '../types';
import { loadBibliography, type BibliographyFile, type LoadedBibliography } from './bibliography';
import { ReferenceDatabase, authorMatches, firstAuthor, fold, yearOf, type CslItem, type DatabaseItem } from './database';
import { readFrontMatter, type FrontMatter } from './front-matter';
import { detectStyle, findCitations, type CitationGroup, type CitationStyle, type CitedWork } from './in-text';
import { findReferenceList, type ListEntry, type ReferenceList } from './reference-list';

/**
 * Everything citation work needs about one document, computed once per analysis: its citations
 * and style, its reference list, its front matter and bibliographies, and the database they all
 * resolve against.
 */
export interface CitationContext {
  readonly text: string;
  readonly eol: '\r\n' | '\n';
  readonly style: CitationStyle;
  readonly groups: readonly CitationGroup[];
  readonly list: ReferenceList;
  readonly listHeading: string;
  readonly frontMatter: FrontMatter | undefined;
  readonly bibliographies: readonly LoadedBibliography[];
  readonly database: ReferenceDatabase;
  /** Links, inline code and inline HTML: never insert inside them. */
  readonly atoms: readonly Span[];
}

/** Citation settings (validated in config.ts). */
export interface CitationSettings {
  readonly citationStyle: 'auto' | CitationStyle;
  readonly referencesHeading: string;
}

/** Build the context. `bundled` is the chapter's list; `files` the bibliographies the caller read. */
export function citationContext(
  doc: ProposalDocument,
  settings: CitationSettings,
  bundled: readonly CslItem[],
  files: readonly BibliographyFile[],
): CitationContext {
  const frontMatter = readFrontMatter(doc.text, doc.prose.frontMatter);
  const bibliographies = files.map(loadBibliography);
  const sources: DatabaseItem[] = bundled.map((item) => ({ item, source: 'bundled' }));
  for (const bib of bibliographies) for (const item of bib.items) sources.push({ item, source: bib.path });
  for (const item of frontMatter?.references ?? []) sources.push({ item, source: 'front matter' });
  const groups = findCitations(doc);
  const pandocMatter = (frontMatter?.bibliography.length ?? 0) > 0 || (frontMatter?.references.length ?? 0) > 0;
  const style = settings.citationStyle === 'auto' ? (detectStyle(groups, pandocMatter) ?? 'author-date') : settings.citationStyle;
  return {
    text: doc.text,
    eol: lineEnding(doc.text),
    style,
    groups,
    list: findReferenceList(doc, settings.referencesHeading),
    listHeading: settings.referencesHeading,
    frontMatter,
    bibliographies,
    database: new ReferenceDatabase(sources),
    atoms: doc.prose.atoms,
  };
}

/** The reference-list entry for `item` (same first author and year), if the document has one. */
export function listEntryFor(ctx: CitationContext, item: CslItem): ListEntry | undefined {
  const family = fold(firstAuthor(item));
  const year = yearOf(item);
  return ctx.list.entries.find((e) => e.year?.startsWith(year) && entryAuthorMatches(e.author, family));
}

function entryAuthorMatches(written: string, family: string): boolean {
  const f = fold(written);
  return f === family || f.startsWith(`${family} `) || (family.length >= 4 && f.startsWith(family));
}

/** Is `item` already in the document's reference list (author-date, numeric) or bibliography (pandoc)? */
export function isListed(ctx: CitationContext, item: CslItem): boolean {
  if (ctx.style === 'pandoc') {
    if (ctx.frontMatter?.references.some((r) => r.id === item.id)) return true;
    return ctx.bibliographies.some((b) => b.items.some((r) => r.id === item.id));
  }
  return listEntryFor(ctx, item) !== undefined;
}

/** What a cited work resolves to. */
export type Resolution =
  | { readonly kind: 'listed'; readonly item?: CslItem }
  | { readonly kind: 'missing'; readonly item: CslItem }
  | { readonly kind: 'unknown' };

/** Resolve one cited work against the document's list, its bibliographies and the database. */
export function resolveWork(ctx: CitationContext, group: CitationGroup, work: CitedWork): Resolution {
  if (group.style === 'pandoc') {
    const item = ctx.database.get(work.key);
    if (!item) return { kind: 'unknown' };
    const listed =
      ctx.frontMatter?.references.some((r) => r.id === work.key) || ctx.bibliographies.some((b) => b.items.some((r) => r.id === work.key));
    return listed ? { kind: 'listed', item } : { kind: 'missing', item };
  }
  if (group.style === 'numeric') {
    return ctx.list.entries.some((e) => e.number === Number(work.key)) ? { kind: 'listed' } : { kind: 'unknown' };
  }
  const year = (work.year ?? '').replace(/[a-z]$/, '');
  const folded = fold(work.key);
  if (ctx.list.entries.some((e) => e.year?.startsWith(year) && entryAuthorMatches(e.author, folded))) return { kind: 'listed' };
  const item = ctx.database.findByAuthorYear(work.key, year);
  return item ? { kind: 'missing', item } : { kind: 'unknown' };
}

/** Does this cited work refer to `item`? */
export function citesItem(ctx: CitationContext, group: CitationGroup, work: CitedWork, item: CslItem): boolean {
  if (group.style === 'pandoc') return work.key === item.id;
  if (group.style === 'numeric') return listEntryFor(ctx, item)?.number === Number(work.key);
  return (work.year ?? '').startsWith(yearOf(item)) && authorMatches(item, fold(work.key));
}
