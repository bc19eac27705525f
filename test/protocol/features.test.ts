/**
 * Code actions, hover, completion and go to definition over a temporary workspace folder, with one
 * push-mode server (debounce 0). Every fixture is opened under its own URI so tests do not interfere.
 * Edits the server returns are applied here, as a client would, and the full result is compared.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CodeAction, CompletionItem, Hover, Location, MarkupContent, PublishDiagnosticsParams, TextEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, applyWorkspaceEdit, positionOf, TestClient, textIn, uriOf } from './client';
import { APA, CLAIM_DOC, CLAIM_PARAGRAPH, JONES_BIB, md, Severity, SMITH_CSL, tempFolder } from './fixtures';

const SMITH_ENTRY = '- Smith, J. (2019). A study of involvement. Acme.';
const folder = tempFolder({
  'refs.json': `${JSON.stringify([SMITH_CSL], null, 2)}\n`,
  'refs.bib': JONES_BIB,
  'grant/refs.json': `${JSON.stringify([SMITH_CSL], null, 2)}\n`,
});
const client = new TestClient();
client.configuration = { debounce: 0 };

/** Open `text` as `name` in the workspace folder; resolves with its URI and first diagnostics. */
async function open(name: string, text: string): Promise<{ uri: string; published: PublishDiagnosticsParams }> {
  const uri = uriOf(join(folder.path, name));
  client.open(uri, text, 1);
  return { uri, published: await client.diagnostics(uri, (p) => p.version === 1) };
}

/** Send the whole new text as the next version and wait for its diagnostics. */
async function replace(uri: string, text: string, version: number): Promise<PublishDiagnosticsParams> {
  client.change(uri, text, version);
  return client.diagnostics(uri, (p) => p.version === version);
}

function codeActions(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, only?: string[]): Promise<CodeAction[]> {
  const published = client.published.get(uri)?.diagnostics ?? [];
  return client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics: published, ...(only ? { only } : {}) } });
}

function markdownOf(hover: Hover | null): string {
  assert.ok(hover, 'a hover');
  assert.equal((hover.contents as MarkupContent).kind, 'markdown');
  return (hover.contents as MarkupContent).value;
}

const CITE_TITLES = ['Cite Brandsen & Honingh (2016)', 'Cite Vennik et al. (2016)', 'Cite New Economics Foundation (2013)'];

before(async () => void (await client.initialize({ folder: folder.path })));
after(async () => {
  await client.stop();
  folder.remove();
});

