/**
 * A deterministic generator of proposal-like Markdown for benchmarks and robustness tests:
 * headings, summaries with claims, PPI sections, lists, tables and citations, in the proportions
 * real applications have. The same seed and size always give the same text.
 */

/** A small, fast, seeded PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/*
 * Sentences are templates whose {slots} are filled from the lists below, so paragraphs rarely
 * repeat within a proposal or across a corpus (as in real applications): caches keyed by text
 * get no more help from the generator than they would from real proposals.
 */
const SLOTS: Record<string, readonly string[]> = {
  n: ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'twelve', '14', '18', '20', '24', '30', '36', '40', '48', '60', '75', '90', '120', '150', '200', '240', '300'],
  place: ['neighbourhoods', 'wards', 'boroughs', 'towns', 'rural districts', 'coastal communities', 'housing estates', 'primary care networks', 'integrated care systems', 'local authorities', 'hospital trusts', 'city regions'],
  level: ['high', 'rising', 'persistent', 'uneven', 'marked', 'entrenched'],
  problem: ['deprivation', 'loneliness', 'fuel poverty', 'digital exclusion', 'unmet need', 'health inequality', 'food insecurity', 'emergency admissions', 'missed appointments'],
  service: ['community services', 'mental health support', 'physiotherapy', 'social prescribing', 'diabetes education', 'memory clinics', 'talking therapies', 'respite care', 'falls prevention', 'pulmonary rehabilitation', 'early help', 'youth work'],
  outcome: ['quality of life', 'wellbeing', 'self-efficacy', 'loneliness', 'unplanned admissions', 'time to first appointment', 'carer strain', 'school attendance', 'medication adherence', 'days in employment'],
  months: ['six', 'nine', 'twelve', '18', '24', '30', '36'],
  measure: ['a validated questionnaire', 'routine records', 'a short diary', 'EQ-5D-5L', 'WEMWBS', 'the Zarit burden interview', 'linked hospital data', 'a brief telephone follow-up'],
  setting: ['general practices', 'community pharmacies', 'voluntary sector partners', 'schools', 'job centres', 'housing associations', 'faith groups', 'libraries', 'leisure centres', 'food banks', 'family hubs'],
  perspective: ['the NHS and social care', 'the local authority', 'the NHS', 'society', 'participants and their families', 'the commissioning group'],
  staff: ['staff', 'link workers', 'nurses', 'managers', 'commissioners', 'volunteers', 'practice teams', 'social workers', 'therapists'],
  topic: ['the service fits existing pathways', 'referrals flow between teams', 'funding decisions are made', 'the role is understood', 'follow-up is arranged', 'records are shared', 'waiting lists are managed'],
  guideline: ['CONSORT', 'SPIRIT', 'TIDieR', 'GRIPP2', 'COREQ', 'StaRI'],
  store: ['university servers', 'an NHS secure data environment', 'encrypted trust drives', 'a REDCap database', 'the sponsor’s secure network'],
  condition: ['long-term conditions', 'dementia', 'diabetes', 'COPD', 'heart failure', 'chronic pain', 'multiple sclerosis', 'depression', 'frailty', 'sickle cell disease'],
  group: ['people who use local services', 'carers and young people', 'residents', 'service users', 'parents', 'older people', 'patients', 'young people', 'families'],
  citation: ['(Palumbo, 2016)', '(Kaehne et al., 2018)', '(Brandsen & Honingh, 2016)', '(Osborne et al., 2016)', '(Voorberg et al., 2015)', '(Filipe et al., 2017)', '(Realpe & Wallace, 2010)'],
  thing: ['materials', 'leaflets', 'interview topic guide', 'recruitment letters', 'website text', 'consent forms', 'outcome measures', 'newsletter'],
  venue: ['a drop-in session', 'a community café', 'an online meeting', 'the annual open day', 'a coffee morning', 'a library event'],
  milestone: ['key milestones', 'the end of each phase', 'the midpoint', 'each annual review', 'the close of recruitment'],
  output: ['papers', 'briefings', 'the final report', 'the toolkit', 'conference talks', 'the training film'],
  activity: ['Set-up and recruitment of peer researchers', 'Data collection with partners', 'Analysis workshops', 'Training for interviewers', 'Writing and dissemination', 'Pilot of the new pathway', 'Site visits and fidelity checks', 'Stakeholder events'],
  lead: ['Project board', 'Research team', 'Lived-experience co-leads', 'Trial manager', 'Steering group', 'Site leads', 'Evaluation team'],
};

