import fc from 'fast-check';
import { BUNDLED_REFERENCES } from '../../server/src/core/citations/bundled';
import type { BibliographyFile } from '../../server/src/core/citations/bibliography';
import type { CslItem } from '../../server/src/core/citations/database';
import { defaultSettings, parseSettings, type Settings } from '../../server/src/core/config';

/**
 * Generated proposal-like Markdown for property tests of the citation edits: paragraphs around one
 * co-design claim backed only by consultation (so a consultation-only finding with "Cite …" fixes
 * exists), optional headings, existing citations in one style with their reference list, front
 * matter or bibliography file, emoji, astral and accented characters before the claim, LF or CRLF.
 * Existing citations can include the works the finding suggests, locators in the group before the
 * claim's full stop, and (numeric) a gap in the numbering; options switch these off.
 */

export type Eol = '\n' | '\r\n';
export type DocStyle = 'author-date' | 'numeric' | 'pandoc';
/** Where a pandoc document keeps its references. */
export type PandocStore = 'none' | 'title-only' | 'references' | 'json' | 'bib';
/** How an author-date or numeric reference list is written. */
export type ListShape = 'bullet' | 'star' | 'paragraph' | 'ordered' | 'bracketed';

/** A work the generated documents can cite. */
export interface Work {
  readonly id: string;
  /** Family names (or one organisation) in order. */
  readonly authors: readonly { readonly family: string; readonly given: string }[];
  readonly year: number;
  readonly title: string;
  readonly journal: string;
}

/** One generated document and what the generator knows about it. */
export interface GeneratedDoc {
  readonly text: string;
  readonly settings: Settings;
  readonly bibliographies: readonly BibliographyFile[];
  readonly style: DocStyle;
  readonly eol: Eol;
  /** Offset in `text` of the full stop that ends the claim sentence. */
  readonly claimDot: number;
  /** Offset in `text` where the claim sentence starts. */
  readonly claimStart: number;
  /** Whether a citation group of the document's style sits right before `claimDot`. */
  readonly adjacent: boolean;
  /** Author-date and numeric: the reference list's shape, when the document has a list. */
  readonly listShape: ListShape | undefined;
  /** Author-date: whether the existing entries are in alphabetical order. */
  readonly listSorted: boolean;
  readonly pandocStore: PandocStore | undefined;
  /** The works the document cites or lists. */
  readonly works: readonly Work[];
}

// ---------------------------------------------------------------------------------------------
// Works

function fromBundled(id: string): Work {
  const item = BUNDLED_REFERENCES.find((i) => i.id === id)!;
  return {
    id,
    authors: (item.author ?? []).map((a) => ({ family: a.family ?? a.literal ?? '', given: a.given ?? '' })),
    year: Number(item.issued!['date-parts']![0]![0]),
    title: item.title ?? '',
    journal: String(item['container-title'] ?? item.publisher ?? 'Report'),
  };
}

const fictional = (id: string, families: string[], year: number, title: string): Work => ({
  id,
  authors: families.map((family, i) => ({ family, given: `${'ABCDEFG'[i]}.` })),
  year,
  title,
  journal: 'Journal of Test Studies',
});

/** Real works (matched by the planner against its database) and fictional ones with accented names. */
export const REAL_WORKS: readonly Work[] = ['voorberg2015', 'brandsen2016', 'vennik2016', 'nef2013', 'williams2020', 'osborne2016'].map(fromBundled);

