/**
 * Edit safety of every fix the tool offers:
 *
 * - core (analyze + fixes) over 50 generated documents: author-date, CRLF, astral characters
 *   before claims, numeric, and pandoc with a bibliography file;
 * - server (code actions from the real language server) over every sample in samples/, plus
 *   samples with citations missing from their reference lists (so the add-entry fix and the
 *   "Add all missing reference entries" source action are offered) and a pandoc document whose
 *   bibliography file is on disk.
 *
 * For each fix or action: its edits lie inside the text (valid positions, no split surrogate pair
 * or CRLF, no overlaps); applying it changes only the ranges it names, and text it replaces is
 * either the claim phrase (rewording), numbering and punctuation, or still present afterwards;
 * and applying it twice adds nothing: asked again after applying, the same-titled fix for the
 * same finding is gone or changes nothing.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, Diagnostic, Range, TextEdit as LspTextEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { analyze, type AnalysisResult } from '../../server/src/core/analyze';
import type { BibliographyFile } from '../../server/src/core/citations/bibliography';
import { defaultSettings } from '../../server/src/core/config';
import { applyEdits, editsFor } from '../../server/src/core/edits';
import type { Finding, Fix, TextEdit } from '../../server/src/core/types';
import { fixMissingEntries } from '../../server/src/cli/fix';
import { generateProposal, random } from '../../bench/generate';
import { applyTextEdits, offsetAt, positionAt, TestClient, uriOf } from '../protocol/client';
import { SAMPLES, sampleText, sampleUri, tempFolder } from '../protocol/fixtures';

// ---------------------------------------------------------------------------------------------
// Shared checks (offsets)

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;

function assertBoundary(text: string, b: number, where: string): void {
  assert.ok(!(b > 0 && isHigh(text.charCodeAt(b - 1)) && isLow(text.charCodeAt(b))), `${where}: boundary ${b} splits a surrogate pair`);
  assert.ok(!(text[b - 1] === '\r' && text[b] === '\n'), `${where}: boundary ${b} splits a CRLF`);
}

function count(haystack: string, needle: string): number {
  let n = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) n++;
  return n;
}

/**
 * `result` is `original` with exactly `edits` applied: the text between edits is unchanged, each
 * edit's range is sane, and what an edit replaces is the claim phrase (a rewording, inside
 * `claim`), numbering or punctuation, or text that is still in the result as often as before.
 */
function assertOnlyNamedRanges(original: string, edits: readonly TextEdit[], result: string, where: string, claim?: { start: number; end: number }): void {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let at = 0;
  let out = 0;
  for (const e of sorted) {
    assert.ok(Number.isInteger(e.start) && Number.isInteger(e.end), `${where}: offsets`);
    assert.ok(e.start >= at && e.start <= e.end && e.end <= original.length, `${where}: edit [${e.start}, ${e.end}) overlaps another or lies outside [0, ${original.length}]`);
    assertBoundary(original, e.start, where);
    assertBoundary(original, e.end, where);
    const replaced = original.slice(e.start, e.end);
    if (replaced !== '' && !/^[\s\d.,;:()[\]–-]*$/.test(replaced)) {
      const reworded = claim !== undefined && e.start >= claim.start && e.end <= claim.end;
      assert.ok(reworded || count(result, replaced.trim()) >= count(original, replaced.trim()), `${where}: edit removes ${JSON.stringify(replaced)}`);
    }
    const kept = original.slice(at, e.start);
    assert.equal(result.slice(out, out + kept.length), kept, `${where}: text before offset ${e.start} changed`);
    out += kept.length + e.newText.length;
    at = e.end;
  }
  assert.equal(result.slice(out), original.slice(at), `${where}: text after the last edit changed`);
}

/** Where `offset` goes when `edits` are applied; insertions at the offset go before it (right) or after it (left). */
function mapOffset(offset: number, edits: readonly TextEdit[], bias: 'left' | 'right'): number {
  let delta = 0;
  for (const e of [...edits].sort((a, b) => a.start - b.start || a.end - b.end)) {
    const growth = e.newText.length - (e.end - e.start);
    if (e.end < offset || (e.end === offset && (e.start < offset || bias === 'right'))) delta += growth;
    else if (e.start < offset && offset < e.end) return e.start + delta + (bias === 'right' ? e.newText.length : 0);
  }
  return offset + delta;
}

