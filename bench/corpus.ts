/**
 * The generator's own speed and the 500-proposal corpus the CLI and server sections read. The
 * corpus is written by the bench itself to bench/.tmp/corpus (git-ignored by bench/.gitignore),
 * in two halves a/ and b/ so the CLI can also be timed as two processes.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateProposal, random } from './generate';
import { alternate } from './timing';

export interface GeneratorRow {
  readonly words: number;
  readonly bytes: number;
  readonly ms: number;
  readonly mbPerS: number;
  readonly sha256: string;
  readonly deterministic: boolean;
}

const hash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** Time generateProposal at each size (medians of alternating batches), and check it is deterministic. */
export async function benchGenerator(sizes: readonly number[]): Promise<GeneratorRow[]> {
  const rows: GeneratorRow[] = [];
  for (const words of sizes) {
    const first = generateProposal(words, 7);
    const again = generateProposal(words, 7);
    const runs = words >= 1_000_000 ? 3 : words >= 100_000 ? 7 : 15;
    const timing = (await alternate([{ name: 'generate', fn: () => generateProposal(words, 7), runs }])).get('generate')!;
    const bytes = Buffer.byteLength(first);
    rows.push({ words, bytes, ms: timing.ms, mbPerS: bytes / 1e6 / (timing.ms / 1000), sha256: hash(first), deterministic: first === again });
  }
  return rows;
}

export interface Corpus {
  readonly folder: string;
  readonly halves: readonly [string, string];
  readonly files: readonly string[];
  /** Each file's size in words (as asked of the generator). */
  readonly wordsOf: ReadonlyMap<string, number>;
  readonly words: number;
  readonly bytes: number;
  readonly minWords: number;
  readonly maxWords: number;
  readonly ms: number;
  readonly sha256: string;
}

/**
 * Write `count` proposals of 1,000–5,000 words (sizes from a seeded PRNG, each proposal its own
 * seed), replacing whatever an earlier run left. Deterministic: the same files every run.
 */
export function writeCorpus(root: string, count = 500): Corpus {
  const start = performance.now();
  const folder = join(root, 'bench', '.tmp', 'corpus');
  rmSync(folder, { recursive: true, force: true });
  const halves = [join(folder, 'a'), join(folder, 'b')] as const;
  for (const half of halves) mkdirSync(half, { recursive: true });
  const rnd = random(2024);
  const digest = createHash('sha256');
  const files: string[] = [];
  const wordsOf = new Map<string, number>();
  let words = 0;
  let bytes = 0;
  let minWords = Infinity;
  let maxWords = 0;
  for (let i = 0; i < count; i++) {
    const size = 1000 + Math.floor(rnd() * 4001);
    const text = generateProposal(size, 1000 + i);
    const file = join(halves[i % 2]!, `proposal-${String(i).padStart(3, '0')}.md`);
    writeFileSync(file, text);
    digest.update(text);
    files.push(file);
    wordsOf.set(file, size);
    words += size;
    bytes += Buffer.byteLength(text);
    minWords = Math.min(minWords, size);
    maxWords = Math.max(maxWords, size);
  }
  return { folder, halves, files, wordsOf, words, bytes, minWords, maxWords, ms: performance.now() - start, sha256: digest.digest('hex').slice(0, 16) };
}
