import { dirname, isAbsolute, resolve } from 'node:path';
import { bibliographyPaths, type BibliographyFile } from '../core/index';
import { FileRefused, readBoundedText } from './bounded-read';

/**
 * The largest bibliography read (10 MB): far above any real reference list (a 10,000-entry BibTeX
 * export is about 5 MB), low enough that a wrong path cannot exhaust memory.
 */
export const MAX_BIBLIOGRAPHY_SIZE = 10 * 1024 * 1024;

/** A bibliography the CLI read, with where it lives on disk (for --fix). */
export interface ReadBibliography extends BibliographyFile {
  readonly absolute: string;
}

/**
 * Read the bibliographies a document relies on: those its front matter names (relative to the
 * document) and those the settings name (relative to the config file, or the working folder).
 * A file that cannot be read, that `allow` refuses, that is not a regular file (/dev/zero, a named
 * pipe) or that is over `maxBytes` is reported through `onError` and left out.
 */
export function readBibliographies(
  documentPath: string | undefined,
  text: string,
  settingsPaths: readonly string[],
  settingsBase: string,
  onError: (message: string) => void,
  allow: (absolute: string) => boolean = () => true,
  maxBytes: number = MAX_BIBLIOGRAPHY_SIZE,
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
      out.push({ path: written, absolute, text: readBoundedText(absolute, maxBytes) });
    } catch (error) {
      if (error instanceof FileRefused) {
        onError(`${written}: not read, because ${error.message}; name a bibliography file (.bib, .json, .yaml) under that size instead. Citations it would hold are reported as unknown.`);
        return;
      }
      const code = (error as NodeJS.ErrnoException).code;
      onError(`${written}: cannot read the bibliography (${code === 'ENOENT' ? 'no such file' : code ?? (error as Error).message}); citations it holds will be reported as unknown.`);
    }
  };
  const docBase = documentPath ? dirname(documentPath) : process.cwd();
  for (const written of bibliographyPaths(text)) add(written, docBase);
  for (const written of settingsPaths) add(written, settingsBase);
  return out;
}
