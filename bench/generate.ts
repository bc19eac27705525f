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

const FILLER = [
  'The programme will run across three neighbourhoods with high levels of deprivation and long waiting times for community services.',
  'Our primary outcome is quality of life at twelve months, measured with a validated questionnaire completed by participants.',
  'Recruitment will take place through general practices, community pharmacies and voluntary sector partners over nine months.',
  'The health economic analysis will estimate cost per quality-adjusted life year from the perspective of the NHS and social care.',
  'Qualitative interviews with staff will explore how the service fits existing pathways and what helps or hinders delivery (Kaehne et al., 2018).',
  'We will report the trial in line with CONSORT and publish the protocol before the first participant is randomised.',
  'Data will be stored securely on university servers and managed under the General Data Protection Regulation.',
  'The evidence on community-based support for people with long-term conditions remains mixed (Palumbo, 2016).',
];
const CLAIMS = [
  'This project has been co-produced with people who use local services.',
  'The intervention will be co-designed with carers and young people.',
  'We see residents as equal partners in shaping the new service.',
];
const CONSULTATION = [
  'We ran an online survey with 120 responses and two focus groups with patients.',
  'Our PPI panel reviewed the plain English summary and no changes were needed.',
  'A lay member will sit on the steering committee, and we will consult residents at key milestones.',
  'Carers were invited to comment on the draft materials at a drop-in session.',
];
const COPRODUCTION = [
  'Two lived-experience co-leads co-chair the project board, where decisions are made jointly.',
  'Peer researchers, paid in line with NIHR payment guidance and given training and support, will co-analyse the interviews.',
  'People with lived experience will co-author the papers and co-present the findings.',
  'The co-production budget is held jointly and ground rules were agreed together at the first meeting.',
];
const HEADINGS = ['Background', 'Aims and objectives', 'Methods', 'Work plan', 'Analysis', 'Dissemination', 'Risks', 'Budget'];

/** Generate a proposal of about `words` words. */
export function generateProposal(words: number, seed = 1): string {
  const rnd = random(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
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
      add('| Month | Activity | Lead |\n|---|---|---|\n| 1–3 | Set-up and recruitment of peer researchers | Project board |\n| 4–9 | Data collection with partners | Research team |');
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
