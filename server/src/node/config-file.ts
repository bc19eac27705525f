import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, defaultSettings, parseSettings, type Settings } from '../core/index';
import { FileRefused, readBoundedText } from './bounded-read';
import { realPath } from './real-path';

/** The project config file's name. */
export const CONFIG_NAME = '.coprod-lens.json';

/** The largest config file read (1 MB): a real one is a few hundred bytes. */
export const MAX_CONFIG_SIZE = 1024 * 1024;

/** Where the settings came from, for messages and for resolving the paths they name. */
export interface LoadedSettings {
  readonly settings: Settings;
  readonly path: string | undefined;
  /** The folder relative paths in the settings (bibliographies) are resolved from. */
  readonly base: string;
}

/**
 * Load settings from `explicit` (the --config flag) or from the nearest `.coprod-lens.json`
 * in `cwd` or above it (up to `stopAt`), on top of `base`. Throws ConfigError naming the file,
 * also when `allow` refuses the file found (an untrusted workspace: a link leading outside it).
 */
export function loadSettings(
  explicit: string | undefined,
  cwd: string,
  base: Settings = defaultSettings(),
  stopAt?: string,
  allow: (path: string) => boolean = () => true,
): LoadedSettings {
  const path = explicit !== undefined ? resolve(cwd, explicit) : findUp(cwd, stopAt);
  if (path === undefined) return { settings: base, path: undefined, base: resolve(cwd) };
  if (!allow(path)) {
    throw new ConfigError(`${path}: not read, because it leads outside the workspace folders (a symbolic link) and the workspace is untrusted; trust the workspace, or replace the link with a copy of the file.`);
  }
  let raw: string;
  try {
    raw = readBoundedText(path, MAX_CONFIG_SIZE);
  } catch (error) {
    if (error instanceof FileRefused) throw new ConfigError(`${path}: not read as a config file, because ${error.message}; make it a JSON file of settings.`);
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

/**
 * The nearest config file from `start` upwards, not above `stopAt` when given (compared with
 * symbolic links resolved, so a folder opened through a link still stops the search).
 */
function findUp(start: string, stopAt?: string): string | undefined {
  const stop = stopAt === undefined ? undefined : realPath(resolve(stopAt));
  for (let dir = resolve(start); ; dir = dirname(dir)) {
    const candidate = join(dir, CONFIG_NAME);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir || (stop !== undefined && realPath(dir) === stop)) return undefined;
  }
}
