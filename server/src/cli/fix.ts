import { applyEdits, analyze, editsFor, type AnalysisInputs, type Settings } from '../core/index';
import type { ReadBibliography } from '../node/bibliographies';

/** What `check --fix` changed in one document. */
export interface FixOutcome {
  readonly text: string;
  /** Bibliography files whose text changed, by absolute path. */
  readonly bibliographies: ReadonlyMap<string, string>;
  /** Titles of the fixes applied ("Add the reference entry for Brandsen & Honingh (2016)"). */
  readonly applied: readonly string[];
}

/**
 * Apply the safe fix only: add missing reference entries, one at a time (each re-planned on the
 * text the previous one produced, so numbering and order stay right), until none is left.
 */
export function fixMissingEntries(text: string, settings: Settings, bibliographies: readonly ReadBibliography[]): FixOutcome {
  let current = text;
  let bibs = bibliographies.map((b) => ({ ...b }));
  const applied: string[] = [];
  const limit = 500;
  for (let round = 0; round < limit; round++) {
    const inputs: AnalysisInputs = { bibliographies: bibs };
    const fix = analyze(current, settings, inputs)
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
  const changed = new Map<string, string>();
  bibs.forEach((b, i) => {
    if (b.text !== bibliographies[i]!.text) changed.set(b.absolute, b.text);
  });
  return { text: current, bibliographies: changed, applied };
}