describe('code actions', { timeout: 30_000 }, () => {
  it('at a consultation-only claim: describe as consultation, three citations (Brandsen & Honingh preferred) and ignore, all quick fixes for the diagnostic', async () => {
    const { uri, published } = await open('actions.md', CLAIM_DOC);
    const [diagnostic] = published.diagnostics;
    assert.ok(diagnostic);
    assert.equal(published.diagnostics.length, 1);
    assert.equal(diagnostic.code, 'consultation-only');
    const actions = await codeActions(uri, diagnostic.range);
    assert.deepEqual(
      actions.map((a) => [a.title, a.kind, a.isPreferred === true]),
      [
        ['Describe as consultation: "informed by consultation"', 'quickfix', false],
        [CITE_TITLES[0], 'quickfix', true],
        [CITE_TITLES[1], 'quickfix', false],
        [CITE_TITLES[2], 'quickfix', false],
        ['Ignore this finding (consultation-only)', 'quickfix', false],
      ],
    );
    for (const action of actions) {
      assert.equal(action.diagnostics?.length, 1);
      const [d] = action.diagnostics!;
      assert.deepEqual([d!.code, d!.range, d!.message, d!.severity], [diagnostic.code, diagnostic.range, diagnostic.message, diagnostic.severity]);
      assert.deepEqual(Object.keys(action.edit?.changes ?? {}), [uri]);
    }
    assert.deepEqual(await codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }), [], 'nothing on the heading');
  });

  it('"Cite Brandsen & Honingh (2016)" puts the citation before the full stop and creates "## References" with the APA entry', async () => {
    const { uri, published } = await open('cite-new-list.md', CLAIM_DOC);
    const actions = await codeActions(uri, published.diagnostics[0]!.range);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);
    assert.equal(preferred[0]!.title, CITE_TITLES[0]);
    const result = applyWorkspaceEdit({ [uri]: CLAIM_DOC }, preferred[0]!.edit!)[uri];
    assert.equal(
      result,
      md(
        '# Youth service',
        '',
        'The new service will be co-designed with young people (Brandsen & Honingh, 2016). We will run an online survey and hold two focus groups to gather views.',
        '',
        '## References',
        '',
        `- ${APA.brandsen2016}`,
      ),
    );
    // The edited document: the claim is still consultation-only, but cited and listed; citing again is not offered.
    const after = await replace(uri, result!, 2);
    assert.deepEqual(after.diagnostics.map((d) => d.code), ['consultation-only']);
    const again = await codeActions(uri, after.diagnostics[0]!.range);
    assert.deepEqual(again.map((a) => a.title), ['Describe as consultation: "informed by consultation"', CITE_TITLES[1], CITE_TITLES[2], 'Ignore this finding (consultation-only)']);
  });

  it('with an existing reference list, the entry goes under "## References" in alphabetical order', async () => {
    const text = md('# Youth service', '', `Involvement takes time (Smith, 2019). ${CLAIM_PARAGRAPH}`, '', '## References', '', SMITH_ENTRY);
    const { uri, published } = await open('cite-existing-list.md', text);
    assert.deepEqual(published.diagnostics.map((d) => [d.code, textIn(text, d.range)]), [['consultation-only', 'co-designed']]);
    const preferred = (await codeActions(uri, published.diagnostics[0]!.range)).find((a) => a.isPreferred);
    assert.equal(preferred?.title, CITE_TITLES[0]);
    assert.equal(
      applyWorkspaceEdit({ [uri]: text }, preferred!.edit!)[uri],
      md(
        '# Youth service',
        '',
        'Involvement takes time (Smith, 2019). The new service will be co-designed with young people (Brandsen & Honingh, 2016). We will run an online survey and hold two focus groups to gather views.',
        '',
        '## References',
        '',
        `- ${APA.brandsen2016}`,
        SMITH_ENTRY,
      ),
    );
  });

  it('"Describe as consultation" rewords the claim, and the finding goes away', async () => {
    const { uri, published } = await open('describe.md', CLAIM_DOC);
    const action = (await codeActions(uri, published.diagnostics[0]!.range)).find((a) => a.title.startsWith('Describe as consultation'));
    assert.ok(action?.edit);
    const result = applyWorkspaceEdit({ [uri]: CLAIM_DOC }, action.edit)[uri]!;
    assert.equal(
      result,
      md('# Youth service', '', 'The new service will be informed by consultation with young people. We will run an online survey and hold two focus groups to gather views.'),
    );
    assert.deepEqual((await replace(uri, result, 2)).diagnostics, []);
  });

  it('"Ignore this finding" adds a disable-next-line comment above the paragraph, and the finding goes away', async () => {
    const { uri, published } = await open('ignore.md', CLAIM_DOC);
    const action = (await codeActions(uri, published.diagnostics[0]!.range)).find((a) => a.title === 'Ignore this finding (consultation-only)');
    assert.ok(action?.edit);
    const result = applyWorkspaceEdit({ [uri]: CLAIM_DOC }, action.edit)[uri]!;
    assert.equal(result, md('# Youth service', '', '<!-- coprod-lens-disable-next-line consultation-only -->', CLAIM_PARAGRAPH));
    assert.deepEqual((await replace(uri, result, 2)).diagnostics, []);
  });

  it('the source action adds every missing reference entry at once, alphabetically', async () => {
    const text = md(
      '# Background',
      '',
      'Co-production shares power (Brandsen & Honingh, 2016). In health care it is often rhetoric (Vennik et al., 2016).',
      '',
      '## References',
      '',
      SMITH_ENTRY,
    );
    const { uri, published } = await open('missing-entries.md', text);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.severity, textIn(text, d.range), d.message]),
      [
        ['missing-reference-entry', Severity.Warning, 'Brandsen & Honingh, 2016', 'Brandsen & Honingh (2016) is cited but has no entry in the References list.'],
        ['missing-reference-entry', Severity.Warning, 'Vennik et al., 2016', 'Vennik et al. (2016) is cited but has no entry in the References list.'],
      ],
    );
    const nowhere = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const source = await codeActions(uri, nowhere, ['source']);
    assert.deepEqual(source.map((a) => [a.title, a.kind]), [['Add all missing reference entries', 'source.coprodLens.addMissingEntries']]);
    assert.deepEqual(await codeActions(uri, nowhere, ['source.coprodLens.addMissingEntries']), source);
    assert.deepEqual(await codeActions(uri, nowhere, ['quickfix']), [], 'quick fixes only where a finding is, and no source action');
    const perFinding = await codeActions(uri, published.diagnostics[0]!.range, ['quickfix']);
    assert.deepEqual(
      perFinding.map((a) => [a.title, a.isPreferred === true]),
      [['Add the reference entry for Brandsen & Honingh (2016)', true], ['Ignore this finding (missing-reference-entry)', false]],
    );
    const result = applyWorkspaceEdit({ [uri]: text }, source[0]!.edit!)[uri]!;
    assert.equal(
      result,
      md(
        '# Background',
        '',
        'Co-production shares power (Brandsen & Honingh, 2016). In health care it is often rhetoric (Vennik et al., 2016).',
        '',
        '## References',
        '',
        `- ${APA.brandsen2016}`,
        SMITH_ENTRY,
        `- ${APA.vennik2016}`,
      ),
    );
    assert.deepEqual((await replace(uri, result, 2)).diagnostics, []);
    assert.deepEqual(await codeActions(uri, nowhere, ['source']), [], 'nothing left to add');
  });

  it('with the bibliography in a second file, the citation fix edits the document and refs.json in one WorkspaceEdit', async () => {
    const text = md('---', 'title: A bid', 'bibliography: refs.json', '---', '', '# Plan', '', `Involvement takes time [@smith2019]. ${CLAIM_PARAGRAPH}`);
    const bibPath = join(folder.path, 'grant', 'refs.json');
    const bibUri = uriOf(bibPath);
    const bibText = readFileSync(bibPath, 'utf8');
    const { uri, published } = await open('grant/proposal.md', text);
    assert.deepEqual(published.diagnostics.map((d) => [d.code, textIn(text, d.range)]), [['consultation-only', 'co-designed']]);
    const preferred = (await codeActions(uri, published.diagnostics[0]!.range)).find((a) => a.isPreferred);
    assert.equal(preferred?.title, CITE_TITLES[0]);
    assert.deepEqual(Object.keys(preferred!.edit!.changes!).sort(), [bibUri, uri].sort());
    const result = applyWorkspaceEdit({ [uri]: text, [bibUri]: bibText }, preferred!.edit!);
    assert.equal(
      result[uri],
      md(
        '---',
        'title: A bid',
        'bibliography: refs.json',
        '---',
        '',
        '# Plan',
        '',
        'Involvement takes time [@smith2019]. The new service will be co-designed with young people [@brandsen2016]. We will run an online survey and hold two focus groups to gather views.',
      ),
    );
    const items = JSON.parse(result[bibUri]!) as { id: string; title: string; DOI?: string }[];
    assert.deepEqual(items.map((i) => i.id), ['smith2019', 'brandsen2016']);
    assert.deepEqual(items[0], SMITH_CSL, 'the existing item is untouched');
    assert.equal(items[1]!.DOI, '10.1111/puar.12465');
    assert.equal(result[bibUri], `${JSON.stringify(items, null, 2)}\n`, 'the file keeps its two-space layout');

    // The editor applies the document half first: the bibliography on disk still lacks the entry…
    const edited = await replace(uri, result[uri]!, 2);
    assert.deepEqual(edited.diagnostics.map((d) => [d.code, d.message]).filter(([code]) => code !== 'consultation-only'), [
      ['missing-reference-entry', 'Brandsen & Honingh (2016) is cited but has no entry in refs.json.'],
    ]);
    // …then saves refs.json; a watched-file event makes the server read it again.
    writeFileSync(bibPath, result[bibUri]!);
    void client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: bibUri, type: 2 }] });
    const settled = await client.diagnostics(uri, (p) => p.diagnostics.every((d) => d.code !== 'missing-reference-entry'));
    assert.deepEqual(settled.diagnostics.map((d) => d.code), ['consultation-only']);
    assert.equal(settled.version, 2);
  });
});

