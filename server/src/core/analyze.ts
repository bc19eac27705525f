import { assess } from './assess';
import { contentStart } from './byte-order-mark';
import { BUNDLED_REFERENCES } from './citations/bundled';
import type { BibliographyFile } from './citations/bibliography';
import { citationContext, type CitationContext } from './citations/context';
import type { CslItem } from './citations/database';
import { narrative } from './citations/format';
import { planCitation } from './citations/plan';
import { suggest, type SuggestionFor } from './citations/suggest';
import { findClaims } from './claims';
import { defaultSettings, type Settings } from './config';
import { ProposalDocument } from './document';
import { EvidenceIndex } from './evidence';
import { firstAuthor, yearOf } from './citations/database';
import { RULES } from './rules/index';
import type { Rule, RuleReport } from './rules/rule';
import { suppressions, type UnknownRule } from './suppress';
import type { Assessment, Finding, Fix, Span, Suggestion } from './types';

/** Values the analysis reads besides the text: the reference database and bibliography files. */
export interface AnalysisInputs {
  /** The works suggestions come from; the chapter's list by default. */
  readonly references?: readonly CslItem[];
  /** Bibliography files the caller read (named in front matter or in the settings). */
  readonly bibliographies?: readonly BibliographyFile[];
  /** The rules to run: all of them by default (the tests add one that throws). */
  readonly rules?: readonly Rule[];
}

