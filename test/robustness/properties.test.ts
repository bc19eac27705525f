/**
 * Robustness properties of the analysis core over generated and mutated Markdown: random fragments
 * (headings, lists, tables, quotes, code, HTML comments, front matter, emoji and other astral
 * characters, CRLF or mixed line endings, claim-like sentences and citations), then random
 * insertions, deletions and duplications of markup characters.
 *
 * 1. analyze never throws, and no rule throws (ruleErrors stays empty);
 * 2. every range it reports (findings, claims, evidence, citations, notices, fix edits) lies in
 *    the text with start ≤ end, and no range boundary splits a surrogate pair;
 * 3. the result is the same for the same text (deterministic);
 * 4. time per kilobyte stays bounded: a document repeated 4× takes under 8× as long.
 *
 * Each property runs a fixed number of cases (about 200), so nothing can loop forever; the time
 * check is a ratio measured in one process, never an absolute speed.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { analyze, type AnalysisResult } from '../../server/src/core/analyze';
import { bibliographyPaths } from '../../server/src/core/citations/front-matter';
import { applyEdits } from '../../server/src/core/edits';
import type { Span } from '../../server/src/core/types';

const RUNS = Number(process.env.ROBUSTNESS_RUNS ?? 200);

// ---------------------------------------------------------------------------------------------
// Generators

const CLAIMS = [
  'This project has been co-produced with people who use local services.',
  'The intervention will be co-designed with carers and young people.',
  'We see residents as equal partners in shaping the new service.',
  'Our approach is genuinely co-productive from start to finish.',
  'The toolkit was co-created with patients and the public.',
  'Co-production is at the heart of everything we do.',
  'We will co-design the service with people with lived experience.',
];
const EVIDENCE = [
  'We ran an online survey with 120 responses and two focus groups with patients.',
  'Our PPI panel reviewed the plain English summary and no changes were needed.',
  'A lay member will sit on the steering committee, and we will consult residents at key milestones.',
  'Two lived-experience co-leads co-chair the project board, where decisions are made jointly.',
  'Peer researchers, paid in line with NIHR payment guidance, will co-analyse the interviews.',
  'People with lived experience will co-author the papers and co-present the findings.',
  'Carers were invited to comment on the draft materials at a drop-in session, where possible.',
];
const DEFINITIONS = [
  'Co-production is defined as a relationship where professionals and citizens share power.',
  'By co-design we mean designing services with the people who use them (Brandsen & Honingh, 2016).',
];
const CITED = [
  'Involvement improves research relevance (Brandsen & Honingh, 2016).',
  'This builds on earlier work [@brandsen2016; @nokey2020, p. 4].',
  'Vennik et al. (2016) describe the rhetoric of co-production.',
  'Evidence is mixed [1], [2–4].',
  'See (Nobody & Someone, 2031a) and (Palumbo, 2016, p. 12).',
  'As argued by @vennik2016, involvement is often tokenistic.',
];
const FILLER = [
  'The programme will run across three neighbourhoods.',
  'Our primary outcome is quality of life at twelve months.',
  'Data will be stored securely on university servers.',
  'e.g. the i.e. etc. Dr. Smith vs. Mr. Jones et al. said so.',
];
const ASTRAL = ['😀', '𝒳', '👩‍👩‍👧', '🇬🇧', '𝕏', 'é', 'e\u0301', '\u200d', '\u00a0', '\u2028', 'ﬁ', '𠜎', '🧑🏽‍🦱', '\t'];

const astralRun = fc.array(fc.constantFrom(...ASTRAL), { maxLength: 3 }).map((a) => a.join(''));
const sentence = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...CLAIMS) },
  { weight: 3, arbitrary: fc.constantFrom(...EVIDENCE) },
  { weight: 1, arbitrary: fc.constantFrom(...DEFINITIONS) },
  { weight: 2, arbitrary: fc.constantFrom(...CITED) },
  { weight: 1, arbitrary: fc.constantFrom(...FILLER) },
  { weight: 2, arbitrary: fc.tuple(astralRun, fc.constantFrom(...CLAIMS)).map(([a, c]) => `${a} ${c}`) },
);
/** A sentence with optional inline markup around it. */
const inline = fc.tuple(sentence, fc.constantFrom('', '*', '**', '_', '`', '[', '<span>', '~~', '^')).map(([s, m]) => {
  switch (m) {
    case '':
      return s;
    case '[':
      return `[${s}](https://example.org/x?y=1)`;
    case '<span>':
      return `<span>${s}</span>`;
    case '^':
      return `${s}[^1]`;
    default:
      return `${m}${s}${m}`;
  }
});
const paragraph = fc.array(inline, { minLength: 1, maxLength: 4 }).map((s) => s.join(' '));
const short = fc.oneof(fc.constantFrom('Involvement', 'Patient and public involvement', 'Co-production', 'Methods', 'Summary', 'References', '😀 Plan 𝒳'), sentence);

