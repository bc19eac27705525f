import type { CancellationToken, Connection } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyze, LineIndex, type AnalysisResult } from '../core/index';
import { readBibliographies, type ReadBibliography } from '../node/bibliographies';
import type { DocumentSettings, SettingsStore } from './settings';
import { filePath } from './uri';
import type { Trust } from './trust';

/** One analysed version of a document. */
export interface Analysed {
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly lines: LineIndex;
  readonly result: AnalysisResult;
  readonly settings: DocumentSettings;
  readonly bibliographies: readonly ReadBibliography[];
}

/**
 * Analysis of open documents: debounced while typing, always on the latest version, cached per
 * version so diagnostics, code actions and hovers share one result. The core does the work; this
 * class only decides when, and on which text.
 */
export class Analyzer {
  private readonly cache = new Map<string, Analysed>();
  private readonly timers = new Map<string, { timer: NodeJS.Timeout; resolve: () => void }>();

  constructor(
    private readonly connection: Connection,
    private readonly settings: SettingsStore,
    private readonly trust: Trust,
  ) {}

  /** The cached analysis of exactly this version, if any. */
  cached(uri: string, version: number): Analysed | undefined {
    const hit = this.cache.get(uri);
    return hit && hit.version === version ? hit : undefined;
  }

  /** Drop a closed document. */
  forget(uri: string): void {
    this.cache.delete(uri);
    const pending = this.timers.get(uri);
    if (pending) {
      clearTimeout(pending.timer);
      pending.resolve();
      this.timers.delete(uri);
    }
  }

  /** Drop every cached result (settings, config file or a bibliography changed). */
  invalidate(): void {
    this.cache.clear();
  }

  /**
   * Resolves once `document` has gone `debounceMs` without a newer edit. At once when the debounce
   * is 0, or when no result for the document is held (just opened, or settings changed): only
   * typing into a document already shown waits.
   */
  async settle(document: TextDocument): Promise<void> {
    const { debounceMs } = await this.settings.get(document.uri);
    const previous = this.timers.get(document.uri);
    if (previous) {
      clearTimeout(previous.timer);
      previous.resolve();
      this.timers.delete(document.uri);
    }
    if (debounceMs === 0 || !this.cache.has(document.uri)) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.timers.delete(document.uri);
        resolve();
      }, debounceMs);
      this.timers.set(document.uri, { timer, resolve });
    });
  }

  /**
   * Analyse `document` as it is now (or return the cached result for its version). Pass
   * `cache = false` for a file read from disk: its version says nothing about the editor's.
   */
  async analyse(document: TextDocument, token?: CancellationToken, cache = true): Promise<Analysed | undefined> {
    const version = document.version;
    const hit = cache ? this.cached(document.uri, version) : undefined;
    if (hit) return hit;
    const settings = await this.settings.get(document.uri);
    if (token?.isCancellationRequested) return undefined;
    const text = document.getText() as unknown;
    if (typeof text !== 'string') {
      this.connection.console.error(`${document.uri}: the client sent no text for this document; it is not checked.`);
      return undefined;
    }
    if (text.length > settings.settings.maxFileSize) {
      this.connection.console.warn(`${document.uri}: not checked, larger than maxFileSize (${settings.settings.maxFileSize} bytes).`);
      return undefined;
    }
    const path = filePath(document.uri);
    const bibliographies = readBibliographies(
      path,
      text,
      settings.settings.bibliographies,
      settings.base,
      (message) => this.connection.console.warn(`${document.uri}: ${message}`),
      (absolute) => this.trust.allows(absolute),
    );
    let result: AnalysisResult;
    try {
      result = analyze(text, settings.settings, { bibliographies });
    } catch (error) {
      this.connection.console.error(`${document.uri}: analysis failed: ${(error as Error).stack ?? error}`);
      return undefined;
    }
    for (const failure of result.ruleErrors) this.connection.console.error(`${document.uri}: rule ${failure.rule} failed: ${failure.message}`);
    for (const notice of result.notices) this.connection.console.warn(`${document.uri}: ${notice.message}`);
    const analysed: Analysed = { uri: document.uri, version, text, lines: new LineIndex(text), result, settings, bibliographies };
    if (cache) this.cache.set(document.uri, analysed);
    return analysed;
  }
}
