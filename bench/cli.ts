/**
 * The CLI over the corpus: `node dist/cli.js check --format json --fail-on never <folder>`, wall
 * time, peak memory (from /usr/bin/time -v, or by polling /proc when it is missing) and MB/s. Also
 * two processes over the two halves at once: what worker threads could reach on two cores.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../test/protocol/client';
import { cpuSecondsOf, memoryOf } from './proc';

const TIME = '/usr/bin/time';

export interface CliRun {
  readonly paths: readonly string[];
  readonly wallS: number;
  readonly peakRssMb: number;
  /** User + system CPU seconds of the CLI process. */
  readonly cpuS: number;
  readonly exitCode: number | null;
  readonly files: number;
  readonly findings: number;
  readonly memorySource: string;
}

/** Run the CLI once over `paths` and measure it. */
export function runCli(paths: readonly string[]): Promise<CliRun> {
  const cli = join(ROOT, 'dist', 'cli.js');
  const args = [cli, 'check', '--format', 'json', '--fail-on', 'never', ...paths];
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
      try {
        const report = JSON.parse(Buffer.concat(out).toString('utf8')) as { files: { diagnostics: unknown[] }[] };
        files = report.files.length;
        findings = report.files.reduce((n, f) => n + f.diagnostics.length, 0);
      } catch {
        reject(new Error(`the CLI's output is not its JSON report (exit ${code}): ${err.slice(0, 500)}`));
        return;
      }
      const field = (name: string): number => Number(new RegExp(`${name}: ([\\d.]+)`).exec(err)?.[1] ?? NaN);
      resolve({
        paths,
        wallS,
        peakRssMb: useTime ? field('Maximum resident set size \\(kbytes\\)') / 1024 : polledMb,
        cpuS: useTime ? field('User time \\(seconds\\)') + field('System time \\(seconds\\)') : polledCpuS,
        exitCode: code,
        files,
        findings,
        memorySource: useTime ? '/usr/bin/time -v (maximum resident set size, user + system time)' : 'VmHWM and CPU time polled from /proc every 20 ms',
      });
    });
  });
}

export interface CliResults {
  readonly bytes: number;
  /** The CLI as it is: one process. `mbPerCpuS` is MB per CPU-second (user + system). */
  readonly single: CliRun & { readonly mbPerS: number; readonly mbPerCpuS: number };
  /** Two processes at once over the halves: what two worker threads could reach. */
  readonly twoProcesses: { readonly runs: CliRun[]; readonly wallS: number; readonly cpuS: number; readonly mbPerS: number; readonly speedup: number };
  /** The CPU-bound ceiling on `cores` cores: cores × MB per CPU-second of one process. */
  readonly ceilingMbPerS: number;
  readonly cores: number;
}

export async function benchCli(corpus: { folder: string; halves: readonly string[]; bytes: number }, cores: number): Promise<CliResults> {
  // The corpus was just written, so it is in the page cache for every run.
  const single = await runCli([corpus.folder]);
  const start = performance.now();
  const runs = await Promise.all(corpus.halves.map((half) => runCli([half])));
  const wallS = (performance.now() - start) / 1000;
  const singleMbPerS = corpus.bytes / 1e6 / single.wallS;
  const twoMbPerS = corpus.bytes / 1e6 / wallS;
  const mbPerCpuS = corpus.bytes / 1e6 / single.cpuS;
  return {
    bytes: corpus.bytes,
    single: { ...single, mbPerS: singleMbPerS, mbPerCpuS },
    twoProcesses: { runs, wallS, cpuS: runs.reduce((n, r) => n + r.cpuS, 0), mbPerS: twoMbPerS, speedup: twoMbPerS / singleMbPerS },
    ceilingMbPerS: cores * mbPerCpuS,
    cores,
  };
}