describe('hover', { timeout: 30_000 }, () => {
  it('on a claim: claimed and evidenced levels, the finding, an evidence table, NIHR principles shown and missing, suggested reading in full', async () => {
    const { uri } = await open('hover-claim.md', CLAIM_DOC);
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(CLAIM_DOC, 'co-designed', 3) });
    assert.deepEqual(hover?.range, { start: { line: 2, character: 24 }, end: { line: 2, character: 35 } });
    assert.equal(
      markdownOf(hover),
      [
        '**Co-production Lens** — claims *co-design*, evidence reaches *consultation* (ladder 4/8)',
        '',
        'Claims co-design, but the involvement described stops at consultation: "an online survey", "two focus groups" and "gather views". Reviewers will look for people who use services having real influence on the design (generating and prioritising ideas, deciding with you what is built), not only giving views.',
        '',
        '| evidence | level | stage |',
        '|---|---|---|',
        '| an online survey | consultation | — |',
        '| two focus groups | consultation | — |',
        '| gather views | consultation | — |',
        '',
        '**NIHR principles shown:** none',
        '',
        '**Missing:** sharing of power; including all perspectives and skills; respecting and valuing the knowledge of all; reciprocity; building and maintaining relationships',
        '',
        '**Suggested reading**',
        '',
        `- ${APA.brandsen2016}`,
        `- ${APA.vennik2016}`,
        `- ${APA.nef2013}`,
      ].join('\n'),
    );
    // Anywhere in the claim's sentence shows the same; the heading shows nothing.
    const elsewhere = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(CLAIM_DOC, 'young people', 2) });
    assert.equal(markdownOf(elsewhere), markdownOf(hover));
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 4 } }), null);
  });

  it('on a citation: the full reference, from the list, the chapter or a bibliography', async () => {
    const text = md(
      '---',
      'bibliography: refs.json',
      '---',
      '',
      'Involvement takes time (Smith, 2019). Types differ (Brandsen & Honingh, 2016); see also [@smith2019].',
      '',
      '## References',
      '',
      SMITH_ENTRY,
    );
    const { uri } = await open('hover-citation.md', text);
    const at = (needle: string, delta: number) => client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: positionOf(text, needle, delta) });
    const listed = await at('Smith, 2019', 2);
    assert.equal(markdownOf(listed), 'Smith, J. (2019). A study of involvement. Acme.');
    assert.equal(textIn(text, listed!.range!), 'Smith, 2019');
    const chapter = await at('Brandsen &', 2);
    assert.equal(markdownOf(chapter), `**Brandsen & Honingh (2016)**\n\n${APA.brandsen2016}\n\n*Not yet in this document's reference list.*`);
    assert.equal(textIn(text, chapter!.range!), 'Brandsen & Honingh, 2016');
    const key = await at('@smith2019', 3);
    assert.equal(markdownOf(key), '**Smith (2019)**\n\nSmith, J. (2019). A study of involvement. Acme.');
    assert.equal(textIn(text, key!.range!), 'smith2019');
  });
});

