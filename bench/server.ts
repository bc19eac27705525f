/**
 * The language server (dist/server.js --stdio) timed through the protocol test client: cold
 * start to first diagnostics, didChange to publishDiagnostics while editing, and resident memory
 * with 50 proposals open.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { positionAt, ROOT, TestClient, uriOf } from '../test/protocol/client';
import { analyze } from '../server/src/core/analyze';
import { generateProposal, random } from './generate';
import { cpuSecondsOf, memoryOf } from './proc';
import { median, percentile } from './timing';

const SAMPLE = join(ROOT, 'samples', 'health-research-ppi.md');

export interface ColdStart {
  /** The editor's default debounce (250 ms) or none. */
  readonly debounce: number | 'default';
  readonly initializeMs: number[];
  readonly firstDiagnosticsMs: number[];
  /** The server's user + system CPU time from its start to the first diagnostics. */
  readonly cpuMs: number[];
  readonly medianMs: number;
  readonly maxMs: number;
}

/** Spawn the server and time process start → initialize answered → first diagnostics of a sample. */
async function coldStart(debounce: number | 'default', runs: number): Promise<ColdStart> {
  const text = readFileSync(SAMPLE, 'utf8');
  const uri = uriOf(SAMPLE);
  const initializeMs: number[] = [];
  const firstDiagnosticsMs: number[] = [];
  const cpuMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const client = new TestClient();
    if (debounce !== 'default') client.configuration = { debounce };
    try {
      await client.initialize({ folder: dirname(SAMPLE) });
      initializeMs.push(performance.now() - start);
      client.open(uri, text, 1);
      await client.diagnostics(uri, (p) => p.version === 1);
      firstDiagnosticsMs.push(performance.now() - start);
      cpuMs.push(cpuSecondsOf(client.process.pid!) * 1000);
    } finally {
      await client.stop();
    }
  }
  return { debounce, initializeMs, firstDiagnosticsMs, cpuMs, medianMs: median(firstDiagnosticsMs), maxMs: Math.max(...firstDiagnosticsMs) };
}

export interface Editing {
  readonly words: number;
  readonly edits: number;
  readonly kinds: Record<string, number>;
  readonly openMs: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly meanMs: number;
  /** The server's user + system CPU time per edit (less sensitive to a busy machine than latency). */
  readonly cpuMsPerEdit: number;
  /** How many diagnostics the edited versions had (the edits change findings). */
  readonly diagnostics: { readonly min: number; readonly max: number };
  /** The last diagnostics match the core's findings on the text the bench holds. */
  readonly agrees: boolean;
  readonly latenciesMs: number[];
}

const INSERTS = ['new', 'local', 'carefully', 'also', 'jointly', 'regularly'];
const SWAPS: Record<string, string> = { survey: 'workshop', workshop: 'survey', consult: 'involve', involve: 'consult', equal: 'full', full: 'equal' };
const SENTENCES = [' Carers will co-chair the advisory group.', ' We will consult residents again.', ' Peer researchers will co-analyse the data.'];

/**
 * Open a 10k-word proposal with `debounce: 0`, then make `count` small real edits (incremental
 * didChange): insert a word, delete it again, swap one word for another, append a sentence to a
 * paragraph. After each edit wait for the diagnostics of exactly that version.
 */
