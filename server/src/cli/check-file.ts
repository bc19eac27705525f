import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { analyze, LineIndex, type Finding, type Settings } from '../core/index';
import { readBibliographies } from '../node/bibliographies';
import { readTarget, type Target } from './files';
import { fixMissingEntries } from './fix';
import type { FileReport, ReportedFinding } from './report';

/**
 * The work of checking one file — read it, read its bibliographies, apply --fix, analyse it —
 * done the same way in the main thread (--jobs 1, standard input) and in worker threads. Every
 * input and output is plain data, so it can be posted between threads.
 */

/** What every file's check shares; plain data (it is cloned into each worker thread). */
export interface CheckContext {
  readonly settings: Settings;
  /** The folder the settings' bibliography paths are relative to. */
  readonly settingsBase: string;
  /** --fix: add missing reference entries, writing the files. */
  readonly fix: boolean;
}

/** One file checked: its report and what to print for it. */
export interface CheckedFile {
  readonly report: FileReport;
  /** Lines for standard error, each ending in "\n", in the order they arose. */
  readonly messages: readonly string[];
  /** With --fix on standard input: the (fixed) document, for standard output. */
  readonly stdout?: string;
}

/**
 * Check one file. Never throws: an unexpected exception while checking it becomes the file's
 * error (and the run's exit code 2), so the other files are still checked and reported.
 */
export function checkTarget(target: Target, context: CheckContext, readStdin: () => Buffer): CheckedFile {
  const state: { messages: string[]; stdout?: string } = { messages: [] };
  let report: FileReport;
  try {
    report = checkOrThrow(target, context, readStdin, state);
  } catch (error) {
    report = { path: target.display, findings: [], error: internalError(error) };
  }
  return { report, messages: state.messages, ...(state.stdout !== undefined ? { stdout: state.stdout } : {}) };
}

/** The error a file gets when checking it threw: the first line of the message, and what to do. */
export function internalError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `internal error while checking: ${message.split('\n')[0]}; please report it with this file.`;
}

function checkOrThrow(target: Target, context: CheckContext, readStdin: () => Buffer, state: { messages: string[]; stdout?: string }): FileReport {
  const { settings, fix } = context;
  const read = readTarget(target, settings.maxFileSize, readStdin);
  if ('error' in read) return { path: target.display, findings: [], error: read.error };
  const say = (message: string): void => void state.messages.push(`coprod-lens: ${target.display}: ${message}\n`);
  const documentPath = target.absolute === '-' ? undefined : target.absolute;
  let bibliographies = readBibliographies(documentPath, read.text, settings.bibliographies, context.settingsBase, say);
  let text = read.text;
  if (fix) {
    // From standard input, --fix is a filter: the (fixed) document goes to standard output.
    if (documentPath === undefined) state.stdout = text;
    const outcome = fixMissingEntries(text, settings, bibliographies);
    if (outcome.applied.length > 0) {
      try {
        if (documentPath !== undefined) writeAtomically(documentPath, outcome.text);
        for (const [path, bibText] of outcome.bibliographies) writeAtomically(path, bibText);
      } catch (error) {
        if (!(error instanceof WriteFailed)) throw error;
        return { path: target.display, findings: [], error: `cannot save the fixes: ${error.why()}.` };
      }
      say(`${outcome.applied.length === 1 ? 'fixed' : `fixed ${outcome.applied.length}`}: ${outcome.applied.join('; ')}.`);
      text = outcome.text;
      if (documentPath === undefined) state.stdout = text;
      bibliographies = bibliographies.map((b) => ({ ...b, text: outcome.bibliographies.get(b.absolute) ?? b.text }));
    }
  }
  const result = analyze(text, settings, { bibliographies });
  for (const failure of result.ruleErrors) say(`rule ${failure.rule} failed (${failure.message}); please report it.`);
  const lines = new LineIndex(text);
  for (const notice of result.notices) {
    const at = lines.position(notice.start);
    state.messages.push(`coprod-lens: ${target.display}${notice.end > 0 ? `:${at.line + 1}:${at.character + 1}` : ''}: ${notice.message}\n`);
  }
  return { path: target.display, findings: result.findings.map((f) => reported(f, lines)) };
}

/** A finding as plain data: what the formats print, with its range in lines and characters. */
function reported(finding: Finding, lines: LineIndex): ReportedFinding {
  return {
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    range: lines.range(finding.start, finding.end),
    ...(finding.assessment ? { levels: { claimed: finding.assessment.claim.claimed, evidenced: finding.assessment.evidenced } } : {}),
    suggestions: finding.suggestions.map((s) => ({ id: s.id, author: s.author, year: s.year, citation: s.citation })),
  };
}

/** Thrown by writeAtomically, naming the file it could not write. */
class WriteFailed extends Error {
  constructor(
    readonly path: string,
    readonly reason: NodeJS.ErrnoException,
  ) {
    super(`cannot write ${path}: ${reason.message}`);
  }

  /** "permission denied (/a/b.md)", or the system's message. */
  why(): string {
    const code = this.reason.code;
    const why =
      code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? 'permission denied'
        : code === 'ENAMETOOLONG'
          ? 'the file name is too long for the temporary copy written beside it'
          : code === 'ENOSPC'
            ? 'no space left on the device'
            : this.reason.message;
    return `${why} (${this.path})`;
  }
}

/** Replace a file's contents without leaving it half-written (write a sibling, then rename). */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.coprod-lens-${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Never written (a name too long, a folder not writable).
    }
    throw new WriteFailed(path, error as NodeJS.ErrnoException);
  }
}
