import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { analyze, ConfigError, LineIndex } from '../core/index';
import { readBibliographies } from '../node/bibliographies';
import { loadSettings } from '../node/config-file';
import { fixMissingEntries } from './fix';
import { exportReferences, REFERENCE_FORMATS, type ReferenceFormat } from './references-command';
import { expandTargets, readTarget, UsageError } from './files';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { fails, type FailOn, type FileReport } from './report';

/**
 * `coprod-lens`: the reviewer's command-line checker on the same core as the language server.
 * Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage, configuration or I/O error.
 */

const HELP = `Usage: coprod-lens check [options] [paths|globs|-]...
       coprod-lens references [--format text|csl-json|bibtex] [--style apa|vancouver]

check: checks Markdown proposals (.md .markdown .qmd .Rmd) for co-production and
co-design claims that only describe consultation, and for citation problems.
Folders are walked (skipping node_modules and .git); "-" reads standard input.
With no paths, checks the current folder.

  --format text|json|sarif   output format (default: text)
  --fail-on error|warning|information|hint|never
                             exit 1 when a finding is at or above this severity
                             (default: warning)
  --config FILE              settings file (default: the nearest .coprod-lens.json)
  --fix                      add missing reference entries (the one safe fix),
                             then report what is left
  --quiet                    print findings only: no summary, no progress

references: prints the reference list of Williams & Caley (2020), "Defining
Co-production", and the chapter itself: formatted text (APA by default, or
--style vancouver), CSL-JSON or BibTeX.

  -h, --help                 show this help
  -v, --version              show the version

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O error.
Rules: https://github.com/coproduction-lens/coproduction-lens/tree/main/docs/rules
`;

/** What the CLI talks to; a real process in `main`, swappable for in-process tests. */
export interface Io {
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown; isTTY?: boolean };
  readonly stderr: { write(text: string): unknown; isTTY?: boolean };
  readonly readStdin: () => Buffer;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'information', 'hint', 'never'];

