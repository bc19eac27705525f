import data from '../../../data/references.json';
import type { CslItem } from './database';

/** The chapter's reference list and the chapter itself (41 works), as CSL-JSON. */
export const BUNDLED_REFERENCES: readonly CslItem[] = data as unknown as CslItem[];
