import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, defaultSettings, parseSettings, type Settings } from '../core/index';

/** The project config file's name. */
export const CONFIG_NAME = '.coprod-lens.json';

/** Where the settings came from, for messages and for resolving the paths they name. */
export interface LoadedSettings {
  readonly settings: Settings;
  readonly path: string | undefined;
  /** The folder relative paths in the settings (bibliographies) are resolved from. */
  readonly base: string;
}

/**
 * Load settings from `explicit` (the --config flag) or from the nearest `.coprod-lens.json`
 * in `cwd` or above it (up to `stopAt`), on top of `base`. Throws ConfigError naming the file.
 */
export function loadSettings(explicit: string | undefined, cwd: string, base: Settings = defaultSettings(), stopAt?: string): LoadedSettings {
  const path = explicit !== undefined ? resolve(cwd, explicit) : findUp(cwd, stopAt);
  if (path === undefined) return { settings: base, path: undefined, base: resolve(cwd) };
  let raw: string;
  try {
    raw = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`${path}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw);
  } catch (error) {
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message}); fix the file or pass another with --config.`);
  }
  return { settings: parseSettings(value, path, base), path, base: dirname(path) };
}

/** The nearest config file from `start` upwards, not above `stopAt` when given. */
function findUp(start: string, stopAt?: string): string | undefined {
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir || (stopAt !== undefined && resolve(dir) === resolve(stopAt))) return undefined;
  }
}
