import { coDesignNotCoProduction } from './co-design-not-co-production';
import { consultationOnly } from './consultation-only';
import type { Rule } from './rule';
import { unevidencedClaim } from './unevidenced-claim';

export type { Rule, RuleContext, RuleReport } from './rule';
export { docsUrl, DOCS_BASE } from './rule';

/** Every rule, in the order reports list them. The one registry settings and docs are checked against. */
export const RULES: readonly Rule[] = [consultationOnly, coDesignNotCoProduction, unevidencedClaim];

/** Look a rule up by id. */
export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