/** Fictional works, first authors with accented letters and letters without a decomposition (Ł, Ø, Æ). */
export const FICTIONAL_WORKS: readonly Work[] = [
  fictional('aalto2001', ['Aalto'], 2001, 'Neighbourhood panels and their uses'),
  fictional('angstrom2012', ['Ångström', 'Bakker'], 2012, 'Light touch involvement'),
  fictional('aeroe2014', ['Ærø'], 2014, 'Island councils'),
  fictional('celik2019', ['Çelik', 'Dahl', 'Fischer'], 2019, 'Citizen juries in practice'),
  fictional('emond2008', ['Émond'], 2008, 'Town hall meetings revisited'),
  fictional('gomez2021', ['Gómez', 'Ibáñez'], 2021, 'Participatory budgets in Spain'),
  fictional('hamalainen2017', ['Hämäläinen'], 2017, 'Service users as advisers'),
  fictional('kovacic2014', ['Kovačić', 'Müller', 'Pérez'], 2014, 'Advisory groups and power'),
  fictional('lindqvist2005', ['Lindqvist'], 2005, 'Surveys as involvement'),
  fictional('lukasiewicz2010', ['Łukasiewicz'], 2010, 'Deliberation in small towns'),
  fictional('muller2011', ['Müller'], 2011, 'Listening events'),
  fictional('okafor2023', ['Okafor', 'Rossi'], 2023, 'Community researchers'),
  fictional('ostergaard2012', ['Østergaard'], 2012, 'Co-creation in Danish municipalities'),
  fictional('perez2010', ['Pérez'], 2010, 'Public meetings'),
  fictional('tanaka2016', ['Tanaka'], 2016, 'Design workshops'),
  fictional('urbanski2009', ['Urbański'], 2009, 'Consultation fatigue'),
  fictional('zuniga2020', ['Zúñiga', 'Tanaka'], 2020, 'Shared decisions in local services'),
];

export function bundledItem(id: string): CslItem {
  return BUNDLED_REFERENCES.find((i) => i.id === id)!;
}

// In-text and entry forms, written the way a writer would (not with the code under test).

export function authorDateInner(w: Work): string {
  const a = w.authors;
  const names = a.length === 1 ? a[0]!.family : a.length === 2 ? `${a[0]!.family} & ${a[1]!.family}` : `${a[0]!.family} et al.`;
  return `${names}, ${w.year}`;
}

function apaEntry(w: Work): string {
  const names = w.authors.map((a) => (a.given ? `${a.family}, ${a.given}` : a.family));
  const joined = names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')}, & ${names[names.length - 1]}`;
  return `${joined} (${w.year}). ${w.title}. ${w.journal}.`;
}

function vancouverEntry(w: Work): string {
  const names = w.authors.map((a) => `${a.family}${a.given ? ` ${a.given.replace(/[^A-Z]/g, '')}` : ''}`);
  return `${names.join(', ')}. ${w.title}. ${w.journal}. ${w.year};1(2):3–4.`;
}

function cslJson(w: Work): Record<string, unknown> {
  const real = BUNDLED_REFERENCES.find((i) => i.id === w.id);
  if (real) {
    const { custom: _custom, ...rest } = real;
    return rest;
  }
  return {
    id: w.id,
    type: 'article-journal',
    author: w.authors.map((a) => ({ family: a.family, given: a.given })),
    issued: { 'date-parts': [[w.year]] },
    title: w.title,
    'container-title': w.journal,
  };
}

function yamlEntry(w: Work, indent: string): string {
  const lines = [
    `- id: ${w.id}`,
    `  type: article-journal`,
    `  author:`,
    ...w.authors.flatMap((a) => [`  - family: ${JSON.stringify(a.family)}`, `    given: ${JSON.stringify(a.given)}`]),
    `  issued:`,
    `    date-parts:`,
    `    - [${w.year}]`,
    `  title: ${JSON.stringify(w.title)}`,
  ];
  return lines.map((l) => indent + l).join('\n');
}

function bibtexEntry(w: Work): string {
  return [
    `@article{${w.id},`,
    `  author = {${w.authors.map((a) => `${a.family}, ${a.given}`).join(' and ')}},`,
    `  title = {${w.title}},`,
    `  journal = {${w.journal}},`,
    `  year = {${w.year}}`,
    `}`,
  ].join('\n');
}

/** Alphabetical order of first author, then year (an English collation, independent of the planner). */
const collator = new Intl.Collator('en', { sensitivity: 'base' });
export function compareAuthorYear(a: { author: string; year: string }, b: { author: string; year: string }): number {
  return collator.compare(a.author, b.author) || collator.compare(a.year, b.year);
}

// ---------------------------------------------------------------------------------------------
// Text pieces

