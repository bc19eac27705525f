import { activities, isSupport } from './assess';
import { levelName } from './ladder';
import type { Assessment, Evidence } from './types';

/**
 * Plain-words pieces shared by the rules' messages: what was claimed, what was found, and what a
 * reviewer will look for.
 */

/** "co-production" or "co-design", from the claimed level. */
export function claimWord(assessment: Assessment): string {
  return assessment.claim.claimed >= 7 ? 'co-production' : 'co-design';
}

/** A short list of what the evidence describes, e.g. `"online survey", "two focus groups" and 1 more`. */
export function describe(evidence: readonly Evidence[], max = 4): string {
  const labels: string[] = [];
  for (const e of evidence) {
    const label = e.label;
    const lower = label.toLowerCase();
    // Keep the fuller of two overlapping labels ("two focus groups" over "focus groups").
    const same = labels.findIndex((l) => l.toLowerCase().includes(lower) || lower.includes(l.toLowerCase()));
    if (same < 0) labels.push(label);
    else if (label.length > labels[same]!.length) labels[same] = label;
  }
  if (labels.length === 0) return '';
  const quoted = labels.map((l) => `"${l}"`);
  const shown = quoted.slice(0, max);
  const more = quoted.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length === 1) return shown[0]!;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/** Involvement activities at or below `maxLevel`, in document order (support such as payment left out). */
export function activitiesUpTo(assessment: Assessment, maxLevel: number): Evidence[] {
  return activities(assessment.evidence).filter((e) => e.level <= maxLevel && !isSupport(e));
}

/** Activities at or above `minLevel`, in document order. */
export function activitiesFrom(assessment: Assessment, minLevel: number): Evidence[] {
  return activities(assessment.evidence).filter((e) => e.level >= minLevel);
}

/** Why the evidence is weaker than it looks: hedges and tokenism markers ("hedged: "where possible""). */
export function adjustments(assessment: Assessment): string {
  const reasons = new Set<string>();
  for (const e of assessment.evidence) {
    if (e.adjustedBy) reasons.add(e.adjustedBy);
    else if (e.kind === 'tokenism') reasons.add(`tokenism marker: "${e.label}"`);
  }
  return [...reasons].slice(0, 2).join('; ');
}

/** The ladder name of the evidenced level. */
export function evidencedName(assessment: Assessment): string {
  return levelName(assessment.evidenced);
}
