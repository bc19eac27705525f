import { isWithin, realPath } from '../node/real-path';
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
      return path === undefined ? [] : [realPath(path)];
    });
  }

  /** The workspace folders' real paths. */
  get folders(): readonly string[] {
    return this.roots;
  }

  /** May the server read `path`? */
  allows(path: string): boolean {
    return this.trusted || this.folderOf(path) !== undefined;
  }

  /** The workspace folder holding `path` (symbolic links resolved), if any. */
  folderOf(path: string): string | undefined {
    const target = realPath(path);
    return this.roots.find((root) => isWithin(root, target));
  }
}
