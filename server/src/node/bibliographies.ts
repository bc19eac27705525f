import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { bibliographyPaths, type BibliographyFile } from '../core/index';

/** A bibliography the CLI read, with where it lives on disk (for --fix). */
export interface ReadBibliography extends BibliographyFile {
  readonly absolute: string;
}

/**
 * Read the bibliographies a document relies on: those its front matter names (relative to the
 * document) and those the settings name (relative to the config file, or the working folder).
 * A file that cannot be read, or that `allow` refuses, is reported through `onError` and left out.
 */
export function readBibliographies(
  documentPath: string | undefined,
  text: string,
  settingsPaths: readonly string[],
  settingsBase: string,
  onError: (message: string) => void,
  allow: (absolute: string) => boolean = () => true,
): ReadBibliography[] {
  const out: ReadBibliography[] = [];
  const add = (written: string, base: string): void => {
    const absolute = isAbsolute(written) ? written : resolve(base, written);
    if (out.some((b) => b.absolute === absolute)) return;
    if (!allow(absolute)) {
      onError(`${written}: not read, because it is outside the workspace folders of an untrusted workspace.`);
      return;
    }
    try {
      out.push({ path: written, absolute, text: readFileSync(absolute, 'utf8') });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      onError(`${written}: cannot read the bibliography (${code === 'ENOENT' ? 'no such file' : code ?? (error as Error).message}); citations it holds will be reported as unknown.`);
    }
  };
  const docBase = documentPath ? dirname(documentPath) : process.cwd();
  for (const written of bibliographyPaths(text)) add(written, docBase);
  for (const written of settingsPaths) add(written, settingsBase);
  return out;
}