describe('completion', { timeout: 30_000 }, () => {
  it('after "[@": the pandoc keys of the chapter, documented with the formatted entry; accepting one adds the work to the front matter', async () => {
    const nef = JSON.stringify({ id: 'nef2013', type: 'report', author: [{ literal: 'New Economics Foundation' }], issued: { 'date-parts': [[2013]] }, title: 'Co-production in mental health: A literature review', publisher: 'New Economics Foundation' });
    const text = md('---', 'title: A bid', 'references:', `- ${nef}`, '---', '', 'Co-production shares power [@nef2013]. It is contested [@bran');
    const { uri, published } = await open('complete-pandoc.md', text);
    assert.deepEqual(published.diagnostics.map((d) => [d.code, textIn(text, d.range)]), [['unknown-citation', 'bran']]);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, '[@bran', 6) });
    assert.equal(items.length, 41);
    assert.ok(items.every((i) => i.kind === 18 && /^[a-z]+\d{4}[a-z]?$/.test(i.label)), 'pandoc keys of the chapter list');
    const brandsen = items.find((i) => i.label === 'brandsen2016');
    assert.ok(brandsen);
    assert.deepEqual(brandsen.documentation, { kind: 'markdown', value: APA.brandsen2016 });
    assert.equal(brandsen.detail, 'Brandsen & Honingh (2016) — Williams & Caley (2020) reference list');
    // The typed "bran" is replaced by the key…
    assert.deepEqual(brandsen.textEdit, { range: { start: { line: 6, character: 57 }, end: { line: 6, character: 61 } }, newText: 'brandsen2016' });
    // …and the CSL item joins the front matter's references.
    const accepted = applyTextEdits(text, [brandsen.textEdit as TextEdit, ...(brandsen.additionalTextEdits ?? [])]);
    const lines = accepted.split('\n');
    const added = JSON.parse(lines[4]!.replace(/^- /, '')) as { id: string; DOI: string };
    assert.deepEqual([added.id, added.DOI], ['brandsen2016', '10.1111/puar.12465']);
    assert.equal(accepted, md('---', 'title: A bid', 'references:', `- ${nef}`, lines[4]!, '---', '', 'Co-production shares power [@nef2013]. It is contested [@brandsen2016'));
    // Typing the closing bracket leaves nothing to report: the work is in the front matter's references.
    const closed = await replace(uri, accepted.replace('[@brandsen2016\n', '[@brandsen2016].\n'), 2);
    assert.deepEqual(closed.diagnostics, []);
  });

  it('inside "(" in an author-date document: "Author & Author, Year" labels whose acceptance also adds the reference entry', async () => {
    const text = md(
      '# Background',
      '',
      'Co-production shares power (Smith, 2019). It is contested (',
      '',
      '## References',
      '',
      `- ${APA.nef2013}`,
      SMITH_ENTRY,
    );
    const { uri } = await open('complete-author-date.md', text);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, 'contested (', 11) });
    assert.equal(items.length, 41);
    assert.deepEqual(items.slice(0, 4).map((i) => i.label), ['Alford, 1998', 'Bovaird et al., 2019', 'Boyle & Harris, 2009', 'Brandsen & Honingh, 2016']);
    const brandsen = items.find((i) => i.label === 'Brandsen & Honingh, 2016');
    assert.deepEqual(brandsen, {
      label: 'Brandsen & Honingh, 2016',
      kind: 18,
      detail: 'Brandsen & Honingh (2016) — Williams & Caley (2020) reference list',
      documentation: { kind: 'markdown', value: APA.brandsen2016 },
      sortText: '0003',
      filterText: 'Brandsen & Honingh, 2016',
      textEdit: { range: { start: { line: 2, character: 59 }, end: { line: 2, character: 59 } }, newText: 'Brandsen & Honingh, 2016' },
      additionalTextEdits: [{ range: { start: { line: 6, character: 0 }, end: { line: 6, character: 0 } }, newText: `- ${APA.brandsen2016}\n` }],
    });
    assert.equal(
      applyTextEdits(text, [brandsen.textEdit as TextEdit, ...brandsen.additionalTextEdits!]),
      md(
        '# Background',
        '',
        'Co-production shares power (Smith, 2019). It is contested (Brandsen & Honingh, 2016',
        '',
        '## References',
        '',
        `- ${APA.brandsen2016}`,
        `- ${APA.nef2013}`,
        SMITH_ENTRY,
      ),
    );
    // A work the list already has needs no entry.
    const nef = items.find((i) => i.label === 'New Economics Foundation, 2013');
    assert.ok(nef);
    assert.equal(nef.additionalTextEdits, undefined);
    // Outside a citation there is nothing to complete.
    assert.deepEqual(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 5 } }), []);
  });

  it('accepting the first pandoc key of a document adds the work where pandoc looks for it', async () => {
    const text = md('# Background', '', 'Co-production shares power [@');
    const { uri } = await open('complete-first-key.md', text);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: positionOf(text, '[@', 2) });
    const brandsen = items.find((i) => i.label === 'brandsen2016');
    assert.ok(brandsen);
    const accepted = applyTextEdits(text, [brandsen.textEdit as TextEdit, ...(brandsen.additionalTextEdits ?? [])]).replace('[@brandsen2016\n', '[@brandsen2016].\n');
    const published = await replace(uri, accepted, 2);
    assert.deepEqual(published.diagnostics.map((d) => d.message), []);
  });
});

