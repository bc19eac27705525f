/**
 * `npm run bench`: the full analysis against remark-parse alone (the floor) on the same
 * generated proposals, measured in one run, with the ratio and growth per word. Also writes
 * bench/results.json so a regression shows in review.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { analyze } from '../server/src/core/analyze';
import { generateProposal } from './generate';

const SIZES = [1_000, 10_000, 100_000];
const parser = unified().use(remarkParse);

const collect = (globalThis as { gc?: () => void }).gc;

/** Milliseconds per call of `fn`, timing a batch of `batch` calls. */
function once(fn: () => void, batch: number): number {
  collect?.();
  const start = process.hrtime.bigint();
  for (let i = 0; i < batch; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / batch;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/**
 * Time the floor and the analysis alternately, so both see the same machine state; batches are
 * sized to about 50 ms so small documents are not lost in timer noise. Medians of `runs`.
 */
function compare(floor: () => void, full: () => void, runs: number): { floorMs: number; fullMs: number } {
  floor();
  full();
  const batch = Math.max(1, Math.round(50 / Math.max(once(floor, 1), 0.01)));
  const floors: number[] = [];
  const fulls: number[] = [];
  for (let i = 0; i < runs; i++) {
    floors.push(once(floor, batch));
    fulls.push(once(full, batch));
  }
  return { floorMs: median(floors), fullMs: median(fulls) };
}

const rows = SIZES.map((words) => {
  const text = generateProposal(words, 7);
  const { floorMs: parse, fullMs: full } = compare(() => parser.parse(text), () => analyze(text), words >= 100_000 ? 9 : 15);
  const findings = analyze(text).findings.length;
  return { words, bytes: Buffer.byteLength(text), parseMs: parse, analysisMs: full, ratio: full / parse, msPer1kWords: (full / words) * 1000, findings };
});

console.log('Co-production Lens benchmark: full analysis vs remark-parse alone (medians of alternating runs, one process)');
console.log(`node ${process.version}, ${process.platform} ${process.arch}`);
console.log('');
console.log('| words | bytes | remark-parse ms | full analysis ms | ratio | analysis ms per 1k words | findings |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.words.toLocaleString('en-GB')} | ${r.bytes.toLocaleString('en-GB')} | ${r.parseMs.toFixed(1)} | ${r.analysisMs.toFixed(1)} | ${r.ratio.toFixed(2)}× | ${r.msPer1kWords.toFixed(2)} | ${r.findings} |`);
}
const growth = rows[rows.length - 1]!.msPer1kWords / rows[1]!.msPer1kWords;
console.log('');
console.log(`Growth: time per word at 100k words is ${growth.toFixed(2)}× the time per word at 10k words (1.00 = linear).`);
const last = rows[rows.length - 1]!;
console.log(`Target: full analysis ≤ 2× the parse floor at 100k words — ${last.ratio <= 2 ? 'met' : 'NOT met'} (${last.ratio.toFixed(2)}×).`);
writeFileSync(join(__dirname, '..', '..', 'bench', 'results.json'), `${JSON.stringify({ node: process.version, rows, growth }, null, 2)}\n`);
