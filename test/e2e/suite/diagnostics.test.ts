/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, codeOf, duplicates, EXPECTED, openAndWait, sampleUri, SAMPLES, SOURCE } from './helpers';

suite('Diagnostics on the samples', () => {
  suiteSetup(async () => {
    duplicates.start();
    await activate();
  });
  suiteTeardown(closeAll);

  for (const sample of SAMPLES) {
    const expected = EXPECTED[sample]!;
    test(`${sample}: ${expected.length === 0 ? 'no findings' : `consultation-only at ${expected.map(([line]) => `line ${line + 1}`).join(' and ')}`}`, async () => {
      const { editor, diagnostics } = await openAndWait(sampleUri(sample), expected.length);
      assert.equal(editor.document.languageId, 'markdown');
      assert.deepEqual(
        diagnostics.map((d) => [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]),
        expected.map(([line, start, end]) => [line, start, line, end]),
        'ranges of the findings',
      );
      diagnostics.forEach((diagnostic, i) => {
        assert.equal(diagnostic.source, SOURCE);
        assert.equal(codeOf(diagnostic), 'consultation-only');
        assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Warning);
        assert.equal(editor.document.getText(diagnostic.range), expected[i]![3], 'the claim the finding underlines');
        assert.match(diagnostic.message, /^Claims co-(design|production), but the involvement described stops at (consultation|engagement)/);
      });
    });
  }
});
