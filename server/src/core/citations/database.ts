/**
 * The reference database: CSL-JSON items (the chapter's reference list, and users' own
 * bibliographies) with the lookups citation work needs. Pure data in, answers out.
 */

/** A CSL name: a person (family, given) or an organisation (literal). */
export interface CslName {
  readonly family?: string;
  readonly given?: string;
  readonly literal?: string;
}

/** A CSL-JSON item. Only the fields the project reads are typed; the rest pass through. */
export interface CslItem {
  readonly id: string;
  readonly type: string;
  readonly author?: readonly CslName[];
  readonly editor?: readonly CslName[];
  readonly issued?: { readonly 'date-parts'?: readonly (readonly (number | string)[])[]; readonly literal?: string };
  readonly title?: string;
  readonly custom?: { readonly topics?: readonly string[]; readonly chapterForm?: string };
  readonly [field: string]: unknown;
}

/** Where an item came from: the bundled chapter list, or a user's bibliography file. */
export interface DatabaseItem {
  readonly item: CslItem;
  readonly source: 'bundled' | string;
}

/** First author's family name, or the organisation's name, or the editor's; "Anon." when none. */
export function firstAuthor(item: CslItem): string {
  const name = item.author?.[0] ?? item.editor?.[0];
  return name?.family ?? name?.literal ?? 'Anon.';
}

/** The year of issue as text ("2016"), or "n.d.". */
export function yearOf(item: CslItem): string {
  const part = item.issued?.['date-parts']?.[0]?.[0];
  if (part !== undefined) return String(part);
  const literal = item.issued?.literal?.match(/\d{4}/)?.[0];
  return literal ?? 'n.d.';
}

/**
 * The item as written into a user's bibliography or front matter: without the project's own
 * fields (`custom` topics, and the `note` on bundled items recording what the chapter printed).
 */
export function forUsers(item: CslItem, bundled: boolean): Record<string, unknown> {
  const { custom: _custom, note, ...rest } = item;
  return bundled || note === undefined ? rest : { ...rest, note };
}

/** Lower-case ASCII form of a name for matching ("Plé" → "ple"). */
const SPECIAL: Readonly<Record<string, string>> = { ł: 'l', ø: 'o', æ: 'ae', œ: 'oe', ß: 'ss', đ: 'd', þ: 'th', ı: 'i' };

export function fold(name: string): string {
  let folded = FOLDED.get(name);
  if (folded === undefined) {
    // Names repeat (every citation is matched against every work's authors): remember them.
    if (FOLDED.size >= MAX_FOLDED) FOLDED.clear();
    folded = foldName(name);
    FOLDED.set(name, folded);
  }
  return folded;
}

const FOLDED = new Map<string, string>();
const MAX_FOLDED = 10_000;

function foldName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[łøæœßđþı]/g, (c) => SPECIAL[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Items by id, by first author and year. Later sources win over earlier ones for the same id. */
export class ReferenceDatabase {
  private readonly byId = new Map<string, DatabaseItem>();

  constructor(sources: readonly DatabaseItem[]) {
    for (const entry of sources) this.byId.set(entry.item.id, entry);
  }

  /** Every item, bundled first, in the order given. */
  all(): DatabaseItem[] {
    return [...this.byId.values()];
  }

  get(id: string): CslItem | undefined {
    return this.byId.get(id)?.item;
  }

  source(id: string): string | undefined {
    return this.byId.get(id)?.source;
  }

  /** The item whose first author (family or organisation) and year match, if exactly one does. */
  findByAuthorYear(author: string, year: string): CslItem | undefined {
    const want = fold(author);
    const matches = [...this.byId.values()].filter((e) => yearOf(e.item) === year.replace(/[a-z]$/, '') && authorMatches(e.item, want));
    return matches.length >= 1 ? matches[0]!.item : undefined;
  }
}

/** Does the item's first author match a folded name as written in a citation ("Vennik", "New Economics Foundation")? */
export function authorMatches(item: CslItem, folded: string): boolean {
  const name = item.author?.[0] ?? item.editor?.[0];
  if (!name) return false;
  const family = fold(name.family ?? name.literal ?? '');
  if (family === folded) return true;
  // "Croft" / "Currie" style variants and abbreviations: match on the first word of an organisation.
  return name.literal !== undefined && family.startsWith(folded) && folded.length >= 4;
}
