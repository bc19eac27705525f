/**
 * End-to-end tests of the `coprod-lens` command line: they spawn the real bundled CLI
 * (dist/cli.js, built by `npm run build`) the way a user or a CI job runs it, and check its
 * stdout, stderr and exit code.
 *
 * Golden files under test/cli/golden/ hold the full output over samples/ in the three formats.
 * After an intended change to messages or rules, regenerate them and review the diff:
 *
 *   npm run build && node scripts/build.mjs --tests && UPDATE_GOLDEN=1 node --test out/test/cli/
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { generateProposal } from '../../bench/generate';
import { checkTarget, type CheckContext } from '../../server/src/cli/check-file';
import { defaultSettings } from '../../server/src/core/config';

// out/test/cli/cli.test.js → repository root.
const repoRoot = path.resolve(__dirname, '../../..');
const cli = path.join(repoRoot, 'dist/cli.js');
const goldenDir = path.join(repoRoot, 'test/cli/golden');
const sarifSchemaPath = path.join(repoRoot, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';
const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string };

const RULE_IDS = ['consultation-only', 'co-design-not-co-production', 'unevidenced-claim', 'uncited-definition', 'unknown-citation', 'missing-reference-entry'];
const DOCS_BASE = 'https://github.com/coproduction-lens/coproduction-lens/blob/main/docs/rules/';
const SAMPLE_FILES = [
  'samples/charity-grant.md',
  'samples/community-service-bid.md',
  'samples/genuine-coproduction.md',
  'samples/health-research-ppi.md',
  'samples/honest-consultation.md',
  'samples/mixed-work-packages.md',
];
/** Placeholder for the machine-specific `originalUriBaseIds` URI in the SARIF golden file. */
const SRCROOT_PLACEHOLDER = 'file:///%REPO_ROOT%/';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

/** A co-design claim backed only by a survey, focus groups and comments: consultation-only. */
const CLAIM_PARAGRAPH =
  'This service will be co-designed with residents. We will run an online survey and two focus groups with residents and invite them to comment on our plans.';
const CONSULTATION_ONLY = `# Plan\n\n## Involvement\n\n${CLAIM_PARAGRAPH}\n`;
/** Where CONSULTATION_ONLY's finding is: 1-based line 5, column 22 ("co-designed"). */
const CONSULTATION_ONLY_AT = ':5:22 warning ';
/** A co-production claim with no involvement at all: unevidenced-claim, information. */
const UNEVIDENCED = '# Plan\n\nThis project is co-produced with patients.\n';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly args: readonly string[];
}

/** Run the built CLI with `args` in `cwd` (the repository root by default). */
function run(args: readonly string[], options: { cwd?: string; input?: string | Buffer } = {}): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR; // FORCE_COLOR would override NO_COLOR (see main.ts).
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: options.cwd ?? repoRoot,
    input: options.input ?? '',
    env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, args };
}

/** A description of a run for assertion messages. */
function show(r: Run): string {
  return `coprod-lens ${r.args.join(' ')}\nexit ${r.status}\n--- stdout ---\n${r.stdout}--- stderr ---\n${r.stderr}`;
}

function assertExit(r: Run, code: number): void {
  assert.equal(r.status, code, `expected exit ${code}\n${show(r)}`);
}

/** Assert a usage / configuration error: exit 2, nothing on stdout, `pattern` on stderr. */
function assertUsageError(r: Run, pattern: RegExp): void {
  assertExit(r, 2);
  assert.equal(r.stdout, '', `a usage error prints nothing on stdout\n${show(r)}`);
  assert.match(r.stderr, /^coprod-lens: /, show(r));
  assert.match(r.stderr, pattern, show(r));
  assert.match(r.stderr, /Run "coprod-lens --help" for usage\./, show(r));
}

const tempDirs: string[] = [];

/** A fresh temporary folder (real path, so it matches what the CLI prints), removed after the run. */
function tempDir(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'coprod-lens-cli-')));
  tempDirs.push(dir);
  return dir;
}

/** Write `files` (relative path → content) under `dir`, creating folders. Returns `dir`. */
function writeFiles(dir: string, files: Readonly<Record<string, string | Buffer>>): string {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return dir;
}

/** A temp folder holding `files`. */
function project(files: Readonly<Record<string, string | Buffer>>): string {
  return writeFiles(tempDir(), files);
}

