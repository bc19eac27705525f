import { assess } from './assess';
import { findClaims } from './claims';
import { defaultSettings, type Settings } from './config';
import { ProposalDocument } from './document';
import { EvidenceIndex } from './evidence';
import { RULES } from './rules/index';
import { suppressions, type UnknownRule } from './suppress';
import type { Assessment, Finding } from './types';

/** What one analysis returns. */
export interface AnalysisResult {
  /** Findings after settings and suppression comments, in document order. */
  readonly findings: readonly Finding[];
  /** Every claim's assessment, flagged or not (hovers and profiles read these). */
  readonly assessments: readonly Assessment[];
  /** Rules that threw; the other rules still report. */
  readonly ruleErrors: readonly { readonly rule: string; readonly message: string }[];
  /** Problems with the document's own directives, e.g. a suppression comment naming no known rule. */
  readonly notices: readonly { readonly start: number; readonly end: number; readonly message: string }[];
}

/**
 * Analyse one Markdown proposal. Pure: text and settings in, findings out. Never throws for any
 * input text; a rule that throws is reported in `ruleErrors` and the others still run.
 */
export function analyze(text: string, settings: Settings = defaultSettings()): AnalysisResult {
  const doc = new ProposalDocument(text);
  const index = new EvidenceIndex(doc);
  const assessments = findClaims(doc).map((claim) => assess(claim, doc, index));
  // The end of the prose block that starts on the line at `lineStart` (after a list marker or indent).
  const blockEnd = (lineStart: number): number => {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const block = doc.blocks[doc.firstBlockAt(lineStart)];
    return block && block.start <= lineEnd ? block.end : lineStart;
  };
  const unknownRules: UnknownRule[] = [];
  const suppressed = suppressions(text, doc.prose.comments, blockEnd, RULES.map((r) => r.id), unknownRules);
  const findings: Finding[] = [];
  const ruleErrors: { rule: string; message: string }[] = [];
  for (const rule of RULES) {
    const severity = settings.rules[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    try {
      for (const report of rule.check({ doc, assessments })) {
        if (suppressed(rule.id, report.start)) continue;
        findings.push({ ...report, rule: rule.id, severity, suggestions: [], fixes: [] });
      }
    } catch (error) {
      ruleErrors.push({ rule: rule.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  findings.sort((a, b) => a.start - b.start || a.end - b.end || a.rule.localeCompare(b.rule));
  const notices = unknownRules.map((u) => ({
    start: u.start,
    end: u.end,
    message: `unknown rule "${u.rule}" in a suppression comment; known rules are ${RULES.map((r) => r.id).join(', ')}.`,
  }));
  return { findings, assessments, ruleErrors, notices };
}
