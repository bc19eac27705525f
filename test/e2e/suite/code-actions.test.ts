/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, codeActionsAt, nextDiagnostics, openAndWait, removeScratch, scratchCopy, setCitationStyle } from './helpers';

/** Apply the preferred "Cite …" quick fix at the finding of a fresh copy of charity-grant.md; returns the text before and after. */
async function citeAtClaim(): Promise<{ before: string; after: string; titles: string[] }> {
  const uri = await scratchCopy('charity-grant.md');
  const { editor, diagnostics } = await openAndWait(uri, 1);
  const before = editor.document.getText();
  const actions = await codeActionsAt(uri, diagnostics[0]!.range);
  const cite = actions.find((a) => a.title.startsWith('Cite '));
  assert.ok(cite?.edit, `a Cite action with an edit among: ${actions.map((a) => a.title).join(' | ')}`);
  assert.ok(await vscode.workspace.applyEdit(cite.edit), 'applyEdit');
  return { before, after: editor.document.getText(), titles: actions.map((a) => a.title) };
}

/** The claim's sentence in charity-grant.md. */
const SENTENCE = 'Time Out Together has been designed in partnership with young carers, and everything in it is co-created with the young people it is for.';

suite('Quick fixes', () => {
  suiteSetup(async () => {
    await activate();
  });
  teardown(async () => {
    await setCitationStyle(undefined);
  });
  suiteTeardown(removeScratch);

  test('the finding offers Cite (first one preferred) and Ignore', async () => {
    const uri = await scratchCopy('charity-grant.md');
    const { diagnostics } = await openAndWait(uri, 1);
    const actions = await codeActionsAt(uri, diagnostics[0]!.range);
    const titles = actions.map((a) => a.title);
    const cites = actions.filter((a) => a.title.startsWith('Cite '));
    assert.deepEqual(
      cites.map((a) => a.title),
      ['Cite Brandsen & Honingh (2016)', 'Cite Vennik et al. (2016)', 'Cite New Economics Foundation (2013)'],
    );
    assert.equal(cites[0]!.isPreferred, true, 'the first Cite action is preferred');
    assert.ok(cites.slice(1).every((a) => !a.isPreferred), 'only the first is preferred');
    assert.ok(cites.every((a) => a.kind?.value === vscode.CodeActionKind.QuickFix.value));
    assert.ok(titles.includes('Ignore this finding (consultation-only)'), titles.join(' | '));
    // "in partnership with young carers" has no honest rewording, so no Describe action here.
    assert.ok(!titles.some((t) => t.startsWith('Describe as consultation')), titles.join(' | '));
  });

  test('"Describe as consultation" rewords the claim and the finding goes away', async () => {
    const uri = await scratchCopy('community-service-bid.md');
    const { editor, diagnostics } = await openAndWait(uri, 1);
    const before = editor.document.getText();
    const actions = await codeActionsAt(uri, diagnostics[0]!.range);
    assert.deepEqual(
      actions.filter((a) => a.title.startsWith('Cite ')).map((a) => a.title),
      ['Cite New Economics Foundation (2013)', 'Cite Brandsen & Honingh (2016)', 'Cite Vennik et al. (2016)'],
    );
    const describe = actions.find((a) => a.title === 'Describe as consultation: "informed by consultation"');
    assert.ok(describe?.edit, actions.map((a) => a.title).join(' | '));
    const cleared = nextDiagnostics(uri, (d) => d.length === 0, 'the finding to go away after the rewording');
    assert.ok(await vscode.workspace.applyEdit(describe.edit));
    assert.equal(
      editor.document.getText(),
      replaceOnce(before, 'The hub will be co-designed with local residents', 'The hub will be informed by consultation with local residents'),
    );
    await cleared;
  });

  test('"Ignore this finding" adds a disable comment above the paragraph and the finding goes away', async () => {
    const uri = await scratchCopy('charity-grant.md');
    const { editor, diagnostics } = await openAndWait(uri, 1);
    const before = editor.document.getText();
    const ignore = (await codeActionsAt(uri, diagnostics[0]!.range)).find((a) => a.title === 'Ignore this finding (consultation-only)');
    assert.ok(ignore?.edit);
    const cleared = nextDiagnostics(uri, (d) => d.length === 0, 'the finding to go away after the ignore comment');
    assert.ok(await vscode.workspace.applyEdit(ignore.edit));
    assert.equal(editor.document.getText(), replaceOnce(before, SENTENCE, `<!-- coprod-lens-disable-next-line consultation-only -->\n${SENTENCE}`));
    await cleared;
  });

  test('applying "Cite Brandsen & Honingh (2016)" adds the citation and the reference entry (author-date by default)', async () => {
    const { before, after } = await citeAtClaim();
    assert.equal(after, EXPECTED_TEXT.authorDate(before));
  });

  test('coprodLens.citationStyle "pandoc" makes the quick fix insert [@brandsen2016]', async () => {
    await setCitationStyle('pandoc');
    const { before, after } = await citeAtClaim();
    assert.equal(after, EXPECTED_TEXT.pandoc(before));
  });

  test('coprodLens.citationStyle "numeric" makes the quick fix insert [1]', async () => {
    await setCitationStyle('numeric');
    const { before, after } = await citeAtClaim();
    assert.equal(after, EXPECTED_TEXT.numeric(before));
  });

  test('coprodLens.citationStyle "author-date" inserts (Brandsen & Honingh, 2016)', async () => {
    await setCitationStyle('author-date');
    const { before, after } = await citeAtClaim();
    assert.equal(after, EXPECTED_TEXT.authorDate(before));
  });
});

/** The reference entries the Cite fix adds for Brandsen & Honingh (2016). */
const APA_ENTRY =
  'Brandsen, T., & Honingh, M. (2016). Distinguishing different types of coproduction: A conceptual analysis based on the classical definitions. Public Administration Review, 76(3), 427–435. https://doi.org/10.1111/puar.12465';
const VANCOUVER_ENTRY =
  'Brandsen T, Honingh M. Distinguishing different types of coproduction: A conceptual analysis based on the classical definitions. Public Administration Review. 2016;76(3):427–35.';
const CSL_JSON =
  '{"id":"brandsen2016","type":"article-journal","author":[{"family":"Brandsen","given":"Taco"},{"family":"Honingh","given":"Marlies"}],"issued":{"date-parts":[[2016]]},"title":"Distinguishing different types of coproduction: A conceptual analysis based on the classical definitions","container-title":"Public Administration Review","volume":"76","issue":"3","page":"427-435","DOI":"10.1111/puar.12465"}';
const cited = (citation: string): string => `${SENTENCE.slice(0, -1)} ${citation}.`;

/** The exact text after the Cite fix, in each style, from the text before it (which ends with a newline). */
const EXPECTED_TEXT = {
  // APA: the citation before the full stop, a References list created at the end.
  authorDate: (before: string): string => `${replaceOnce(before, SENTENCE, cited('(Brandsen & Honingh, 2016)'))}\n## References\n\n- ${APA_ENTRY}\n`,
  // Vancouver: [1] and a numbered list.
  numeric: (before: string): string => `${replaceOnce(before, SENTENCE, cited('[1]'))}\n## References\n\n1. ${VANCOUVER_ENTRY}\n`,
  // pandoc: the key, and the item as CSL-JSON in new front matter (no bibliography file here).
  pandoc: (before: string): string => `---\nreferences:\n- ${CSL_JSON}\n---\n\n${replaceOnce(before, SENTENCE, cited('[@brandsen2016]'))}`,
};

function replaceOnce(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `"${from.slice(0, 40)}…" occurs exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}