after(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

interface Position {
  line: number;
  character: number;
}
interface Range {
  start: Position;
  end: Position;
}
interface Diagnostic {
  rule: string;
  severity: string;
  message: string;
  range: Range;
  level: string;
  suggestions: unknown[];
}
interface JsonFile {
  path: string;
  error?: string;
  diagnostics: Diagnostic[];
}
interface JsonReport {
  version: number;
  files: JsonFile[];
}

function parseJson(r: Run): JsonReport {
  try {
    return JSON.parse(r.stdout) as JsonReport;
  } catch (error) {
    assert.fail(`stdout is not JSON (${(error as Error).message})\n${show(r)}`);
  }
}

function fileIn(report: JsonReport, filePath: string): JsonFile {
  const file = report.files.find((f) => f.path === filePath);
  assert.ok(file, `no entry for ${filePath} in ${JSON.stringify(report.files.map((f) => f.path))}`);
  return file;
}

/** The text a 0-based, UTF-16 range covers, slicing line by line as LSP does. */
function textAt(text: string, range: Range): string {
  const lines = text.split(/\r\n|\r|\n/);
  const { start, end } = range;
  assert.ok(start.line < lines.length && end.line < lines.length, `range ${JSON.stringify(range)} is past the end of the text`);
  if (start.line === end.line) return lines[start.line]!.slice(start.character, end.character);
  const parts = [lines[start.line]!.slice(start.character)];
  for (let l = start.line + 1; l < end.line; l++) parts.push(lines[l]!);
  parts.push(lines[end.line]!.slice(0, end.character));
  return parts.join('\n');
}

/** Compare `actual` with a golden file, or write it when UPDATE_GOLDEN=1. */
function assertGolden(name: string, actual: string): void {
  const file = path.join(goldenDir, name);
  if (UPDATE_GOLDEN) {
    fs.mkdirSync(goldenDir, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `missing golden file ${file}; run the tests with UPDATE_GOLDEN=1 to create it`);
  const expected = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
  assert.equal(actual, expected, `output differs from test/cli/golden/${name}; if the change is intended, regenerate with UPDATE_GOLDEN=1 and review the diff`);
}

/** Run once, on first use. */
function once<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}

const samplesText = once(() => run(['check', 'samples']));
const samplesJson = once(() => run(['check', '--format', 'json', 'samples']));
const samplesSarif = once(() => run(['check', '--format', 'sarif', 'samples']));

// SARIF 2.1.0 -----------------------------------------------------------------------------------

type Sarif = any;

/**
 * A validator for the SARIF 2.1.0 schema. The schema file is draft-04 (`id`, a draft-04 `$schema`),
 * which Ajv 8 does not load as is: the draft-04 `$schema` is dropped so Ajv treats it as draft-07
 * (the keywords SARIF uses mean the same there), `id` becomes `$id`, and `unicodeRegExp: false`
 * because one of the schema's patterns (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) is not a valid
 * regular expression in unicode mode.
 */
const sarifValidator = once((): ValidateFunction => {
  const schema = JSON.parse(fs.readFileSync(sarifSchemaPath, 'utf8')) as Record<string, unknown>;
  const { $schema: _draft04, id, ...rest } = schema;
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  addFormats(ajv);
  return ajv.compile({ $id: String(id), ...rest });
});

function assertValidSarif(log: Sarif): void {
  const validate = sarifValidator();
  const ok = validate(log);
  assert.ok(ok, `not valid SARIF 2.1.0:\n${(validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('\n')}`);
}

function parseSarif(r: Run): Sarif {
  try {
    return JSON.parse(r.stdout) as Sarif;
  } catch (error) {
    assert.fail(`stdout is not JSON (${(error as Error).message})\n${show(r)}`);
  }
}

before(() => {
  assert.ok(fs.existsSync(cli), `${cli} is missing; run "npm run build" first`);
});

// ---------------------------------------------------------------------------------------------
// 1. Golden output over samples/
// ---------------------------------------------------------------------------------------------

describe('golden output over samples/', () => {
  test('text: check samples matches golden/samples.txt', () => {
    const r = samplesText();
    assertExit(r, 1);
    assert.equal(r.stderr, '', show(r));
    assertGolden('samples.txt', r.stdout);
  });

  test('json: check --format json samples matches golden/samples.json', () => {
    const r = samplesJson();
    assertExit(r, 1);
    assert.equal(r.stderr, '', show(r));
    assertGolden('samples.json', r.stdout);
  });

  test('sarif: check --format sarif samples matches golden/samples.sarif.json (machine-specific root replaced)', () => {
    const r = samplesSarif();
    assertExit(r, 1);
    assert.equal(r.stderr, '', show(r));
    const log = parseSarif(r);
    const base = log.runs[0].originalUriBaseIds['%SRCROOT%'];
    assert.equal(typeof base.uri, 'string');
    // The machine-specific part: %SRCROOT% is the working folder as a file URI, ending in "/".
    assert.equal(fileURLToPath(base.uri), `${repoRoot}${path.sep}`);
    assert.ok(base.uri.endsWith('/'), base.uri);
    base.uri = SRCROOT_PLACEHOLDER;
    assertGolden('samples.sarif.json', `${JSON.stringify(log, null, 2)}\n`);
  });

  test('the sample findings are the expected ones (independent of the golden files)', () => {
    const r = samplesJson();
    const report = parseJson(r);
    assert.deepEqual(
      report.files.map((f) => f.path),
      SAMPLE_FILES,
      'every sample is reported, in sorted order',
    );
    // Genuine co-production and honestly described consultation are not flagged.
    assert.deepEqual(fileIn(report, 'samples/genuine-coproduction.md').diagnostics, []);
    assert.deepEqual(fileIn(report, 'samples/honest-consultation.md').diagnostics, []);
    // Every finding in the samples is a consultation-only warning.
    for (const file of report.files) {
      for (const d of file.diagnostics) {
        assert.equal(d.rule, 'consultation-only', `${file.path}: ${JSON.stringify(d)}`);
        assert.equal(d.severity, 'warning', `${file.path}: ${JSON.stringify(d)}`);
        assert.match(d.level, /^(consultation|engagement)$/, `${file.path}: ${JSON.stringify(d)}`);
      }
    }
    const claims = (p: string): string[] => {
      const text = fs.readFileSync(path.join(repoRoot, p), 'utf8');
      return fileIn(report, p).diagnostics.map((d) => textAt(text, d.range));
    };
    assert.deepEqual(claims('samples/charity-grant.md'), ['in partnership with young carers']);
    assert.deepEqual(claims('samples/community-service-bid.md'), ['co-designed']);
    assert.deepEqual(claims('samples/health-research-ppi.md'), ['co-produced', 'as equal partners']);
    assert.deepEqual(claims('samples/mixed-work-packages.md'), ['co-designed']);

    // mixed-work-packages: the flagged claim is Work Package 2's passport, on line 49.
    const mixed = fs.readFileSync(path.join(repoRoot, 'samples/mixed-work-packages.md'), 'utf8').split('\n');
    const passportLine = mixed.findIndex((l) => l.startsWith('The transition passport will be co-designed'));
    assert.equal(passportLine + 1, 49);
    const [wp2] = fileIn(report, 'samples/mixed-work-packages.md').diagnostics;
    assert.equal(wp2?.range.start.line, passportLine);
  });

  test('text output: one line per finding, then the summary', () => {
    const r = samplesText();
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.at(-1), '6 files checked: 5 warnings.');
    const findings = lines.slice(0, -1);
    assert.equal(findings.length, 5);
    for (const line of findings) assert.match(line, /^samples\/[a-z-]+\.md:\d+:\d+ warning Claims co-(design|production), .+ consultation-only$/);
    assert.ok(findings.some((l) => l.startsWith('samples/mixed-work-packages.md:49:')), r.stdout);
    assert.ok(!r.stdout.includes('genuine-coproduction.md'), 'genuine co-production is not flagged');
    assert.ok(!r.stdout.includes('honest-consultation.md'), 'honest consultation is not flagged');
    assert.ok(!r.stdout.includes('\x1b['), 'no colour codes when NO_COLOR is set and stdout is a pipe');
  });

  test('text, JSON and SARIF report the same findings at the same places', () => {
    const report = parseJson(samplesJson());
    const fromJson = report.files.flatMap((f) =>
      f.diagnostics.map((d) => `${f.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.message} ${d.rule}`),
    );
    const textLines = samplesText().stdout.trimEnd().split('\n').slice(0, -1);
    assert.deepEqual(textLines, fromJson);

    const log = parseSarif(samplesSarif());
    const fromSarif = log.runs[0].results.map((res: Sarif) => {
      const loc = res.locations[0].physicalLocation;
      const reg = loc.region;
      return `${loc.artifactLocation.uri}:${reg.startLine}:${reg.startColumn}-${reg.endLine}:${reg.endColumn} ${res.ruleId} ${res.message.text}`;
    });
    const expected = report.files.flatMap((f) =>
      f.diagnostics.map(
        (d) =>
          `${f.path}:${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.rule} ${d.message}`,
      ),
    );
    assert.deepEqual(fromSarif, expected);
  });
});

// ---------------------------------------------------------------------------------------------
// 2. JSON contract
// ---------------------------------------------------------------------------------------------

