import { analyze } from './analyze';
import type { BibliographyFile } from './citations/bibliography';
import type { Settings } from './config';
import { applyEdits, editsFor } from './edits';

/** What adding every missing reference entry produced. */
export interface FixAllOutcome {
  readonly text: string;
  /** The bibliography files with their new text (same order as given). */
  readonly bibliographies: readonly BibliographyFile[];
  /** Titles of the fixes applied, in order. */
  readonly applied: readonly string[];
}

/**
 * The safe fix, applied to everything: add each missing reference entry, one at a time, each
 * re-planned on the text the previous one produced (so numbering and alphabetical order stay
 * right), until none is left. Shared by `check --fix` and the editor's source action.
 */
export function addAllMissingEntries(text: string, settings: Settings, bibliographies: readonly BibliographyFile[]): FixAllOutcome {
  let current = text;
  let bibs = [...bibliographies];
  const applied: string[] = [];
  for (let round = 0; round < 500; round++) {
    const fix = analyze(current, settings, { bibliographies: bibs })
      .findings.flatMap((f) => f.fixes)
      .find((f) => f.kind === 'add-entry');
    if (!fix) break;
    current = applyEdits(current, editsFor(fix.edits, undefined));
    bibs = bibs.map((b) => {
      const edits = editsFor(fix.edits, b.path);
      return edits.length > 0 ? { ...b, text: applyEdits(b.text, edits) } : b;
    });
    applied.push(fix.title);
  }
  return { text: current, bibliographies: bibs, applied };
}
