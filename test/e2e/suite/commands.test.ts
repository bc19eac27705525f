/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CheckWorkspaceResult } from '../../../server/src/lsp/protocol';
import { activate, closeAll, codeOf, diagnosticsWhere, EXPECTED, openAndWait, sampleUri, SAMPLES, tabWhere, workspaceFolder } from './helpers';

suite('Commands', () => {
  suiteSetup(async () => {
    await activate();
  });
  // The unopened copies stay until the end of the run (the runner deletes the temporary workspace):
  // the invariants suite checks that their diagnostics never appear twice meanwhile.
  suiteTeardown(closeAll);

  test('coprodLens.checkWorkspace fills the diagnostics of every sample, including files never opened', async () => {
    await closeAll();
    // Fresh copies of every sample, written to disk only: no editor, no TextDocument ever.
    const unopened = SAMPLES.map((name) => vscode.Uri.joinPath(workspaceFolder(), 'unopened', name));
    for (const [i, name] of SAMPLES.entries()) await vscode.workspace.fs.copy(sampleUri(name), unopened[i]!, { overwrite: true });
    for (const uri of unopened) {
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), `${uri.path} is not open`);
    }
    const proposals = await vscode.workspace.findFiles('**/*.{md,markdown,qmd,Rmd}');

    const result = await vscode.commands.executeCommand<CheckWorkspaceResult>('coprodLens.checkWorkspace');

    const perCopy = SAMPLES.reduce((n, name) => n + EXPECTED[name]!.length, 0);
    assert.deepEqual(result, { files: proposals.length, findings: 2 * perCopy, consultationOnly: 2 * perCopy, errors: [] });
    for (const [i, name] of SAMPLES.entries()) {
      const expected = EXPECTED[name]!;
      for (const uri of [unopened[i]!, sampleUri(name)]) {
        const diagnostics = await diagnosticsWhere(uri, (d) => d.length === expected.length, `${expected.length} diagnostics on ${uri.path}`);
        assert.deepEqual(
          diagnostics.map((d) => [codeOf(d), d.range.start.line, d.range.start.character, d.range.end.character]),
          expected.map(([line, start, end]) => ['consultation-only', line, start, end]),
          uri.path,
        );
      }
      assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === unopened[i]!.toString()), `${name} copy stayed unopened`);
    }
  });

  test('coprodLens.showEngagementProfile opens the engagement profile webview of the active proposal', async () => {
    await openAndWait(sampleUri('charity-grant.md'), 1);
    const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('coprodLens.showEngagementProfile');
    assert.ok(panel, 'the command returns its webview panel');
    assert.equal(panel.viewType, 'coprodLens.profile');
    assert.equal(panel.title, 'Engagement profile: charity-grant.md');
    assert.match(panel.webview.html, /<h2>Engagement profile: charity-grant\.md<\/h2>/);
    assert.match(panel.webview.html, /line 24: “[^”]+”/);
    assert.match(panel.webview.html, /consultation-only/);
    const tab = await tabWhere((t) => t.input instanceof vscode.TabInputWebview && t.label === panel.title, `a webview tab "${panel.title}"`);
    assert.equal(tab.group.viewColumn, vscode.ViewColumn.Two, 'opened beside the proposal');
    assert.match((tab.input as vscode.TabInputWebview).viewType, /coprodLens\.profile$/);
    panel.dispose();
  });
});