/** Sentences without claims or involvement, with emoji, astral and accented characters. */
export const FILLER: readonly string[] = [
  'The budget covers two years 😀.',
  'Zoë drew the 𝒳 logo for the leaflet.',
  'The pilot runs in Besançon and Zürich 🇫🇷.',
  'Naïve résumé text appears here 👩🏽‍⚕️.',
  'Señor García wrote the cover note 𝔘.',
  'The timetable is in the appendix 🙂.',
  'Costs are shown in € and £ 💶.',
  'Crème brûlée was served at the launch 🍮.',
];

/** Claim subjects, some with astral characters before the claim phrase. */
const SUBJECTS = ['The service', 'The new service', 'The 😀 service', 'The 𝒳 service', 'The café 🇬🇧 service', 'The naïve 👩🏽‍⚕️ service'];
/** The end of the claim sentence, before its full stop. */
const CLAIM_ENDS = ['residents', 'residents in Zürich 😀', 'local residents 𝔘'];
/** Consultation-only evidence. */
const EVIDENCE = [
  'We will run an online survey.',
  'We will run an online survey and two focus groups with residents to gather their views.',
];

/** Locators as APA and pandoc write them after the year or key. */
export const LOCATORS = ['p. 4', 'pp. 4–5', 'para. 2', 'ch. 3', 'section 2', 'Table 1'];

// ---------------------------------------------------------------------------------------------
// Specification → document

interface Spec {
  readonly style: DocStyle;
  /** Force the style through the settings (numeric documents with no citations need it). */
  readonly forced: boolean;
  readonly eol: Eol;
  readonly bibEol: Eol;
  readonly titleHeading: boolean;
  readonly sectionHeading: boolean;
  readonly before: readonly string[][];
  readonly after: readonly string[][];
  readonly lead: string | undefined;
  readonly subject: string;
  readonly claimEnd: string;
  readonly evidence: string;
  /** Works cited at each slot (indices into `works`), in document order of the slots. */
  readonly cites: {
    readonly before: readonly (readonly number[])[];
    readonly inner: readonly number[];
    readonly adjacent: readonly number[];
    readonly evidence: readonly number[];
    readonly after: readonly (readonly number[])[];
  };
  readonly works: readonly Work[];
  /** Works listed but never cited (author-date and pandoc). */
  readonly extra: readonly number[];
  readonly listShape: ListShape;
  /** Whether the document has a reference list heading at all (when it cites nothing). */
  readonly listHeading: boolean;
  readonly sorted: boolean;
  /** Sort keys that shuffle an unsorted list. */
  readonly shuffle: readonly number[];
  readonly trailingSection: boolean;
  readonly pandocStore: PandocStore;
  readonly yamlIndent: string;
  readonly yamlFlow: boolean;
  readonly jsonPretty: boolean;
  /** Numeric groups write runs of three or more as ranges ("1–3"). */
  readonly ranges: boolean;
  /** A locator in the group before the claim's full stop ("p. 4", "para. 2"), if any. */
  readonly locator: string | undefined;
  /**
   * Numeric: numbers from this one up skip one (a deleted reference left a gap); 0 for none, -1
   * for a gap right after the numbers cited before the claim's full stop.
   */
  readonly gapAt: number;
  /** Whether the document ends with a line break. */
  readonly finalNewline: boolean;
}

