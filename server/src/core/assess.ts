import type { ProposalDocument } from './document';
import { lastStartingAtOrBefore } from './search';
import type { EvidenceIndex } from './evidence';
import { PRINCIPLES, STAGES } from './ladder';
import type { Assessment, Claim, Evidence, Level, Principle, Stage } from './types';

/**
 * Place a claim's evidence on the ladder. Scope: the claim's block (a whole list or table counts
 * as one block) and its section; a claim in a summary, or with nothing in its own section, also
 * reads the nearest involvement sections (up to three); a claim with nothing there reads the whole document. The evidenced level follows the domain's boundary:
 * co-production needs people who use services holding power (or doing the work at several
 * stages), across more than one stage, backed by roles, resources or relationships; power
 * without that is co-design; a voice only is consultation or engagement.
 */
export function assess(claim: Claim, doc: ProposalDocument, index: EvidenceIndex): Assessment {
  const blockIndex = blockAt(doc, claim.start);
  const block = doc.blocks[blockIndex]!;
  const sectionIndex = block.section;
  const section = doc.sections[sectionIndex];
  // A document title's section is the whole document: read only its own body (before any subheading).
  const topLevelBody = section !== undefined && section.depth === 1;
  let range: { from: number; to: number };
  if (section === undefined) {
    range = { from: 0, to: doc.sections.length > 0 ? doc.firstBlockAt(doc.sections[0]!.start) : doc.blocks.length };
  } else {
    const next = topLevelBody ? doc.sections[sectionIndex + 1] : undefined;
    range = doc.blockRange(section.start, next && next.start < section.end ? next.start : section.end);
  }
  // A list or table that spills past its section still counts as one block.
  const group = groupOf(doc, blockIndex);
  range = { from: Math.min(range.from, group.from), to: Math.max(range.to, group.to) };

  let evidence: readonly Evidence[] = index.inRange(range.from, range.to);
  let scope: Assessment['scope'] = evidence.some((e) => e.start >= block.start && e.end <= block.end) ? 'block' : 'section';
  const local = activities(evidence).length;
  // Outside the involvement sections, a claim whose own section falls short may point at them
  // ("co-designed with patients, see Section 5"); inside one, its own section is the answer.
  const short = local > 0 && evidencedLevel(activities(evidence)) < claim.claimed && !doc.inInvolvementSection(sectionIndex);
  if (local === 0 || short || doc.isSummary(sectionIndex) || topLevelBody) {
    const ownStart = doc.blocks[range.from]?.start ?? 0;
    const ownEnd = range.to < doc.blocks.length ? doc.blocks[range.to]!.start : doc.text.length;
    evidence = [...evidence, ...index.nearestInvolvement(claim.start, ownStart, ownEnd)];
    if (local === 0 && activities(evidence).length > 0) scope = 'involvement-section';
  }
  if (activities(evidence).length === 0) {
    // Nothing in the claim's section or an involvement section: read the whole document.
    evidence = index.everywhere();
    if (index.everywhereActivities().length > 0) scope = 'document';
  }
  // The claim's own words are not evidence for it ("developed together with tenants").
  const own = index.inBlock(blockIndex).filter(
    (e) => e.start >= claim.sentence.start && e.end <= claim.sentence.end && claim.triggers.some((t) => e.start >= t.start && e.end <= t.end),
  );
  if (own.length > 0) evidence = evidence.filter((e) => !own.includes(e));
  const whole = evidence === index.everywhere();
  const acts = whole ? index.everywhereActivities() : activities(evidence);
  if (acts.length === 0) scope = 'none';
  // Many claims can share the whole document as their scope: summarise it once.
  let summary = whole ? wholeDocument.get(evidence) : undefined;
  if (!summary) {
    summary = summarise(evidence, acts);
    if (whole) wholeDocument.set(evidence, summary);
  }
  return { claim, evidence, scope, ...summary };
}

/**
 * The run of blocks [from, to) around `blockIndex` that share its group (a list's items, a table's
 * cells). Found once per run and remembered for the document: walking it again for every claim in
 * a list of 20,000 claims took seconds.
 */
function groupOf(doc: ProposalDocument, blockIndex: number): { from: number; to: number } {
  let runs = groupRuns.get(doc);
  if (!runs) groupRuns.set(doc, (runs = new Map()));
  const known = runs.get(blockIndex);
  if (known) return known;
  const group = doc.blocks[blockIndex]!.group;
  let from = blockIndex;
  let to = blockIndex + 1;
  while (from > 0 && doc.blocks[from - 1]!.group === group) from--;
  while (to < doc.blocks.length && doc.blocks[to]!.group === group) to++;
  const run = { from, to };
  for (let i = from; i < to; i++) runs.set(i, run);
  return run;
}
const groupRuns = new WeakMap<ProposalDocument, Map<number, { from: number; to: number }>>();

type Summary = Pick<Assessment, 'evidenced' | 'stages' | 'principlesShown' | 'principlesMissing'>;
const wholeDocument = new WeakMap<readonly Evidence[], Summary>();

function summarise(evidence: readonly Evidence[], acts: readonly Evidence[]): Summary {
  const shown = new Set<Principle>();
  for (const e of evidence) if (e.kind === 'principle' || e.level >= 5) for (const p of e.principles) shown.add(p);
  const principles = Object.keys(PRINCIPLES) as Principle[];
  return {
    evidenced: evidencedLevel(acts),
    stages: stagesOf(acts, 0),
    principlesShown: principles.filter((p) => shown.has(p)),
    principlesMissing: principles.filter((p) => !shown.has(p)),
  };
}

/** Evidence that describes involvement activity (not hedges or principle-only mentions). */
export function activities(evidence: readonly Evidence[]): Evidence[] {
  return evidence.filter((e) => e.kind === 'activity' || e.kind === 'tokenism');
}

const THROUGH: ReadonlySet<Stage> = new Set(['delivery', 'analysis', 'dissemination', 'evaluation']);

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
    // More than one stage, one of them seeing it through (delivery, analysis, dissemination, evaluation).
    breadth: (stagesOf(acts, 6).length >= 2 && acts.some((e) => e.level >= 6 && e.stage !== null && THROUGH.has(e.stage))) || acts.some((e) => e.dims.includes('span')),
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
  // Payment or training with no activity described is not involvement evidence.
  if (described.length === 0) return 0;
  const max = described.reduce((m, e) => (e.level > m ? e.level : m), 0 as Level);
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
  return lastStartingAtOrBefore(doc.blocks, offset);
}
