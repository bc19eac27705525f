import { LEVEL_NAMES, STAGES } from '../core/index';
import type { ProfileResult } from './protocol';
import type { Analysed } from './analysis';

/** The engagement profile of a document: each claim, claimed against evidenced level, by stage. */
export function profile(analysed: Analysed): ProfileResult {
  return {
    uri: analysed.uri,
    levels: Object.values(LEVEL_NAMES),
    stages: [...STAGES],
    claims: analysed.result.assessments.map((a) => ({
      phrase: a.claim.phrase,
      line: analysed.lines.position(a.claim.start).line,
      claimed: a.claim.claimed,
      evidenced: a.evidenced,
      stages: [...a.stages],
      rule: analysed.result.findings.find((f) => f.assessment === a)?.rule ?? null,
    })),
  };
}