/** A problem with something the document relies on, reported apart from findings. */
export interface Notice {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** What one analysis returns. */
export interface AnalysisResult {
  /** Findings after settings and suppression comments, in document order. */
  readonly findings: readonly Finding[];
  /** Every claim's assessment, flagged or not (hovers and profiles read these). */
  readonly assessments: readonly Assessment[];
  /** The document's citations, style, reference list and bibliographies. */
  readonly citations: CitationContext;
  /** Rules that threw; the other rules still report. */
  readonly ruleErrors: readonly { readonly rule: string; readonly message: string }[];
  /** Problems with the document's directives and files: unknown rule ids, unreadable bibliographies. */
  readonly notices: readonly Notice[];
}

const SUGGESTING: ReadonlySet<string> = new Set<SuggestionFor>(['consultation-only', 'co-design-not-co-production', 'unevidenced-claim', 'uncited-definition']);

/**
 * Analyse one Markdown proposal. Pure: text, settings and reference data in, findings out. Never
 * throws for any input text; a rule that throws is reported in `ruleErrors` and the others run.
 */
export function analyze(text: string, settings: Settings = defaultSettings(), inputs: AnalysisInputs = {}): AnalysisResult {
  const doc = new ProposalDocument(text);
  const index = new EvidenceIndex(doc);
  const { claims, definitions } = findClaims(doc);
  const assessments = claims.map((claim) => assess(claim, doc, index));
  const citations = citationContext(doc, settings, inputs.references ?? BUNDLED_REFERENCES, inputs.bibliographies ?? []);
  // The end of the prose block holding `offset`, or starting on its line (after a list marker).
  const blockEnd = (offset: number): number => {
    const holding = doc.blocks[doc.firstBlockAt(offset + 1) - 1];
    if (holding && holding.start <= offset && offset < holding.end) return holding.end;
    const newline = text.indexOf('\n', offset);
    const lineEnd = newline < 0 ? text.length : newline;
    const block = doc.blocks[doc.firstBlockAt(offset)];
    return block && block.start <= lineEnd ? block.end : offset;
  };
  const unknownRules: UnknownRule[] = [];
  const suppressed = suppressions(text, doc.prose.comments, blockEnd, RULES.map((r) => r.id), unknownRules);
  const findings: Finding[] = [];
  const ruleErrors: { rule: string; message: string }[] = [];
  for (const rule of inputs.rules ?? RULES) {
    const severity = settings.rules[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    try {
      for (const report of rule.check({ doc, assessments, definitions, citations })) {
        if (suppressed(rule.id, report.start)) continue;
        findings.push(withSuggestions(rule.id, severity, report, doc, citations));
      }
    } catch (error) {
      ruleErrors.push({ rule: rule.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  const notices: Notice[] = unknownRules.map((u) => ({
    start: u.start,
    end: u.end,
    message: `unknown rule "${u.rule}" in a suppression comment; known rules are ${RULES.map((r) => r.id).join(', ')}.`,
  }));
  const fm = citations.frontMatter;
  if (fm?.error) notices.push({ start: fm.start, end: fm.end, message: fm.error });
  for (const bib of citations.bibliographies) if (bib.error) notices.push({ start: 0, end: 0, message: bib.error });
  return { findings, assessments, citations, ruleErrors, notices };
}

/** A rule's report as a finding, with ranked reading and "Cite …" fixes where the rule calls for them. */
function withSuggestions(rule: string, severity: Finding['severity'], report: RuleReport, doc: ProposalDocument, citations: CitationContext): Finding {
  const base = { rule, severity, start: report.start, end: report.end, message: report.message, ...(report.assessment ? { assessment: report.assessment } : {}) };
  const ignore = suppressionFix(doc, rule, report.start, citations.eol);
  if (!SUGGESTING.has(rule)) return { ...base, suggestions: [], fixes: [...(report.fixes ?? []), ignore] };
  const sentence: Span = report.assessment?.claim.sentence ?? report.sentence ?? report;
  const passage = passageOf(doc, report.start, sentence);
  const items = suggest(rule as SuggestionFor, passage, report.assessment?.principlesMissing ?? [], citations.database.all());
  const suggestions: Suggestion[] = [];
  const fixes: Fix[] = [...(report.fixes ?? [])];
  items.forEach((item, i) => {
    const plan = planCitation(citations, item, sentence);
    suggestions.push({ id: item.id, author: firstAuthor(item), year: yearOf(item), citation: plan.citation });
    if (plan.edits.length > 0) fixes.push({ kind: 'cite', title: `Cite ${narrative(item)}`, edits: plan.edits, ...(i === 0 ? { preferred: true } : {}) });
  });
  return { ...base, suggestions, fixes: [...fixes, ignore] };
}

/**
 * "Ignore this finding": a disable-next-line comment for this rule on its own line above the
 * paragraph, or at the start of a list item's text (a line of its own would split the list).
 */
function suppressionFix(doc: ProposalDocument, rule: string, offset: number, eol: string): Fix {
  const block = doc.blocks[Math.max(0, doc.firstBlockAt(offset + 1) - 1)];
  const start = block && block.start <= offset ? block.start : offset;
  // A byte-order mark stays the first character: the comment goes after it.
  const lineStart = Math.max(doc.text.lastIndexOf('\n', start - 1) + 1, contentStart(doc.text));
  const comment = `<!-- coprod-lens-disable-next-line ${rule} -->`;
  const onItsOwnLine = doc.text.slice(lineStart, start).trim() === '';
  const edit = onItsOwnLine
    ? { start: lineStart, end: lineStart, newText: `${doc.text.slice(lineStart, start)}${comment}${eol}` }
    : { start, end: start, newText: `${comment} ` };
  return { kind: 'ignore', title: `Ignore this finding (${rule})`, edits: [edit] };
}

/**
 * The text a suggestion's topic is judged from: the finding's section, at most 4,000 characters
 * of it from its start, or, for a sentence past those, the section's heading and the 2,000
 * characters either side of the sentence (so a section of 10,000 claims costs each of them a
 * window, not everything before it).
 */
function passageOf(doc: ProposalDocument, offset: number, sentence: Span): string {
  const block = doc.blocks[Math.max(0, doc.firstBlockAt(offset + 1) - 1)];
  const section = block ? doc.sections[block.section] : undefined;
  const start = section?.start ?? Math.max(0, sentence.start - 2000);
  if (section && sentence.end > start + 4000) {
    const from = Math.max(start, sentence.start - 2000);
    return `${section.title}\n\n${doc.text.slice(from, Math.min(section.end, Math.max(from + 4000, sentence.end)))}`;
  }
  const end = Math.min(section?.end ?? sentence.end + 2000, start + 4000);
  return doc.text.slice(start, Math.max(end, sentence.end));
}
