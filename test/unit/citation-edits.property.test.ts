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
  type DocOptions,
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

// ---------------------------------------------------------------------------------------------
// Properties. Each takes the generator's options, so a property that a known planner bug breaks
// runs twice: over every generated document (marked todo, with the bug) and over the documents
// without the bug's trigger (which must pass).

type Check = (options: DocOptions, numRuns?: number) => () => void;

/** 1. Only the named ranges change, in the document and in bibliography files. */
const onlyNamedRanges: Check = (options, numRuns = RUNS) => () => {
  fc.assert(
    fc.property(docArb(options), (doc) => {
      for (const { fix } of fixesOf(doc)) {
        const applied = apply(doc, fix.edits);
        assertOnlyNamedRanges(doc.text, editsFor(fix.edits, undefined), applied.text, /^[\d, –-]*$/, `${fix.title} in the document`);
        doc.bibliographies.forEach((b, i) =>
          assertOnlyNamedRanges(b.text, editsFor(fix.edits, b.path), applied.bibliographies[i]!.text, /^\s*$/, `${fix.title} in ${b.path}`),
        );
      }
    }),
    { numRuns },
  );
};

/** 2. Planned again after applying, the fix has no edits; nothing is cited or listed twice. */
const idempotent: Check = (options, numRuns = Math.round(RUNS * 0.75)) => () => {
  fc.assert(
    fc.property(docArb(options), (doc) => {
      const before = analyse(doc);
      const citedBefore = (s: Suggestion): number => citesInSentence(doc.text.slice(doc.claimStart, doc.claimDot), s);
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
        const expected = Math.max(1, citedBefore(suggestion));
        assert.equal(citesInSentence(sentence, suggestion), expected, `${fix.title}: the claim sentence cites it ${citesInSentence(sentence, suggestion)} times: ${JSON.stringify(sentence)}`);
        assert.equal(entriesFor(twice, suggestion), 1, `${fix.title}: ${entriesFor(twice, suggestion)} entries after applying twice`);
        assert.ok(!replanned || replanned.fix.edits.length === 0, `${fix.title} planned again: ${JSON.stringify(replanned?.fix.edits)}`);
      }
    }),
    { numRuns },
  );
};

/** 3. CRLF stays CRLF, LF gains no CR (document and bibliography files). */
const lineEndingsKept: Check = (options, numRuns = RUNS) => () => {
  const kept = (original: string, result: string, where: string): void => {
    if (original.includes('\r\n')) assert.ok(!/(?<!\r)\n/.test(result), `${where}: a bare LF in a CRLF text: ${JSON.stringify(result)}`);
    else if (original.includes('\n')) assert.ok(!result.includes('\r'), `${where}: a CR in an LF text: ${JSON.stringify(result)}`);
  };
  fc.assert(
    fc.property(docArb(options), (doc) => {
      for (const { fix } of fixesOf(doc)) {
        const applied = apply(doc, fix.edits);
        kept(doc.text, applied.text, fix.title);
        doc.bibliographies.forEach((b, i) => kept(b.text, applied.bibliographies[i]!.text, `${fix.title} in ${b.path}`));
      }
    }),
    { numRuns },
  );
};

/** 4. With astral characters before it, the citation lands right before the claim's full stop. */
const beforeFullStop: Check = (options, numRuns = RUNS) => () => {
  fc.assert(
    fc.property(docArb(options), (doc) => {
      fc.pre(/[\uD800-\uDBFF]/.test(doc.text.slice(0, doc.claimDot)));
      assert.equal(doc.text[doc.claimDot], '.');
      for (const { fix, suggestion } of fixesOf(doc)) {
        const docEdits = editsFor(fix.edits, undefined);
        const text = apply(doc, fix.edits).text;
        const dot = mapOffset(doc.claimDot, docEdits);
        assert.equal(text[dot], '.', `${fix.title}: the claim's full stop moved: ${JSON.stringify(text)}`);
        const head = text.slice(0, dot);
        if (citesInSentence(doc.text.slice(doc.claimStart, doc.claimDot), suggestion) > 0) continue;
        if (!doc.adjacent) {
          assert.ok(head.endsWith(` ${suggestion.citation}`), `${fix.title}: expected "${suggestion.citation}" before the full stop: ${JSON.stringify(head.slice(-80))}`);
        } else {
          // Merged into the group already there: one group before the full stop, holding the work.
          const group = /[([][^()[\]]*[)\]]$/.exec(head)?.[0] ?? '';
          assert.equal(citesInSentence(group, suggestion), 1, `${fix.title}: not merged into the group before the full stop: ${JSON.stringify(head.slice(-80))}`);
          assert.match(head.slice(0, -group.length), /[^\s)\]]\s$/, `${fix.title}: a second group was added: ${JSON.stringify(head.slice(-80))}`);
        }
      }
    }),
    { numRuns },
  );
};

