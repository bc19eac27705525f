import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import nodeFlags from '../../data/node-flags.json';
import { checkTarget, internalError, type CheckContext, type CheckedFile } from './check-file';
import type { Target } from './files';

/**
 * `check --jobs N`: N files checked at a time, by the main thread and N − 1 worker threads. A
 * worker runs this same bundle (started with `workerData` under ROLE, it serves checks instead of
 * running the CLI) and posts back each file's report and messages as plain data. Files are handed
 * out in order as threads come free; the caller puts the results back in file order.
 */

/**
 * The Node.js flags `coprod-lens` runs with (on the bin's first line, scripts/build.mjs). With the
 * garbage collector in the thread that allocates, not in helper threads of its own, two check
 * threads have the two cores to themselves: over the earlier (repetitive) bench corpus on two
 * cores the default run took about 12% less time (6.2 s to 5.4 s) and 10% less CPU.
 */
export const CLI_NODE_FLAGS: readonly string[] = nodeFlags.cli;

/** The key in `workerData` that marks a worker thread started to check files. */
const ROLE = 'coprodLensCheck';

/**
 * A worker's stack is the size of the main thread's (V8's 984 kB; a worker's own default is
 * 4 MB, of which Node keeps 192 kB in reserve), so a document that overflows the stack in the
 * main thread does so in a worker too: the number of jobs never changes a report.
 */
const WORKER_STACK_MB = (984 + 192) / 1024;

/** Files posted to a worker ahead: it starts the next one while the main thread is busy with its own. */
const AHEAD = 4;

/**
 * What a thread is worth. Each thread warms the analysis up on its own (V8 compiles the parser's
 * hot code again in every thread), which costs about half a second of CPU time; with one thread,
 * that compiling runs on a core the analysis leaves free. Measured on two cores over parts of the
 * earlier bench corpus (files of about 21 kB): two threads are slower than one at 1.4 MB of Markdown
 * (1.55 s against 1.43 s), faster at 2.8 MB (2.15 s against 2.34 s) and 1.45× as fast at 10.7 MB.
 * So the run uses one thread per MB, rounded down (two threads from 2 MB), up to one per core.
 */
const MIN_BYTES_PER_THREAD = 1024 * 1024;

/** A file to check, with its place in the report. */
interface Task {
  readonly index: number;
  readonly target: Target;
}

/** A worker's answer. */
interface Done {
  readonly index: number;
  readonly checked: CheckedFile;
}

/** True in a worker thread started by `checkInThreads`: the bundle should serve checks, not run the CLI. */
export function isCheckWorker(): boolean {
  return !isMainThread && parentPort !== null && (workerData as Record<string, unknown> | null)?.[ROLE] !== undefined;
}

/** The worker's side: check each file the main thread posts, post the result back. */
export function serveChecks(): void {
  const context = (workerData as Record<string, CheckContext>)[ROLE]!;
  const port = parentPort!;
  port.on('message', (task: Task) => {
    const checked = checkTarget(task.target, context, () => {
      throw new Error('standard input is read in the main thread');
    });
    port.postMessage({ index: task.index, checked } satisfies Done);
  });
}

/**
 * How many threads check `targets` when --jobs is not given: one per core the process may use,
 * but no more than the files' total size makes worth it (MIN_BYTES_PER_THREAD), and at least one.
 * Standard input counts for nothing: it is checked in the main thread.
 */
export function autoJobs(targets: readonly Target[]): number {
  let bytes = 0;
  for (const target of targets) {
    if (target.absolute === '-') continue;
    try {
      bytes += statSync(target.absolute).size;
    } catch {
      // Reported when the file is read.
    }
  }
  return Math.max(1, Math.min(availableParallelism(), Math.floor(bytes / MIN_BYTES_PER_THREAD)));
}

/**
 * Check `targets` in `threads` threads: this one and workers started from `script` (this CLI's
 * bundle). `settle` gets each file's result as it arrives, in whatever order the files finish.
 * Standard input is read in this thread. A worker that dies (out of memory, say) fails the file
 * it was checking with an internal error; the files it held besides go back to the others.
 */
export async function checkInThreads(
  script: string,
  targets: readonly Target[],
  threads: number,
  context: CheckContext,
  readStdin: () => Buffer,
  settle: (index: number, checked: CheckedFile) => void,
): Promise<void> {
  const own: Task[] = [];
  const queue: Task[] = [];
  targets.forEach((target, index) => (target.absolute === '-' ? own : queue).push({ index, target }));
  let settled = 0;
  let wake: (() => void) | undefined;
  const done = (index: number, checked: CheckedFile): void => {
    settled++;
    settle(index, checked);
    wake?.();
  };

  const start = (): void => {
    const worker = new Worker(script, { workerData: { [ROLE]: context }, resourceLimits: { stackSizeMb: WORKER_STACK_MB } });
    const held: Task[] = [];
    let lastError: unknown;
    let stopped = false;
    const topUp = (): void => {
      while (!stopped && held.length < AHEAD && queue.length > 0) {
        const task = queue.shift()!;
        held.push(task);
        worker.postMessage(task);
      }
      if (held.length === 0 && !stopped) {
        stopped = true;
        void worker.terminate();
      }
    };
    worker.on('message', (answer: Done) => {
      held.splice(held.findIndex((t) => t.index === answer.index), 1);
      done(answer.index, answer.checked);
      topUp();
    });
    worker.on('messageerror', (error) => {
      const task = held.shift()!; // the answer that could not be read is the oldest one
      done(task.index, failed(task, error));
      topUp();
    });
    worker.on('error', (error) => void (lastError = error));
    worker.on('exit', (code) => {
      stopped = true;
      const [task, ...rest] = held.splice(0);
      if (task) done(task.index, failed(task, lastError ?? new Error(`the worker thread stopped (exit code ${code})`)));
      queue.unshift(...rest);
      wake?.();
    });
    topUp();
  };
  for (let i = 1; i < threads && queue.length > 0; i++) start();

  // This thread checks files too, letting the workers' answers in between files.
  for (const task of own) done(task.index, checkTarget(task.target, context, readStdin));
  while (settled < targets.length) {
    const task = queue.shift();
    if (task) done(task.index, checkTarget(task.target, context, readStdin));
    await (task ? new Promise<void>((resolve) => setImmediate(resolve)) : new Promise<void>((resolve) => (wake = resolve)));
    wake = undefined;
  }
}

function failed(task: Task, error: unknown): CheckedFile {
  return { report: { path: task.target.display, findings: [], error: internalError(error) }, messages: [] };
}
