import { claimWord } from '../messages';
import type { Rule } from './rule';

/** `unevidenced-claim`: a claim with no involvement activity anywhere in its scope. */
export const unevidencedClaim: Rule = {
  id: 'unevidenced-claim',
  description: 'A co-production or co-design claim with no involvement activity described anywhere in its scope.',
  defaultSeverity: 'information',
  check({ assessments }) {
    return assessments
      .filter((a) => a.evidenced === 0)
      .map((a) => ({
        start: a.claim.start,
        end: a.claim.end,
        assessment: a,
        message:
          `Claims ${claimWord(a)}, but no involvement activity is described anywhere in the proposal.` +
          ' Say who takes part, what they decide, at which stages, and how they are paid and supported.',
      }));
  },
};
