import { RULES } from './rules/index';
import type { Severity } from './types';

/**
 * Settings shared by the CLI and the editor, validated once where they enter. The project config
 * file (`.coprod-lens.json`) holds the same shape:
 *
 * { "rules": { "consultation-only": "error", "unevidenced-claim": "off" }, "maxFileSize": "2MB" }
 */

/** A rule's configured severity, or off. */
export type RuleSetting = Severity | 'off';

/** Citation styles a setting can force; "auto" detects the style the document uses. */
export type CitationStyleSetting = 'auto' | 'author-date' | 'numeric' | 'pandoc';

/** Validated settings. */
export interface Settings {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  /** Files larger than this many bytes are skipped with an error. */
  readonly maxFileSize: number;
  readonly citationStyle: CitationStyleSetting;
  /** The heading of the document's reference list (found case-insensitively; created when missing). */
  readonly referencesHeading: string;
  /** Bibliography files (CSL-JSON or BibTeX) added to every document, as the settings name them. */
  readonly bibliographies: readonly string[];
}

/** Thrown for invalid settings; the message names the source and says what to do. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Default maximum file size: 2 MB. */
export const DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024;

/** Defaults: every rule at its default severity. */
export function defaultSettings(): Settings {
  return {
    rules: Object.fromEntries(RULES.map((r) => [r.id, r.defaultSeverity])),
    maxFileSize: DEFAULT_MAX_FILE_SIZE,
    citationStyle: 'auto',
    referencesHeading: 'References',
    bibliographies: [],
  };
}

const SEVERITIES: readonly RuleSetting[] = ['error', 'warning', 'information', 'hint', 'off'];
const KEYS = ['$schema', 'rules', 'maxFileSize', 'citationStyle', 'referencesHeading', 'bibliographies'];
const STYLES: readonly CitationStyleSetting[] = ['auto', 'author-date', 'numeric', 'pandoc'];

/**
 * Validate a parsed config value from `source` (a file name or "settings") on top of `base`.
 * Throws a ConfigError naming `source` and the offending key.
 */
export function parseSettings(value: unknown, source: string, base: Settings = defaultSettings()): Settings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(`${source}: expected a JSON object such as {"rules": {"consultation-only": "error"}}.`);
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (!KEYS.includes(key)) throw new ConfigError(`${source}: unknown key "${key}"; allowed keys are ${KEYS.slice(1).join(', ')}.`);
  }
  const rules: Record<string, RuleSetting> = { ...base.rules };
  if (record.rules !== undefined) {
    if (typeof record.rules !== 'object' || record.rules === null || Array.isArray(record.rules)) {
      throw new ConfigError(`${source}: "rules" must be an object mapping rule ids to a severity or "off".`);
    }
    for (const [id, setting] of Object.entries(record.rules as Record<string, unknown>)) {
      const rule = RULES.find((r) => r.id === id);
      if (!rule) throw new ConfigError(`${source}: unknown rule "${id}"; known rules are ${RULES.map((r) => r.id).join(', ')}.`);
      rules[id] = ruleSetting(setting, rule.defaultSeverity, `${source}: rules["${id}"]`);
    }
  }
  let maxFileSize = base.maxFileSize;
  if (record.maxFileSize !== undefined) maxFileSize = parseSize(record.maxFileSize, `${source}: maxFileSize`);
  let citationStyle = base.citationStyle;
  if (record.citationStyle !== undefined) {
    if (!(STYLES as readonly unknown[]).includes(record.citationStyle)) {
      throw new ConfigError(`${source}: citationStyle is ${JSON.stringify(record.citationStyle)}; use one of ${STYLES.join(', ')}.`);
    }
    citationStyle = record.citationStyle as CitationStyleSetting;
  }
  let referencesHeading = base.referencesHeading;
  if (record.referencesHeading !== undefined) {
    if (typeof record.referencesHeading !== 'string' || !/\S/.test(record.referencesHeading) || /[\r\n]/.test(record.referencesHeading)) {
      throw new ConfigError(`${source}: referencesHeading must be a one-line heading text such as "References".`);
    }
    referencesHeading = record.referencesHeading.trim();
  }
  let bibliographies = base.bibliographies;
  if (record.bibliographies !== undefined) {
    const list = record.bibliographies;
    if (!Array.isArray(list) || list.some((b) => typeof b !== 'string' || b.trim() === '')) {
      throw new ConfigError(`${source}: bibliographies must be a list of file paths (CSL-JSON .json or BibTeX .bib).`);
    }
    bibliographies = list as string[];
  }
  return { rules, maxFileSize, citationStyle, referencesHeading, bibliographies };
}

function ruleSetting(value: unknown, fallback: Severity, where: string): RuleSetting {
  if (value === true) return fallback;
  if (value === false) return 'off';
  if (typeof value === 'string' && (SEVERITIES as readonly string[]).includes(value)) return value as RuleSetting;
  throw new ConfigError(`${where} is ${JSON.stringify(value)}; use one of ${SEVERITIES.join(', ')}, true or false.`);
}

const UNITS: Readonly<Record<string, number>> = { b: 1, kb: 1024, k: 1024, mb: 1024 * 1024, m: 1024 * 1024, gb: 1024 ** 3 };

/** Parse a size: a number of bytes, or a string such as "500kB" or "2MB". */
export function parseSize(value: unknown, where: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return Math.floor(value);
  if (typeof value === 'string') {
    const match = /^\s*([0-9]+(?:\.[0-9]+)?)\s*([a-z]*)\s*$/i.exec(value);
    const unit = match ? UNITS[(match[2] || 'b').toLowerCase()] : undefined;
    if (match && unit !== undefined && Number(match[1]) > 0) return Math.floor(Number(match[1]) * unit);
  }
  throw new ConfigError(`${where} is ${JSON.stringify(value)}; use a positive number of bytes or a size such as "2MB".`);
}
