import type { DatabaseItem, CslItem } from './database';

/**
 * Ranked reading for a finding: the chapter's references that speak to what the finding is about
 * (consultation only, no power sharing, no support or relationships) and to the passage's topic
 * (mental health, integrated care, research, inclusion, innovation), as the domain brief maps them.
 * Deterministic: ties go to the finding's own list order, then to the key.
 */

/** What a suggestion is for. */
export type SuggestionFor = 'consultation-only' | 'co-design-not-co-production' | 'unevidenced-claim' | 'uncited-definition';

/** The reading each kind of finding starts from, strongest first. */
const BASE: Readonly<Record<SuggestionFor, readonly string[]>> = {
  'consultation-only': ['brandsen2016', 'vennik2016', 'nef2013', 'voorberg2015', 'williams2020'],
  'co-design-not-co-production': ['croft2016', 'huxham2005', 'brandsen2016', 'nef2013', 'kaehne2018'],
  'unevidenced-claim': ['williams2020', 'brandsen2016', 'boyle2009', 'nef2013', 'scottishborders2019'],
  'uncited-definition': ['brandsen2016', 'williams2020', 'voorberg2015', 'osborne2016', 'nef2013'],
};

/** Topics a passage can be about, how to recognise them, and how much a matching reference gains. */
const TOPICS: readonly { readonly tag: string; readonly weight: number; readonly words: RegExp }[] = [
  {
    tag: 'mental-health',
    weight: 5,
    words: /\b(?:mental (?:health|illness|distress)|psychosis|schizophrenia|depression|anxiety|bipolar|self-harm|suicid\w*|eating disorders?|psychiatr\w*|talking therap\w*|recovery college|crisis (?:team|care|service)s?)\b/i,
  },
  {
    tag: 'integrated-care',
    weight: 5,
    words: /\b(?:integrated (?:care|health|services?)|health and social care|social care|ICS|ICB|care homes?|multi-agency|joined[- ]up|hospital discharge|home care|primary and community care)\b/i,
  },
  {
    tag: 'inclusion',
    weight: 4,
    words: /\b(?:seldom[- ]heard|inclusion|inclusive|marginali[sz]ed|ethnic minorit\w*|minoriti[sz]ed|learning disabilit\w*|deaf|disabled|refugees?|asylum|homeless\w*|travellers?|deprived|deprivation|health inequalit\w*|under-?served)\b/i,
  },
  {
    tag: 'research',
    weight: 4,
    words: /\b(?:research|trial|NIHR|protocol|PPI|data collection|researchers?|investigators?|ethical approval|qualitative|peer researchers?)\b/i,
  },
  { tag: 'innovation', weight: 3, words: /\b(?:innovation|innovative|digital|app|technology|prototype)\b/i },
];

/** Extra weight for the principles a finding shows are missing. */
const GAPS: readonly { readonly principle: string; readonly tag: string; readonly weight: number }[] = [
  { principle: 'power', tag: 'power', weight: 2 },
  { principle: 'relationships', tag: 'trust', weight: 1 },
  { principle: 'reciprocity', tag: 'motivation', weight: 1 },
];

/** The topics `passage` is about. */
export function passageTopics(passage: string): string[] {
  return TOPICS.filter((t) => t.words.test(passage)).map((t) => t.tag);
}

/** The top `count` references for a finding of `kind` about `passage`. */
export function suggest(
  kind: SuggestionFor,
  passage: string,
  missingPrinciples: readonly string[],
  items: readonly DatabaseItem[],
  count = 3,
): CslItem[] {
  const base = BASE[kind];
  const topics = new Set(passageTopics(passage));
  const scored = items
    .filter((entry) => entry.item.custom?.topics !== undefined)
    .map((entry) => {
      const item = entry.item;
      const tags = new Set(item.custom!.topics);
      const at = base.indexOf(item.id);
      let score = at >= 0 ? base.length + 1 - at : 0;
      for (const topic of TOPICS) if (topics.has(topic.tag) && tags.has(topic.tag)) score += topic.weight;
      if (kind === 'consultation-only' && at < 0 && tags.has('consultation')) score += 1;
      if (kind === 'uncited-definition' && at < 0 && tags.has('definitions')) score += 2;
      for (const gap of GAPS) if (missingPrinciples.includes(gap.principle) && tags.has(gap.tag)) score += gap.weight;
      return { item, score, at: at < 0 ? Infinity : at };
    })
    .filter((s) => s.score > 0);
  scored.sort((a, b) => b.score - a.score || a.at - b.at || (a.item.id < b.item.id ? -1 : 1));
  return scored.slice(0, count).map((s) => s.item);
}
