import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze, type AnalysisResult } from '../../server/src/core/analyze';
import type { BibliographyFile } from '../../server/src/core/citations/bibliography';
import { narrative } from '../../server/src/core/citations/format';
import { applyEdits, editsFor } from '../../server/src/core/edits';
import type { Fix, Suggestion, TextEdit } from '../../server/src/core/types';
import {
  bundledItem,
  compareAuthorYear,
  docArb,
  FICTIONAL_WORKS,
  STROKE_WORKS,
  type GeneratedDoc,
} from './generators';

/**
 * Properties of the "Cite …" fixes over generated proposals (see generators.ts): edits touch only
 * what they name, applying a fix is idempotent, line endings survive, the in-text citation lands
 * before the claim's full stop, numeric lists stay numbered by first citation and author-date
 * lists stay alphabetical.
 */

const RUNS = Number(process.env.CITATION_PROPERTY_RUNS ?? 200);

// ---------------------------------------------------------------------------------------------
// Helpers

interface CiteFix {
  readonly fix: Fix;
  readonly suggestion: Suggestion;
}

function analyse(doc: GeneratedDoc, text = doc.text, bibliographies: readonly BibliographyFile[] = doc.bibliographies): AnalysisResult {
  return analyze(text, doc.settings, { bibliographies });
}

/** The consultation-only finding's "Cite …" fixes, each with the suggestion it cites. */
function citeFixes(result: AnalysisResult): CiteFix[] {
  const finding = result.findings.find((f) => f.rule === 'consultation-only');
  if (!finding) return [];
  return finding.fixes
    .filter((fix) => fix.title.startsWith('Cite '))
    .map((fix) => {
      const suggestion = finding.suggestions.find((s) => fix.title === `Cite ${narrative(bundledItem(s.id))}`);
      assert.ok(suggestion, `no suggestion for fix "${fix.title}"`);
      return { fix, suggestion };
    });
}

/** The document's consultation-only Cite fixes; every generated document has at least one. */
function fixesOf(doc: GeneratedDoc): CiteFix[] {
  const fixes = citeFixes(analyse(doc));
  assert.ok(fixes.length > 0, `no consultation-only finding with Cite fixes in ${JSON.stringify(doc.text)}`);
  return fixes;
}

interface Applied {
  readonly text: string;
  readonly bibliographies: BibliographyFile[];
}

function apply(doc: { text: string; bibliographies: readonly BibliographyFile[] }, edits: readonly TextEdit[]): Applied {
  const files = new Set(edits.map((e) => e.file).filter((f) => f !== undefined));
  for (const file of files) assert.ok(doc.bibliographies.some((b) => b.path === file), `edit names unknown file ${file}`);
  return {
    text: applyEdits(doc.text, editsFor(edits, undefined)),
    bibliographies: doc.bibliographies.map((b) => ({ path: b.path, text: applyEdits(b.text, editsFor(edits, b.path)) })),
  };
}

/** Where offset `pos` of the original lands after `edits` (insertions at `pos` go before it). */
function mapOffset(pos: number, edits: readonly TextEdit[]): number {
  let out = pos;
  for (const e of edits) if (e.end <= pos) out += e.newText.length - (e.end - e.start);
  return out;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Property 1 for one text: rebuilt by slicing, the result is the original's untouched stretches
 * in order with each edit's new text between them; edits never split a surrogate pair or a CRLF,
 * and what they replace is only renumbered digits (`replaceable`).
 */
function assertOnlyNamedRanges(original: string, edits: readonly TextEdit[], result: string, replaceable: RegExp, where: string): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let at = 0;
  let out = 0;
  for (const e of sorted) {
    assert.ok(e.start >= at && e.end >= e.start && e.end <= original.length, `${where}: edit [${e.start}, ${e.end}) overlaps or lies outside`);
    for (const b of [e.start, e.end]) {
      assert.ok(!(/[\uD800-\uDBFF]/.test(original[b - 1] ?? '') && /[\uDC00-\uDFFF]/.test(original[b] ?? '')), `${where}: edit boundary ${b} splits a surrogate pair`);
      assert.ok(!(original[b - 1] === '\r' && original[b] === '\n'), `${where}: edit boundary ${b} splits a CRLF`);
    }
    assert.match(original.slice(e.start, e.end), replaceable, `${where}: edit replaces ${JSON.stringify(original.slice(e.start, e.end))}`);
    const kept = original.slice(at, e.start);
    assert.equal(result.slice(out, out + kept.length), kept, `${where}: text before offset ${e.start} changed`);
    out += kept.length;
    assert.equal(result.slice(out, out + e.newText.length), e.newText);
    out += e.newText.length;
    at = e.end;
  }
  assert.equal(result.slice(out), original.slice(at), `${where}: text after the last edit changed`);
  assert.ok(!LONE_SURROGATE.test(result), `${where}: result has a lone surrogate`);
}

