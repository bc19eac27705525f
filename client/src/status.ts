import * as vscode from 'vscode';
import type { StatusParams } from '../../server/src/lsp/protocol';

/** The status bar summary for the active proposal: claims and consultation-only claims; opens Problems. */
export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('coprodLens.status', vscode.StatusBarAlignment.Right, 100);
  private readonly counts = new Map<string, StatusParams>();
  private readonly subscription: vscode.Disposable;

  constructor() {
    this.item.name = 'Co-production Lens';
    this.item.command = 'workbench.actions.view.problems';
    this.subscription = vscode.window.onDidChangeActiveTextEditor(() => this.render());
  }

  update(params: StatusParams): void {
    this.counts.set(params.uri, params);
    this.render();
  }

  private render(): void {
    const uri = vscode.window.activeTextEditor?.document.uri.toString();
    const counts = uri ? this.counts.get(uri) : undefined;
    if (!counts) {
      this.item.hide();
      return;
    }
    const flagged = counts.consultationOnly;
    this.item.text = `$(law) ${counts.claims} ${counts.claims === 1 ? 'claim' : 'claims'} · ${flagged} consultation-only`;
    this.item.tooltip = `Co-production Lens: ${counts.claims} co-production or co-design claims, ${flagged} evidenced only as consultation; ${counts.findings} findings in all. Click to open the Problems view.`;
    this.item.backgroundColor = flagged > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