/** Fragments that leave nothing open (no unclosed fence, comment or random text): repeating a document of them repeats its structure. */
const balancedFragment = fc.oneof(
  fc.tuple(fc.integer({ min: 1, max: 6 }), short).map(([d, t]) => `${'#'.repeat(d)} ${t}`),
  short.map((t) => `${t}\n${'='.repeat(3)}`),
  paragraph,
  paragraph,
  fc
    .array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.constantFrom('-', '*', '+', '1.', '2)', '- [ ]', '- [x]'), inline), { minLength: 1, maxLength: 6 })
    .map((items) => items.map(([d, m, s]) => `${'  '.repeat(d)}${m} ${s}`).join('\n')),
  fc
    .array(fc.tuple(short, short), { minLength: 1, maxLength: 4 })
    .map((rows) => `| Activity | Who |\n|---|:---:|\n${rows.map(([a, b]) => `| ${a.replace(/\|/g, '')} | ${b.replace(/\|/g, '')} |`).join('\n')}`),
  fc.tuple(fc.integer({ min: 1, max: 4 }), paragraph).map(([d, p]) => `${'> '.repeat(d)}${p}`),
  paragraph.map((p) => `\`\`\`md\n${p}\n\`\`\``),
  paragraph.map((p) => `    ${p}`),
  fc.constantFrom(
    '<!-- coprod-lens-disable-next-line consultation-only -->',
    '<!-- coprod-lens-disable -->',
    '<!-- coprod-lens-enable -->',
    '<!-- coprod-lens-disable-next-line no-such-rule -->',
    '<!-- coprod-lens-disable-line unevidenced-claim, unknown-citation -->',
    '<!-- a comment\nover lines -->',
    '<div>\nThe service will be co-designed with carers.\n</div>',
    '---',
    '***',
    '[1]: https://example.org "A link definition"',
    '[^1]: A footnote that is co-produced with patients.',
    '$$\nx^2\n$$',
  ),
  fc.constantFrom(
    '## References\n\n- Brandsen, T., & Honingh, M. (2016). Distinguishing different types of coproduction. *Public Administration Review*, 76(3), 427–435.',
    '## References\n\n1. Vennik, F. (2016). Co-production in healthcare. *IRAS*, 82(1), 150–168.\n2. Palumbo, R. (2016). Contextualizing co-production. *IRAS*.',
    '# Bibliography\n\nNew Economics Foundation. (2013). Co-production in mental health.',
  ),
);
/** Every fragment, including ones that leave a fence or comment open, and random text. */
const fragment = fc.oneof(
  { weight: 12, arbitrary: balancedFragment },
  { weight: 1, arbitrary: paragraph.map((p) => `~~~\n${p}`) }, // an unclosed fence runs to the end
  { weight: 1, arbitrary: fc.constantFrom('<!-- an unclosed comment', '<!--', '```') },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
);

const FRONT_MATTER = [
  '---\ntitle: A bid\n---',
  '---\nbibliography: refs.json\nreferences:\n- id: smith2019\n  type: book\n  title: A study\n---',
  '---\nbad: [unclosed\n---',
  '---\ntitle: x\n...',
  '+++\ntitle = "toml"\n+++',
  '---\nreferences: [{id: a}]\n---',
  '---\na: &a [1, 2]\nb: [*a, *a, *a]\nbibliography: [*a]\n---',
  '---\n---',
];