/** The mark of a suggestion's citation inside a group: "Brandsen & Honingh, 2016", "@brandsen2016" or the number. */
function markOf(s: Suggestion): { text: string; number: number | undefined } {
  const inner = s.citation.slice(1, -1);
  return { text: inner, number: /^\d+$/.test(inner) ? Number(inner) : undefined };
}

function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "[1, 3–5]" → [1, 3, 4, 5] for every numeric group in `text`. */
function numericGroups(text: string): number[][] {
  return [...text.matchAll(/\[(\s*\d+(?:\s*[-–,]\s*\d+)*\s*)\]/g)].map((m) =>
    m[1]!.split(',').flatMap((part) => {
      const range = /^\s*(\d+)\s*[-–]\s*(\d+)\s*$/.exec(part);
      if (!range) return [Number(part)];
      const out: number[] = [];
      for (let n = Number(range[1]); n <= Number(range[2]); n++) out.push(n);
      return out;
    }),
  );
}

/** How many times the claim sentence of `text` (between the mapped offsets) cites the suggestion. */
function citesInSentence(sentence: string, s: Suggestion): number {
  const mark = markOf(s);
  if (mark.number !== undefined) return numericGroups(sentence).flat().filter((n) => n === mark.number).length;
  if (mark.text.startsWith('@')) return sentence.match(new RegExp(`${escapeRe(mark.text)}(?![\\w:.#$%&+?<>~/-]*\\w)`, 'g'))?.length ?? 0;
  return sentence.split(mark.text).length - 1;
}

/** The reference-list section of `text` (after "## References", up to the next heading). */
function referenceSection(text: string): { body: string; section: string } | undefined {
  const heading = /^#{1,6} References[ \t]*\r?$/m.exec(text);
  if (!heading) return undefined;
  const rest = text.slice(heading.index + heading[0].length);
  const next = /^#{1,6} /m.exec(rest);
  return { body: text.slice(0, heading.index), section: next ? rest.slice(0, next.index) : rest };
}

/** The section's entries, stripped of their list marker or number. */
function listEntries(section: string): { text: string; number: number | undefined }[] {
  return section
    .split(/\r?\n[ \t]*\r?\n|\r?\n(?=[ \t]*(?:[-*+]|\d+\.)[ \t])/)
    .map((block) => block.trim())
    .filter((block) => block.length > 0)
    .map((block) => {
      const m = /^(?:[-*+][ \t]+|(\d+)\.[ \t]+|\[(\d+)\][ \t]*)?([\s\S]*)$/.exec(block)!;
      const number = m[1] ?? m[2];
      return { text: m[3]!, number: number === undefined ? undefined : Number(number) };
    });
}

