import { pathToFileURL } from 'node:url';
import type { Location, Position } from 'vscode-languageserver';
import { LineIndex } from '../core/index';
import { listEntryFor, resolveWork } from '../core/citations/context';
import type { Analysed } from './analysis';

/** Go to definition: from a citation to its reference-list entry, front-matter item or bibliography entry. */
export function definition(analysed: Analysed, position: Position): Location | null {
  const offset = analysed.lines.offset(position);
  const ctx = analysed.result.citations;
  const group = ctx.groups.find((g) => offset >= g.start && offset <= g.end);
  if (!group) return null;
  const work = group.works.find((w) => offset >= w.start && offset <= w.end) ?? group.works[0]!;
  if (group.style === 'numeric') {
    const entry = ctx.list.entries.find((e) => e.number === Number(work.key));
    return entry ? { uri: analysed.uri, range: analysed.lines.range(entry.start, entry.end) } : null;
  }
  const resolution = resolveWork(ctx, group, work);
  if (group.style === 'author-date') {
    const entry = resolution.kind !== 'unknown' && resolution.item ? listEntryFor(ctx, resolution.item) : undefined;
    const fallback = ctx.list.entries.find((e) => e.year?.startsWith((work.year ?? '').slice(0, 4)) && e.author.toLowerCase().startsWith(work.key.toLowerCase()));
    const found = entry ?? fallback;
    return found ? { uri: analysed.uri, range: analysed.lines.range(found.start, found.end) } : null;
  }
  // pandoc: the key in the front matter or in a bibliography file.
  const fm = ctx.frontMatter;
  if (fm) {
    const at = analysed.text.slice(fm.start, fm.end).indexOf(`"${work.key}"`);
    const bare = at >= 0 ? at : analysed.text.slice(fm.start, fm.end).search(new RegExp(`id:\\s*${work.key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`));
    if (bare >= 0) return { uri: analysed.uri, range: analysed.lines.range(fm.start + bare, fm.start + bare + work.key.length + 2) };
  }
  for (const bib of analysed.bibliographies) {
    const bibtex = /\.bib(?:tex)?$/i.test(bib.path) ? new RegExp(`@\\w+\\s*\\{\\s*(${escape(work.key)})\\s*,`).exec(bib.text) : null;
    const at = bibtex ? bibtex.index + bibtex[0].indexOf(work.key) : /\.bib(?:tex)?$/i.test(bib.path) ? -1 : bib.text.indexOf(`"${work.key}"`) + 1 || -1;
    if (at >= 0) {
      const lines = new LineIndex(bib.text);
      return { uri: pathToFileURL(bib.absolute).href, range: lines.range(at, at + work.key.length) };
    }
  }
  return null;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
