/**
 * Pathological inputs for the core and the CLI: huge single lines, deep nesting, huge lists,
 * paragraphs dense with inline markup, NUL bytes and invalid UTF-8, byte-order marks and mixed line endings, astral characters before
 * claims, a YAML alias bomb and a 50,000-entry bibliography.
 *
 * A synchronous analysis cannot be interrupted in-process, so every large input is analysed in a
 * child process (this file run again with COPROD_LENS_ROBUSTNESS_JOB set) that is killed at a hard
 * bound. Time is only checked against generous ceilings. Fixtures are generated at run time in
 * the system's temporary folder.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analyze } from '../../server/src/core/analyze';
import { LineIndex } from '../../server/src/core/positions';
import { ROOT } from '../protocol/client';

const JOB = process.env.COPROD_LENS_ROBUSTNESS_JOB;
const CLI = join(ROOT, 'dist', 'cli.js');

const CLAIM = 'The new service will be co-designed with young people.';
const CONSULTATION = 'We will run an online survey and hold two focus groups to gather views.';
const PARAGRAPH = `${CLAIM} ${CONSULTATION}`;

// ---------------------------------------------------------------------------------------------
// Inputs, built inside the child so that megabytes never pass through argv or the environment.

const BILLION_LAUGHS = [
  '---',
  'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
  'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]',
  'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]',
  'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]',
  'h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]',
  'i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]',
  'bibliography: *i',
  'references: *i',
  '---',
  '',
  PARAGRAPH,
  '',
].join('\n');

/** A CSL-JSON array of `n` works with keys k0 … k(n-1). */
function cslItems(n: number): string {
  const items = [];
  for (let i = 0; i < n; i++) {
    items.push({ id: `k${i}`, type: 'article-journal', title: `A study of involvement ${i}`, author: [{ family: `Family${i}`, given: 'A.' }], issued: { 'date-parts': [[2000 + (i % 20)]] }, 'container-title': 'Journal of Tests' });
  }
  return JSON.stringify(items);
}

interface Input {
  readonly text: string;
  readonly bibliographies?: { path: string; text: string }[];
}

