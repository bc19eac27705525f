import { CompletionItemKind, MarkupKind, type CompletionItem, type Position } from 'vscode-languageserver';
import { authorDate, formatEntry, narrative } from '../core/index';
import { planEntry } from '../core/citations/plan';
import type { Analysed } from './analysis';

const PANDOC = /\[?-?@([A-Za-z0-9_:.#$%&+?<>~/-]*)$/;
const AUTHOR_DATE = /\(([^()\n]{0,60})$/;

/**
 * Citation completion: after `@` / `[@` the pandoc keys, inside an author-date parenthesis the
 * "Author & Author, Year" forms. Documentation shows the formatted entry; accepting one also adds
 * the reference entry when the style keeps entries in the document.
 */
export function complete(analysed: Analysed, position: Position): CompletionItem[] {
  const offset = analysed.lines.offset(position);
  const lineStart = analysed.text.lastIndexOf('\n', offset - 1) + 1;
  const before = analysed.text.slice(lineStart, offset);
  const ctx = analysed.result.citations;
  const pandoc = PANDOC.exec(before);
  const paren = pandoc ? null : AUTHOR_DATE.exec(before);
  if (!pandoc && !(paren && (ctx.style === 'author-date' || /^[A-Z][\w-]*$/.test(paren[1] ?? '')))) return [];
  const typed = (pandoc ? pandoc[1] : paren![1]) ?? '';
  const replace = analysed.lines.range(offset - typed.length, offset);
  return ctx.database.all().map(({ item, source }, i) => {
    // A key typed after "@" is a pandoc citation, whatever the document used so far.
    const edits = pandoc ? planEntry({ ...ctx, style: 'pandoc' }, item) : ctx.style === 'pandoc' ? [] : planEntry(ctx, item);
    const inDocument = edits.every((e) => e.file === undefined);
    const text = pandoc ? item.id : authorDate(item);
    return {
      label: pandoc ? item.id : text,
      kind: CompletionItemKind.Reference,
      detail: `${narrative(item)}${source === 'bundled' ? ' — Williams & Caley (2020) reference list' : ` — ${source}`}`,
      documentation: { kind: MarkupKind.Markdown, value: formatEntry(item, 'apa') },
      sortText: String(i).padStart(4, '0'),
      filterText: pandoc ? item.id : text,
      textEdit: { range: replace, newText: text },
      ...(inDocument && edits.length > 0
        ? { additionalTextEdits: edits.map((e) => ({ range: analysed.lines.range(e.start, e.end), newText: e.newText })) }
        : {}),
    };
  });
}
