import { activities, coProductionParts } from '../assess';
import { activitiesFrom, describe } from '../messages';
import type { Rule } from './rule';

/**
 * `co-design-not-co-production`: a co-production claim evidenced at co-design level — real
 * influence or power, but not seen through across stages with roles and resources.
 */
export const coDesignNotCoProduction: Rule = {
  id: 'co-design-not-co-production',
  description: 'A co-production claim evidenced only at co-design level.',
  defaultSeverity: 'information',
  check({ assessments }) {
    return assessments
      .filter((a) => a.claim.claimed >= 7 && a.evidenced === 6)
      .map((a) => {
        const parts = coProductionParts(activities(a.evidence));
        const missing: string[] = [];
        if (!parts.power) missing.push('people who use services holding decision power (co-leads, co-chairs, joint decisions)');
        if (!parts.breadth) missing.push('involvement at more than one stage, through delivery');
        if (!parts.support) missing.push('roles and resources behind it (payment, training and support, agreed ground rules)');
        return {
          start: a.claim.start,
          end: a.claim.end,
          assessment: a,
          message:
            `Claims co-production, but the evidence reaches co-design: ${describe(activitiesFrom(a, 6))}.` +
            ` Co-production also needs ${missing.join('; ')}.`,
        };
      });
  },
};