function assertPosition(p: unknown, where: string): void {
  assert.ok(typeof p === 'object' && p !== null, where);
  assert.deepEqual(Object.keys(p).sort(), ['character', 'line'], where);
  const { line, character } = p as Position;
  assert.ok(Number.isInteger(line) && line >= 0, `${where}: line ${line}`);
  assert.ok(Number.isInteger(character) && character >= 0, `${where}: character ${character}`);
}

describe('JSON report contract', () => {
  test('top level is exactly {version: 1, files}; files are exactly {path, diagnostics}', () => {
    const report = parseJson(samplesJson()) as unknown as Record<string, unknown>;
    assert.deepEqual(Object.keys(report).sort(), ['files', 'version']);
    assert.equal(report.version, 1);
    assert.ok(Array.isArray(report.files));
    for (const file of report.files as Record<string, unknown>[]) {
      assert.deepEqual(Object.keys(file).sort(), ['diagnostics', 'path'], JSON.stringify(file).slice(0, 200));
      assert.equal(typeof file.path, 'string');
      assert.ok(Array.isArray(file.diagnostics));
    }
  });

  test('each diagnostic has exactly rule, severity, message, range, level, suggestions', () => {
    const report = parseJson(samplesJson());
    let count = 0;
    for (const file of report.files) {
      for (const d of file.diagnostics) {
        count++;
        const where = `${file.path}: ${JSON.stringify(d).slice(0, 120)}`;
        assert.deepEqual(Object.keys(d).sort(), ['level', 'message', 'range', 'rule', 'severity', 'suggestions'], where);
        assert.ok(RULE_IDS.includes(d.rule), where);
        assert.ok(['error', 'warning', 'information', 'hint'].includes(d.severity), where);
        assert.equal(typeof d.message, 'string');
        assert.ok(d.message.length > 0, where);
        assert.equal(typeof d.level, 'string');
        assert.ok(d.level.length > 0, where);
        assert.ok(Array.isArray(d.suggestions), where);
        assert.deepEqual(Object.keys(d.range).sort(), ['end', 'start'], where);
        assertPosition(d.range.start, `${where} start`);
        assertPosition(d.range.end, `${where} end`);
      }
    }
    assert.equal(count, 5, 'the samples give five diagnostics to check');
  });

  test('ranges are 0-based and cover the claim phrase in the file', () => {
    const report = parseJson(samplesJson());
    for (const file of report.files) {
      const text = fs.readFileSync(path.join(repoRoot, file.path), 'utf8');
      for (const d of file.diagnostics) {
        const { start, end } = d.range;
        assert.ok(start.line < end.line || (start.line === end.line && start.character < end.character), `${file.path}: empty or inverted range`);
        const claim = textAt(text, d.range);
        assert.match(claim, /^(co-|in partnership|(as )?equal partners)/i, `${file.path}:${start.line}:${start.character} covers ${JSON.stringify(claim)}`);
      }
    }
  });

  test('characters are UTF-16 code units: astral characters before a claim count twice', () => {
    const text = `# Plan 😀\n\n## Involvement\n\n😀😀 ${CLAIM_PARAGRAPH}\n`;
    const dir = project({ 'emoji.md': text });
    const json = parseJson(run(['check', '--format', 'json', 'emoji.md'], { cwd: dir }));
    const [d] = fileIn(json, 'emoji.md').diagnostics;
    assert.ok(d, JSON.stringify(json));
    assert.deepEqual(d.range, { start: { line: 4, character: 26 }, end: { line: 4, character: 37 } });
    assert.equal(textAt(text, d.range), 'co-designed');
    // Text output is 1-based in the same units.
    const r = run(['check', 'emoji.md'], { cwd: dir });
    assert.ok(r.stdout.startsWith('emoji.md:5:27 warning '), show(r));
    // SARIF says it counts UTF-16 code units and uses them.
    const log = parseSarif(run(['check', '--format', 'sarif', 'emoji.md'], { cwd: dir }));
    assert.equal(log.runs[0].columnKind, 'utf16CodeUnits');
    assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation.region, { startLine: 5, startColumn: 27, endLine: 5, endColumn: 38 });
  });

  test('CRLF and lone CR line breaks count as line breaks', () => {
    const lf = `# Plan\n\n## Involvement\n\nIntro line.\n${CLAIM_PARAGRAPH}\n`;
    const crlf = lf.replace(/\n/g, '\r\n');
    const cr = lf.replace(/\n/g, '\r');
    const dir = project({ 'lf.md': lf, 'crlf.md': crlf, 'cr.md': cr });
    const json = parseJson(run(['check', '--format', 'json', 'lf.md', 'crlf.md', 'cr.md'], { cwd: dir }));
    const expected = { start: { line: 5, character: 21 }, end: { line: 5, character: 32 } };
    for (const [name, text] of [['lf.md', lf], ['crlf.md', crlf], ['cr.md', cr]] as const) {
      const [d] = fileIn(json, name).diagnostics;
      assert.ok(d, `${name}: no diagnostic`);
      assert.deepEqual(d.range, expected, name);
      assert.equal(textAt(text, d.range), 'co-designed', name);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// 3. SARIF
// ---------------------------------------------------------------------------------------------

describe('SARIF output', () => {
  test('the samples log is valid against the SARIF 2.1.0 schema', () => {
    assertValidSarif(parseSarif(samplesSarif()));
  });

  test('the schema validator is not vacuous: it rejects a broken log', () => {
    const log = parseSarif(samplesSarif());
    log.runs[0].results[0].level = 'loud';
    log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    const validate = sarifValidator();
    assert.equal(validate(log), false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    assert.ok(paths.includes('/runs/0/results/0/level'), JSON.stringify(paths));
    assert.ok(paths.includes('/runs/0/results/0/locations/0/physicalLocation/region/startLine'), JSON.stringify(paths));
  });

  test('rule metadata: every rule with ids, names, descriptions, helpUri and default levels', () => {
    const log = parseSarif(samplesSarif());
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'coprod-lens');
    assert.equal(driver.version, pkg.version);
    const rules = driver.rules as Sarif[];
    assert.deepEqual(
      rules.map((r) => r.id),
      RULE_IDS,
    );
    assert.deepEqual(
      rules.map((r) => r.name),
      ['ConsultationOnly', 'CoDesignNotCoProduction', 'UnevidencedClaim', 'UncitedDefinition', 'UnknownCitation', 'MissingReferenceEntry'],
    );
    assert.deepEqual(
      rules.map((r) => r.defaultConfiguration.level),
      ['warning', 'note', 'note', 'note', 'warning', 'warning'],
    );
    for (const rule of rules) {
      assert.equal(rule.helpUri, `${DOCS_BASE}${rule.id}.md`);
      assert.ok(typeof rule.shortDescription?.text === 'string' && rule.shortDescription.text.length > 0, rule.id);
      assert.ok(rule.help.text.includes(rule.helpUri), rule.id);
    }
  });

  test('results point at their rule, with SARIF levels and 1-based regions', () => {
    const log = parseSarif(samplesSarif());
    const run0 = log.runs[0];
    assert.equal(run0.columnKind, 'utf16CodeUnits');
    assert.equal(run0.results.length, 5);
    for (const res of run0.results as Sarif[]) {
      assert.equal(run0.tool.driver.rules[res.ruleIndex].id, res.ruleId);
      assert.equal(res.level, 'warning');
      const loc = res.locations[0].physicalLocation;
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.ok(SAMPLE_FILES.includes(loc.artifactLocation.uri), loc.artifactLocation.uri);
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1, JSON.stringify(loc.region));
    }
    assert.deepEqual(run0.invocations, [{ executionSuccessful: true, toolExecutionNotifications: [] }]);
  });

  test('information findings are SARIF notes; a configured error is a SARIF error', () => {
    const dir = project({ 'info.md': UNEVIDENCED, 'co.md': CONSULTATION_ONLY, 'strict.json': '{"rules":{"consultation-only":"error"}}' });
    const log = parseSarif(run(['check', '--format', 'sarif', '--config', 'strict.json', 'co.md', 'info.md'], { cwd: dir }));
    assertValidSarif(log);
    assert.deepEqual(
      log.runs[0].results.map((r: Sarif) => [r.locations[0].physicalLocation.artifactLocation.uri, r.ruleId, r.level]),
      [
        ['co.md', 'consultation-only', 'error'],
        ['info.md', 'unevidenced-claim', 'note'],
      ],
    );
  });

  test('a file that cannot be read becomes a tool execution notification, and the log stays valid', () => {
    const dir = project({ 'x.md': Buffer.from('# Plan\n\x00\x00\x00\n'), 'co.md': CONSULTATION_ONLY });
    const r = run(['check', '--format', 'sarif', 'x.md', 'co.md'], { cwd: dir });
    assertExit(r, 2);
    const log = parseSarif(r);
    assertValidSarif(log);
    const [invocation] = log.runs[0].invocations;
    assert.equal(invocation.executionSuccessful, false);
    assert.equal(invocation.toolExecutionNotifications.length, 1);
    assert.match(invocation.toolExecutionNotifications[0].message.text, /^x\.md: skipped: binary file/);
    assert.equal(invocation.toolExecutionNotifications[0].locations[0].physicalLocation.artifactLocation.uri, 'x.md');
    assert.deepEqual(
      log.runs[0].results.map((res: Sarif) => res.locations[0].physicalLocation.artifactLocation.uri),
      ['co.md'],
    );
  });

  test(
    'artifact URIs resolve back to the checked file when its name contains "#"',
    () => {
      const dir = project({ 'notes#1.md': CONSULTATION_ONLY });
      const log = parseSarif(run(['check', '--format', 'sarif', 'notes#1.md'], { cwd: dir }));
      const base = log.runs[0].originalUriBaseIds['%SRCROOT%'].uri as string;
      const uri = log.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri as string;
      assert.equal(fileURLToPath(new URL(uri, base)), path.join(dir, 'notes#1.md'));
    },
  );
});

// ---------------------------------------------------------------------------------------------
// 4. Exit codes
// ---------------------------------------------------------------------------------------------

describe('exit codes', () => {
  test('0 on samples/genuine-coproduction.md (no findings)', () => {
    const r = run(['check', 'samples/genuine-coproduction.md']);
    assertExit(r, 0);
    assert.equal(r.stdout, '1 file checked: no problems found.\n');
  });

  test('1 on samples/ with the default --fail-on warning', () => {
    assertExit(samplesText(), 1);
    assertExit(run(['check', '--fail-on', 'warning', 'samples']), 1);
  });

  test('0 on samples/ with --fail-on error (findings are still printed)', () => {
    const r = run(['check', '--fail-on', 'error', 'samples']);
    assertExit(r, 0);
    assert.equal(r.stdout, samplesText().stdout);
  });

  test('0 on samples/ with --fail-on never', () => {
    const r = run(['check', '--fail-on', 'never', 'samples']);
    assertExit(r, 0);
    assert.match(r.stdout, /6 files checked: 5 warnings\.\n$/);
  });

  test('information-only findings: 0 by default, 1 with --fail-on information', () => {
    const dir = project({ 'plan.md': UNEVIDENCED });
    const json = parseJson(run(['check', '--format', 'json', 'plan.md'], { cwd: dir }));
    const diagnostics = fileIn(json, 'plan.md').diagnostics;
    assert.deepEqual(
      diagnostics.map((d) => [d.rule, d.severity, textAt(UNEVIDENCED, d.range)]),
      [['unevidenced-claim', 'information', 'co-produced']],
    );
    const byDefault = run(['check', 'plan.md'], { cwd: dir });
    assertExit(byDefault, 0);
    assert.match(byDefault.stdout, /^plan\.md:3:17 information .* unevidenced-claim\n1 file checked: 1 information\.\n$/);
    assertExit(run(['check', '--fail-on', 'information', 'plan.md'], { cwd: dir }), 1);
    assertExit(run(['check', '--fail-on', 'hint', 'plan.md'], { cwd: dir }), 1);
    assertExit(run(['check', '--fail-on', 'never', 'plan.md'], { cwd: dir }), 0);
  });
});

// ---------------------------------------------------------------------------------------------
// 5. Usage errors
// ---------------------------------------------------------------------------------------------

describe('usage errors exit 2 and say what is wrong', () => {
  test('unknown flag --frobnicate', () => {
    assertUsageError(run(['check', '--frobnicate', 'samples']), /Unknown option '--frobnicate'/);
  });

  test('bad --format value', () => {
    assertUsageError(run(['check', '--format', 'xml', 'samples']), /--format must be one of text, json, sarif \(got "xml"\)/);
  });

  test('--format without a value', () => {
    assertUsageError(run(['check', 'samples', '--format']), /--format/);
  });

  test('bad --fail-on value', () => {
    assertUsageError(run(['check', '--fail-on', 'sometimes', 'samples']), /--fail-on must be one of .*\(got "sometimes"\)/);
  });

  test('unknown command', () => {
    assertUsageError(run(['lint', 'samples']), /unknown command "lint"; the commands are "check" and "references"/);
  });

  test('missing path: no such file or folder', () => {
    assertUsageError(run(['check', 'samples/genuine-coproduction.md', 'samples/nope.md']), /no such file or folder: "samples\/nope\.md"/);
  });

  test('glob matching nothing', () => {
    assertUsageError(run(['check', 'samples/*.docx']), /no files match "samples\/\*\.docx"/);
  });

  test('no command prints the usage and exits 2', () => {
    const r = run([]);
    assertExit(r, 2);
    assert.match(r.stdout, /^Usage: coprod-lens check/);
  });
});

// ---------------------------------------------------------------------------------------------
// 6. Files that cannot be checked
// ---------------------------------------------------------------------------------------------

describe('files that cannot be checked', () => {
  test('a binary file named x.md: error on stderr, exit 2, other files still checked', () => {
    const dir = project({ 'x.md': Buffer.from([0x23, 0x20, 0x50, 0x00, 0x01, 0x00, 0x0a]), 'good.md': CONSULTATION_ONLY });
    const r = run(['check', 'x.md', 'good.md'], { cwd: dir });
    assertExit(r, 2);
    assert.match(r.stderr, /^coprod-lens: x\.md: skipped: binary file \(it contains NUL bytes\)/m);
    assert.ok(r.stdout.startsWith(`good.md${CONSULTATION_ONLY_AT}`), show(r));
    assert.match(r.stdout, /1 file checked: 1 warning; 1 file could not be checked\.\n$/);
    assert.ok(!r.stdout.includes('x.md'), 'the skipped file has no findings on stdout');
  });

  test('a file that is not valid UTF-8: error on stderr, exit 2, other files still checked', () => {
    const bad = Buffer.concat([Buffer.from('# Plan\n\nThis is co-produced with '), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from(' patients.\n')]);
    const dir = project({ 'latin.md': bad, 'good.md': CONSULTATION_ONLY });
    const r = run(['check', 'good.md', 'latin.md'], { cwd: dir });
    assertExit(r, 2);
    assert.match(r.stderr, /^coprod-lens: latin\.md: skipped: not valid UTF-8/m);
    assert.ok(r.stdout.startsWith(`good.md${CONSULTATION_ONLY_AT}`), show(r));
    assert.match(r.stdout, /; 1 file could not be checked\.\n$/);
  });

  test('a file over "maxFileSize": error on stderr naming the limit, exit 2, other files still checked', () => {
    const big = `# Plan\n\n${'We will hold a meeting with residents.\n'.repeat(27)}`.slice(0, 1024);
    assert.equal(Buffer.byteLength(big), 1024);
    const dir = project({ '.coprod-lens.json': '{"maxFileSize": 100}', 'big.md': big, 'small.md': UNEVIDENCED });
    assert.ok(Buffer.byteLength(UNEVIDENCED) < 100);
    const r = run(['check', 'big.md', 'small.md'], { cwd: dir });
    assertExit(r, 2);
    assert.match(r.stderr, /^coprod-lens: big\.md: skipped: 1 kB is over the 100 B limit; raise "maxFileSize"/m);
    assert.ok(!r.stderr.includes('small.md'), show(r));
    assert.ok(r.stdout.startsWith('small.md:3:17 information '), show(r));
  });

  test('all three bad files in one run: each named on stderr, the good file still checked', () => {
    const dir = project({
      '.coprod-lens.json': '{"maxFileSize": 500}',
      'x.md': Buffer.from('a\x00b'),
      'bad.md': Buffer.from([0x80, 0x81]),
      'big.md': 'word '.repeat(200),
      'good.md': CONSULTATION_ONLY,
    });
    const r = run(['check', '--format', 'json', '.'], { cwd: dir });
    assertExit(r, 2);
    for (const name of ['x.md', 'bad.md', 'big.md']) assert.match(r.stderr, new RegExp(`^coprod-lens: ${name.replace('.', '\\.')}: skipped: `, 'm'));
    const json = parseJson(r);
    assert.deepEqual(
      json.files.map((f) => [f.path, f.error === undefined ? 'checked' : 'error', f.diagnostics.length]),
      [
        ['bad.md', 'error', 0],
        ['big.md', 'error', 0],
        ['good.md', 'checked', 1],
        ['x.md', 'error', 0],
      ],
    );
  });

  test('a BOM-prefixed file is checked normally and its ranges are not shifted', () => {
    const text = `${CLAIM_PARAGRAPH}\n`;
    const dir = project({ 'bom.md': `\ufeff${text}`, 'plain.md': text });
    const r = run(['check', '--format', 'json', 'bom.md', 'plain.md'], { cwd: dir });
    assertExit(r, 1);
    assert.equal(r.stderr, '');
    const json = parseJson(r);
    const withBom = fileIn(json, 'bom.md').diagnostics;
    const without = fileIn(json, 'plain.md').diagnostics;
    assert.equal(withBom.length, 1);
    assert.deepEqual(withBom, without);
    assert.deepEqual(withBom[0]!.range.start, { line: 0, character: text.indexOf('co-designed') });
    assert.equal(textAt(text, withBom[0]!.range), 'co-designed');
  });
});

// ---------------------------------------------------------------------------------------------
// 7. Configuration
// ---------------------------------------------------------------------------------------------

describe('configuration', () => {
  test('without a config file the fixture gives a consultation-only warning', () => {
    const dir = project({ 'co.md': CONSULTATION_ONLY });
    const r = run(['check', 'co.md'], { cwd: dir });
    assertExit(r, 1);
    assert.match(r.stdout, /^co\.md:5:22 warning .* consultation-only\n1 file checked: 1 warning\.\n$/);
  });

  test('.coprod-lens.json turning consultation-only "off" removes its findings', () => {
    const dir = project({ '.coprod-lens.json': '{"rules": {"consultation-only": "off"}}', 'co.md': CONSULTATION_ONLY });
    const r = run(['check', 'co.md'], { cwd: dir });
    assertExit(r, 0);
    assert.equal(r.stdout, '1 file checked: no problems found.\n');
  });

  test('.coprod-lens.json setting consultation-only to "error" makes the findings errors', () => {
    const dir = project({ '.coprod-lens.json': '{"rules": {"consultation-only": "error"}}', 'co.md': CONSULTATION_ONLY });
    const r = run(['check', '--fail-on', 'error', 'co.md'], { cwd: dir });
    assertExit(r, 1);
    assert.match(r.stdout, /^co\.md:5:22 error .* consultation-only\n1 file checked: 1 error\.\n$/);
    const json = parseJson(run(['check', '--format', 'json', 'co.md'], { cwd: dir }));
    assert.deepEqual(
      fileIn(json, 'co.md').diagnostics.map((d) => [d.rule, d.severity]),
      [['consultation-only', 'error']],
    );
  });

  test('.coprod-lens.json is found in a parent of the working folder', () => {
    const dir = project({ '.coprod-lens.json': '{"rules": {"consultation-only": "off"}}', 'docs/co.md': CONSULTATION_ONLY });
    const r = run(['check', 'co.md'], { cwd: path.join(dir, 'docs') });
    assertExit(r, 0);
    assert.equal(r.stdout, '1 file checked: no problems found.\n');
  });

  test('--config FILE is used, and wins over .coprod-lens.json', () => {
    const dir = project({
      '.coprod-lens.json': '{"rules": {"consultation-only": "error"}}',
      'conf/lens.json': '{"rules": {"consultation-only": "off"}}',
      'co.md': CONSULTATION_ONLY,
    });
    const r = run(['check', '--config', 'conf/lens.json', 'co.md'], { cwd: dir });
    assertExit(r, 0);
    assert.equal(r.stdout, '1 file checked: no problems found.\n');
    // And the cwd file alone still applies.
    assert.match(run(['check', 'co.md'], { cwd: dir }).stdout, /^co\.md:5:22 error /);
  });

  const invalid: readonly [string, string, RegExp][] = [
    ['invalid JSON', '{"rules": {', /not valid JSON/],
    ['an unknown rule id', '{"rules": {"consultation-olny": "warning"}}', /unknown rule "consultation-olny"; known rules are consultation-only, co-design-not-co-production, unevidenced-claim/],
    ['a bad severity', '{"rules": {"consultation-only": "loud"}}', /rules\["consultation-only"\] is "loud"; use one of error, warning, information, hint, off/],
    ['an unknown key', '{"rulez": {}}', /unknown key "rulez"/],
  ];
  for (const [what, content, pattern] of invalid) {
    test(`${what} in .coprod-lens.json → exit 2 naming the config file`, () => {
      const dir = project({ '.coprod-lens.json': content, 'co.md': CONSULTATION_ONLY });
      const r = run(['check', 'co.md'], { cwd: dir });
      assertUsageError(r, pattern);
      assert.ok(r.stderr.startsWith(`coprod-lens: ${path.join(dir, '.coprod-lens.json')}: `), show(r));
    });

    test(`${what} in a --config file → exit 2 naming that file`, () => {
      const dir = project({ 'settings/lens.json': content, 'co.md': CONSULTATION_ONLY });
      const r = run(['check', '--config', 'settings/lens.json', 'co.md'], { cwd: dir });
      assertUsageError(r, pattern);
      assert.ok(r.stderr.startsWith(`coprod-lens: ${path.join(dir, 'settings', 'lens.json')}: `), show(r));
    });
  }

  test('a --config file that does not exist → exit 2 naming it', () => {
    const dir = project({ 'co.md': CONSULTATION_ONLY });
    const r = run(['check', '--config', 'missing.json', 'co.md'], { cwd: dir });
    assertUsageError(r, /cannot read the config file/);
    assert.ok(r.stderr.includes(path.join(dir, 'missing.json')), show(r));
  });
});

// ---------------------------------------------------------------------------------------------
// 8. Standard input
// ---------------------------------------------------------------------------------------------

describe('standard input', () => {
  test('check - reads stdin and reports it as <stdin>', () => {
    const r = run(['check', '-'], { input: CONSULTATION_ONLY });
    assertExit(r, 1);
    assert.match(r.stdout, /^<stdin>:5:22 warning Claims co-design, .* consultation-only\n1 file checked: 1 warning\.\n$/);
  });

  test('check --format json - gives path "<stdin>" and the claim range', () => {
    const r = run(['check', '--format', 'json', '-'], { input: CONSULTATION_ONLY });
    assertExit(r, 1);
    const json = parseJson(r);
    assert.deepEqual(
      json.files.map((f) => f.path),
      ['<stdin>'],
    );
    const [d] = fileIn(json, '<stdin>').diagnostics;
    assert.ok(d, JSON.stringify(json));
    assert.equal(d.rule, 'consultation-only');
    assert.equal(textAt(CONSULTATION_ONLY, d.range), 'co-designed');
  });

  test('check - with clean text exits 0', () => {
    const r = run(['check', '-'], { input: '# Plan\n\nWe will run a survey.\n' });
    assertExit(r, 0);
    assert.equal(r.stdout, '1 file checked: no problems found.\n');
  });
});

// ---------------------------------------------------------------------------------------------
// 9. Folder walk and globs
// ---------------------------------------------------------------------------------------------

describe('folder walk', () => {
  const tree = (): string =>
    project({
      'a.md': UNEVIDENCED,
      'b.markdown': UNEVIDENCED,
      'sub/c.qmd': UNEVIDENCED,
      'sub/d.Rmd': UNEVIDENCED,
      'sub/e.MD': UNEVIDENCED,
      'notes.txt': UNEVIDENCED,
      'sub/readme.txt': UNEVIDENCED,
      'node_modules/pkg/readme.md': UNEVIDENCED,
      'sub/node_modules/x.md': UNEVIDENCED,
      '.git/description.md': UNEVIDENCED,
    });
  const found = ['a.md', 'b.markdown', 'sub/c.qmd', 'sub/d.Rmd', 'sub/e.MD'];

  test('finds .md .markdown .qmd .Rmd (any case), skips node_modules and .git, ignores .txt', () => {
    const dir = tree();
    const r = run(['check', '--format', 'json', '.'], { cwd: dir });
    assertExit(r, 0);
    assert.deepEqual(
      parseJson(r).files.map((f) => f.path),
      found,
    );
  });

  test('with no paths, checks the current folder', () => {
    const dir = tree();
    const r = run(['check'], { cwd: dir });
    assertExit(r, 0);
    const paths = r.stdout
      .trimEnd()
      .split('\n')
      .slice(0, -1)
      .map((l) => l.slice(0, l.indexOf(':')));
    assert.deepEqual(paths, found);
    assert.match(r.stdout, /\n5 files checked: 5 information\.\n$/);
  });

  test('a folder given by path is walked and printed relative to the working folder', () => {
    const dir = tree();
    const r = run(['check', '--format', 'json', 'sub'], { cwd: dir });
    assert.deepEqual(
      parseJson(r).files.map((f) => f.path),
      ['sub/c.qmd', 'sub/d.Rmd', 'sub/e.MD'],
    );
  });

  test('a glob is expanded from the working folder, skipping node_modules', () => {
    const dir = tree();
    const r = run(['check', '--format', 'json', '**/*.md'], { cwd: dir });
    assertExit(r, 0);
    assert.deepEqual(
      parseJson(r).files.map((f) => f.path),
      ['a.md'],
    );
    const q = run(['check', '--format', 'json', 'sub/*.qmd'], { cwd: dir });
    assert.deepEqual(
      parseJson(q).files.map((f) => f.path),
      ['sub/c.qmd'],
    );
  });

  test('the same file named twice is checked once', () => {
    const r = run(['check', '--format', 'json', 'samples/charity-grant.md', 'samples', './samples/charity-grant.md']);
    const paths = parseJson(r).files.map((f) => f.path);
    assert.equal(paths.filter((p) => p === 'samples/charity-grant.md').length, 1);
    assert.equal(paths.length, SAMPLE_FILES.length);
  });
});

// ---------------------------------------------------------------------------------------------
// 10. Suppression comments
// ---------------------------------------------------------------------------------------------

describe('suppression comments', () => {
  const withComment = (comment: string, paragraph = CLAIM_PARAGRAPH): string => `# Plan\n\n## Involvement\n\n${comment}\n${paragraph}\n`;

  function diagnosticsOf(text: string): Diagnostic[] {
    const dir = project({ 'plan.md': text });
    const r = run(['check', '--format', 'json', '--fail-on', 'never', 'plan.md'], { cwd: dir });
    assertExit(r, 0);
    return fileIn(parseJson(r), 'plan.md').diagnostics;
  }

  test('disable-next-line consultation-only above the claim paragraph removes the finding', () => {
    assert.deepEqual(diagnosticsOf(withComment('<!-- coprod-lens-disable-next-line consultation-only -->')), []);
  });

  test('disable-next-line with no rule ids suppresses every rule', () => {
    assert.deepEqual(diagnosticsOf(withComment('<!-- coprod-lens-disable-next-line -->')), []);
  });

  test('disable-next-line covers a paragraph that wraps over several lines', () => {
    const wrapped = CLAIM_PARAGRAPH.replace('residents. We', 'residents.\nWe').replace('This service', 'Our plan:\nThis service');
    assert.equal(diagnosticsOf(`# Plan\n\n## Involvement\n\n${wrapped}\n`).length, 1, 'the wrapped paragraph is flagged without a comment');
    assert.deepEqual(diagnosticsOf(withComment('<!-- coprod-lens-disable-next-line consultation-only -->', wrapped)), []);
  });

  test('disable-next-line for another rule id does not suppress', () => {
    const d = diagnosticsOf(withComment('<!-- coprod-lens-disable-next-line unevidenced-claim -->'));
    assert.deepEqual(
      d.map((x) => [x.rule, x.range.start.line]),
      [['consultation-only', 5]],
    );
  });

  const second = '## Second\n\nOur app will be co-designed with carers. We will run an online survey and invite them to comment on our plans.\n';
  const region = (open: string, close: string): string =>
    `# Plan\n\n## Involvement\n\n${open}\n\n${CLAIM_PARAGRAPH}\n\n${close}\n\n${second}`;

  test('without comments, the two-section fixture has two findings', () => {
    const d = diagnosticsOf(region('', ''));
    assert.deepEqual(
      d.map((x) => x.rule),
      ['consultation-only', 'consultation-only'],
    );
  });

  test('disable … enable suppresses inside the region only', () => {
    const text = region('<!-- coprod-lens-disable -->', '<!-- coprod-lens-enable -->');
    const d = diagnosticsOf(text);
    assert.equal(d.length, 1);
    assert.equal(d[0]!.rule, 'consultation-only');
    assert.equal(textAt(text, d[0]!.range), 'co-designed');
    assert.equal(text.split('\n')[d[0]!.range.start.line], second.split('\n')[2], 'the finding left is the one after enable');
  });

  test('disable consultation-only … enable consultation-only suppresses that rule inside the region', () => {
    const d = diagnosticsOf(region('<!-- coprod-lens-disable consultation-only -->', '<!-- coprod-lens-enable consultation-only -->'));
    assert.equal(d.length, 1);
    assert.equal(d[0]!.range.start.line, 12);
  });

  test('a disable region for another rule id does not suppress', () => {
    const d = diagnosticsOf(region('<!-- coprod-lens-disable unevidenced-claim -->', '<!-- coprod-lens-enable unevidenced-claim -->'));
    assert.equal(d.length, 2);
  });

  test('disable without enable runs to the end of the file', () => {
    assert.deepEqual(diagnosticsOf(region('<!-- coprod-lens-disable -->', '')), []);
  });

  test(
    'disable-next-line above a list item covers the whole item',
    () => {
      const item = `- Our plan, in brief.\n  ${CLAIM_PARAGRAPH}`;
      assert.equal(diagnosticsOf(`# Plan\n\n## Involvement\n\n${item}\n`).length, 1, 'flagged without a comment');
      assert.deepEqual(diagnosticsOf(withComment('<!-- coprod-lens-disable-next-line consultation-only -->', item)), []);
    },
  );
});

// ---------------------------------------------------------------------------------------------
// 11. Help, version, quiet
// ---------------------------------------------------------------------------------------------

describe('help and version', () => {
  test('--help exits 0 and describes the options', () => {
    for (const flag of ['--help', '-h']) {
      const r = run([flag]);
      assertExit(r, 0);
      assert.match(r.stdout, /^Usage: coprod-lens check/);
      assert.match(r.stdout, /--format text\|json\|sarif/);
      assert.match(r.stdout, /--fail-on/);
      assert.match(r.stdout, /--config FILE/);
      assert.equal(r.stderr, '');
    }
  });

  test('--version prints the package.json version', () => {
    for (const flag of ['--version', '-v']) {
      const r = run([flag]);
      assertExit(r, 0);
      assert.equal(r.stdout, `${pkg.version}\n`);
    }
  });

  test('--quiet prints findings without the summary line', () => {
    const r = run(['check', '--quiet', 'samples']);
    assertExit(r, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 5);
    assert.ok(lines.every((l) => l.endsWith(' consultation-only')), r.stdout);
    assert.equal(run(['check', '--quiet', 'samples/genuine-coproduction.md']).stdout, '');
  });
});

// ---------------------------------------------------------------------------------------------
// 12. Worker threads (--jobs)
// ---------------------------------------------------------------------------------------------

/** Assert two runs printed the same, byte for byte, and exited alike. */
function assertSameRun(actual: Run, expected: Run): void {
  const what = `coprod-lens ${actual.args.join(' ')} vs ${expected.args.join(' ')}`;
  assert.equal(actual.status, expected.status, `${what}: exit codes differ\n${show(actual)}`);
  assert.equal(actual.stdout, expected.stdout, `${what}: stdout differs`);
  assert.equal(actual.stderr, expected.stderr, `${what}: stderr differs`);
}

/**
 * A folder of 48 files: 40 generated proposals (about 2,000–3,000 words each, 0.7 MB in all) and,
 * spread among them, files that print on stderr (a bibliography that cannot be read, an unknown
 * rule in a suppression comment, a front matter error), a binary file, a CRLF file and the samples.
 * The default checks this much in one thread (a worker pays off from about 2 MB in all);
 * --jobs 2 and --jobs 3 start one and two workers.
 */
const generatedFolder = once((): string => {
  const files: Record<string, string | Buffer> = {};
  for (let i = 0; i < 40; i++) files[`p-${String(i).padStart(2, '0')}.md`] = generateProposal(2000 + 25 * i, 500 + i);
  files['p-03-bibliography.md'] = `---\nbibliography: nowhere.bib\n---\n\n${CONSULTATION_ONLY}`;
  files['p-11-unknown-rule.md'] = `# Plan\n\n<!-- coprod-lens-disable-next-line no-such-rule -->\n${CLAIM_PARAGRAPH}\n`;
  files['p-17-binary.md'] = Buffer.from([0x23, 0x20, 0x00, 0x0a]);
  files['p-23-front-matter.md'] = `---\ntitle: [unclosed\n---\n\n${CONSULTATION_ONLY}`;
  files['p-29-crlf.md'] = `${CONSULTATION_ONLY}\n😀 ${UNEVIDENCED}`.replace(/\n/g, '\r\n');
  for (const sample of SAMPLE_FILES) files[`q-${path.basename(sample)}`] = fs.readFileSync(path.join(repoRoot, sample));
  return project(files);
});

describe('worker threads (--jobs)', () => {
  test('--help describes --jobs', () => {
    assert.match(run(['--help']).stdout, /--jobs N +check N files at a time: this thread and N-1 worker\n +threads/);
  });

  for (const format of ['text', 'json', 'sarif']) {
    test(`over samples/, --jobs 2 prints exactly what --jobs 1 prints (${format})`, () => {
      const one = run(['check', '--format', format, '--jobs', '1', 'samples']);
      assertExit(one, 1);
      assertSameRun(run(['check', '--format', format, '--jobs', '2', 'samples']), one);
      assertSameRun(run(['check', '--format', format, '--jobs', '6', 'samples']), one);
    });

    test(`over 48 files, --jobs 2, --jobs 3 and the default print exactly what --jobs 1 prints, stderr in file order (${format})`, () => {
      const dir = generatedFolder();
      const one = run(['check', '--format', format, '--jobs', '1', '.'], { cwd: dir });
      assertExit(one, 2); // the binary file
      assert.deepEqual(
        one.stderr.split('\n').filter(Boolean).map((line) => /^coprod-lens: ([^:]+)/.exec(line)?.[1]),
        ['p-03-bibliography.md', 'p-11-unknown-rule.md', 'p-23-front-matter.md', 'p-17-binary.md'],
        `one message per file that has one, in file order, the error last\n${show(one)}`,
      );
      for (const jobs of [['--jobs', '2'], ['--jobs', '3'], []]) assertSameRun(run(['check', '--format', format, ...jobs, '.'], { cwd: dir }), one);
    });
  }

  test('standard input among files: --jobs 2 prints what --jobs 1 prints', () => {
    const dir = generatedFolder();
    const args = ['check', '--format', 'json', 'p-00.md', '-', 'p-01.md', 'p-02.md'];
    const one = run([...args, '--jobs', '1'], { cwd: dir, input: CONSULTATION_ONLY });
    assertExit(one, 1);
    assert.deepEqual(parseJson(one).files.map((f) => f.path), ['p-00.md', '<stdin>', 'p-01.md', 'p-02.md']);
    assertSameRun(run([...args, '--jobs', '2'], { cwd: dir, input: CONSULTATION_ONLY }), one);
  });

  test('--fix with --jobs 2 fixes like --jobs 1 (one file at a time: fixes to a shared bibliography build on each other)', () => {
    const doc = (n: number): string => `---\nbibliography: refs.json\n---\n\n# Plan ${n}\n\nInvolvement improves relevance [@brandsen2016; @palumbo2016].\n`;
    const files = { 'a.md': doc(1), 'b.md': doc(2), 'c.md': doc(3), 'refs.json': '[]\n' };
    const one = project(files);
    const two = project(files);
    const r1 = run(['check', '--fix', '--jobs', '1', '.'], { cwd: one });
    const r2 = run(['check', '--fix', '--jobs', '2', '.'], { cwd: two });
    assertSameRun(r2, r1);
    const refs = JSON.parse(fs.readFileSync(path.join(two, 'refs.json'), 'utf8')) as { id: string }[];
    assert.deepEqual(refs.map((r) => r.id).sort(), ['brandsen2016', 'palumbo2016'], 'each entry added once');
    assert.equal(fs.readFileSync(path.join(two, 'refs.json'), 'utf8'), fs.readFileSync(path.join(one, 'refs.json'), 'utf8'));
  });

  for (const value of ['0', '-1', '1.5', 'two', '', '07x']) {
    test(`--jobs ${JSON.stringify(value)} is a usage error`, () => {
      assertUsageError(run(['check', `--jobs=${value}`, 'samples']), /--jobs must be a whole number, 1 or more: how many files to check at a time \(got ".*"\)/);
    });
  }

  test('--jobs without a value is a usage error', () => {
    assertUsageError(run(['check', 'samples', '--jobs']), /--jobs/);
  });
});

// ---------------------------------------------------------------------------------------------
// 13. An internal error in one file
// ---------------------------------------------------------------------------------------------

describe('an internal error while checking one file', () => {
  /**
   * No input is known to make the core throw any more (the last, Math.min(...depths) over 200,000
   * headings, was fixed), so the exception comes from settings no loader produces: with `rules:
   * null` the analysis throws a TypeError before any rule runs, a real exception from the real
   * code. checkTarget is what the main thread and every worker thread run for each file, so its
   * catch is what keeps one file's failure from stopping the rest (a file's error is printed,
   * and exits 2, as the binary file in the 48-file folder shows).
   */
  test('becomes that file\'s error, and the next file is checked as before', () => {
    const dir = project({ 'a-broken.md': CONSULTATION_ONLY, 'b-good.md': CONSULTATION_ONLY });
    const context: CheckContext = { settings: defaultSettings(), settingsBase: dir, fix: false };
    const target = (name: string) => ({ absolute: path.join(dir, name), display: name });
    const noStdin = (): Buffer => {
      throw new Error('no standard input in this test');
    };
    const broken = checkTarget(target('a-broken.md'), { ...context, settings: { ...context.settings, rules: null as never } }, noStdin);
    assert.deepEqual(broken.report.findings, []);
    assert.match(broken.report.error ?? '', /^internal error while checking: Cannot read properties of null \(reading '[a-z-]+'\); please report it with this file\.$/);
    const good = checkTarget(target('b-good.md'), context, noStdin);
    assert.equal(good.report.error, undefined);
    assert.deepEqual(good.report.findings.map((f) => f.rule), ['consultation-only']);
  });

  test('--fix that cannot write its file (name too long for the temporary copy): that file\'s error, exit 2, the others checked', () => {
    // 240 characters: a legal name, but the temporary copy beside it ("….coprod-lens-PID.tmp") is over 255.
    const long = `${'n'.repeat(237)}.md`;
    const fixable = '# Plan\n\nInvolvement improves relevance (Palumbo, 2016).\n\n## References\n\n- Brandsen, T., & Honingh, M. (2016). Distinguishing. *PAR*.\n';
    const dir = project({ [long]: fixable, 'b-good.md': CONSULTATION_ONLY });
    const r = run(['check', '--fix', '--format', 'json', '.'], { cwd: dir });
    assertExit(r, 2);
    assert.match(r.stderr, new RegExp(`^coprod-lens: ${long.replace('.', '\\.')}: cannot save the fixes: the file name is too long for the temporary copy written beside it \\(.+\\)\\.$`, 'm'));
    assert.doesNotMatch(r.stderr, /internal error/);
    assert.equal(fs.readFileSync(path.join(dir, long), 'utf8'), fixable, 'the file is unchanged');
    assert.deepEqual(fs.readdirSync(dir).sort(), [long, 'b-good.md'].sort(), 'no temporary file is left');
    assert.deepEqual(fileIn(parseJson(r), 'b-good.md').diagnostics.map((d) => d.rule), ['consultation-only']);
  });
});