describe('go to definition', { timeout: 30_000 }, () => {
  it('from an author-date citation to its entry in the reference list', async () => {
    const text = md('# Background', '', 'Involvement takes time (Smith, 2019), and types differ (Brandsen & Honingh, 2016).', '', '## References', '', `- ${APA.brandsen2016}`, SMITH_ENTRY);
    const { uri } = await open('definition-author-date.md', text);
    const brandsen = await client.request<Location | null>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, 'Brandsen &', 3) });
    assert.deepEqual(brandsen, { uri, range: { start: { line: 6, character: 2 }, end: { line: 6, character: 2 + APA.brandsen2016.length } } });
    assert.equal(textIn(text, brandsen.range), APA.brandsen2016);
    const smith = await client.request<Location | null>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, 'Smith, 2019', 1) });
    assert.deepEqual(smith, { uri, range: { start: { line: 7, character: 2 }, end: { line: 7, character: SMITH_ENTRY.length } } });
    assert.equal(await client.request('textDocument/definition', { textDocument: { uri }, position: { line: 2, character: 3 } }), null, 'not on a citation');
  });

  it('from a pandoc key to its entry in refs.bib', async () => {
    const text = md('---', 'bibliography: refs.bib', '---', '', 'Working together [@jones2018].');
    const { uri, published } = await open('definition-bib.md', text);
    assert.deepEqual(published.diagnostics, []);
    const location = await client.request<Location | null>('textDocument/definition', { textDocument: { uri }, position: positionOf(text, '@jones2018', 3) });
    assert.ok(location);
    assert.equal(location.uri, uriOf(join(folder.path, 'refs.bib')));
    assert.equal(location.range.start.line, 0, 'the line of @book{jones2018,');
    assert.equal(location.range.end.line, 0);
  });

  it('the definition range in a bibliography file covers the key', async () => {
    const bib = md('---', 'bibliography: refs.bib', '---', '', 'Working together [@jones2018].');
    const { uri: bibDoc } = await open('definition-bib-range.md', bib);
    const inBib = await client.request<Location | null>('textDocument/definition', { textDocument: { uri: bibDoc }, position: positionOf(bib, '@jones2018', 3) });
    assert.deepEqual(inBib?.range, { start: { line: 0, character: 6 }, end: { line: 0, character: 15 } }, 'jones2018 in "@book{jones2018,"');
    const json = md('---', 'bibliography: refs.json', '---', '', 'Involvement takes time [@smith2019].');
    const { uri: jsonDoc } = await open('definition-json-range.md', json);
    const inJson = await client.request<Location | null>('textDocument/definition', { textDocument: { uri: jsonDoc }, position: positionOf(json, '@smith2019', 3) });
    assert.equal(inJson?.uri, uriOf(join(folder.path, 'refs.json')));
    assert.deepEqual(inJson?.range, { start: { line: 2, character: 11 }, end: { line: 2, character: 20 } }, 'smith2019 in "id": "smith2019"');
  });
});