function numberList(ns: readonly number[], ranges: boolean): string {
  if (!ranges) return ns.join(', ');
  const parts: string[] = [];
  for (let i = 0; i < ns.length; ) {
    let j = i;
    while (j + 1 < ns.length && ns[j + 1] === ns[j]! + 1) j++;
    parts.push(j - i >= 2 ? `${ns[i]}–${ns[j]}` : ns.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

/** Build the document of `spec` (with LF; CRLF documents are converted as a whole). */
export function buildDoc(spec: Spec): GeneratedDoc {
  const { style, works } = spec;
  const slots: (readonly number[])[] = [...spec.cites.before, spec.cites.inner, spec.cites.adjacent, spec.cites.evidence, ...spec.cites.after];
  // Numeric: works are numbered by first citation.
  const numberOf = new Map<number, number>();
  for (const slot of slots) for (const w of slot) if (!numberOf.has(w)) numberOf.set(w, numberOf.size + 1);
  const citedBeforeClaim = new Set([...spec.cites.before.flat(), ...spec.cites.inner, ...spec.cites.adjacent]).size;
  const gapAt = spec.gapAt === -1 ? citedBeforeClaim + 1 : spec.gapAt;
  if (gapAt > 0) for (const [w, n] of numberOf) if (n >= gapAt) numberOf.set(w, n + 1);
  const cited = [...numberOf.keys()];
  const listed = style === 'numeric' ? cited : [...new Set([...cited, ...spec.extra])];

  const group = (ws: readonly number[], locator?: string): string => {
    if (ws.length === 0) return '';
    const unique = [...new Set(ws)];
    const page = locator ? `, ${locator}` : '';
    if (style === 'numeric') return ` [${numberList([...new Set(unique.map((w) => numberOf.get(w)!))].sort((a, b) => a - b), spec.ranges)}]`;
    if (style === 'pandoc') return ` [${unique.map((w) => `@${works[w]!.id}`).join('; ')}${page}]`;
    return ` (${unique.map((w) => authorDateInner(works[w]!)).join('; ')}${page})`;
  };
  const withCite = (sentence: string, ws: readonly number[]): string => sentence.replace(/\.$/, `${group(ws)}.`);

  const parts: string[] = [];
  // Front matter.
  const bibliographies: BibliographyFile[] = [];
  const convertBib = (t: string): string => (spec.bibEol === '\r\n' ? t.replace(/\n/g, '\r\n') : t);
  if (style === 'pandoc') {
    const store = spec.pandocStore;
    if (store === 'title-only') parts.push('---\ntitle: "Café 😀 proposal"\n---\n');
    else if (store === 'references') {
      const items = listed.map((w) =>
        spec.yamlFlow ? `${spec.yamlIndent}- ${JSON.stringify(cslJson(works[w]!))}` : yamlEntry(works[w]!, spec.yamlIndent),
      );
      // An empty block list cannot be written in YAML; with nothing listed, use one fictional work.
      const body = items.length > 0 ? items.join('\n') : yamlEntry(FICTIONAL_WORKS[0]!, spec.yamlIndent);
      parts.push(`---\ntitle: Proposal\nreferences:\n${body}\n---\n`);
    } else if (store === 'json' || store === 'bib') {
      const path = store === 'json' ? 'refs.json' : 'refs.bib';
      parts.push(`---\ntitle: Proposal\nbibliography: ${path}\n---\n`);
      let text: string;
      if (store === 'json') {
        const items = listed.map((w) => cslJson(works[w]!));
        text = spec.jsonPretty ? `${JSON.stringify(items, null, 2)}\n` : `[\n${items.map((i) => `  ${JSON.stringify(i)}`).join(',\n')}\n]\n`;
        if (items.length === 0) text = spec.jsonPretty ? '[]\n' : '[\n]\n';
      } else text = listed.map((w) => `${bibtexEntry(works[w]!)}\n`).join('\n');
      bibliographies.push({ path, text: convertBib(text) });
    }
  }
  if (spec.titleHeading) parts.push('# A proposal for Zürich 😀\n');
  spec.before.forEach((p, i) => parts.push(`${p.map((s, j) => (j === p.length - 1 ? withCite(s, spec.cites.before[i] ?? []) : s)).join(' ')}\n`));
  if (spec.sectionHeading) parts.push('## Involvement\n');
  // The claim paragraph.
  let para = spec.lead ? `${spec.lead} ` : '';
  const claimStartInPara = para.length;
  const claimWords = `${spec.subject} will be co-designed${spec.cites.inner.length > 0 ? group(spec.cites.inner) : ''} with ${spec.claimEnd}`;
  para += `${claimWords}${group(spec.cites.adjacent, spec.locator)}`;
  const claimDotInPara = para.length;
  para += `. ${withCite(spec.evidence, spec.cites.evidence)}\n`;
  const before = `${parts.join('\n')}${parts.length > 0 ? '\n' : ''}`;
  const claimStart = before.length + claimStartInPara;
  const claimDot = before.length + claimDotInPara;
  parts.push(para);
  spec.after.forEach((p, i) => parts.push(`${p.map((s, j) => (j === p.length - 1 ? withCite(s, spec.cites.after[i] ?? []) : s)).join(' ')}\n`));

  // The reference list.
  let listShape: ListShape | undefined;
  let listSorted = false;
  if (style !== 'pandoc' && (listed.length > 0 || spec.listHeading)) {
    listShape = style === 'numeric' ? (spec.listShape === 'bracketed' ? 'bracketed' : 'ordered') : spec.listShape === 'paragraph' ? 'paragraph' : spec.listShape === 'star' ? 'star' : 'bullet';
    let order = [...listed];
    if (style === 'numeric') order.sort((a, b) => numberOf.get(a)! - numberOf.get(b)!);
    else {
      const key = (w: number): { author: string; year: string } => ({ author: works[w]!.authors[0]!.family, year: String(works[w]!.year) });
      order.sort((a, b) => compareAuthorYear(key(a), key(b)));
      if (!spec.sorted) order = order.map((w, i) => ({ w, k: spec.shuffle[i] ?? 0 })).sort((a, b) => a.k - b.k).map((e) => e.w);
      listSorted = order.every((w, i) => i === 0 || compareAuthorYear(key(order[i - 1]!), key(w)) <= 0);
    }
    const entries = order.map((w) => {
      const work = works[w]!;
      if (listShape === 'ordered') return `${numberOf.get(w)}. ${vancouverEntry(work)}`;
      if (listShape === 'bracketed') return `[${numberOf.get(w)}] ${vancouverEntry(work)}`;
      if (listShape === 'paragraph') return apaEntry(work);
      return `${listShape === 'star' ? '*' : '-'} ${apaEntry(work)}`;
    });
    const sep = listShape === 'paragraph' || listShape === 'bracketed' ? '\n\n' : '\n';
    parts.push(`## References\n${entries.length > 0 ? `\n${entries.join(sep)}\n` : ''}`);
    if (spec.trailingSection) parts.push('## Appendix\n\nThe timetable 😀 is attached.\n');
  }
  const joined = parts.join('\n');
  const lf = spec.finalNewline ? joined : joined.replace(/\n$/, '');
  const crlf = spec.eol === '\r\n';
  const shift = (offset: number): number => (crlf ? offset + (lf.slice(0, offset).match(/\n/g)?.length ?? 0) : offset);
  const settings = spec.forced ? parseSettings({ citationStyle: style }, 'test') : defaultSettings();
  return {
    text: crlf ? lf.replace(/\n/g, '\r\n') : lf,
    settings,
    bibliographies,
    style,
    eol: spec.eol,
    claimDot: shift(claimDot),
    claimStart: shift(claimStart),
    adjacent: spec.cites.adjacent.length > 0,
    listShape,
    listSorted,
    pandocStore: style === 'pandoc' ? spec.pandocStore : undefined,
    works,
  };
}

// ---------------------------------------------------------------------------------------------
// Arbitraries

const eol = fc.constantFrom<Eol>('\n', '\r\n');
const paragraph = fc.array(fc.constantFrom(...FILLER), { minLength: 1, maxLength: 3 });

export interface DocOptions {
  readonly styles?: readonly DocStyle[];
  /** Real works to draw from, by id (defaults to all of `REAL_WORKS`). */
  readonly real?: readonly string[];
  /** Locators the group before the claim's full stop may carry (default `LOCATORS`). */
  readonly locators?: readonly string[];
  /** Whether numeric documents may have a gap in their numbering (default true). */
  readonly gaps?: boolean;
  /** Author-date: lists always sorted. */
  readonly sorted?: boolean;
}

/** Arbitrary documents. */
export function docArb(options: DocOptions = {}): fc.Arbitrary<GeneratedDoc> {
  const styles = options.styles ?? ['author-date', 'numeric', 'pandoc'];
  const real = options.real ? REAL_WORKS.filter((w) => options.real!.includes(w.id)) : REAL_WORKS;
  const pool = [...real, ...FICTIONAL_WORKS];
  return fc
    .record({
      style: fc.constantFrom(...styles),
      forcedBit: fc.boolean(),
      eol,
      bibEol: eol,
      titleHeading: fc.boolean(),
      sectionHeading: fc.boolean(),
      before: fc.array(paragraph, { maxLength: 2 }),
      after: fc.array(paragraph, { maxLength: 2 }),
      lead: fc.option(fc.constantFrom(...FILLER), { nil: undefined }),
      subject: fc.constantFrom(...SUBJECTS),
      claimEnd: fc.constantFrom(...CLAIM_ENDS),
      evidence: fc.constantFrom(...EVIDENCE),
      // Real works (some of them the works the finding suggests) as often as fictional ones.
      workIndices: fc.uniqueArray(fc.oneof(fc.nat({ max: real.length - 1 }), fc.integer({ min: real.length, max: pool.length - 1 })), { maxLength: 6 }),
      citeSeeds: fc.record({
        before: fc.array(fc.array(fc.nat(), { maxLength: 2 }), { maxLength: 2 }),
        inner: fc.array(fc.nat(), { maxLength: 2 }),
        adjacent: fc.array(fc.nat(), { maxLength: 2 }),
        evidence: fc.array(fc.nat(), { maxLength: 2 }),
        after: fc.array(fc.array(fc.nat(), { maxLength: 2 }), { maxLength: 2 }),
      }),
      extraSeeds: fc.array(fc.nat(), { maxLength: 3 }),
      listShape: fc.constantFrom<ListShape>('bullet', 'star', 'paragraph', 'ordered', 'bracketed'),
      listHeading: fc.boolean(),
      sorted: options.sorted ? fc.constant(true) : fc.boolean(),
      shuffle: fc.array(fc.nat({ max: 100 }), { minLength: 9, maxLength: 9 }),
      trailingSection: fc.boolean(),
      pandocStore: fc.constantFrom<PandocStore>('none', 'title-only', 'references', 'json', 'bib'),
      yamlIndent: fc.constantFrom('', '  '),
      yamlFlow: fc.boolean(),
      jsonPretty: fc.boolean(),
      citing: fc.boolean(),
      ranges: fc.boolean(),
      locator: (options.locators ?? LOCATORS).length === 0 ? fc.constant(undefined) : fc.option(fc.constantFrom(...(options.locators ?? LOCATORS)), { nil: undefined }),
      gapAt: options.gaps === false ? fc.constant(0) : fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.constant(-1) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
      finalNewline: fc.boolean(),
    })
    .map((r) => {
      const works = r.workIndices.map((i) => pool[i]!);
      const pick = (seeds: readonly number[]): number[] => (r.citing && works.length > 0 ? seeds.map((s) => s % works.length) : []);
      const cites = {
        before: r.before.map((_, i) => pick(r.citeSeeds.before[i] ?? [])),
        inner: pick(r.citeSeeds.inner),
        adjacent: pick(r.citeSeeds.adjacent),
        evidence: pick(r.citeSeeds.evidence),
        after: r.after.map((_, i) => pick(r.citeSeeds.after[i] ?? [])),
      };
      const anyCite = [...cites.before.flat(), ...cites.inner, ...cites.adjacent, ...cites.evidence, ...cites.after.flat()].length > 0;
      // A document that cites nothing is author-date unless the settings say otherwise.
      const forced = r.forcedBit || (!anyCite && r.style !== 'author-date');
      const extra = r.style === 'numeric' || works.length === 0 ? [] : r.extraSeeds.map((s) => s % works.length);
      return buildDoc({
        style: r.style,
        forced,
        eol: r.eol,
        bibEol: r.bibEol,
        titleHeading: r.titleHeading,
        sectionHeading: r.sectionHeading,
        before: r.before,
        after: r.after,
        lead: r.lead,
        subject: r.subject,
        claimEnd: r.claimEnd,
        evidence: r.evidence,
        cites,
        works,
        extra,
        listShape: r.listShape,
        listHeading: r.listHeading,
        sorted: r.sorted,
        shuffle: r.shuffle,
        trailingSection: r.trailingSection,
        pandocStore: r.pandocStore,
        yamlIndent: r.yamlIndent,
        yamlFlow: r.yamlFlow,
        jsonPretty: r.jsonPretty,
        ranges: r.ranges,
        locator: r.locator,
        gapAt: r.gapAt,
        finalNewline: r.finalNewline,
      });
    });
}
