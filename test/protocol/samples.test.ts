/**
 * One push-mode server over samples/ (debounce 0): diagnostics and status for every sample, the
 * custom requests (profile, references, cite, checkWorkspace), and how the server copes with
 * edit storms, cancellation, unknown documents and positions outside the text.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import type { CodeAction, Hover, PublishDiagnosticsParams, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyWorkspaceEdit, positionOf, TestClient, textIn, uriOf } from './client';
import { CLAIM_DOC, CLAIM_PARAGRAPH, DOCS_BASE, ErrorCode, md, SAMPLES, sampleText, sampleUri, Severity, tempFolder, type Sample } from './fixtures';

interface Expected {
  /** [line, start character, end character] of the flagged phrase (0-based). */
  readonly at: readonly [number, number, number];
  readonly text: string;
  readonly opening: string;
  readonly related: readonly string[];
}

const CO_DESIGN_CONSULTATION = 'Claims co-design, but the involvement described stops at consultation: ';
const CO_DESIGN_ENGAGEMENT = 'Claims co-design, but the involvement described stops at engagement: ';
const CO_PRODUCTION_ENGAGEMENT = 'Claims co-production, but the involvement described stops at engagement: ';
const HEALTH_EVIDENCE = [
  'consultation: Survey',
  'consultation: an online survey',
  'consultation: views were used',
  'consultation: Focus groups',
  'consultation: two focus groups',
  'consultation: gather views',
  'engagement: PPI panel',
  'engagement: PPI panel',
  'consultation: reviewed the plain English summary',
  'informing: information sheet',
  'consultation: no changes were needed',
];

/** The consultation-only findings of each sample, as the chapter's reading of them expects. */
const EXPECTED: Readonly<Record<Sample, readonly Expected[]>> = {
  'charity-grant': [
    {
      at: [23, 36, 68],
      text: 'in partnership with young carers',
      opening: CO_DESIGN_CONSULTATION,
      related: ['consultation: sticky-note voting', 'consultation: a short questionnaire', 'consultation: used what we heard', 'consultation: invited to comment', 'consultation: ask for feedback'],
    },
  ],
  'community-service-bid': [
    {
      at: [11, 16, 27],
      text: 'co-designed',
      opening: CO_DESIGN_ENGAGEMENT,
      related: [
        'co-production: peer support worker',
        'consultation: Listening events',
        'consultation: held four listening events',
        'consultation: People told us',
        'consultation: Drop-in sessions',
        'consultation: six drop-in sessions',
        'consultation: Resident survey',
        'consultation: online survey',
        'consultation: You said, we did',
        'consultation: you said, we did',
        'informing: website',
        'engagement: Stakeholder reference group',
      ],
    },
  ],
  'genuine-coproduction': [],
  'health-research-ppi': [
    { at: [20, 20, 31], text: 'co-produced', opening: CO_PRODUCTION_ENGAGEMENT, related: ['consultation: Patients told us', ...HEALTH_EVIDENCE] },
    {
      at: [55, 31, 48],
      text: 'as equal partners',
      opening: CO_PRODUCTION_ENGAGEMENT,
      related: [...HEALTH_EVIDENCE, 'engagement: a lay member will sit on the Trial Steering Committee'],
    },
  ],
  'honest-consultation': [],
  'mixed-work-packages': [
    {
      at: [48, 32, 43],
      text: 'co-designed',
      opening: CO_DESIGN_CONSULTATION,
      related: [
        'consultation: The research team will decide',
        'consultation: an online survey',
        'consultation: invited to comment',
        'consultation: comment on draft',
        'consultation: usability testing',
        'consultation: think-aloud',
        'consultation: usability testing',
        'engagement: voucher',
      ],
    },
  ],
};

/** coprodLens/status after each sample is analysed. */
const STATUS: Readonly<Record<Sample, { claims: number; consultationOnly: number; findings: number }>> = {
  'charity-grant': { claims: 1, consultationOnly: 1, findings: 1 },
  'community-service-bid': { claims: 1, consultationOnly: 1, findings: 1 },
  'genuine-coproduction': { claims: 3, consultationOnly: 0, findings: 0 },
  'health-research-ppi': { claims: 2, consultationOnly: 2, findings: 2 },
  'honest-consultation': { claims: 0, consultationOnly: 0, findings: 0 },
  'mixed-work-packages': { claims: 2, consultationOnly: 1, findings: 1 },
};

const MIXED = 'mixed-work-packages';
const CLAIM_PARAGRAPH_LENGTH = CLAIM_PARAGRAPH.length;
/** Proposals in a second workspace folder. */
const MANY = 40;
const UNKNOWN = 'file:///nowhere/not-open.md';