/** 5. Numeric: every cited number is listed, entries run 1..N, numbers follow first citation. */
const numericConsistent: Check = (options, numRuns = RUNS) => () => {
  fc.assert(
    fc.property(docArb({ ...options, styles: ['numeric'] }), (doc) => {
      for (const { fix, suggestion } of fixesOf(doc)) {
        const text = apply(doc, fix.edits).text;
        const list = referenceSection(text);
        assert.ok(list, `${fix.title}: no References section: ${JSON.stringify(text)}`);
        const entries = listEntries(list.section);
        const expected = entries.map((_, i) => i + 1);
        assert.deepEqual(entries.map((e) => e.number), expected, `${fix.title}: entries are not numbered 1..N:\n${text}`);
        const cited = numericGroups(list.body).flat();
        for (const n of cited) assert.ok(n >= 1 && n <= entries.length, `${fix.title}: [${n}] has no entry:\n${text}`);
        assert.deepEqual([...new Set(cited)], expected, `${fix.title}: numbers not in order of first citation:\n${text}`);
        const mine = markOf(suggestion).number!;
        const first = bundledItem(suggestion.id).author?.[0];
        assert.ok(entries[mine - 1]!.text.startsWith(first?.family ?? first?.literal ?? '?'), `${fix.title}: entry ${mine} is ${entries[mine - 1]!.text}`);
      }
    }),
    { numRuns },
  );
};

/** 6. Author-date: a sorted list stays in alphabetical order of first author (then year). */
const alphabetical: Check = (options, numRuns = RUNS) => () => {
  fc.assert(
    fc.property(docArb({ ...options, styles: ['author-date'], sorted: true }), (doc) => {
      fc.pre(doc.listShape !== undefined && doc.listSorted);
      for (const { fix, suggestion } of fixesOf(doc)) {
        const text = apply(doc, fix.edits).text;
        const keys = listEntries(referenceSection(text)!.section).map((e) => entryKey(e.text));
        for (let i = 1; i < keys.length; i++) {
          const [a, b] = [keys[i - 1]!, keys[i]!];
          assert.ok(compareAuthorYear(a, b) <= 0, `${fix.title}: "${a.author} ${a.year}" before "${b.author} ${b.year}":\n${text}`);
        }
        assert.equal(keys.filter((k) => k.author === suggestion.author && k.year === suggestion.year).length, 1);
      }
    }),
    { numRuns },
  );
};

const LOCATOR_BUG =
  'in-text.ts: an author-date group with a page locator, "(Voorberg et al., 2015, p. 4)", is not read as a citation, ' +
  'so the planner appends a second group instead of merging, and cites a work the sentence already cites';
const NUMERIC_REUSE_BUG =
  'plan.ts planNumericEntry: a listed work first cited after the claim keeps its number, so the claim cites [2] before [1]';
const FOLD_BUG = 'database.ts fold(): Ł, Ø and Æ have no decomposition and are dropped, so "Łukasiewicz" sorts as "ukasiewicz"';

describe('citation edits: properties over generated proposals', () => {
  it('1. a Cite fix changes only the ranges its edits name (document and bibliography files)', onlyNamedRanges({}));

  it('2. applying a Cite fix is idempotent: planned again it has no edits, nothing is cited or listed twice', { todo: LOCATOR_BUG }, idempotent({}));
  it('2a. idempotence, documents without page locators', idempotent({ locators: false }));

  it('3. CRLF documents stay CRLF and LF documents gain no CR (bibliography files too)', lineEndingsKept({}));

  it("4. with astral characters before it, the in-text citation lands right before the claim sentence's full stop", { todo: LOCATOR_BUG }, beforeFullStop({}));
  it('4a. citation before the full stop, documents without page locators', beforeFullStop({ locators: false }));

  it('5. numeric: cited numbers are listed, entries run 1..N and numbers follow first citation', { todo: NUMERIC_REUSE_BUG }, numericConsistent({}));
  it('5a. numeric consistency, documents that do not already list a suggested work', numericConsistent({ real: ['voorberg2015'] }));

  it('6. author-date: a sorted reference list stays in alphabetical order of first author', { todo: FOLD_BUG }, alphabetical({ fictional: [...FICTIONAL_WORKS, ...STROKE_WORKS] }));
  it('6a. alphabetical order, first authors whose initial letter decomposes (Å, É, Ç …)', alphabetical({ fictional: FICTIONAL_WORKS }));
});
