import { realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';

/**
 * `path` with every symbolic link resolved, so that a check of where a file lives cannot be fooled
 * by a link. For a path that does not exist, the links of the folders that do exist are resolved
 * (a missing file under a linked folder is placed where the link leads).
 */
export function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    const parent = dirname(path);
    return parent === path ? path : join(realPath(parent), basename(path));
  }
}

/** True when `path` is `root` itself or lies under it (both compared as given: pass real paths). */
export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}