// ---------------------------------------------------------------------------------------------
// Core: generated documents

interface Generated {
  readonly name: string;
  readonly text: string;
  readonly bibliographies: BibliographyFile[];
}

const CLAIM_STARTS = /(This project has been|The intervention will be|We see residents)/g;
const SMITH = { id: 'smith2019', type: 'book', title: 'A study of involvement', author: [{ family: 'Smith', given: 'Jo' }], issued: { 'date-parts': [[2019]] }, publisher: 'Acme' };

/** 50 documents: 20 author-date, 10 CRLF, 10 with astral characters before claims, 5 numeric, 5 pandoc. */
function generatedDocuments(): Generated[] {
  const docs: Generated[] = [];
  for (let seed = 1; seed <= 20; seed++) docs.push({ name: `author-date ${seed}`, text: generateProposal(200 + (seed % 4) * 80, seed), bibliographies: [] });
  for (let seed = 21; seed <= 30; seed++) docs.push({ name: `crlf ${seed}`, text: generateProposal(250, seed).replace(/\n/g, '\r\n'), bibliographies: [] });
  const astral = ['😀 ', '👩‍👩‍👧 ', '𝒳𝕏 ', '🇬🇧🧑🏽‍🦱 ', '𠜎 '];
  for (let seed = 31; seed <= 40; seed++) docs.push({ name: `astral ${seed}`, text: generateProposal(250, seed).replace(CLAIM_STARTS, (m) => `${astral[seed % astral.length]}${m}`), bibliographies: [] });
  for (let seed = 41; seed <= 45; seed++) {
    const rnd = random(seed);
    const cites = ['[1]', '[2]', '[1, 2]', '[3]'];
    const body = generateProposal(200, seed)
      .replace(/\s\((?:[A-Z][^()]*?), (?:19|20)\d\d\)/g, () => ` ${cites[Math.floor(rnd() * cites.length)]}`)
      .replace(/## References[\s\S]*$/, '## References\n\n1. Palumbo, R. (2016). Contextualizing co-production of health care. *International Journal of Public Sector Management*, 29(1), 72–90.\n2. Kaehne, A., Beacham, A., & Feather, J. (2018). Co-production in integrated health and social care programmes. *Journal of Integrated Care*, 26(1), 87–96.\n');
    docs.push({ name: `numeric ${seed}`, text: body, bibliographies: [] });
  }
  for (let seed = 46; seed <= 50; seed++) {
    const body = generateProposal(200, seed)
      .replace('---\ntitle: Generated proposal\n---', '---\ntitle: Generated proposal\nbibliography: refs.json\n---')
      .replace(/\s\((?:[A-Z][^()]*?), (?:19|20)\d\d\)/g, (_m, offset: number) => (offset % 2 ? ' [@smith2019]' : ' [@kaehne2018; @nokey2020]'))
      .replace(/## References[\s\S]*$/, '');
    docs.push({ name: `pandoc ${seed}`, text: body, bibliographies: [{ path: 'refs.json', text: `${JSON.stringify([SMITH], null, 2)}\n` }] });
  }
  return docs;
}

interface Applied {
  readonly text: string;
  readonly bibliographies: BibliographyFile[];
}

function applyFix(doc: Applied, fix: Fix): Applied {
  return {
    text: applyEdits(doc.text, editsFor(fix.edits, undefined)),
    bibliographies: doc.bibliographies.map((b) => {
      const edits = editsFor(fix.edits, b.path);
      return edits.length > 0 ? { ...b, text: applyEdits(b.text, edits) } : b;
    }),
  };
}

/** The finding in `after` that `finding` became once `edits` were applied. */
function sameFinding(finding: Finding, edits: readonly TextEdit[], after: AnalysisResult): Finding[] {
  const lo = mapOffset(finding.start, edits, 'left');
  const hi = mapOffset(finding.start, edits, 'right');
  return after.findings.filter((f) => f.rule === finding.rule && f.start >= lo && f.start <= hi);
}

describe('edit safety: every core fix on 50 generated documents', { timeout: 120_000 }, () => {
  const docs = generatedDocuments();
  const settings = defaultSettings();
  let fixesChecked = 0;
  let refound = 0;
  let repeated = 0;

  it('applies only the ranges it names and adds nothing when applied twice', (t) => {
    const kinds = new Set<string>();
    for (const doc of docs) {
      const first = analyze(doc.text, settings, { bibliographies: doc.bibliographies });
      for (const finding of first.findings) {
        for (const fix of finding.fixes) {
          fixesChecked++;
          kinds.add(fix.kind);
          const where = `${doc.name}: ${finding.rule} at ${finding.start}: "${fix.title}"`;
          for (const e of fix.edits) assert.ok(e.file === undefined || doc.bibliographies.some((b) => b.path === e.file), `${where}: edits an unknown file ${e.file}`);
          const once = applyFix(doc, fix);
          const docEdits = editsFor(fix.edits, undefined);
          assertOnlyNamedRanges(doc.text, docEdits, once.text, where, fix.kind === 'reword' ? finding : undefined);
          doc.bibliographies.forEach((b, i) => assertOnlyNamedRanges(b.text, editsFor(fix.edits, b.path), once.bibliographies[i]!.text, `${where} in ${b.path}`));
          // Twice: the same finding no longer offers this fix, or the fix changes nothing.
          const again = analyze(once.text, settings, { bibliographies: once.bibliographies });
          for (const later of sameFinding(finding, docEdits, again)) {
            refound++;
            const repeat = later.fixes.find((f) => f.title === fix.title);
            if (!repeat) continue;
            repeated++;
            const twice = applyFix(once, repeat);
            assert.equal(twice.text, once.text, `${where}: applied twice, it changes the document again`);
            assert.deepEqual(twice.bibliographies, once.bibliographies, `${where}: applied twice, it changes a bibliography again`);
          }
        }
      }
    }
    t.diagnostic(`${fixesChecked} fixes of kinds ${[...kinds].sort().join(', ')} on ${docs.length} documents; after applying, the finding was found again ${refound} times, offering the same fix ${repeated} times (each a no-op)`);
    assert.ok(refound > 0, 'findings are found again after a fix (the mapping works)');
    assert.deepEqual([...kinds].sort(), ['add-entry', 'cite', 'ignore', 'reword'], 'every kind of fix was exercised');
  });

  it('adding all missing entries (the source action, as check --fix runs it) is idempotent', () => {
    let changed = 0;
    for (const doc of docs) {
      const bibs = doc.bibliographies.map((b) => ({ ...b, absolute: `/virtual/${b.path}` }));
      const once = fixMissingEntries(doc.text, settings, bibs);
      if (once.applied.length > 0) changed++;
      assert.ok(once.applied.length < 50, `${doc.name}: ${once.applied.length} rounds`);
      const bibsOnce = bibs.map((b) => ({ ...b, text: once.bibliographies.get(b.absolute) ?? b.text }));
      const twice = fixMissingEntries(once.text, settings, bibsOnce);
      assert.deepEqual(twice.applied, [], `${doc.name}: a second run adds ${twice.applied.join('; ')}`);
      assert.equal(twice.text, once.text);
      const left = analyze(once.text, settings, { bibliographies: bibsOnce }).findings.filter((f) => f.fixes.some((x) => x.kind === 'add-entry'));
      assert.deepEqual(left.map((f) => f.message), [], `${doc.name}: add-entry fixes left after adding all`);
    }
    assert.ok(changed >= 10, `missing entries were added in ${changed} documents`);
  });
});

// ---------------------------------------------------------------------------------------------
// Server: code actions on the samples

/** Check an LSP edit's ranges against `text` and convert them to offsets. */
function toOffsets(text: string, edits: readonly LspTextEdit[], where: string): TextEdit[] {
  const lines = text.split('\n');
  return edits.map((e) => {
    for (const p of [e.range.start, e.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines.length, `${where}: line ${p.line} outside the document (${lines.length} lines)`);
      assert.ok(p.character >= 0 && p.character <= lines[p.line]!.replace(/\r$/, '').length, `${where}: character ${p.character} past the end of line ${p.line}`);
    }
    const start = offsetAt(text, e.range.start);
    const end = offsetAt(text, e.range.end);
    assert.ok(start <= end, `${where}: range ends before it starts`);
    return { start, end, newText: e.newText };
  });
}

function changesOf(edit: WorkspaceEdit | undefined): Record<string, LspTextEdit[]> {
  const out: Record<string, LspTextEdit[]> = {};
  for (const [uri, edits] of Object.entries(edit?.changes ?? {})) out[uri] = [...(out[uri] ?? []), ...edits];
  for (const change of edit?.documentChanges ?? []) {
    assert.ok('textDocument' in change, 'only text edits');
    out[change.textDocument.uri] = [...(out[change.textDocument.uri] ?? []), ...(change.edits as LspTextEdit[])];
  }
  return out;
}

const MISSING = 'Peer-led services reduce isolation (Palumbo, 2016), and involvement in health care is often rhetorical (Vennik et al., 2016).';

interface ServerDoc {
  readonly name: string;
  readonly uri: string;
  readonly text: string;
  /** Other files the document's edits may change (bibliographies on disk): uri → [path, text]. */
  readonly files: Record<string, { path: string; text: string }>;
}

describe('edit safety: every code action the server offers on the samples', { timeout: 120_000 }, () => {
  const client = new TestClient();
  client.configuration = { debounce: 0 };
  const folder = tempFolder({ 'refs.json': `${JSON.stringify([SMITH], null, 2)}\n` });
  const docs: ServerDoc[] = [
    ...SAMPLES.map((name) => ({ name, uri: sampleUri(name), text: sampleText(name), files: {} })),
    {
      name: 'community-service-bid with missing entries',
      uri: uriOf(join(folder.path, 'bid.md')),
      text: sampleText('community-service-bid').replace('## 5. Partnership and governance', `${MISSING}\n\n## 5. Partnership and governance`),
      files: {},
    },
    {
      name: 'health-research-ppi with missing entries',
      uri: uriOf(join(folder.path, 'ppi.md')),
      text: sampleText('health-research-ppi').replace('## Aims and objectives', `${MISSING}\n\n## Aims and objectives`),
      files: {},
    },
    {
      name: 'pandoc with a bibliography file',
      uri: uriOf(join(folder.path, 'pandoc.md')),
      text: '---\ntitle: A bid\nbibliography: refs.json\n---\n\n# Plan\n\n## Involvement\n\nThe new service will be co-designed with young people [@smith2019]. We will run an online survey and two focus groups [@kaehne2018; @palumbo2016].\n',
      files: { [uriOf(join(folder.path, 'refs.json'))]: { path: join(folder.path, 'refs.json'), text: `${JSON.stringify([SMITH], null, 2)}\n` } },
    },
  ];
  before(async () => void (await client.initialize({ folder: folder.path })));
  after(async () => {
    await client.stop();
    folder.remove();
  });

  let version = 0;
  /** Put `text` in the editor and the files on disk; resolve once the diagnostics of that version arrive. */
  const show = async (doc: ServerDoc, text: string, files: Record<string, string>): Promise<Diagnostic[]> => {
    for (const [uri, content] of Object.entries(files)) writeFileSync(doc.files[uri]!.path, content);
    client.change(doc.uri, text, ++version);
    return (await client.diagnostics(doc.uri, (p) => p.version === version)).diagnostics;
  };
  const actionsAt = (doc: ServerDoc, range: Range, only?: string[]): Promise<CodeAction[]> =>
    client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: doc.uri }, range, context: { diagnostics: [], ...(only ? { only } : {}) } });

  it('every quick fix and source action changes only its ranges and adds nothing when applied twice', async (t) => {
    let checked = 0;
    let sourceActions = 0;
    let refound = 0;
    const kinds = new Set<string>();
    for (const doc of docs) {
      const originalFiles = Object.fromEntries(Object.entries(doc.files).map(([uri, f]) => [uri, f.text]));
      client.open(doc.uri, doc.text, ++version);
      const diagnostics = (await client.diagnostics(doc.uri, (p) => p.version === version)).diagnostics;
      const offered: { action: CodeAction; diagnostic: Diagnostic | undefined }[] = [];
      for (const diagnostic of diagnostics) {
        const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: doc.uri }, range: diagnostic.range, context: { diagnostics: [diagnostic], only: ['quickfix'] } });
        for (const action of actions) offered.push({ action, diagnostic: action.diagnostics?.[0] ?? diagnostic });
      }
      const whole = { start: { line: 0, character: 0 }, end: positionAt(doc.text, doc.text.length) };
      for (const action of await actionsAt(doc, whole, ['source'])) offered.push({ action, diagnostic: undefined });
      const seen = new Set<string>();
      for (const { action, diagnostic } of offered) {
        const key = `${action.title} ${JSON.stringify(action.edit)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        checked++;
        kinds.add(action.kind ?? '');
        if (action.kind?.startsWith('source')) sourceActions++;
        const where = `${doc.name}: "${action.title}"${diagnostic ? ` for ${diagnostic.code} at ${diagnostic.range.start.line}:${diagnostic.range.start.character}` : ''}`;
        const changes = changesOf(action.edit);
        for (const uri of Object.keys(changes)) assert.ok(uri === doc.uri || uri in doc.files, `${where}: changes ${uri}`);
        // Once: only the named ranges change, in the document and in each bibliography file.
        const docEdits = toOffsets(doc.text, changes[doc.uri] ?? [], where);
        const claim = diagnostic && action.title.startsWith('Describe as consultation') ? { start: offsetAt(doc.text, diagnostic.range.start), end: offsetAt(doc.text, diagnostic.range.end) } : undefined;
        const text = applyTextEdits(doc.text, changes[doc.uri] ?? []);
        assertOnlyNamedRanges(doc.text, docEdits, text, where, claim);
        const files: Record<string, string> = { ...originalFiles };
        for (const [uri, edits] of Object.entries(changes)) {
          if (uri === doc.uri) continue;
          files[uri] = applyTextEdits(originalFiles[uri]!, edits);
          assertOnlyNamedRanges(originalFiles[uri]!, toOffsets(originalFiles[uri]!, edits, `${where} in ${uri}`), files[uri]!, `${where} in ${uri}`);
        }
        // Twice: asked again after applying, the same action for the same finding is gone or changes nothing.
        await show(doc, text, files);
        let again: CodeAction[];
        if (diagnostic) {
          const start = offsetAt(doc.text, diagnostic.range.start);
          const lo = mapOffset(start, docEdits, 'left');
          const hi = mapOffset(start, docEdits, 'right');
          const near = await actionsAt(doc, { start: positionAt(text, lo), end: positionAt(text, hi) }, ['quickfix']);
          again = near.filter((a) => {
            const d = a.diagnostics?.[0];
            if (!d || d.code !== diagnostic.code) return false;
            const at = offsetAt(text, d.range.start);
            return at >= lo && at <= hi;
          });
          if (again.length > 0) refound++;
        } else {
          again = await actionsAt(doc, { start: { line: 0, character: 0 }, end: positionAt(text, text.length) }, ['source']);
        }
        for (const repeat of again.filter((a) => a.title === action.title)) {
          const twice = changesOf(repeat.edit);
          assert.equal(applyTextEdits(text, twice[doc.uri] ?? []), text, `${where}: applied twice, it changes the document again`);
          for (const [uri, edits] of Object.entries(twice)) if (uri !== doc.uri) assert.equal(applyTextEdits(files[uri]!, edits), files[uri], `${where}: applied twice, it changes ${uri} again`);
        }
        await show(doc, doc.text, originalFiles);
      }
      client.close(doc.uri);
    }
    t.diagnostic(`${checked} code actions (${sourceActions} source actions) on ${docs.length} documents; the finding was found again after ${refound}`);
    assert.ok(refound > 0, 'findings are found again after an action (the mapping works)');
    assert.ok(sourceActions >= 2, 'the source action was offered and checked');
    assert.deepEqual([...kinds].sort(), ['quickfix', 'source.coprodLens.addMissingEntries']);
  });
});
