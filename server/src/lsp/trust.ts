import { realpathSync } from 'node:fs';
import { relative, isAbsolute } from 'node:path';
import { filePath } from './uri';

/**
 * What the server may read. In a trusted workspace: anything the user names. In an untrusted one:
 * only files whose real path (symbolic links resolved) lies inside a workspace folder, whatever a
 * setting or a document's front matter says.
 */
export class Trust {
  private roots: string[] = [];

  constructor(readonly trusted: boolean) {}

  /** Set the workspace folders (file URIs). */
  setFolders(uris: readonly string[]): void {
    this.roots = uris.flatMap((u) => {
      const path = filePath(u);
      return path === undefined ? [] : [real(path)];
    });
  }

  get folders(): readonly string[] {
    return this.roots;
  }

  /** May the server read `path`? */
  allows(path: string): boolean {
    return this.trusted || this.folderOf(path) !== undefined;
  }

  /** The workspace folder holding `path` (symbolic links resolved), if any. */
  folderOf(path: string): string | undefined {
    const target = real(path);
    return this.roots.find((root) => {
      const rel = relative(root, target);
      return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
    });
  }
}

function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