type Eol = '\n' | '\r\n' | 'mixed';
const EOLS: readonly Eol[] = ['\n', '\r\n', 'mixed'];

function withEol(text: string, eol: Eol): string {
  if (eol === '\n') return text;
  if (eol === '\r\n') return text.replace(/\n/g, '\r\n');
  let i = 0;
  return text.replace(/\n/g, () => ['\n', '\r\n', '\r'][i++ % 3]!);
}

/** A generated document: optional front matter, fragments between blank lines, one line ending style. */
const generated = (fragments = { minLength: 1, maxLength: 12 }, parts: fc.Arbitrary<string> = fragment) =>
  fc
    .tuple(fc.option(fc.constantFrom(...FRONT_MATTER), { nil: undefined }), fc.array(parts, fragments), fc.constantFrom(...EOLS))
    .map(([fm, parts, eol]) => withEol(`${fm ? `${fm}\n\n` : ''}${parts.join('\n\n')}\n`, eol));

/** One mutation: at a relative position, insert markup, delete a slice or duplicate one. */
const mutation = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  op: fc.constantFrom('insert', 'delete', 'duplicate'),
  text: fc.constantFrom('#', '- ', '> ', '|', '`', '```', '*', '_', '[', ']', '(', ')', '@', '<!--', '-->', '\r', '\n', '\r\n', '---\n', '\u0000', '😀', '\uD83D', '\uDE00', '    ', 'co-produced ', '2016)'),
  length: fc.integer({ min: 1, max: 40 }),
});

function mutate(text: string, mutations: readonly { at: number; op: string; text: string; length: number }[]): string {
  let out = text;
  for (const m of mutations) {
    const at = Math.floor(m.at * (out.length + 1));
    if (m.op === 'insert') out = out.slice(0, at) + m.text + out.slice(at);
    else if (m.op === 'delete') out = out.slice(0, at) + out.slice(at + m.length);
    else out = out.slice(0, at) + out.slice(at, at + m.length) + out.slice(at);
  }
  return out;
}

/** Generated documents, half of them mutated. None starts with a byte-order mark: those are checked apart, below. */
const documents = fc.oneof(generated(), fc.tuple(generated(), fc.array(mutation, { minLength: 1, maxLength: 8 })).map(([t, ms]) => mutate(t, ms)));

// ---------------------------------------------------------------------------------------------
// Checks

/** Every range the result reports, with a name for messages. */
function rangesOf(result: AnalysisResult): { what: string; span: Span }[] {
  const out: { what: string; span: Span }[] = [];
  result.findings.forEach((f, i) => {
    out.push({ what: `finding ${i} (${f.rule})`, span: f });
    f.fixes.forEach((fix) => fix.edits.filter((e) => e.file === undefined).forEach((e, k) => out.push({ what: `finding ${i} fix "${fix.title}" edit ${k}`, span: e })));
  });
  result.assessments.forEach((a, i) => {
    out.push({ what: `claim ${i}`, span: a.claim }, { what: `claim ${i} sentence`, span: a.claim.sentence });
    a.claim.triggers.forEach((t, k) => out.push({ what: `claim ${i} trigger ${k}`, span: t }));
    a.evidence.forEach((e, k) => out.push({ what: `claim ${i} evidence ${k} (${e.signal})`, span: e }));
  });
  result.citations.groups.forEach((g, i) => {
    out.push({ what: `citation group ${i}`, span: g });
    g.works.forEach((w, k) => out.push({ what: `citation group ${i} work ${k}`, span: w }));
  });
  result.notices.forEach((n, i) => out.push({ what: `notice ${i}`, span: n }));
  return out;
}

const isHigh = (c: number): boolean => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number): boolean => c >= 0xdc00 && c <= 0xdfff;
/** True when offset `b` falls between the two halves of a surrogate pair. */
const splitsPair = (text: string, b: number): boolean => b > 0 && b < text.length && isHigh(text.charCodeAt(b - 1)) && isLow(text.charCodeAt(b));

