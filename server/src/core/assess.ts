import type { ProposalDocument } from './document';
import type { EvidenceIndex } from './evidence';
import { PRINCIPLES, STAGES } from './ladder';
import type { Assessment, Claim, Evidence, Level, Principle, Stage } from './types';

/**
 * Place a claim's evidence on the ladder. Scope: the claim's block (a whole list or table counts
 * as one block) and its section; a claim in a summary, or with nothing in its own section, also
 * reads the document's involvement sections. The evidenced level follows the domain's boundary:
 * co-production needs people who use services holding power (or doing the work at several
 * stages), across more than one stage, backed by roles, resources or relationships; power
 * without that is co-design; a voice only is consultation or engagement.
 */
export function assess(claim: Claim, doc: ProposalDocument, index: EvidenceIndex): Assessment {
  const blockIndex = blockAt(doc, claim.start);
  const block = doc.blocks[blockIndex]!;
  const sectionIndex = block.section;
  const section = doc.sections[sectionIndex];
  const topLevelBody = section !== undefined && section.depth === 1;
  const inSection = (i: number): boolean => {
    const b = doc.blocks[i]!;
    if (b.group === block.group) return true;
    if (sectionIndex < 0) return b.section < 0;
    return topLevelBody ? b.section === sectionIndex : doc.within(b.section, sectionIndex);
  };
  let evidence = index.inBlocks(inSection);
  let scope: Assessment['scope'] = evidence.some((e) => e.start >= block.start && e.end <= block.end) ? 'block' : 'section';
  if (activities(evidence).length === 0 || doc.isSummary(sectionIndex) || topLevelBody) {
    const involvement = doc.involvementSections.filter((s) => s !== sectionIndex && !(sectionIndex >= 0 && doc.within(s, sectionIndex)));
    if (involvement.length > 0) {
      const extra = index.inBlocks((i) => !inSection(i) && involvement.some((s) => doc.within(doc.blocks[i]!.section, s)));
      if (extra.length > 0 && activities(evidence).length === 0) scope = 'involvement-section';
      evidence = evidence.concat(extra);
    }
  }
  // The claim's own words are not evidence for it ("developed together with tenants").
  evidence = evidence.filter((e) => !(e.start >= claim.start && e.end <= claim.end));
  const acts = activities(evidence);
  if (acts.length === 0) scope = 'none';
  const shown = new Set<Principle>();
  for (const e of evidence) if (e.kind === 'principle' || e.level >= 5) for (const p of e.principles) shown.add(p);
  const principles = Object.keys(PRINCIPLES) as Principle[];
  return {
    claim,
    evidenced: evidencedLevel(acts),
    evidence,
    stages: stagesOf(acts, 0),
    principlesShown: principles.filter((p) => shown.has(p)),
    principlesMissing: principles.filter((p) => !shown.has(p)),
    scope,
  };
}

/** Evidence that describes involvement activity (not hedges or principle-only mentions). */
export function activities(evidence: readonly Evidence[]): Evidence[] {
  return evidence.filter((e) => e.kind === 'activity' || e.kind === 'tokenism');
}

/** The three things co-production needs beyond a voice, as found in the evidence. */
export interface CoProductionParts {
  /** People who use services hold power: a decision right or governing role, or they do the work at two stages. */
  readonly power: boolean;
  /** More than one stage, or an explicit "from the outset to the end". */
  readonly breadth: boolean;
  /** Roles, resources or relationships behind it (payment, training, ground rules…). */
  readonly support: boolean;
}

/** Which of the parts of co-production the activities show. */
export function coProductionParts(acts: readonly Evidence[]): CoProductionParts {
  const strong = acts.filter((e) => e.level >= 7);
  return {
    power: strong.some((e) => e.dims.includes('power')) || stagesOf(strong, 7).length >= 2,
    breadth: stagesOf(acts, 6).length >= 2 || acts.some((e) => e.dims.includes('span')),
    support: acts.some(
      (e) => e.level >= 5 && (e.dims.includes('roles') || e.dims.includes('resources') || e.dims.includes('relationships')),
    ),
  };
}

/** The level the evidence as a whole reaches (see the module comment). */
export function evidencedLevel(acts: readonly Evidence[]): Level {
  if (acts.length === 0) return 0;
  // Support (payment, training, ground rules) backs involvement but does not raise its level.
  const described = acts.filter((e) => !isSupport(e));
  const max = Math.max(...(described.length > 0 ? described : acts).map((e) => e.level)) as Level;
  if (max < 7) return max;
  const parts = coProductionParts(acts);
  if (parts.power && parts.breadth && parts.support) return max === 8 ? 8 : 7;
  // Not seen through: power or design influence without the rest is co-design; a role or a
  // single delivery task without either is engagement.
  const influence = parts.power || acts.some((e) => e.level === 6);
  return influence ? 6 : 5;
}

/** True for evidence that backs involvement (payment, training, ground rules) rather than describing it. */
export function isSupport(e: Evidence): boolean {
  return e.level <= 5 && (e.dims.includes('resources') || e.dims.includes('relationships') || e.dims.includes('span'));
}

/** Distinct stages of evidence at or above `minLevel`, in project order. */
export function stagesOf(evidence: readonly Evidence[], minLevel: number): Stage[] {
  const seen = new Set<Stage>();
  for (const e of evidence) if (e.stage && e.level >= minLevel) seen.add(e.stage);
  return STAGES.filter((s) => seen.has(s));
}

function blockAt(doc: ProposalDocument, offset: number): number {
  const blocks = doc.blocks;
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (blocks[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
