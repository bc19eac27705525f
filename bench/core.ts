/**
 * The core: the full analysis against remark-parse alone (the floor) at every size, and against
 * the peer linters on the same text, all in one alternating round per size.
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { analyze } from '../server/src/core/analyze';
import { clearBlockScanCache } from '../server/src/core/block-scan';
import { clearParseCache } from '../server/src/core/parse-cache';
import { generateProposal } from './generate';
import type { Peer } from './peers';
import { alternate, gc, type Contender } from './timing';

export interface PeerCell {
  readonly ms: number;
  /** ours / peer: below 1 means the analysis is faster. */
  readonly ratio: number;
  readonly problems: number;
  readonly runs: number;
}

export interface CoreRow {
  readonly words: number;
  readonly bytes: number;
  readonly parseMs: number;
  readonly analysisMs: number;
  readonly ratio: number;
  readonly msPer1kWords: number;
  readonly parseMsPer1kWords: number;
  readonly findings: number;
  readonly runs: number;
  /** Peers timed at this size; a peer left out at this size has a reason in `skipped`. */
  readonly peers: Record<string, PeerCell>;
  readonly skipped: Record<string, string>;
}

/** Timed batches per size: the floor and the analysis, and each peer (peers are slow at the top). */
export interface Plan {
  readonly words: number;
  readonly runs: number;
  readonly peerRuns: number;
}

const parser = unified().use(remarkParse);

function clearCaches(): void {
  clearParseCache();
  clearBlockScanCache();
}

export async function benchCore(plans: readonly Plan[], peers: readonly Peer[], log: (line: string) => void): Promise<CoreRow[]> {
  const rows: CoreRow[] = [];
  /** Each contender's time per word at the last size, to skip warm-up where one call is slow. */
  const perWord = new Map<string, number>();
  const batchOf = (name: string, words: number): { batch?: number } => ((perWord.get(name) ?? 0) * words >= 250 ? { batch: 1 } : {});
  for (const plan of plans) {
    const { words } = plan;
    let text = generateProposal(words, 7);
    const started = performance.now();
    const cpuStart = process.cpuUsage();
    // Counts come from the timed calls themselves (no extra run of a slow peer at 100k words).
    const counts = new Map<string, number>();
    const counted = (name: string, run: () => number | Promise<number>) => (): unknown => {
      const n = run();
      return n instanceof Promise ? n.then((v) => void counts.set(name, v)) : void counts.set(name, n);
    };
    const contenders: Contender[] = [
      { name: 'parse', fn: () => parser.parse(text), runs: plan.runs, ...batchOf('parse', words) },
      // Cold: the parse and evidence caches are emptied first, so every run reads the whole text as
      // a newly opened document does (an edit, which reuses them, is timed in the server section).
      { name: 'full', fn: counted('full', () => (clearCaches(), analyze(text).findings.length)), runs: plan.runs, ...batchOf('full', words) },
      ...peers.map((p) => ({ name: p.name, fn: counted(p.name, () => p.run(text)), runs: plan.peerRuns, ...batchOf(p.name, words) })),
    ];
    const timings = await alternate(contenders);
    for (const [name, t] of timings) perWord.set(name, t.ms / words);
    const parse = timings.get('parse')!;
    const full = timings.get('full')!;
    const peerCells: Record<string, PeerCell> = {};
    const skipped: Record<string, string> = {};
    for (const p of peers) {
      const t = timings.get(p.name);
      if (!t) {
        skipped[p.name] = `not timed at ${words.toLocaleString('en-GB')} words (keeps the bench within its time budget)`;
        continue;
      }
      peerCells[p.name] = { ms: t.ms, ratio: full.ms / t.ms, problems: counts.get(p.name)!, runs: t.runs };
    }
    rows.push({
      words,
      bytes: Buffer.byteLength(text),
      parseMs: parse.ms,
      analysisMs: full.ms,
      ratio: full.ms / parse.ms,
      msPer1kWords: (full.ms / words) * 1000,
      parseMsPer1kWords: (parse.ms / words) * 1000,
      findings: counts.get('full')!,
      runs: plan.runs,
      peers: peerCells,
      skipped,
    });
    const cpu = process.cpuUsage(cpuStart);
    log(`  core ${words.toLocaleString('en-GB')} words: ${((performance.now() - started) / 1000).toFixed(1)} s, CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s`);
    text = '';
    gc();
  }
  return rows;
}