/** Everything about a result that must not vary between runs over the same text. */
function fingerprint(result: AnalysisResult): string {
  return JSON.stringify({
    findings: result.findings,
    assessments: result.assessments,
    notices: result.notices,
    ruleErrors: result.ruleErrors,
    groups: result.citations.groups,
    style: result.citations.style,
  });
}

/** A copy of `text` that is a different string object (so no cache keyed on identity can help). */
const copyOf = (text: string): string => (` ${text}`).slice(1);

// ---------------------------------------------------------------------------------------------
// Properties

describe('analysis core: properties over generated and mutated Markdown', () => {
  it(`never throws and no rule fails (${RUNS} documents)`, () => {
    fc.assert(
      fc.property(documents, (text) => {
        const result = analyze(text);
        assert.deepEqual(result.ruleErrors, [], `rules failed on ${JSON.stringify(text)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it(`every reported range lies inside the text, starts before it ends and splits no surrogate pair (${RUNS} documents)`, () => {
    fc.assert(
      fc.property(documents, (text) => {
        for (const { what, span } of rangesOf(analyze(text))) {
          assert.ok(Number.isInteger(span.start) && Number.isInteger(span.end), `${what}: non-integer offsets ${span.start}, ${span.end}`);
          assert.ok(span.start >= 0 && span.start <= span.end && span.end <= text.length, `${what}: [${span.start}, ${span.end}) is not inside [0, ${text.length}]`);
          for (const b of [span.start, span.end]) assert.ok(!splitsPair(text, b), `${what}: boundary ${b} splits a surrogate pair`);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it(`gives the same result for the same text (${RUNS} documents)`, () => {
    fc.assert(
      fc.property(documents, (text) => {
        assert.equal(fingerprint(analyze(copyOf(text))), fingerprint(analyze(text)));
      }),
      { numRuns: RUNS },
    );
  });

  it('keeps time per kilobyte bounded: a document repeated 4× takes under 8× as long', { timeout: 60_000 }, () => {
    // Larger documents (20–40 fragments) from a fixed seed: timing is compared, never asserted alone.
    // Only balanced fragments: an unclosed fence in one copy would be closed by the next, and the
    // repeated document would have more prose to read than four copies of the original.
    const docs = fc.sample(generated({ minLength: 20, maxLength: 40 }, balancedFragment), { seed: 20240611, numRuns: 12 });
    const best = (text: string, runs: number): number => {
      let min = Infinity;
      for (let i = 0; i < runs; i++) {
        const start = process.hrtime.bigint();
        analyze(text);
        min = Math.min(min, Number(process.hrtime.bigint() - start) / 1e6);
      }
      return min;
    };
    analyze(docs[0]!); // warm up (lexicon, bundled references)
    const slow: string[] = [];
    const deadline = Date.now() + 45_000;
    for (const [i, doc] of docs.entries()) {
      if (Date.now() > deadline) break; // a ceiling, not a measurement: stop early rather than hang
      const once = best(doc, 5);
      const four = best([doc, doc, doc, doc].join('\n\n'), 3);
      // A floor of 2 ms keeps timer noise on tiny documents from counting as growth.
      const ratio = four / Math.max(once, 2);
      if (ratio >= 8) slow.push(`document ${i} (${(doc.length / 1024).toFixed(1)} kB): ×${ratio.toFixed(1)} (${once.toFixed(1)} ms → ${four.toFixed(1)} ms)`);
    }
    assert.deepEqual(slow, []);
  });
});

// ---------------------------------------------------------------------------------------------
// A leading byte-order mark. Editors and the CLI strip it, but the core takes any text: a BOM
// before the document must move every offset by exactly one and change nothing else. One
// exception is deliberate: new front matter goes first, before the BOM.

/** The result with every offset moved by `delta`, for comparing a text with and without a prefix. */
function shifted(result: AnalysisResult, delta: number): string {
  const move = <T extends Span>(s: T): T => ({ ...s, start: s.start + delta, end: s.end + delta });
  const moveEdit = <T extends Span & { file?: string; newText: string }>(e: T): T =>
    e.file !== undefined || (e.start === 0 && e.end === 0 && /^---\r?\n/.test(e.newText)) ? e : move(e);
  return JSON.stringify({
    findings: result.findings.map((f) => ({ ...move(f), assessment: undefined, fixes: f.fixes.map((fix) => ({ ...fix, edits: fix.edits.map(moveEdit) })) })),
    claims: result.assessments.map((a) => ({ ...move(a.claim), sentence: move(a.claim.sentence), triggers: a.claim.triggers.map(move) })),
    evidence: result.assessments.map((a) => a.evidence.map(move)),
    groups: result.citations.groups.map((g) => ({ ...move(g), works: g.works.map(move) })),
  });
}

const BOM_EXAMPLE = '\ufeffSee (Palumbo, 2016).\n\n## References\n\n- Brandsen, T., & Honingh, M. (2016). Title.\n';
const BOM_CLAIM = '\ufeffThe new service will be co-designed with young people. We will run an online survey.\n';

describe('analysis core: a leading byte-order mark', () => {
  it('moves the add-entry edit by one, so the new reference entry goes after the last one', () => {
    const fix = analyze(BOM_EXAMPLE).findings.flatMap((f) => f.fixes).find((f) => f.kind === 'add-entry');
    assert.ok(fix, 'an add-entry fix for Palumbo (2016)');
    const withoutBom = analyze(BOM_EXAMPLE.slice(1)).findings.flatMap((f) => f.fixes).find((f) => f.kind === 'add-entry')!;
    assert.deepEqual(
      fix.edits.map((e) => [e.start, e.end, e.newText]),
      withoutBom.edits.map((e) => [e.start + 1, e.end + 1, e.newText]),
    );
  });

  it(`shifts every offset by exactly one when the document starts with a heading (${RUNS} documents)`, () => {
    fc.assert(
      fc.property(documents, (body) => {
        const text = `# Proposal\n\n${body}`;
        assert.equal(shifted(analyze(`\ufeff${text}`), 0), shifted(analyze(text), 1));
      }),
      { numRuns: RUNS },
    );
  });

  const IGNORE_BUG =
    'bug: for a finding in the first block, "Ignore this finding" inserts at offset 0 and copies the text before the block (the BOM, which trim() treats as white space) into its newText, so the result has a second U+FEFF at the start of the old first line';
  const AS_SPACE_BUG =
    'bug: parseMarkdown reads a leading BOM as a space, so the first line parses one column to the right: front matter is no longer a fence (bibliographyPaths finds nothing, its lines are read as prose) and a first line indented by 3 spaces becomes an indented code block';

  it('"Ignore this finding" on the first block keeps the one BOM at the start', () => {
    const fix = analyze(BOM_CLAIM).findings.find((f) => f.rule === 'consultation-only')!.fixes.find((f) => f.kind === 'ignore')!;
    const applied = applyEdits(BOM_CLAIM, fix.edits);
    assert.equal(applied, `\ufeff<!-- coprod-lens-disable-next-line consultation-only -->\n${BOM_CLAIM.slice(1)}`);
  });

  it('front matter after a BOM is still front matter', () => {
    const text = '\ufeff---\ntitle: Co-designed with young people\nbibliography: refs.json\n---\n\n# Plan\n\nWe will run an online survey [@smith2019].\n';
    assert.deepEqual(bibliographyPaths(text), ['refs.json']);
    const result = analyze(text);
    assert.ok(result.citations.frontMatter, 'the front matter is read');
    assert.deepEqual(result.assessments.map((a) => a.claim.phrase), [], 'the title in the front matter is not a claim');
  });

  it('a first line indented by three spaces after a BOM is still a paragraph', () => {
    const text = '   The new service will be co-designed with young people. We will run an online survey.\n';
    assert.deepEqual(analyze(`\ufeff${text}`).findings.map((f) => [f.rule, f.start - 1]), analyze(text).findings.map((f) => [f.rule, f.start]));
  });

  it(`shifts every offset by exactly one (${RUNS} documents, any first line)`, () => {
    fc.assert(
      fc.property(documents, (text) => {
        fc.pre(!text.startsWith('\ufeff'));
        assert.equal(shifted(analyze(`\ufeff${text}`), 0), shifted(analyze(text), 1));
      }),
      { numRuns: RUNS },
    );
  });
});
