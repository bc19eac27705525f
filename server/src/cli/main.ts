import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ConfigError } from '../core/index';
import { parseInSections } from '../core/parse-cache';
import { loadSettings } from '../node/config-file';
import { checkTarget, type CheckContext, type CheckedFile } from './check-file';
import { exportReferences, REFERENCE_FORMATS, type ReferenceFormat } from './references-command';
import { expandTargets, UsageError } from './files';
import { formatJson } from './format/json';
import { formatSarif } from './format/sarif';
import { formatText } from './format/text';
import { fails, type FailOn, type FileReport } from './report';
import { autoJobs, checkInThreads, isCheckWorker, serveChecks } from './workers';

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
  --jobs N                   check N files at a time: this thread and N-1 worker
                             threads (default: one per MB of Markdown, up to one
                             per CPU core; --fix checks one file at a time)

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
  /**
   * The script worker threads run to check files: this CLI's bundle (dist/cli.js). Without it,
   * every file is checked in the calling thread, whatever --jobs says.
   */
  readonly workerScript?: string;
}

const FORMATS = ['text', 'json', 'sarif'] as const;
const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'information', 'hint', 'never'];

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
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
        jobs: { type: 'string' },
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
  let jobs: number | undefined;
  if (values.jobs !== undefined) {
    jobs = /^[1-9][0-9]{0,5}$/.test(values.jobs) ? Number(values.jobs) : undefined;
    if (jobs === undefined) return usage(io, `--jobs must be a whole number, 1 or more: how many files to check at a time (got "${values.jobs}").`);
  }

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

  const context: CheckContext = { settings, settingsBase: loaded.base, fix: values.fix };
  // --fix checks one file at a time: documents may share a bibliography, and each fix must
  // build on the ones before it.
  const threads = io.workerScript === undefined || values.fix ? 1 : Math.min(jobs ?? autoJobs(targets), targets.length);

  const showProgress = !values.quiet && io.stderr.isTTY === true && targets.length >= 20;
  let progressShown = false;
  const progress = (count: number, display: string): void => {
    if (!showProgress) return;
    io.stderr.write(`\rChecking ${count}/${targets.length}: ${display}\x1b[K`);
    progressShown = true;
  };
  // Results arrive in any order; what each file prints goes out in file order, as soon as every
  // file before it is done.
  const checked: (CheckedFile | undefined)[] = new Array(targets.length);
  let flushed = 0;
  let settled = 0;
  const settle = (index: number, result: CheckedFile): void => {
    checked[index] = result;
    settled++;
    while (flushed < targets.length && checked[flushed] !== undefined) {
      const next = checked[flushed++]!;
      if (next.stdout !== undefined) io.stdout.write(next.stdout);
      if (next.messages.length === 0) continue;
      if (progressShown) io.stderr.write('\r\x1b[K');
      progressShown = false;
      for (const message of next.messages) io.stderr.write(message);
    }
  };
  if (threads <= 1) {
    targets.forEach((target, i) => {
      progress(i + 1, target.display);
      settle(i, checkTarget(target, context, io.readStdin));
    });
  } else {
    await checkInThreads(io.workerScript!, targets, threads, context, io.readStdin, (index, result) => {
      settle(index, result);
      progress(settled, result.report.path);
    });
  }
  if (showProgress) io.stderr.write('\r\x1b[K');
  const reports: FileReport[] = checked.map((c) => c!.report);

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
  run(process.argv.slice(2), {
    cwd: process.cwd(),
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: () => readFileSync(0),
    env: process.env,
    workerScript: __filename,
  }).then(
    (code) => void (process.exitCode = code),
    (error: unknown) => {
      process.stderr.write(`coprod-lens: internal error: ${(error as Error).stack ?? String(error)}\nPlease report this with the file that caused it.\n`);
      process.exitCode = 2;
    },
  );
}

// Every file is parsed once: remembering its sections for a re-parse would only cost time and memory.
parseInSections(false);
// In a worker thread started to check files, `require.main === module` holds too: serve checks.
if (isCheckWorker()) serveChecks();
else if (require.main === module) main();
