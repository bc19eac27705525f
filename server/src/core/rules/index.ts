import { coDesignNotCoProduction } from './co-design-not-co-production';
import { consultationOnly } from './consultation-only';
import { missingReferenceEntry } from './missing-reference-entry';
import type { Rule } from './rule';
import { uncitedDefinition } from './uncited-definition';
import { unevidencedClaim } from './unevidenced-claim';
import { unknownCitation } from './unknown-citation';

export type { Rule, RuleContext, RuleReport } from './rule';
export { docsUrl, DOCS_BASE } from './rule';

/** Every rule, in the order reports list them. The one registry settings and docs are checked against. */
export const RULES: readonly Rule[] = [
  consultationOnly,
  coDesignNotCoProduction,
  unevidencedClaim,
  uncitedDefinition,
  unknownCitation,
  missingReferenceEntry,
];

/** Look a rule up by id. */
export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