async function editing(folder: string, words: number, count: number): Promise<Editing> {
  let text = generateProposal(words, 11);
  // Open in the editor only: the file is never written.
  const uri = uriOf(join(folder, 'editing.md'));
  const client = new TestClient();
  client.configuration = { debounce: 0 };
  const rnd = random(99);
  const kinds: Record<string, number> = {};
  const latencies: number[] = [];
  const diagnosticCounts: number[] = [];
  try {
    await client.initialize({ folder });
    const openStart = performance.now();
    client.open(uri, text, 1);
    await client.diagnostics(uri, (p) => p.version === 1);
    const openMs = performance.now() - openStart;
    let inserted: { start: number; end: number } | undefined;
    const cpuBefore = cpuSecondsOf(client.process.pid!);
    for (let version = 2; version < count + 2; version++) {
      // A prose line (a paragraph or a list item) and a space in it.
      const lines = [...text.matchAll(/^(?:- )?[A-Z][^\n]*\. *$/gm)];
      const line = lines[Math.floor(rnd() * lines.length)]!;
      const spaces = [...line[0].matchAll(/ /g)].map((m) => line.index! + m.index!);
      const space = spaces[Math.floor(rnd() * spaces.length)]!;
      let start: number;
      let end: number;
      let newText: string;
      let kind: string;
      const step = (version - 2) % 4;
      if (step === 0) {
        kind = 'insert a word';
        newText = ` ${INSERTS[Math.floor(rnd() * INSERTS.length)]}`;
        start = end = space;
        inserted = { start, end: start + newText.length };
      } else if (step === 1 && inserted) {
        kind = 'delete that word';
        ({ start, end } = inserted);
        newText = '';
        inserted = undefined;
      } else if (step === 2) {
        kind = 'swap a word';
        const found = [...text.matchAll(/\b(survey|workshop|consult|involve|equal|full)\b/g)];
        const hit = found[Math.floor(rnd() * found.length)]!;
        start = hit.index!;
        end = start + hit[0].length;
        newText = SWAPS[hit[0]]!;
      } else {
        kind = 'append a sentence';
        start = end = line.index! + line[0].trimEnd().length;
        newText = SENTENCES[Math.floor(rnd() * SENTENCES.length)]!;
      }
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      const range = { start: positionAt(text, start), end: positionAt(text, end) };
      text = text.slice(0, start) + newText + text.slice(end);
      const sent = performance.now();
      client.edit(uri, version, [{ range, text: newText }]);
      const published = await client.diagnostics(uri, (p) => p.version === version);
      latencies.push(performance.now() - sent);
      diagnosticCounts.push(published.diagnostics.length);
    }
    // The server's text and ours agree: its last diagnostics are the core's findings on our text.
    const agrees = diagnosticCounts[diagnosticCounts.length - 1] === analyze(text).findings.length;
    const cpuMsPerEdit = ((cpuSecondsOf(client.process.pid!) - cpuBefore) * 1000) / count;
    return {
      words,
      edits: count,
      kinds,
      openMs,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      maxMs: Math.max(...latencies),
      meanMs: latencies.reduce((a, b) => a + b, 0) / latencies.length,
      cpuMsPerEdit,
      diagnostics: { min: Math.min(...diagnosticCounts), max: Math.max(...diagnosticCounts) },
      agrees,
      latenciesMs: latencies,
    };
  } finally {
    await client.stop();
  }
}

export interface Memory {
  readonly documents: number;
  readonly words: number;
  readonly bytes: number;
  readonly baselineRssMb: number;
  readonly rssMb: number;
  readonly peakRssMb: number;
  readonly seconds: number;
}

/** Open `files` (different proposals) in one server, wait for all their diagnostics, read VmRSS. */
async function memory(folder: string, files: readonly string[], wordsOf: (file: string) => number): Promise<Memory> {
  const client = new TestClient();
  client.configuration = { debounce: 0 };
  try {
    await client.initialize({ folder });
    const pid = client.process.pid!;
    const baseline = memoryOf(pid);
    const start = performance.now();
    let bytes = 0;
    const waits = files.map((file) => {
      const text = readFileSync(file, 'utf8');
      bytes += Buffer.byteLength(text);
      client.open(uriOf(file), text, 1);
      return client.diagnostics(uriOf(file), (p) => p.version === 1);
    });
    await Promise.all(waits);
    const seconds = (performance.now() - start) / 1000;
    const after = memoryOf(pid);
    return {
      documents: files.length,
      words: files.reduce((n, f) => n + wordsOf(f), 0),
      bytes,
      baselineRssMb: baseline.rssMb,
      rssMb: after.rssMb,
      peakRssMb: after.hwmMb,
      seconds,
    };
  } finally {
    await client.stop();
  }
}

export interface ServerResults {
  readonly coldStart: ColdStart[];
  readonly editing: Editing;
  readonly memory: Memory;
}

export async function benchServer(corpus: { folder: string; files: readonly string[]; wordsOf: ReadonlyMap<string, number> }, log: (line: string) => void): Promise<ServerResults> {
  let started = performance.now();
  const cold = [await coldStart('default', 3), await coldStart(0, 3)];
  log(`  server cold start: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  const edits = await editing(dirname(corpus.folder), 10_000, 200);
  log(`  server editing: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  started = performance.now();
  const mem = await memory(corpus.folder, corpus.files.slice(0, 50), (file) => corpus.wordsOf.get(file) ?? 0);
  log(`  server memory: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return { coldStart: cold, editing: edits, memory: mem };
}