/** The settled outcome of a request that may be cancelled: its result, or the ResponseError. */
async function settled<T>(promise: Promise<T>): Promise<{ result: T } | { error: ResponseError<unknown> }> {
  try {
    return { result: await promise };
  } catch (error) {
    assert.ok(error instanceof ResponseError, `a cancelled request ends with a result or a ResponseError, not ${String(error)}`);
    return { error };
  }
}

describe('push diagnostics and custom requests over samples/', { timeout: 40_000 }, () => {
  const client = new TestClient();
  const scratch = tempFolder();
  const many = tempFolder(Object.fromEntries(Array.from({ length: MANY }, (_, i) => [`proposal-${i}.md`, CLAIM_DOC])));
  // Debounce 0 to keep the tests fast, but for one document that checks debouncing itself.
  client.configuration = (scopeUri) => ({ debounce: scopeUri?.endsWith('/debounced.md') ? 500 : 0 });
  before(async () => {
    await client.initialize();
    for (const name of SAMPLES) client.open(sampleUri(name), sampleText(name));
  });
  after(async () => {
    await client.stop();
    scratch.remove();
    many.remove();
  });

  for (const name of SAMPLES) {
    it(`publishes exactly the expected diagnostics for ${name}.md`, async () => {
      const uri = sampleUri(name);
      const text = sampleText(name);
      const published = await client.diagnostics(uri);
      assert.equal(published.version, 1);
      const expected = EXPECTED[name];
      assert.equal(published.diagnostics.length, expected.length, `${name}: ${published.diagnostics.map((d) => d.code).join(', ')}`);
      published.diagnostics.forEach((d, i) => {
        const e = expected[i]!;
        assert.equal(d.code, 'consultation-only');
        assert.equal(d.source, 'coprod-lens');
        assert.equal(d.severity, Severity.Warning);
        assert.deepEqual(d.codeDescription, { href: `${DOCS_BASE}consultation-only.md` });
        assert.deepEqual(d.range, { start: { line: e.at[0], character: e.at[1] }, end: { line: e.at[0], character: e.at[2] } });
        assert.equal(textIn(text, d.range), e.text);
        assert.ok(d.message.startsWith(e.opening), d.message);
        assert.match(d.message, /Reviewers will look for people who use services/);
        const related = d.relatedInformation ?? [];
        assert.deepEqual(
          related.map((r) => r.message),
          e.related,
        );
        for (const r of related) {
          assert.equal(r.location.uri, uri, 'evidence lies in the same document');
          // Each piece of evidence points at the words it quotes.
          assert.equal(textIn(text, r.location.range), r.message.slice(r.message.indexOf(': ') + 2));
        }
      });
    });
  }

  it('sends coprodLens/status with the claim and consultation-only counts of each sample', async () => {
    for (const name of SAMPLES) {
      const uri = sampleUri(name);
      const status = await client.notification<{ uri: string }>('coprodLens/status', (p) => p.uri === uri, true);
      assert.deepEqual(status, { uri, ...STATUS[name] }, name);
    }
  });

  it('coprodLens/profile gives each claim of mixed-work-packages with claimed and evidenced levels', async () => {
    const uri = sampleUri(MIXED);
    const profile = await client.request('coprodLens/profile', { uri });
    assert.deepEqual(profile, {
      uri,
      levels: ['none', 'coercion', 'educating', 'informing', 'consultation', 'engagement', 'co-design', 'co-production', 'user-led'],
      stages: ['priority-setting', 'design', 'delivery', 'analysis', 'dissemination', 'evaluation', 'governance'],
      claims: [
        { phrase: 'co-produced', line: 34, claimed: 7, evidenced: 7, stages: ['delivery', 'analysis', 'dissemination', 'governance'], rule: null },
        { phrase: 'co-designed', line: 48, claimed: 6, evidenced: 4, stages: ['design'], rule: 'consultation-only' },
      ],
    });
  });

  it('coprodLens/references lists the 41 works of the chapter with labels and APA entries', async () => {
    const refs = await client.request<{ id: string; label: string; entry: string }[]>('coprodLens/references', { uri: sampleUri(MIXED) });
    assert.equal(refs.length, 41);
    assert.equal(new Set(refs.map((r) => r.id)).size, 41, 'ids are unique');
    assert.deepEqual(
      refs.find((r) => r.id === 'brandsen2016'),
      {
        id: 'brandsen2016',
        label: 'Brandsen & Honingh (2016)',
        entry:
          'Brandsen, T., & Honingh, M. (2016). Distinguishing different types of coproduction: A conceptual analysis based on the classical definitions. Public Administration Review, 76(3), 427–435. https://doi.org/10.1111/puar.12465',
      },
    );
    for (const r of refs) assert.match(r.entry, /\(\d{4}[a-z]?\)\./, `${r.id} has an APA year`);
  });

  it('coprodLens/cite returns the edit citing a work in the sentence at the position, with its entry in the reference list', async () => {
    const uri = sampleUri(MIXED);
    const text = sampleText(MIXED);
    const edit = await client.request<WorkspaceEdit | null>('coprodLens/cite', { uri, id: 'brandsen2016', position: { line: 48, character: 40 } });
    assert.ok(edit?.changes);
    assert.deepEqual(Object.keys(edit.changes), [uri]);
    const lines = applyWorkspaceEdit({ [uri]: text }, edit)[uri]!.split('\n');
    assert.equal(
      lines[48],
      'The transition passport will be co-designed with young people and their families (Brandsen & Honingh, 2016). It will be a secure mobile web app in which a young person can record what matters to them, their current support, medication, crisis plan and who they want involved, and share it with their new team.',
    );
    // The entry goes into the paragraph-style list, alphabetically before Filipe et al.
    const heading = lines.indexOf('## References');
    assert.equal(heading, 81);
    assert.deepEqual(lines.slice(heading, heading + 6), [
      '## References',
      '',
      'Brandsen, T., & Honingh, M. (2016). Distinguishing different types of coproduction: A conceptual analysis based on the classical definitions. Public Administration Review, 76(3), 427–435. https://doi.org/10.1111/puar.12465',
      '',
      text.split('\n')[83],
      '',
    ]);
    assert.match(lines[heading + 4]!, /^Filipe, A\., Renedo, A\., & Marston, C\. \(2017\)/);
    assert.equal(lines.length, text.split('\n').length + 2, 'one entry and one blank line added, nothing else');
    await assert.rejects(client.request('coprodLens/cite', { uri, id: 'nosuchwork1999', position: { line: 48, character: 40 } }), (error: unknown) => {
      assert.ok(error instanceof ResponseError);
      assert.equal(error.code, ErrorCode.RequestFailed);
      assert.equal(error.message, 'no reference with key "nosuchwork1999".');
      return true;
    });
  });

  it('after 50 rapid incremental changes the last published diagnostics are those of the last version and text', async () => {
    const uri = uriOf(`${scratch.path}/storm.md`);
    client.open(uri, CLAIM_DOC, 1);
    const first = await client.diagnostics(uri, (p) => p.version === 1);
    assert.deepEqual(first.diagnostics.map((d) => d.code), ['consultation-only']);
    // 49 keystrokes at the end of the paragraph, then one edit that removes the claim and adds an unknown citation.
    const typed = ' We will write back to everyone who took part, in plain words.'.slice(0, 49);
    const line = 2;
    const end = CLAIM_PARAGRAPH_LENGTH;
    for (let i = 0; i < 49; i++) {
      const at = { line, character: end + i };
      client.edit(uri, 2 + i, [{ range: { start: at, end: at }, text: typed[i]! }]);
    }
    const claimAt = { start: { line, character: 24 }, end: { line, character: 35 } }; // "co-designed"
    client.edit(uri, 51, [{ range: claimAt, text: 'informed by consultation (Jones, 2021)' }]);
    const final = md('# Youth service', '', `The new service will be informed by consultation (Jones, 2021) with young people. We will run an online survey and hold two focus groups to gather views.${typed}`);
    const last = await client.diagnostics(uri, (p) => p.version === 51);
    assert.deepEqual(
      last.diagnostics.map((d) => [d.code, d.severity, textIn(final, d.range)]),
      [['unknown-citation', Severity.Warning, 'Jones, 2021']],
    );
    assert.deepEqual(last.diagnostics[0]!.range, { start: { line: 2, character: 50 }, end: { line: 2, character: 61 } });
    // The server agrees on the text: a hover round trip, then nothing older was published after it.
    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 52 } });
    assert.match(JSON.stringify(hover?.contents), /Unknown citation/);
    const versions = client.received<PublishDiagnosticsParams>('textDocument/publishDiagnostics').filter((p) => p.uri === uri).map((p) => p.version!);
    assert.equal(versions[versions.length - 1], 51);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b), 'versions are published in order, never an older one after a newer one');
    assert.deepEqual(client.published.get(uri)?.version, 51);
  });

  it('with a debounce, a burst of changes is analysed and published once, for the last version', async () => {
    const uri = uriOf(`${scratch.path}/debounced.md`);
    client.open(uri, CLAIM_DOC, 1);
    await client.diagnostics(uri, (p) => p.version === 1);
    const at = { line: 2, character: CLAIM_PARAGRAPH_LENGTH };
    for (let i = 0; i < 20; i++) {
      const here = { line: at.line, character: at.character + i };
      client.edit(uri, 2 + i, [{ range: { start: here, end: here }, text: 'x' }]);
    }
    await client.diagnostics(uri, (p) => p.version === 21);
    const versions = client.received<PublishDiagnosticsParams>('textDocument/publishDiagnostics').filter((p) => p.uri === uri).map((p) => p.version);
    assert.deepEqual(versions, [1, 21]);
  });

  it('a cancelled request settles (result or RequestCancelled) and the server stays responsive', async () => {
    const check = new CancellationTokenSource();
    const pending = settled(client.request<{ files: number }>('coprodLens/checkWorkspace', {}, check.token));
    check.cancel();
    const outcome = await pending;
    if ('error' in outcome) assert.equal(outcome.error.code, ErrorCode.RequestCancelled);
    else assert.ok(outcome.result.files < 6, `the check stopped early (${outcome.result.files} files)`);

    const uri = sampleUri(MIXED);
    const hoverToken = new CancellationTokenSource();
    const cancelled = settled(client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 48, character: 35 } }, hoverToken.token));
    hoverToken.cancel();
    const hoverOutcome = await cancelled;
    if ('error' in hoverOutcome) assert.equal(hoverOutcome.error.code, ErrorCode.RequestCancelled);

    const hover = await client.request<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 48, character: 35 } });
    assert.ok(hover && typeof hover.contents === 'object' && 'value' in hover.contents);
    assert.ok(hover.contents.value.startsWith('**Co-production Lens** — claims *co-design*, evidence reaches *consultation* (ladder 4/8)'));
    assert.equal(client.process.exitCode, null);
  });

  it('coprodLens/checkWorkspace counts the six samples, pushes their diagnostics and reports progress', async () => {
    const before = client.received<PublishDiagnosticsParams>('textDocument/publishDiagnostics').length;
    const result = await client.request('coprodLens/checkWorkspace', {});
    assert.deepEqual(result, { files: 6, findings: 5, consultationOnly: 5, errors: [] });
    const pushed = client.received<PublishDiagnosticsParams>('textDocument/publishDiagnostics').slice(before);
    assert.deepEqual(
      pushed.map((p) => [p.uri, p.diagnostics.map((d) => `${d.code}@${d.range.start.line}`)]),
      SAMPLES.map((name) => [sampleUri(name), EXPECTED[name].map((e) => `consultation-only@${e.at[0]}`)]),
    );
    // Work done progress: begin, one report per file, end (all under the token the server created).
    const progress = client.received<{ token: string; value: { kind: string; title?: string; message?: string; percentage?: number } }>('$/progress');
    const last = progress.filter((p) => p.token === progress[progress.length - 1]!.token).map((p) => p.value);
    assert.deepEqual(last[0], { kind: 'begin', title: 'Checking proposals', percentage: 0, cancellable: true });
    assert.deepEqual(
      last.slice(1, -1).map((v) => v.message),
      SAMPLES.map((name, i) => `${i + 1}/6 ${name}.md`),
    );
    assert.deepEqual(last[last.length - 1], { kind: 'end' });
  });

  it('answers requests for a document it does not know cleanly', async () => {
    const doc = { textDocument: { uri: UNKNOWN } };
    const at = { line: 0, character: 0 };
    assert.equal(await client.request('textDocument/hover', { ...doc, position: at }), null);
    assert.equal(await client.request('textDocument/definition', { ...doc, position: at }), null);
    assert.deepEqual(await client.request('textDocument/completion', { ...doc, position: at }), []);
    assert.deepEqual(await client.request('textDocument/codeAction', { ...doc, range: { start: at, end: at }, context: { diagnostics: [] } }), []);
    for (const method of ['coprodLens/profile', 'coprodLens/references']) {
      await assert.rejects(client.request(method, { uri: UNKNOWN }), (error: unknown) => {
        assert.ok(error instanceof ResponseError, method);
        assert.equal(error.code, ErrorCode.RequestFailed);
        assert.equal(error.message, `${UNKNOWN} is not open in the editor; open it first.`);
        return true;
      });
    }
    await assert.rejects(client.request('coprodLens/cite', { uri: UNKNOWN, id: 'brandsen2016', position: at }), /is not open in the editor; open it first\./);
    assert.equal(client.process.exitCode, null);
  });

  it('answers requests at positions far outside the text cleanly, and stays alive', async () => {
    const uri = sampleUri(MIXED);
    const doc = { textDocument: { uri } };
    for (const at of [{ line: 10_000, character: 10_000 }, { line: 10_000, character: 0 }, { line: 0, character: 10_000 }]) {
      assert.equal(await client.request('textDocument/hover', { ...doc, position: at }), null, JSON.stringify(at));
      assert.equal(await client.request('textDocument/definition', { ...doc, position: at }), null, JSON.stringify(at));
      assert.deepEqual(await client.request('textDocument/completion', { ...doc, position: at }), [], JSON.stringify(at));
      assert.deepEqual(await client.request<CodeAction[]>('textDocument/codeAction', { ...doc, range: { start: at, end: at }, context: { diagnostics: [] } }), [], JSON.stringify(at));
    }
    const wide = await client.request<CodeAction[]>('textDocument/codeAction', {
      ...doc,
      range: { start: { line: 0, character: 0 }, end: { line: 10_000, character: 10_000 } },
      context: { diagnostics: [] },
    });
    assert.ok(wide.some((a) => a.title === 'Cite Brandsen & Honingh (2016)'), 'a range past the end covers the whole document');
    const hover = await client.request<Hover | null>('textDocument/hover', { ...doc, position: { line: 48, character: 35 } });
    assert.ok(hover);
    assert.equal(client.process.exitCode, null);
  });

  it('a position past the end of a line means the end of that line, not the next line', async () => {
    const text = md('# Plan', '', 'Some words here.', '(Brandsen & Honingh, 2016) is a good read.', '', '## References', '', `- Brandsen, T., & Honingh, M. (2016). Distinguishing different types of coproduction: A conceptual analysis based on the classical definitions. Public Administration Review, 76(3), 427–435. https://doi.org/10.1111/puar.12465`);
    const uri = uriOf(`${scratch.path}/past-line-end.md`);
    client.open(uri, text);
    await client.diagnostics(uri);
    const pastEnd = { line: 2, character: 10_000 }; // "Some words here." has no citation
    assert.equal(await client.request('textDocument/hover', { textDocument: { uri }, position: pastEnd }), null);
    assert.equal(await client.request('textDocument/definition', { textDocument: { uri }, position: pastEnd }), null);
  });

  it('cancelling the progress of a workspace check (window/workDoneProgress/cancel) stops the check', async () => {
    const added = { uri: uriOf(many.path), name: 'many' };
    void client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [added], removed: [] } });
    try {
      const begun = client.notification<{ token: string; value: { kind: string } }>('$/progress', (p) => p.value.kind === 'begin');
      const check = client.request<{ files: number }>('coprodLens/checkWorkspace', {});
      const { token } = await begun;
      void client.connection.sendNotification('window/workDoneProgress/cancel', { token });
      const result = await check;
      assert.ok(result.files < 6 + MANY, `${result.files} of ${6 + MANY} files checked after the user cancelled`);
    } finally {
      void client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [added] } });
    }
  });

  it('checks a workspace folder added later (workspace/didChangeWorkspaceFolders), and no longer one removed', async () => {
    const added = { uri: uriOf(many.path), name: 'many' };
    void client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [added], removed: [] } });
    assert.deepEqual(await client.request('coprodLens/checkWorkspace', {}), { files: 6 + MANY, findings: 5 + MANY, consultationOnly: 5 + MANY, errors: [] });
    void client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [added] } });
    assert.deepEqual(await client.request('coprodLens/checkWorkspace', {}), { files: 6, findings: 5, consultationOnly: 5, errors: [] });
  });

  it('a document opened at version 0 after a workspace check is analysed from the text the client opened', async () => {
    const uri = sampleUri('charity-grant');
    client.close(uri);
    await client.diagnostics(uri, (p) => p.diagnostics.length === 0 && p.version === undefined);
    assert.deepEqual(await client.request('coprodLens/checkWorkspace', {}), { files: 6, findings: 5, consultationOnly: 5, errors: [] });
    // Clients such as Neovim number versions from 0; here the buffer differs from the file on disk.
    client.open(uri, md('# A small grant', '', 'We will run a survey of carers.'), 0);
    const published = await client.diagnostics(uri, (p) => p.version === 0);
    assert.deepEqual(published.diagnostics, []);
  });
});
