/** Timing helpers shared by the benchmark sections: batches, medians, percentiles, rounding. */

const collect = (globalThis as { gc?: () => void }).gc;

/** Run a full garbage collection when node runs with --expose-gc (as `npm run bench` does). */
export function gc(): void {
  collect?.();
}

/** Something to time: synchronous, or returning a promise that is awaited (harper.js). */
export type Task = () => unknown;

/** Milliseconds per call of `fn`, timing a batch of `batch` calls after a full collection. */
export async function once(fn: Task, batch: number): Promise<number> {
  gc();
  const start = process.hrtime.bigint();
  for (let i = 0; i < batch; i++) {
    const result = fn();
    if (result instanceof Promise) await result;
  }
  return Number(process.hrtime.bigint() - start) / 1e6 / batch;
}

/** The median (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The nearest-rank percentile `p` (0–100) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface Contender {
  readonly name: string;
  readonly fn: Task;
  /** Timed batches; 0 leaves the contender out. */
  readonly runs: number;
  /**
   * Calls per batch when already known (a slow call at a smaller size means one call per batch
   * here, and the code is warm): no untimed sizing call then, which saves minutes at 1M words.
   */
  readonly batch?: number;
}

export interface Timing {
  /** Median milliseconds per call. */
  readonly ms: number;
  readonly runs: number;
  readonly batch: number;
}

/**
 * The alternating-median method, for any number of contenders: one untimed call each (warm-up,
 * and it sizes the batch to about 50 ms so small documents are not lost in timer noise; skipped
 * for a contender whose batch is given), then
 * rounds in which every contender still due runs one batch in turn, so all of them see the same
 * machine state. Returns the median of each contender's batches.
 */
export async function alternate(contenders: readonly Contender[], batchMs = 50): Promise<Map<string, Timing>> {
  const active = contenders.filter((c) => c.runs > 0);
  const batches = new Map<string, number>();
  for (const c of active) batches.set(c.name, c.batch ?? Math.max(1, Math.round(batchMs / Math.max(await once(c.fn, 1), 0.01))));
  const samples = new Map<string, number[]>(active.map((c) => [c.name, []]));
  const rounds = Math.max(0, ...active.map((c) => c.runs));
  for (let round = 0; round < rounds; round++) {
    for (const c of active) if (round < c.runs) samples.get(c.name)!.push(await once(c.fn, batches.get(c.name)!));
  }
  return new Map(active.map((c) => [c.name, { ms: median(samples.get(c.name)!), runs: c.runs, batch: batches.get(c.name)! }]));
}

/** `value` rounded to `digits` decimals (results.json stays readable in a diff). */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A Markdown table: `align` is one of 'l' or 'r' per column. */
export function table(head: readonly string[], rows: readonly (readonly (string | number)[])[], align?: string): string {
  const a = align ?? `l${'r'.repeat(head.length - 1)}`;
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (a[i] === 'r' ? '---:' : '---')).join('|')}|`];
  for (const row of rows) lines.push(`| ${row.join(' | ')} |`);
  return lines.join('\n');
}

export const int = (n: number): string => Math.round(n).toLocaleString('en-GB');
export const fixed = (n: number, digits = 1): string => n.toFixed(digits);
