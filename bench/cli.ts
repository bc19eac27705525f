/**
 * The CLI over the corpus: `node <CLI_NODE_FLAGS> dist/cli.js check --format json --fail-on never <folder>`, as
 * shipped (the default --jobs: worker threads, one per core when the files are worth it) and with
 * `--jobs 1` (every file in the main thread): wall time, CPU time, peak memory (from
 * /usr/bin/time -v, or by polling /proc when it is missing; either way the whole process, worker
 * threads included) and MB/s, and whether the two print the same report.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expandTargets } from '../server/src/cli/files';
import { autoJobs, CLI_NODE_FLAGS } from '../server/src/cli/workers';
import { ROOT } from '../test/protocol/client';
import { cpuSecondsOf, memoryOf } from './proc';

const TIME = '/usr/bin/time';

export interface CliRun {
  readonly paths: readonly string[];
  /** Options before the paths ("--jobs 1"), none for the CLI as shipped. */
  readonly options: readonly string[];
  readonly wallS: number;
  readonly peakRssMb: number;
  /** User + system CPU seconds of the CLI process. */
  readonly cpuS: number;
  readonly exitCode: number | null;
  readonly files: number;
  readonly findings: number;
  /** sha256 of standard output (the JSON report), first 16 hex digits. */
  readonly outputSha256: string;
  readonly memorySource: string;
}

/** Run the CLI once over `paths` (with `options` such as "--jobs 1") and measure it. */
export function runCli(paths: readonly string[], options: readonly string[] = []): Promise<CliRun> {
  const cli = join(ROOT, 'dist', 'cli.js');
  // As the `coprod-lens` bin runs: with the Node.js flags on its first line.
  const args = [...CLI_NODE_FLAGS, cli, 'check', '--format', 'json', '--fail-on', 'never', ...options, ...paths];
  const useTime = existsSync(TIME);
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = useTime ? spawn(TIME, ['-v', process.execPath, ...args], { cwd: ROOT }) : spawn(process.execPath, args, { cwd: ROOT });
    const out: Buffer[] = [];
    let err = '';
    let polledMb = 0;
    let polledCpuS = 0;
    const poll = useTime
      ? undefined
      : setInterval(() => {
          try {
            polledMb = Math.max(polledMb, memoryOf(child.pid!).hwmMb);
            polledCpuS = cpuSecondsOf(child.pid!);
          } catch {
            // the process has exited
          }
        }, 20);
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => void (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallS = (performance.now() - start) / 1000;
      if (poll) clearInterval(poll);
      let files = 0;
      let findings = 0;
      const stdout = Buffer.concat(out);
      try {
        const report = JSON.parse(stdout.toString('utf8')) as { files: { diagnostics: unknown[] }[] };
        files = report.files.length;
        findings = report.files.reduce((n, f) => n + f.diagnostics.length, 0);
      } catch {
        reject(new Error(`the CLI's output is not its JSON report (exit ${code}): ${err.slice(0, 500)}`));
        return;
      }
      const field = (name: string): number => Number(new RegExp(`${name}: ([\\d.]+)`).exec(err)?.[1] ?? NaN);
      resolve({
        paths,
        options,
        wallS,
        peakRssMb: useTime ? field('Maximum resident set size \\(kbytes\\)') / 1024 : polledMb,
        cpuS: useTime ? field('User time \\(seconds\\)') + field('System time \\(seconds\\)') : polledCpuS,
        exitCode: code,
        files,
        findings,
        outputSha256: createHash('sha256').update(stdout).digest('hex').slice(0, 16),
        memorySource: useTime ? '/usr/bin/time -v (maximum resident set size, user + system time)' : 'VmHWM and CPU time polled from /proc every 20 ms',
      });
    });
  });
}

/** A run with its throughput: MB/s of wall time, and MB per CPU-second (user + system). */
export type MeasuredRun = CliRun & { readonly mbPerS: number; readonly mbPerCpuS: number };

export interface CliResults {
  readonly bytes: number;
  /** `--jobs 1`: every file in the main thread, one after another. */
  readonly single: MeasuredRun;
  /** The CLI as shipped: the default --jobs, `jobs` threads on this machine for this corpus. */
  readonly parallel: MeasuredRun & { readonly jobs: number };
  /** parallel MB/s ÷ single MB/s. */
  readonly speedup: number;
  /** Whether both printed the same report, byte for byte. */
  readonly sameOutput: boolean;
  /** The CPU-bound ceiling on `cores` cores: cores × MB per CPU-second of one thread. */
  readonly ceilingMbPerS: number;
  readonly cores: number;
  /**
   * Two `--jobs 1` processes side by side, one per half of the corpus: MB/s of the whole corpus
   * by the later one's finish. Nothing shared, nothing coordinated: what this machine gives two
   * single-threaded checks at once, the most any parallel scheme here could expect.
   */
  readonly sideBySide: { readonly wallS: readonly number[]; readonly mbPerS: number; readonly scaling: number };
}

export async function benchCli(corpus: { folder: string; halves: readonly string[]; bytes: number }, cores: number): Promise<CliResults> {
  // The corpus was just written, so it is in the page cache for every run.
  const measured = (run: CliRun): MeasuredRun => ({ ...run, mbPerS: corpus.bytes / 1e6 / run.wallS, mbPerCpuS: corpus.bytes / 1e6 / run.cpuS });
  const single = measured(await runCli([corpus.folder], ['--jobs', '1']));
  const parallel = { ...measured(await runCli([corpus.folder])), jobs: autoJobs(expandTargets([corpus.folder], ROOT)) };
  const halves = await Promise.all(corpus.halves.map((half) => runCli([half], ['--jobs', '1'])));
  const sideWall = Math.max(...halves.map((h) => h.wallS));
  return {
    bytes: corpus.bytes,
    single,
    parallel,
    speedup: parallel.mbPerS / single.mbPerS,
    sameOutput: parallel.outputSha256 === single.outputSha256,
    ceilingMbPerS: cores * single.mbPerCpuS,
    cores,
    sideBySide: { wallS: halves.map((h) => h.wallS), mbPerS: corpus.bytes / 1e6 / sideWall, scaling: single.wallS / sideWall },
  };
}