/** Each job analyses one input, or several sharing data built once. */
const INPUTS: Record<string, () => Input | Input[]> = {
  'single-line-1mb': () => ({ text: `${PARAGRAPH} `.repeat(Math.ceil(1_000_000 / (PARAGRAPH.length + 1))) }),
  'nested-list-1000': () => ({ text: `${'- '.repeat(1_000)}${PARAGRAPH}\n` }),
  'nested-quote-1000': () => ({ text: `${'> '.repeat(1_000)}${PARAGRAPH}\n` }),
  'nested-list-10000': () => ({ text: `${'- '.repeat(10_000)}${PARAGRAPH}\n` }),
  'nested-quote-10000': () => ({ text: `${'> '.repeat(10_000)}${PARAGRAPH}\n` }),
  'list-100000': () => {
    const lines = ['# Work plan', ''];
    for (let i = 0; i < 100_000; i++) lines.push(i % 1_000 === 0 ? `- Item ${i}: ${PARAGRAPH}` : `- Item ${i}: recruitment and data collection.`);
    return { text: `${lines.join('\n')}\n` };
  },
  'claims-10000': () => ({ text: `# Plan\n\n${Array.from({ length: 10_000 }, (_, i) => `- Item ${i}: ${CLAIM}`).join('\n')}\n` }),
  'billion-laughs': () => ({ text: BILLION_LAUGHS }),
  // Paragraphs dense with emphasis, links and code span openers, or with lazy lines, each followed
  // by a claim: the parser's time grows with the square of these in one paragraph (inline-limit.ts).
  'dense-markup': () => {
    const size = 200_000;
    const fill = (unit: string): string => unit.repeat(Math.ceil(size / unit.length));
    const half = (open: string, close: string): string => `${fill(open).slice(0, size / 2)}b${fill(close).slice(0, size / 2)}`;
    const runs = Array.from({ length: 200 }, (_, i) => `e${'`'.repeat(i + 1)}`).join('');
    return [
      half('*a **a ', ' a** a*'),
      half('![[', '](u)'),
      fill('*a_ '),
      fill('[ (]('),
      `${runs}${' '.repeat(1_000_000)}`,
      `*a **a${fill('\n2. *a **a').slice(0, size)}`,
      `> *a **a${fill('\n*a **a').slice(0, size)}`,
      `- a${'\nlazy'.repeat(40_000)}`,
    ].map((dense) => ({ text: `# Plan\n\n${dense}\n\n${PARAGRAPH}\n` }));
  },
  'bibliography-50000': () => {
    const bibliographies = [{ path: 'big.json', text: cslItems(50_000) }];
    return [
      { text: `---\nbibliography: big.json\n---\n\n${CLAIM} [@k49999] ${CONSULTATION} [@k0; @nosuchkey2020]\n`, bibliographies },
      {
        text: `# Plan\n\n${CLAIM} (Family49999, 2019) ${CONSULTATION} (Nobody, 2031)\n\n## References\n\n- Family49999, A. (2019). A study of involvement 49999. *Journal of Tests*.\n`,
        bibliographies,
      },
    ];
  },
};

/** What the child reports about one analysis. */
interface JobResult {
  readonly length: number;
  readonly ms: number;
  readonly threw?: string;
  readonly findings: { rule: string; start: number; end: number; text: string }[];
  readonly notices: string[];
  readonly ruleErrors: { rule: string; message: string }[];
}

function runJob(name: string): void {
  const built = INPUTS[name]!();
  for (const input of Array.isArray(built) ? built : [built]) {
    const start = process.hrtime.bigint();
    let out: JobResult;
    try {
      const result = analyze(input.text, undefined, input.bibliographies ? { bibliographies: input.bibliographies } : {});
      out = {
        length: input.text.length,
        ms: Number(process.hrtime.bigint() - start) / 1e6,
        findings: result.findings.map((f) => ({ rule: f.rule, start: f.start, end: f.end, text: input.text.slice(f.start, Math.min(f.end, f.start + 200)) })),
        notices: result.notices.map((n) => n.message),
        ruleErrors: [...result.ruleErrors],
      };
    } catch (error) {
      out = { length: input.text.length, ms: Number(process.hrtime.bigint() - start) / 1e6, threw: String(error), findings: [], notices: [], ruleErrors: [] };
    }
    process.stdout.write(`${JSON.stringify(out)}\n`);
  }
}

/** The environment for child processes: no test-runner context (the child registers no tests). */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_TEST_CONTEXT;
  return env;
}

/** How a bounded job ended: its results, or why there are none. */
interface JobOutcome {
  readonly results?: JobResult[];
  readonly failure?: string;
}

/**
 * Start analysing input `name` in a child process killed after `boundMs`. Jobs run concurrently
 * (the test runner keeps one core busy; the children use the other); the promise never rejects.
 */
function startJob(name: string, boundMs: number): Promise<JobOutcome> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [__filename], { env: childEnv({ COPROD_LENS_ROBUSTNESS_JOB: name }), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString().slice(0, 2000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), boundMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ failure: `${name}: ${error.message}` });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal) return resolve({ failure: `analysing ${name} did not finish within ${boundMs} ms (killed)` });
      const lines = stdout.split('\n').filter((l) => l.startsWith('{'));
      if (lines.length === 0) return resolve({ failure: `no result from the child for ${name}: exit ${code}, stderr ${stderr.slice(0, 500)}` });
      resolve({ results: lines.map((l) => JSON.parse(l) as JobResult) });
    });
  });
}

async function outcome(job: Promise<JobOutcome> | undefined): Promise<JobResult[]> {
  assert.ok(job, 'the job was started');
  const { results, failure } = await job;
  if (failure !== undefined) assert.fail(failure);
  return results!;
}

/** The analysis finished without throwing, no rule failed, and every finding lies inside the text. */
function assertSound(name: string, result: JobResult): void {
  assert.equal(result.threw, undefined, `${name}: analyze threw ${result.threw}`);
  assert.deepEqual(result.ruleErrors, [], `${name}: rules failed`);
  for (const f of result.findings) assert.ok(f.start >= 0 && f.start <= f.end && f.end <= result.length, `${name}: ${f.rule} at [${f.start}, ${f.end}) outside ${result.length}`);
}

// ---------------------------------------------------------------------------------------------
// CLI helpers

interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function cli(args: readonly string[], cwd: string, input?: Buffer): CliRun {
  const run = spawnSync(process.execPath, [CLI, ...args], { cwd, env: childEnv({ NO_COLOR: '1' }), timeout: 60_000, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...(input ? { input } : {}) });
  if (run.error || run.signal) assert.fail(`coprod-lens ${args.join(' ')} did not finish: ${run.error?.message ?? run.signal}`);
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

interface JsonReport {
  files: { path: string; error?: string; diagnostics: { rule: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[] }[];
}

/** The text a JSON report range covers, with line breaks as the CLI counts them (\n, \r\n, \r). */
function covered(text: string, range: JsonReport['files'][number]['diagnostics'][number]['range']): string {
  const lines = new LineIndex(text);
  return text.slice(lines.offset(range.start), lines.offset(range.end));
}

function tempDir(): string {
  return realpathSync(mkdtempSync(join(tmpdir(), 'coprod-lens-robust-')));
}

// ---------------------------------------------------------------------------------------------
// Tests

if (JOB) {
  runJob(JOB);
} else {
  /** Bounds: generous ceilings (the machine may be busy), never measurements of speed. */
  const BOUNDS: Record<string, number> = {
    'list-100000': 60_000,
    'single-line-1mb': 60_000,
    'nested-list-1000': 30_000,
    'nested-quote-1000': 30_000,
    'nested-quote-10000': 10_000,
    'nested-list-10000': 5_000,
    'billion-laughs': 20_000,
    'dense-markup': 60_000,
    'claims-10000': 10_000,
    'bibliography-50000': 30_000,
  };
  // Every bounded job starts now and runs alongside the in-process and CLI tests below (the test
  // runner keeps one core busy; the children use the other). The slowest are awaited last.
  const jobs = new Map<string, Promise<JobOutcome>>(Object.entries(BOUNDS).map(([name, bound]) => [name, startJob(name, bound)]));
  const results = (name: string): Promise<JobResult[]> => outcome(jobs.get(name));
  const result = async (name: string): Promise<JobResult> => (await results(name))[0]!;

  describe('pathological inputs: core (each in a child process with a hard bound)', { timeout: 120_000 }, () => {
    it('1,000-deep nested lists and block quotes are analysed without error', async () => {
      for (const name of ['nested-list-1000', 'nested-quote-1000']) assertSound(name, await result(name));
    });

    it('a 10,000-deep nested block quote is analysed without error within 10 s', async () => {
      assertSound('nested quote', await result('nested-quote-10000'));
    });

    it(
      'a 10,000-deep nested list is analysed without error within 5 s',
      async () => assertSound('nested list', await result('nested-list-10000')),
    );

    it('paragraphs dense with emphasis, links, code span openers or lazy lines (0.2 to 1 MB each) are analysed within 60 s, the claim after each found', async () => {
      const all = await results('dense-markup');
      assert.equal(all.length, 8);
      all.forEach((r, i) => {
        assertSound(`dense markup ${i}`, r);
        assert.ok(r.findings.some((f) => f.rule === 'consultation-only' && f.text === 'co-designed'), `dense markup ${i}: the claim is flagged`);
      });
    });

    it('a list of 10,000 items, each a claim, is analysed within 10 s, every claim flagged', async () => {
      const r = await result('claims-10000');
      assertSound('10,000 claims', r);
      assert.equal(r.findings.filter((f) => f.rule === 'unevidenced-claim' || f.rule === 'consultation-only').length, 10_000, JSON.stringify(r.findings.slice(0, 3)));
    });

    it('a YAML alias bomb in the front matter gives a result and a clear notice within 20 s', async () => {
      const r = await result('billion-laughs');
      assertSound('alias bomb', r);
      assert.ok(r.notices.some((n) => /front matter/i.test(n) && /alias|resource/i.test(n)), `a notice about the aliases: ${JSON.stringify(r.notices)}`);
      assert.deepEqual(r.findings.map((f) => [f.rule, f.text]), [['consultation-only', 'co-designed']]);
    });

    it('a 50,000-entry CSL-JSON bibliography passed in inputs.bibliographies resolves keys and authors within 30 s', async () => {
      const [pandoc, authorDate] = await results('bibliography-50000');
      assertSound('pandoc', pandoc!);
      assert.deepEqual(pandoc!.notices, []);
      assert.deepEqual(pandoc!.findings.filter((f) => f.rule === 'unknown-citation').map((f) => f.text), ['nosuchkey2020'], 'k49999 and k0 resolve; only the made-up key is unknown');
      assertSound('author-date', authorDate!);
      assert.deepEqual(authorDate!.findings.filter((f) => f.rule === 'unknown-citation').map((f) => f.text), ['Nobody, 2031'], 'Family49999 (2019) resolves');
    });
  });

  describe('pathological inputs: core (small, in process)', () => {
    const DOC = `# Youth service\n\n## Involvement\n\n${PARAGRAPH}\n\nA second claim: residents will co-produce the evaluation. We will consult them by survey.\n`;
    const flagged = (text: string): [string, string][] => analyze(text).findings.filter((f) => f.rule !== 'uncited-definition').map((f) => [f.rule, text.slice(f.start, f.end)]);

    it('emoji and other astral characters before claims leave ranges exact: the flagged text is the claim phrase', () => {
      const plain = flagged(DOC);
      assert.ok(plain.length >= 2, JSON.stringify(plain));
      for (const prefix of ['😀', '👩‍👩‍👧 ', '𝒳𝕏𠜎 ', '🇬🇧🧑🏽‍🦱 ', 'e\u0301\u200d ']) {
        const text = DOC.replace(CLAIM, `${prefix}${prefix}${CLAIM}`).replace('# Youth service', `# ${prefix} Youth service ${prefix}`).replace('A second claim', `${prefix}A second claim`);
        assert.deepEqual(flagged(text), plain, `with ${JSON.stringify(prefix)}`);
      }
    });

    it('CRLF, lone CR and mixed line endings flag the same phrases as LF', () => {
      const plain = flagged(DOC);
      const variants = {
        crlf: DOC.replace(/\n/g, '\r\n'),
        cr: DOC.replace(/\n/g, '\r'),
        mixed: DOC.replace(/\n/g, (_m, offset: number) => (offset % 3 === 0 ? '\r\n' : offset % 3 === 1 ? '\n' : '\r\n')),
      };
      for (const [name, text] of Object.entries(variants)) assert.deepEqual(flagged(text), plain, name);
    });

    it('NUL bytes and lone surrogates in the text do not make the analysis throw', () => {
      for (const text of [`\u0000${DOC}`, DOC.replace(/ /g, ' \u0000'), DOC.replace('young', '\uD83D young \uDE00'), '\u0000'.repeat(10_000)]) {
        const result = analyze(text);
        assert.deepEqual(result.ruleErrors, []);
        for (const f of result.findings) assert.ok(f.start >= 0 && f.end <= text.length);
      }
    });
  });

  describe('pathological inputs: CLI', { timeout: 120_000 }, () => {
    let dir = '';
    const good = 'samples/charity-grant.md';
    let goodAlone: JsonReport['files'][number];

    before(() => {
      dir = tempDir();
      copyFileSync(join(ROOT, good), join(dir, 'b-good.md'));
      goodAlone = (JSON.parse(cli(['check', '--format', 'json', '--fail-on', 'never', 'b-good.md'], dir).stdout) as JsonReport).files[0]!;
      assert.ok(goodAlone.diagnostics.length > 0, 'the sample has findings to compare');
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    /** The report of the good file in a run over several files, which must match the run over it alone. */
    const assertGoodChecked = (report: JsonReport): void => {
      const file = report.files.find((f) => f.path === 'b-good.md');
      assert.ok(file, `b-good.md is still checked: ${JSON.stringify(report.files.map((f) => f.path))}`);
      assert.deepEqual(file, goodAlone);
    };

    it('skips a 5 MB single-line file under the default 2 MB limit with a clear message, exit 2, and checks the other files', () => {
      writeFileSync(join(dir, 'a-huge.md'), `${PARAGRAPH} `.repeat(Math.ceil((5 * 1024 * 1024) / (PARAGRAPH.length + 1))));
      try {
        const run = cli(['check', '--format', 'json', 'a-huge.md', 'b-good.md'], dir);
        assert.equal(run.status, 2);
        assert.match(run.stderr, /coprod-lens: a-huge\.md: skipped: 5(\.\d)? MB is over the 2 MB limit; raise "maxFileSize"/);
        const report = JSON.parse(run.stdout) as JsonReport;
        assert.match(report.files.find((f) => f.path === 'a-huge.md')!.error!, /over the 2 MB limit/);
        assertGoodChecked(report);
      } finally {
        rmSync(join(dir, 'a-huge.md'));
      }
    });

    it('reports a file with NUL bytes and one with invalid UTF-8 once each, exits 2 and still checks the others', () => {
      writeFileSync(join(dir, 'a-nul.md'), Buffer.concat([Buffer.from(`# Plan\n\n${PARAGRAPH}\n`), Buffer.from([0, 0, 1, 2]), Buffer.from('\nmore\n')]));
      writeFileSync(join(dir, 'a-latin1.md'), Buffer.concat([Buffer.from(`# Caf`), Buffer.from([0xe9]), Buffer.from(`\n\n${PARAGRAPH}\n`)]));
      writeFileSync(join(dir, 'a-truncated.md'), Buffer.concat([Buffer.from(`${PARAGRAPH} `), Buffer.from([0xf0, 0x9f, 0x98])]));
      writeFileSync(join(dir, 'c-good.md'), `# Plan\n\n${PARAGRAPH}\n`);
      try {
        const run = cli(['check', '--format', 'json', '.'], dir);
        assert.equal(run.status, 2);
        const errors = run.stderr.split('\n').filter((l) => l.startsWith('coprod-lens: a-'));
        assert.deepEqual(errors.sort(), [
          'coprod-lens: a-latin1.md: skipped: not valid UTF-8; save the file as UTF-8 and check it again.',
          'coprod-lens: a-nul.md: skipped: binary file (it contains NUL bytes); only Markdown text can be checked.',
          'coprod-lens: a-truncated.md: skipped: not valid UTF-8; save the file as UTF-8 and check it again.',
        ]);
        const report = JSON.parse(run.stdout) as JsonReport;
        assert.deepEqual(report.files.filter((f) => f.error !== undefined).map((f) => f.path).sort(), ['a-latin1.md', 'a-nul.md', 'a-truncated.md']);
        assertGoodChecked(report);
        assert.deepEqual(report.files.find((f) => f.path === 'c-good.md')!.diagnostics.map((d) => d.rule), ['consultation-only']);
      } finally {
        for (const f of ['a-nul.md', 'a-latin1.md', 'a-truncated.md', 'c-good.md']) rmSync(join(dir, f));
      }
    });

    it('reads a named pipe given on the command line: at once and empty with no writer, in full from a late writer', () => {
      const fifo = join(dir, 'a-pipe.md');
      const made = spawnSync('mkfifo', [fifo]);
      assert.equal(made.status, 0, `mkfifo: ${made.error?.message ?? made.stderr}`);
      try {
        const alone = cli(['check', '--format', 'json', 'a-pipe.md', 'b-good.md'], dir);
        assert.equal(alone.stderr, '');
        const report = JSON.parse(alone.stdout) as JsonReport;
        assert.deepEqual(report.files.find((f) => f.path === 'a-pipe.md'), { path: 'a-pipe.md', diagnostics: [] }, 'no writer: an empty file');
        assertGoodChecked(report);
        // A writer that holds the pipe open and writes a second later, as `<(…)` in a shell does:
        // the shell opens it (read-write, so without waiting for a reader) before the CLI starts.
        const script = `exec 3<>a-pipe.md; (sleep 1; cat b-good.md >&3) >/dev/null 2>&1 & exec 3>&-; exec "${process.execPath}" "${CLI}" check --format json a-pipe.md`;
        const run = spawnSync('sh', ['-c', script], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: childEnv() });
        assert.equal(run.signal, null, 'finished');
        const piped = (JSON.parse(run.stdout) as JsonReport).files[0]!;
        assert.deepEqual(piped.diagnostics, goodAlone.diagnostics, 'the pipe reads as the file it was fed');
      } finally {
        rmSync(fifo);
      }
    });

    it('reports invalid UTF-8 on standard input as an error for <stdin>', () => {
      const run = cli(['check', '--format', 'json', '-'], dir, Buffer.from([0x23, 0x20, 0xff, 0xfe, 0x0a]));
      assert.equal(run.status, 2);
      assert.match(run.stderr, /coprod-lens: <stdin>: skipped: not valid UTF-8/);
    });

    it('reads a file with a BOM, CRLF or mixed line endings like the plain file, with ranges on the claim phrase', () => {
      const plain = `# Plan\n\n## Involvement\n\n😀 ${PARAGRAPH}\n\nResidents will co-produce the evaluation 👩‍👩‍👧. We will consult them by survey.\n`;
      const variants: Record<string, Buffer> = {
        'lf.md': Buffer.from(plain),
        'bom.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plain)]),
        'crlf.md': Buffer.from(plain.replace(/\n/g, '\r\n')),
        'bom-crlf.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(plain.replace(/\n/g, '\r\n'))]),
        'mixed.md': Buffer.from(plain.replace(/\n/g, (_m, o: number) => (o % 2 ? '\r\n' : '\n'))),
        'cr.md': Buffer.from(plain.replace(/\n/g, '\r')),
      };
      try {
        for (const [name, bytes] of Object.entries(variants)) {
          writeFileSync(join(dir, `e-${name}`), bytes);
        }
        const run = cli(['check', '--format', 'json', '--fail-on', 'never', ...Object.keys(variants).map((n) => `e-${n}`)], dir);
        assert.equal(run.status, 0, run.stderr);
        const report = JSON.parse(run.stdout) as JsonReport;
        const phrases = (name: string): [string, string][] => {
          const file = report.files.find((f) => f.path === `e-${name}`)!;
          const text = readFileSync(join(dir, `e-${name}`), 'utf8').replace(/^\ufeff/, '');
          return file.diagnostics.map((d) => [d.rule, covered(text, d.range)]);
        };
        const expected = phrases('lf.md');
        assert.deepEqual(expected.map(([, t]) => t).filter((t) => /^co-/.test(t)), ['co-designed', 'co-produce']);
        for (const name of Object.keys(variants)) assert.deepEqual(phrases(name), expected, name);
      } finally {
        for (const name of Object.keys(variants)) rmSync(join(dir, `e-${name}`), { force: true });
      }
    });

    it('prints a notice for a YAML alias bomb and still reports the claim, quickly', () => {
      writeFileSync(join(dir, 'd-bomb.md'), BILLION_LAUGHS);
      try {
        const started = Date.now();
        const run = cli(['check', '--format', 'json', 'd-bomb.md'], dir);
        assert.ok(Date.now() - started < 30_000);
        assert.equal(run.status, 1, run.stderr);
        assert.match(run.stderr, /coprod-lens: d-bomb\.md:1:1: front matter: .*(alias|resource)/i);
        assert.deepEqual((JSON.parse(run.stdout) as JsonReport).files[0]!.diagnostics.map((d) => d.rule), ['consultation-only']);
      } finally {
        rmSync(join(dir, 'd-bomb.md'));
      }
    });

    it('a 10,000-deep block quote among other files: no internal error, every file reported, the others checked as alone', () => {
      writeFileSync(join(dir, 'a-deep.md'), `${'> '.repeat(10_000)}${PARAGRAPH}\n`);
      try {
        const run = cli(['check', '--format', 'json', 'a-deep.md', 'b-good.md'], dir);
        assert.doesNotMatch(run.stderr, /internal error/);
        assert.ok(run.status === 1 || run.status === 2, `exit ${run.status}: ${run.stderr}`);
        const report = JSON.parse(run.stdout) as JsonReport;
        assert.deepEqual(report.files.map((f) => f.path), ['a-deep.md', 'b-good.md']);
        assertGoodChecked(report);
      } finally {
        rmSync(join(dir, 'a-deep.md'));
      }
    });
  });

  describe('pathological inputs: core, large inputs (child processes started with the file)', { timeout: 120_000 }, () => {
    it('a 1 MB single line finishes within 60 s and flags the claim phrase', async () => {
      const r = await result('single-line-1mb');
      assertSound('single line', r);
      assert.ok(r.findings.length > 0, 'the repeated claim is found');
      for (const f of r.findings.filter((x) => x.rule === 'consultation-only')) assert.equal(f.text, 'co-designed');
    });

    it('100,000 list items (100 of them claims) finish within 60 s', async () => {
      const r = await result('list-100000');
      assertSound('100,000 items', r);
      assert.equal(r.findings.filter((f) => f.rule === 'consultation-only').length, 100);
    });

  });
}
