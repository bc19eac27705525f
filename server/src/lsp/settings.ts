import { dirname } from 'node:path';
import { filePath } from './uri';
import type { Connection } from 'vscode-languageserver';
import { ConfigError, defaultSettings, parseSettings, type Settings } from '../core/index';
import { loadSettings } from '../node/config-file';
import type { Trust } from './trust';

/** Settings for one document: the core's, plus the editor-only debounce. */
export interface DocumentSettings {
  readonly settings: Settings;
  readonly debounceMs: number;
  /** Folder that relative paths in the settings start from. */
  readonly base: string;
}

/** The editor's `coprodLens.*` section (unvalidated). */
interface EditorSection {
  readonly debounce?: unknown;
  readonly trace?: unknown;
  readonly [key: string]: unknown;
}

const DEFAULT_DEBOUNCE = 250;

/**
 * Per-resource settings, validated where they enter: the editor's `coprodLens` section for the
 * document's resource, then the project's `.coprod-lens.json` (nearest above the document, within
 * its workspace folder) on top. A malformed value gives one error message and the defaults.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<DocumentSettings>>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly connection: Connection,
    private readonly trust: Trust,
    private readonly canAsk: () => boolean,
  ) {}

  /** Forget everything (settings or a config file changed). */
  clear(): void {
    this.cache.clear();
  }

  get(uri: string): Promise<DocumentSettings> {
    let found = this.cache.get(uri);
    if (!found) {
      found = this.load(uri);
      this.cache.set(uri, found);
    }
    return found;
  }

  private async load(uri: string): Promise<DocumentSettings> {
    let section: EditorSection = {};
    if (this.canAsk()) {
      try {
        section = ((await this.connection.workspace.getConfiguration({ scopeUri: uri, section: 'coprodLens' })) ?? {}) as EditorSection;
      } catch {
        section = {};
      }
    }
    const { debounce, trace: _trace, ...core } = section;
    let settings = defaultSettings();
    try {
      settings = parseSettings(pruneEditorDefaults(core), 'coprodLens settings');
    } catch (error) {
      this.report(error);
    }
    const debounceMs = typeof debounce === 'number' && debounce >= 0 && debounce <= 10_000 ? debounce : DEFAULT_DEBOUNCE;
    if (debounce !== undefined && debounceMs !== debounce) this.report(new ConfigError(`coprodLens.debounce is ${JSON.stringify(debounce)}; use a number of milliseconds from 0 to 10000.`));
    const path = filePath(uri);
    if (path === undefined) return { settings, debounceMs, base: process.cwd() };
    const folder = this.trust.folderOf(path);
    if (!this.trust.trusted && folder === undefined) return { settings, debounceMs, base: dirname(path) };
    try {
      // In an untrusted workspace a config file that is a link leading outside the folders is refused.
      const loaded = loadSettings(undefined, dirname(path), settings, folder, (config) => this.trust.allows(config));
      return { settings: loaded.settings, debounceMs, base: loaded.path ? loaded.base : (folder ?? dirname(path)) };
    } catch (error) {
      this.report(error);
      return { settings, debounceMs, base: folder ?? dirname(path) };
    }
  }

  /** One message per distinct problem; the server keeps running on defaults. */
  private report(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (this.reported.has(message)) return;
    this.reported.add(message);
    this.connection.console.error(message);
    void this.connection.window.showErrorMessage(`Co-production Lens: ${message}`);
  }
}

/** Drop keys the editor fills with nulls or empty values so they do not override the file. */
function pruneEditorDefaults(section: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(section)) {
    if (value === null || value === undefined) continue;
    if (key === 'rules' && typeof value === 'object') {
      const rules = Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined));
      out.rules = rules;
    } else out[key] = value;
  }
  return out;
}