/** Run the CLI with `argv` (without node and script) and return the exit code. */
export function run(argv: readonly string[], io: Io): number {
  const version = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        'fail-on': { type: 'string', default: 'warning' },
        config: { type: 'string' },
        quiet: { type: 'boolean', default: false },
        fix: { type: 'boolean', default: false },
        style: { type: 'string', default: 'apa' },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
  } catch (error) {
    return usage(io, `${(error as Error).message.split('\n')[0]}`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP);
    return 0;
  }
  if (values.version) {
    io.stdout.write(`${version}\n`);
    return 0;
  }
  const [command, ...paths] = positionals;
  if (command === undefined) {
    io.stdout.write(HELP);
    return 2;
  }
  if (command === 'references') {
    if (paths.length > 0) return usage(io, `"references" takes no paths (got "${paths[0]}").`);
    const format = (values.format ?? 'text') as ReferenceFormat;
    if (!REFERENCE_FORMATS.includes(format)) return usage(io, `--format for references must be one of ${REFERENCE_FORMATS.join(', ')} (got "${values.format}").`);
    if (values.style !== 'apa' && values.style !== 'vancouver') return usage(io, `--style must be apa or vancouver (got "${values.style}").`);
    io.stdout.write(exportReferences(format, values.style));
    return 0;
  }
  if (command !== 'check') return usage(io, `unknown command "${command}"; the commands are "check" and "references".`);
  const format = (values.format ?? 'text') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) return usage(io, `--format must be one of ${FORMATS.join(', ')} (got "${values.format}").`);
  const failOn = values['fail-on'] as FailOn;
  if (!FAIL_ON.includes(failOn)) return usage(io, `--fail-on must be one of ${FAIL_ON.join(', ')} (got "${values['fail-on']}").`);

  let loaded;
  let targets;
  try {
    loaded = loadSettings(values.config, io.cwd);
    targets = expandTargets(paths.length > 0 ? paths : ['.'], io.cwd);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof UsageError) return usage(io, error.message);
    throw error;
  }
  const settings = loaded.settings;
  if (targets.length === 0) {
    io.stderr.write('coprod-lens: no Markdown files found (looked for .md .markdown .qmd .Rmd).\n');
  }

  const showProgress = !values.quiet && io.stderr.isTTY === true && targets.length >= 20;
  const reports: FileReport[] = [];
  targets.forEach((target, i) => {
    if (showProgress) io.stderr.write(`\rChecking ${i + 1}/${targets.length}: ${target.display}\x1b[K`);
    const read = readTarget(target, settings.maxFileSize, io.readStdin);
    if ('error' in read) {
      reports.push({ path: target.display, findings: [], error: read.error });
      return;
    }
    const warn = (message: string): void => void io.stderr.write(`coprod-lens: ${target.display}: ${message}\n`);
    const documentPath = target.absolute === '-' ? undefined : target.absolute;
    let bibliographies = readBibliographies(documentPath, read.text, settings.bibliographies, loaded.base, warn);
    let text = read.text;
    if (values.fix) {
      const outcome = fixMissingEntries(text, settings, bibliographies);
      // From standard input, --fix is a filter: the (fixed) document goes to standard output.
      if (documentPath === undefined) io.stdout.write(outcome.text);
      if (outcome.applied.length > 0) {
        if (documentPath !== undefined) writeAtomically(documentPath, outcome.text);
        for (const [path, bibText] of outcome.bibliographies) writeAtomically(path, bibText);
        warn(`${outcome.applied.length === 1 ? 'fixed' : `fixed ${outcome.applied.length}`}: ${outcome.applied.join('; ')}.`);
        text = outcome.text;
        bibliographies = bibliographies.map((b) => ({ ...b, text: outcome.bibliographies.get(b.absolute) ?? b.text }));
      }
    }
    const result = analyze(text, settings, { bibliographies });
    for (const failure of result.ruleErrors) {
      io.stderr.write(`coprod-lens: ${target.display}: rule ${failure.rule} failed (${failure.message}); please report it.\n`);
    }
    const lines = new LineIndex(text);
    for (const notice of result.notices) {
      const at = lines.position(notice.start);
      io.stderr.write(`coprod-lens: ${target.display}${notice.end > 0 ? `:${at.line + 1}:${at.character + 1}` : ''}: ${notice.message}\n`);
    }
    reports.push({ path: target.display, findings: result.findings, lines });
  });
  if (showProgress) io.stderr.write('\r\x1b[K');

  for (const report of reports) if (report.error !== undefined) io.stderr.write(`coprod-lens: ${report.path}: ${report.error}\n`);
  // With --fix on standard input, standard output carries the document; the report goes to stderr.
  const out = values.fix && targets.some((t) => t.absolute === '-') ? io.stderr : io.stdout;
  const colour = useColour({ ...io, stdout: out });
  if (format === 'json') out.write(formatJson(reports));
  else if (format === 'sarif') out.write(formatSarif(reports, { version, cwd: io.cwd }));
  else out.write(formatText(reports, { colour, quiet: values.quiet }));

  if (reports.some((r) => r.error !== undefined)) return 2;
  return reports.some((r) => r.findings.some((f) => fails(f.severity, failOn))) ? 1 : 0;
}

/** Replace a file's contents without leaving it half-written (write a sibling, then rename). */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.coprod-lens-${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

/** Colour on a terminal; NO_COLOR (non-empty) turns it off, FORCE_COLOR (not "0") turns it on. */
function useColour(io: Io): boolean {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0';
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '') return false;
  return io.stdout.isTTY === true;
}

function usage(io: Io, message: string): number {
  io.stderr.write(`coprod-lens: ${message}\nRun "coprod-lens --help" for usage.\n`);
  return 2;
}

/** The process entry point. */
function main(): void {
  let code: number;
  try {
    code = run(process.argv.slice(2), {
      cwd: process.cwd(),
      stdout: process.stdout,
      stderr: process.stderr,
      readStdin: () => readFileSync(0),
      env: process.env,
    });
  } catch (error) {
    process.stderr.write(`coprod-lens: internal error: ${(error as Error).stack ?? String(error)}\nPlease report this with the file that caused it.\n`);
    code = 2;
  }
  process.exitCode = code;
}

if (require.main === module) main();
