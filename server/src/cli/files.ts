import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { kindOf, readToEnd, SILENCE_MS } from '../node/bounded-read';
import { walk } from '../node/walk';
import { globSync } from 'tinyglobby';

const GLOB_CHARS = /[*?[\]{}!]/;

/** Thrown for a path argument that names nothing; exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** A file to check: its absolute path (or "-" for stdin) and the path to print. */
export interface Target {
  readonly absolute: string;
  readonly display: string;
}

/**
 * Expand the CLI's path arguments: files as given, folders walked for Markdown (skipping
 * node_modules and .git), globs matched from `cwd`, "-" for stdin. Sorted per argument,
 * de-duplicated. Throws UsageError naming an argument that matches nothing.
 */
export function expandTargets(args: readonly string[], cwd: string): Target[] {
  const seen = new Set<string>();
  const out: Target[] = [];
  const add = (absolute: string): void => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    out.push({ absolute, display: absolute === '-' ? '<stdin>' : displayPath(absolute, cwd) });
  };
  for (const arg of args) {
    if (arg === '-') {
      add('-');
      continue;
    }
    const absolute = resolve(cwd, arg);
    const stats = statOrUndefined(absolute);
    if (stats?.isDirectory()) {
      for (const file of walk(absolute)) add(file);
    } else if (stats) {
      add(absolute);
    } else if (GLOB_CHARS.test(arg)) {
      const matches = globSync(arg, { cwd, absolute: true, onlyFiles: false, ignore: ['**/node_modules/**', '**/.git/**'] }).sort();
      if (matches.length === 0) throw new UsageError(`no files match "${arg}"; check the pattern (quote it so the shell does not expand it).`);
      for (const match of matches) {
        const abs = resolve(match);
        if (statOrUndefined(abs)?.isDirectory()) for (const file of walk(abs)) add(file);
        else add(abs);
      }
    } else {
      throw new UsageError(`no such file or folder: "${arg}".`);
    }
  }
  return out;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    try {
      return lstatSync(path);
    } catch {
      return undefined;
    }
  }
}

/** A path as the user would type it from `cwd`, with forward slashes. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  const shown = rel === '' ? '.' : rel.startsWith('..') && rel.split(sep).length > 4 ? absolute : rel;
  return shown.split(sep).join('/');
}

/** The text of a file, or why it cannot be checked. */
export type ReadResult = { readonly text: string } | { readonly error: string };

/**
 * Read one file for checking: refuses files over `maxBytes`, binary files (NUL bytes) and text
 * that is not UTF-8, with a message that says what to do. Strips a UTF-8 byte-order mark.
 */
export function readTarget(target: Target, maxBytes: number, stdin: () => Buffer): ReadResult {
  let bytes: Buffer;
  try {
    if (target.absolute === '-') {
      bytes = stdin();
    } else {
      // Opened without blocking and checked through the descriptor, so that a named pipe with no
      // writer cannot hang the run.
      const fd = openSync(target.absolute, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
      try {
        const stats = fstatSync(fd);
        if (stats.isDirectory()) return { error: 'cannot read: is a folder.' };
        if (!stats.isFile()) {
          // A pipe (`<(git show HEAD:proposal.md)`, /dev/stdin), socket or device: read what comes.
          const read = readToEnd(fd, maxBytes);
          if (read === 'silent') return { error: `skipped: nothing came from ${kindOf(stats)} for ${SILENCE_MS / 1000} s; pass the text on standard input ("-") instead.` };
          if (read === 'over') return { error: `skipped: ${kindOf(stats)} gave more than the ${formatBytes(maxBytes)} limit; raise "maxFileSize" in .coprod-lens.json to check it.` };
          bytes = read;
        } else if (stats.size > maxBytes) {
          return { error: `skipped: ${formatBytes(stats.size)} is over the ${formatBytes(maxBytes)} limit; raise "maxFileSize" in .coprod-lens.json to check it.` };
        } else bytes = readFileSync(fd);
      } finally {
        closeSync(fd);
      }
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'is a folder' : (error as Error).message;
    return { error: `cannot read: ${why}.` };
  }
  if (bytes.length > maxBytes) return { error: `skipped: ${formatBytes(bytes.length)} is over the ${formatBytes(maxBytes)} limit; raise "maxFileSize" in .coprod-lens.json to check it.` };
  if (bytes.includes(0)) return { error: 'skipped: binary file (it contains NUL bytes); only Markdown text can be checked.' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { error: 'skipped: not valid UTF-8; save the file as UTF-8 and check it again.' };
  }
  return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** "2 MB", "512 kB", "10 B". */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${+(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${+(n / 1024).toFixed(1)} kB`;
  return `${n} B`;
}
