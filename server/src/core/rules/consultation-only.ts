import { activities } from '../assess';
import { activitiesUpTo, adjustments, claimWord, describe, evidencedName } from '../messages';
import type { Rule } from './rule';

/**
 * `consultation-only`: a co-production or co-design claim whose evidence stops at consultation or
 * engagement (people give views; others decide).
 */
export const consultationOnly: Rule = {
  id: 'consultation-only',
  description: 'A co-production or co-design claim whose evidence reaches at most consultation or engagement.',
  defaultSeverity: 'warning',
  check({ assessments }) {
    return assessments
      .filter((a) => a.claim.claimed >= 6 && a.evidenced >= 1 && a.evidenced <= 5)
      .map((a) => {
        const word = claimWord(a);
        const found = describe(activitiesUpTo(a, 5)) || describe(activities(a.evidence));
        const lowered = adjustments(a);
        const expect =
          a.claim.claimed >= 7
            ? 'Reviewers will look for people who use services sharing decisions from design to delivery: for example as co-applicants or co-leads, paid and supported, deciding jointly at more than one stage.'
            : 'Reviewers will look for people who use services having real influence on the design (generating and prioritising ideas, deciding with you what is built), not only giving views.';
        return {
          start: a.claim.start,
          end: a.claim.end,
          assessment: a,
          message:
            `Claims ${word}, but the involvement described stops at ${evidencedName(a)}: ${found}.` +
            (lowered ? ` Wording weakens it (${lowered}).` : '') +
            ` ${expect}`,
        };
      });
  },
};
