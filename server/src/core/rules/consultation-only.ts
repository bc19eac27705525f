import { activities } from '../assess';
import { activitiesUpTo, adjustments, claimWord, describe, evidencedName } from '../messages';
import type { Rule } from './rule';

/**
 * Honest wording for a claim phrase, keeping the sentence grammatical: "co-produced" → "informed
 * by consultation", "co-design" (noun) → "consultation". Undefined when no safe rewording exists.
 */
export function reword(phrase: string): string | undefined {
  const p = phrase.toLowerCase();
  const capital = (s: string): string => (phrase[0] === phrase[0]!.toUpperCase() && phrase[0] !== phrase[0]!.toLowerCase() ? s[0]!.toUpperCase() + s.slice(1) : s);
  if (/^co-?(?:produc|design|creat|develop)(?:ed)$/.test(p)) return capital('informed by consultation');
  if (/^co-?(?:production|design|creation|development)$/.test(p)) return capital('consultation');
  if (/^co-?(?:produc|design|creat|develop)(?:e|ing)$/.test(p)) return capital(p.endsWith('ing') ? 'consulting on' : 'consult on');
  if (/^(?:as )?equal partners$/.test(p)) return capital(p.startsWith('as ') ? 'as people we consult' : 'people we consult');
  const together = /^(designed|developed|created|written|shaped|built|planned) (?:together|jointly|hand in hand|in partnership|in [a-z]+ partnership) with /.exec(p);
  if (together) return capital(`${together[1]} after consulting ${phrase.slice(together[0].length)}`);
  return undefined;
}

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
        const honest = reword(a.claim.phrase);
        return {
          start: a.claim.start,
          end: a.claim.end,
          assessment: a,
          fixes: honest === undefined ? [] : [{ kind: 'reword', title: `Describe as consultation: "${honest}"`, edits: [{ start: a.claim.start, end: a.claim.end, newText: honest }] }],
          message:
            `Claims ${word}, but the involvement described stops at ${evidencedName(a)}: ${found}.` +
            (lowered ? ` Wording weakens it (${lowered}).` : '') +
            ` ${expect}`,
        };
      });
  },
};
