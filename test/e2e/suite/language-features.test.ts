/// <reference types="mocha" />
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activate, closeAll, hoverText, openAndWait, removeScratch, sampleUri, scratchCopy } from './helpers';

suite('Hover and completion', () => {
  suiteSetup(async () => {
    await activate();
  });
  suiteTeardown(removeScratch);

  test('hover on a claim shows the claimed level and the level the evidence reaches', async () => {
    const uri = sampleUri('charity-grant.md');
    const { diagnostics } = await openAndWait(uri, 1);
    const claim = diagnostics[0]!.range;
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, claim.start.translate(0, 3));
    const text = hoverText(hovers);
    assert.match(text, /claims \*co-design\*, evidence reaches \*consultation\*/);
    assert.match(text, /Suggested reading/);
    assert.match(text, /Brandsen, T\., & Honingh, M\. \(2016\)/);
    const lensHover = hovers.find((h) => hoverText([h]).includes('Co-production Lens'));
    assert.ok(lensHover?.range, 'the hover has a range');
    assert.ok(lensHover.range.contains(claim), `the hover range ${JSON.stringify(lensHover.range)} covers the claim`);
    await closeAll();
  });

  test('completion after "[@" lists the pandoc keys of the chapter\'s reference list', async () => {
    const uri = await scratchCopy('genuine-coproduction.md');
    const { editor } = await openAndWait(uri, 0);
    const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    const typed = new vscode.WorkspaceEdit();
    typed.insert(uri, end, '\n\nSee [@');
    assert.ok(await vscode.workspace.applyEdit(typed));
    const position = editor.document.lineAt(editor.document.lineCount - 1).range.end;
    assert.equal(editor.document.lineAt(position.line).text, 'See [@');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, '@');
    const label = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);
    const labels = list.items.map(label);
    for (const key of ['brandsen2016', 'vennik2016', 'nef2013']) assert.ok(labels.includes(key), `${key} in ${labels.join(', ')}`);
    const brandsen = list.items.find((item) => label(item) === 'brandsen2016')!;
    assert.equal(brandsen.kind, vscode.CompletionItemKind.Reference);
    assert.match(String(brandsen.detail), /Brandsen & Honingh \(2016\)/);
  });
});
