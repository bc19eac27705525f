import { addAllMissingEntries, type Settings } from '../core/index';
import type { ReadBibliography } from '../node/bibliographies';

/** What `check --fix` changed in one document. */
export interface FixOutcome {
  readonly text: string;
  /** Bibliography files whose text changed, by absolute path. */
  readonly bibliographies: ReadonlyMap<string, string>;
  /** Titles of the fixes applied ("Add the reference entry for Brandsen & Honingh (2016)"). */
  readonly applied: readonly string[];
}

/** Apply the safe fix only (add missing reference entries) and say which files changed. */
export function fixMissingEntries(text: string, settings: Settings, bibliographies: readonly ReadBibliography[]): FixOutcome {
  const outcome = addAllMissingEntries(text, settings, bibliographies);
  const changed = new Map<string, string>();
  outcome.bibliographies.forEach((b, i) => {
    if (b.text !== bibliographies[i]!.text) changed.set(bibliographies[i]!.absolute, b.text);
  });
  return { text: outcome.text, bibliographies: changed, applied: outcome.applied };
}
