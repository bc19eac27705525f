/**
 * The core's own vocabulary. Everything the analysis produces is expressed in these types, with
 * offsets into the source text (UTF-16 code units, as JavaScript strings index them). Exactly one
 * module (`positions.ts`) turns offsets into line/character positions for the CLI and the server.
 */

/** Positions on the engagement ladder (see `ladder.ts`). */
export type Level = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

/** Severities, named as LSP names them so the conversion is a lookup. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** Stages of a project at which people who use services can be involved. */
export type Stage =
  | 'priority-setting'
  | 'design'
  | 'delivery'
  | 'analysis'
  | 'dissemination'
  | 'evaluation'
  | 'governance';

/** The NIHR (2018) co-production principles a passage can show. */
export type Principle = 'power' | 'perspectives' | 'knowledge' | 'reciprocity' | 'relationships';

/** What kind of thing a signal detects. */
export type SignalKind = 'activity' | 'hedge' | 'tokenism' | 'principle';

/** What backs a co-production claim beyond a single activity (DOMAIN BRIEF "where consultation ends"). */
export type Dimension = 'power' | 'roles' | 'resources' | 'relationships' | 'span';

/** A half-open range `[start, end)` of source offsets. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One piece of evidence: what the proposal says people do, with its place on the ladder. */
export interface Evidence extends Span {
  readonly signal: string;
  readonly kind: SignalKind;
  /** Level after hedges and tokenism markers in the same sentence are applied. */
  readonly level: Level;
  /** Level the signal carries before adjustment. */
  readonly baseLevel: Level;
  readonly stage: Stage | null;
  readonly dims: readonly Dimension[];
  readonly principles: readonly Principle[];
  /** Short human label taken from the text, e.g. "online survey". */
  readonly label: string;
  /** Why the level was lowered, if it was ("hedged: where possible"). */
  readonly adjustedBy?: string;
}

/** A sentence (or heading) in which the proposal claims co-production or co-design of its own work. */
export interface Claim extends Span {
  /** The sentence or heading that carries the claim. */
  readonly sentence: Span;
  /** The trigger as written, e.g. "co-designed". */
  readonly phrase: string;
  /** Every claim phrase in the sentence (none of them counts as evidence for the claim). */
  readonly triggers: readonly Span[];
  readonly claimed: Level;
  readonly isHeading: boolean;
}

/** A citation suggestion attached to a finding (filled by the citation layer). */
export interface Suggestion {
  readonly id: string;
  readonly author: string;
  readonly year: string;
  readonly citation: string;
}

/** A text edit expressed in source offsets, in the document or (with `file`) in a bibliography file. */
export interface TextEdit extends Span {
  readonly newText: string;
  /** The bibliography file to edit, as the document or settings name it; absent for the document itself. */
  readonly file?: string;
}

/** A fix offered for a finding, as data; editors derive code actions from it generically. */
export interface Fix {
  /** What the fix does: cite a reference, reword the claim, add a missing entry, or suppress the finding. */
  readonly kind: 'cite' | 'reword' | 'add-entry' | 'ignore';
  readonly title: string;
  readonly edits: readonly TextEdit[];
  readonly preferred?: boolean;
}

/** The assessment of one claim: what was claimed and what the proposal shows. */
export interface Assessment {
  readonly claim: Claim;
  readonly evidenced: Level;
  readonly evidence: readonly Evidence[];
  readonly stages: readonly Stage[];
  readonly principlesShown: readonly Principle[];
  readonly principlesMissing: readonly Principle[];
  /** Where the evidence was found: the claim's own block, its section, the involvement section, the whole document. */
  readonly scope: 'block' | 'section' | 'involvement-section' | 'document' | 'none';
}

/** A rule's finding, ready for the CLI or the language server. */
export interface Finding extends Span {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** The claim's assessment, for findings about claims. */
  readonly assessment?: Assessment;
  readonly suggestions: readonly Suggestion[];
  readonly fixes: readonly Fix[];
}