/** First author and year as an entry writes them ("Brandsen, T., & …(2016)" → Brandsen, 2016). */
function entryKey(entry: string): { author: string; year: string } {
  return { author: (entry.split(/[,(.]/)[0] ?? '').trim(), year: /\b(1[6-9]|20)\d{2}\b/.exec(entry)?.[0] ?? '' };
}

/** How many entries for the suggested work the document's list, front matter and bibliographies hold. */
function entriesFor(applied: Applied, s: Suggestion): number {
  const item = bundledItem(s.id);
  const family = item.author?.[0]?.family ?? item.author?.[0]?.literal ?? '';
  const year = s.year;
  const list = referenceSection(applied.text);
  const inList = list ? listEntries(list.section).filter((e) => e.text.startsWith(family) && entryKey(e.text).year === year).length : 0;
  const byId = new RegExp(`(?:"id"\\s*:\\s*"|(?:^|\\s)id:\\s*|@\\w+\\{)${escapeRe(s.id)}(?=["\\s,}]|$)`, 'gm');
  const frontMatter = /^---\r?\n[\s\S]*?\r?\n---/.exec(applied.text)?.[0] ?? '';
  const inFiles = [frontMatter, ...applied.bibliographies.map((b) => b.text)].reduce((n, t) => n + (t.match(byId)?.length ?? 0), 0);
  return inList + inFiles;
}

const fcOptions = (numRuns: number): fc.Parameters<[GeneratedDoc]> => ({ numRuns, endOnFailure: false });

// ---------------------------------------------------------------------------------------------
// Properties

describe('citation edits: properties over generated proposals', () => {
  it('1. a Cite fix changes only the ranges its edits name (document and bibliography files)', () => {
    fc.assert(
      fc.property(docArb(), (doc) => {
        for (const { fix } of fixesOf(doc)) {
          const applied = apply(doc, fix.edits);
          assertOnlyNamedRanges(doc.text, editsFor(fix.edits, undefined), applied.text, /^[\d, –-]*$/, `${fix.title} in the document`);
          doc.bibliographies.forEach((b, i) =>
            assertOnlyNamedRanges(b.text, editsFor(fix.edits, b.path), applied.bibliographies[i]!.text, /^\s*$/, `${fix.title} in ${b.path}`),
          );
        }
      }),
      fcOptions(RUNS),
    );
  });

  it('2. applying a Cite fix is idempotent: planned again it has no edits, and nothing is cited or listed twice', () => {
    fc.assert(
      fc.property(docArb({ locators: false }), (doc) => {
        const before = analyse(doc);
        for (const { fix, suggestion } of fixesOf(doc)) {
          const once = apply(doc, fix.edits);
          const again = analyse(doc, once.text, once.bibliographies);
          assert.ok(again.notices.length <= before.notices.length, `new notices after ${fix.title}: ${JSON.stringify(again.notices)}`);
          const replanned = citeFixes(again).find((c) => c.fix.title === fix.title);
          // Apply whatever the planner plans the second time, then count.
          const twice = replanned ? apply(once, replanned.fix.edits) : once;
          let start = mapOffset(doc.claimStart, editsFor(fix.edits, undefined));
          let end = mapOffset(doc.claimDot, editsFor(fix.edits, undefined));
          if (replanned) {
            start = mapOffset(start, editsFor(replanned.fix.edits, undefined));
            end = mapOffset(end, editsFor(replanned.fix.edits, undefined));
          }
          const sentence = twice.text.slice(start, end);
          assert.equal(citesInSentence(sentence, suggestion), 1, `${fix.title}: the claim sentence cites it ${citesInSentence(sentence, suggestion)} times: ${JSON.stringify(sentence)}`);
          assert.equal(entriesFor(twice, suggestion), 1, `${fix.title}: ${entriesFor(twice, suggestion)} entries after applying twice`);
          assert.ok(!replanned || replanned.fix.edits.length === 0, `${fix.title} planned again: ${JSON.stringify(replanned?.fix.edits)}`);
        }
      }),
      fcOptions(Math.round(RUNS * 0.75)),
    );
  });

  it('3. CRLF documents stay CRLF and LF documents gain no CR (bibliography files too)', () => {
    const lineEndingsKept = (original: string, result: string, where: string): void => {
      if (original.includes('\r\n')) assert.ok(!/(?<!\r)\n/.test(result), `${where}: a bare LF in a CRLF text: ${JSON.stringify(result)}`);
      else if (original.includes('\n')) assert.ok(!result.includes('\r'), `${where}: a CR in an LF text: ${JSON.stringify(result)}`);
    };
    fc.assert(
      fc.property(docArb(), (doc) => {
        for (const { fix } of fixesOf(doc)) {
          const applied = apply(doc, fix.edits);
          lineEndingsKept(doc.text, applied.text, fix.title);
          doc.bibliographies.forEach((b, i) => lineEndingsKept(b.text, applied.bibliographies[i]!.text, `${fix.title} in ${b.path}`));
        }
      }),
      fcOptions(RUNS),
    );
  });

  it('4. with astral characters before it, the in-text citation lands right before the claim sentence\'s full stop', () => {
    fc.assert(
      fc.property(docArb({ locators: false }), (doc) => {
        fc.pre(/[\uD800-\uDBFF]/.test(doc.text.slice(0, doc.claimDot)));
        assert.equal(doc.text[doc.claimDot], '.');
        for (const { fix, suggestion } of fixesOf(doc)) {
          const docEdits = editsFor(fix.edits, undefined);
          const text = apply(doc, fix.edits).text;
          const dot = mapOffset(doc.claimDot, docEdits);
          assert.equal(text[dot], '.', `${fix.title}: the claim's full stop moved: ${JSON.stringify(text)}`);
          const head = text.slice(0, dot);
          const citedBefore = citesInSentence(doc.text.slice(doc.claimStart, doc.claimDot), suggestion) > 0;
          if (citedBefore) continue;
          if (!doc.adjacent) {
            assert.ok(head.endsWith(` ${suggestion.citation}`), `${fix.title}: expected "${suggestion.citation}" before the full stop: ${JSON.stringify(head.slice(-80))}`);
          } else {
            // Merged into the group already there: one group before the full stop, holding the work.
            const group = /[([][^()[\]]*[)\]]$/.exec(head)?.[0] ?? '';
            assert.ok(citesInSentence(group, suggestion) === 1, `${fix.title}: not merged into the group before the full stop: ${JSON.stringify(head.slice(-80))}`);
            assert.match(head.slice(0, -group.length), /[^\s)\]]\s$/, `${fix.title}: a second group was added: ${JSON.stringify(head.slice(-80))}`);
          }
        }
      }),
      fcOptions(RUNS),
    );
  });

  it('5. numeric documents: cited numbers are listed, entries run 1..N and numbers follow first citation', () => {
    fc.assert(
      fc.property(docArb({ styles: ['numeric'], real: ['voorberg2015'] }), (doc) => {
        for (const { fix, suggestion } of fixesOf(doc)) {
          const text = apply(doc, fix.edits).text;
          const list = referenceSection(text);
          assert.ok(list, `${fix.title}: no References section: ${JSON.stringify(text)}`);
          const entries = listEntries(list.section);
          const numbers = entries.map((e) => e.number);
          const expected = entries.map((_, i) => i + 1);
          assert.deepEqual(numbers, expected, `${fix.title}: entries numbered ${JSON.stringify(numbers)}:\n${text}`);
          const cited = numericGroups(list.body).flat();
          const firstOrder = [...new Set(cited)];
          for (const n of cited) assert.ok(n >= 1 && n <= entries.length, `${fix.title}: [${n}] has no entry:\n${text}`);
          assert.deepEqual(firstOrder, expected, `${fix.title}: numbers in order of first citation ${JSON.stringify(firstOrder)}, entries 1..${entries.length}:\n${text}`);
          const mine = markOf(suggestion).number!;
          const family = bundledItem(suggestion.id).author?.[0];
          assert.ok(entries[mine - 1]!.text.startsWith(family?.family ?? family?.literal ?? '?'), `${fix.title}: entry ${mine} is ${entries[mine - 1]!.text}`);
        }
      }),
      fcOptions(RUNS),
    );
  });

  const alphabetical = (sorted: boolean, fictional = FICTIONAL_WORKS) => (): void => {
    fc.assert(
      fc.property(docArb({ styles: ['author-date'], fictional, sorted }), (doc) => {
        fc.pre(doc.listShape !== undefined && doc.listSorted);
        for (const { fix, suggestion } of fixesOf(doc)) {
          const text = apply(doc, fix.edits).text;
          const list = referenceSection(text)!;
          const keys = listEntries(list.section).map((e) => entryKey(e.text));
          for (let i = 1; i < keys.length; i++) {
            assert.ok(compareAuthorYear(keys[i - 1]!, keys[i]!) <= 0, `${fix.title}: "${keys[i - 1]!.author} ${keys[i - 1]!.year}" before "${keys[i]!.author} ${keys[i]!.year}":\n${list.section}`);
          }
          assert.equal(keys.filter((k) => k.author === suggestion.author && k.year === suggestion.year).length, 1);
        }
      }),
      fcOptions(RUNS),
    );
  };

  it('6. author-date: the new entry keeps a sorted reference list in alphabetical order of first author', alphabetical(true));

  it(
    '6b. author-date: alphabetical order with first authors that start with Ł, Ø or Æ',
    { todo: 'planner bug: fold() drops letters without a decomposition (Ł, Ø, Æ), so "Łukasiewicz" sorts as "ukasiewicz"' },
    alphabetical(true, [...FICTIONAL_WORKS, ...STROKE_WORKS]),
  );
});
