import type { Rule } from './rule';

/** `uncited-definition`: a definition of co-production (or co-design) with no citation in its sentence. */
export const uncitedDefinition: Rule = {
  id: 'uncited-definition',
  description: 'A definition of co-production or co-design with no citation.',
  defaultSeverity: 'hint',
  check({ definitions, citations }) {
    return definitions
      .filter((d) => !citations.groups.some((g) => g.start < d.sentence.end && g.end > d.sentence.start))
      .map((d) => ({
        start: d.start,
        end: d.end,
        sentence: d.sentence,
        message: `This sentence defines "${d.phrase}" without a citation. The term has many meanings; say whose definition you use.`,
      }));
  },
};