const FILLER = [
  'The programme will run across {n} {place} with {level} levels of {problem} and long waiting times for {service}.',
  'Our primary outcome is {outcome} at {months} months, measured with {measure} completed by participants.',
  'Recruitment will take place through {setting}, {setting} and {setting} over {months} months.',
  'The health economic analysis will estimate cost per quality-adjusted life year from the perspective of {perspective}.',
  'Qualitative interviews with {staff} will explore how {topic} and what helps or hinders delivery {citation}.',
  'We will report the study in line with {guideline} and publish the protocol before the first of {n} sites opens.',
  'Data will be stored securely on {store} and managed under the General Data Protection Regulation.',
  'The evidence on community-based support for people with {condition} remains mixed {citation}.',
  'Across {n} {place}, {service} reach too few of those who need them, and {problem} is {level}.',
  'A process evaluation will follow {n} {staff} through {months} months of delivery.',
];
const CLAIMS = [
  'This project has been co-produced with {group}.',
  'The intervention will be co-designed with {group} in {n} {place}.',
  'We see {group} as equal partners in shaping the new {service} offer.',
];
const CONSULTATION = [
  'We ran an online survey with {n} responses and {n} focus groups with {group}.',
  'Our PPI panel reviewed the plain English summary and the {thing}, and no changes were needed.',
  'A lay member will sit on the steering committee, and we will consult {group} at {milestone}.',
  'Carers were invited to comment on the draft {thing} at {venue}.',
];
const COPRODUCTION = [
  'Two lived-experience co-leads co-chair the project board, where decisions about {service} are made jointly.',
  'Peer researchers, paid in line with NIHR payment guidance and given training and support, will co-analyse the {n} interviews.',
  'People with lived experience of {condition} will co-author the {output} and co-present the findings.',
  'The co-production budget is held jointly and ground rules were agreed together at {venue}.',
];
const HEADINGS = ['Background', 'Aims and objectives', 'Methods', 'Work plan', 'Analysis', 'Dissemination', 'Risks', 'Budget'];

/** Generate a proposal of about `words` words. */
export function generateProposal(words: number, seed = 1): string {
  const rnd = random(seed);
  const choose = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const pick = (templates: readonly string[]): string => choose(templates).replace(/\{(\w+)\}/g, (_, slot: string) => choose(SLOTS[slot]!));
  const parts: string[] = ['---', 'title: Generated proposal', '---', '', '# A community programme for people with long-term conditions', ''];
  let count = 0;
  let section = 0;
  const add = (text: string): void => {
    parts.push(text, '');
    count += text.split(/\s+/).length;
  };
  while (count < words) {
    section++;
    const kind = section % 5;
    if (kind === 1) {
      parts.push(`## Summary ${section}`, '');
      add(`${pick(CLAIMS)} ${pick(FILLER)}`);
    } else if (kind === 2) {
      parts.push(`## Patient and public involvement ${section}`, '');
      add(`${pick(CLAIMS)} ${pick(CONSULTATION)} ${pick(CONSULTATION)}`);
      add(`- ${pick(CONSULTATION)}\n- ${pick(FILLER)}\n- ${pick(CONSULTATION)}`);
    } else if (kind === 3) {
      parts.push(`## Co-production ${section}`, '');
      add(`${pick(CLAIMS)} ${pick(COPRODUCTION)} ${pick(COPRODUCTION)} ${pick(COPRODUCTION)}`);
    } else if (kind === 4) {
      parts.push(`## ${pick(HEADINGS)} ${section}`, '');
      const start = 1 + Math.floor(rnd() * 12);
      const row = (from: number): string => `| ${from}–${from + 2 + Math.floor(rnd() * 4)} | ${choose(SLOTS.activity!)} | ${choose(SLOTS.lead!)} |`;
      add(`| Month | Activity | Lead |\n|---|---|---|\n${row(start)}\n${row(start + 6)}`);
      add(`${pick(FILLER)} ${pick(FILLER)} ${pick(FILLER)}`);
    } else {
      parts.push(`## ${pick(HEADINGS)} ${section}`, '');
      add(`${pick(FILLER)} ${pick(FILLER)} See \`appendix-${section}.pdf\` and [the protocol](https://example.org/protocol-${section}).`);
      add(`${pick(FILLER)} ${pick(FILLER)}`);
    }
  }
  parts.push('## References', '', '- Brandsen, T., & Honingh, M. (2016). Distinguishing different types of coproduction. *Public Administration Review*, 76(3), 427–435.', '');
  return parts.join('\n');
}
