import type { CitationContext } from '../citations/context';
import type { ProposalDocument } from '../document';
import type { Assessment, Claim, Fix, Severity } from '../types';

/** Where every rule's documentation page lives; `codeDescription.href` and SARIF `helpUri` use it. */
export const DOCS_BASE = 'https://github.com/coproduction-lens/coproduction-lens/blob/main/docs/rules/';

/** What a rule reports, before severity and suppression are applied. */
export interface RuleReport {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  /** The claim's assessment, for rules about claims. */
  readonly assessment?: Assessment;
  /** Fixes the rule computes itself (citation suggestions are added for every claim finding). */
  readonly fixes?: readonly Fix[];
  /** The sentence a citation fix should cite in, when it is not a claim's. */
  readonly sentence?: { readonly start: number; readonly end: number };
}

/** What a rule can read. */
export interface RuleContext {
  readonly doc: ProposalDocument;
  readonly assessments: readonly Assessment[];
  /** Sentences that define co-production. */
  readonly definitions: readonly Claim[];
  readonly citations: CitationContext;
}

/** One rule: a plain object registered in `rules/index.ts`. Its id is its file name and docs page. */
export interface Rule {
  readonly id: string;
  /** One line for rule lists, SARIF `shortDescription` and settings. */
  readonly description: string;
  readonly defaultSeverity: Severity;
  check(context: RuleContext): RuleReport[];
}

/** The documentation address of a rule. */
export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
