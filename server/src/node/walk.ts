import { readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';

/** Extensions a folder walk picks up (compared case-insensitively). */
export const MARKDOWN_EXTENSIONS = ['.md', '.markdown', '.qmd', '.rmd'];
const SKIP_DIRS = new Set(['node_modules', '.git']);

/** Markdown files under `dir`, sorted, skipping node_modules and .git; symbolic links to folders are not followed. */
export function walk(dir: string): string[] {
  const out: string[] = [];
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) for (const file of walk(path)) out.push(file);
    } else if (MARKDOWN_EXTENSIONS.includes(extname(entry.name).toLowerCase())) {
      if (entry.isFile() || (entry.isSymbolicLink() && isFile(path))) out.push(path);
    }
  }
  return out;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
