import type { Level, Principle, Stage } from './types';

/**
 * The engagement ladder: one internal scale built on the public frameworks (TLAP/NCAG ladder of
 * co-production, Arnstein, IAP2, INVOLVE/NIHR). Names are what the JSON output calls a level.
 */
export const LEVEL_NAMES: Readonly<Record<Level, string>> = {
  0: 'none',
  1: 'coercion',
  2: 'educating',
  3: 'informing',
  4: 'consultation',
  5: 'engagement',
  6: 'co-design',
  7: 'co-production',
  8: 'user-led',
};

/** The name of a ladder level, e.g. `levelName(4) === 'consultation'`. */
export function levelName(level: Level): string {
  return LEVEL_NAMES[level];
}

/** Clamp a number onto the ladder. */
export function toLevel(n: number): Level {
  return Math.max(0, Math.min(8, Math.round(n))) as Level;
}

/** Every stage, in project order, for stable output. */
export const STAGES: readonly Stage[] = [
  'priority-setting',
  'design',
  'delivery',
  'analysis',
  'dissemination',
  'evaluation',
  'governance',
];

/** The NIHR (2018) principles with the words a hover or a report uses for them. */
export const PRINCIPLES: Readonly<Record<Principle, string>> = {
  power: 'sharing of power',
  perspectives: 'including all perspectives and skills',
  knowledge: 'respecting and valuing the knowledge of all',
  reciprocity: 'reciprocity',
  relationships: 'building and maintaining relationships',
};
