import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';

/** Why a file was refused before it was read: not a regular file, or over the size limit. */
export class FileRefused extends Error {
  override readonly name = 'FileRefused';
}

const CHUNK = 64 * 1024;

/**
 * Read `path` as UTF-8 text, refusing (FileRefused) anything that is not a regular file and any
 * file over `maxBytes`, so a path such as /dev/zero, a named pipe or a huge file named by front
 * matter or a setting can neither hang the process nor exhaust its memory. The file is opened
 * without blocking and checked through the open descriptor, so it cannot be swapped in between.
 * Other failures (no such file, permission denied) throw as Node reports them.
 */
export function readBoundedText(path: string, maxBytes: number): string {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new FileRefused(`it is not a regular file but ${kindOf(stats)}`);
    if (stats.size > maxBytes) throw new FileRefused(`it is ${formatSize(stats.size)}, over the ${formatSize(maxBytes)} limit`);
    // Read until the end, not just stats.size bytes: the file may still be growing.
    const bytes = readToEnd(fd, maxBytes);
    if (bytes === 'over') throw new FileRefused(`it grew past the ${formatSize(maxBytes)} limit while being read`);
    if (bytes === 'silent') throw new FileRefused('it gave nothing to read');
    return bytes.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

/** How long a pipe or device opened without blocking may stay silent before readToEnd gives up. */
export const SILENCE_MS = 10_000;

/**
 * Everything the descriptor `fd` (opened without blocking) gives until its end, or why not:
 * 'over' past `maxBytes`, 'silent' after SILENCE_MS with nothing to read. A named pipe that nobody
 * writes to ends at once, empty; one whose writer is still at work is waited for.
 */
export function readToEnd(fd: number, maxBytes: number): Buffer | 'over' | 'silent' {
  const chunks: Buffer[] = [];
  let total = 0;
  let heard = Date.now();
  let pause: Int32Array | undefined;
  for (;;) {
    const chunk = Buffer.allocUnsafe(CHUNK);
    let read: number;
    try {
      read = readSync(fd, chunk, 0, CHUNK, null);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
      if (Date.now() - heard > SILENCE_MS) return 'silent';
      // A synchronous 10 ms wait for the writer.
      Atomics.wait((pause ??= new Int32Array(new SharedArrayBuffer(4))), 0, 0, 10);
      continue;
    }
    if (read === 0) break;
    total += read;
    if (total > maxBytes) return 'over';
    chunks.push(chunk.subarray(0, read));
    heard = Date.now();
  }
  return Buffer.concat(chunks, total);
}

/** A size for messages: bytes, kB or MB (1024-based, as maxFileSize is). */
function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round((bytes / 1024) * 10) / 10} kB`;
  return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
}

/** What a file that is not a regular one is, for messages: "a named pipe", "a folder"… */
export function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  if (stats.isFIFO()) return 'a named pipe';
  if (stats.isSocket()) return 'a socket';
  return 'a special file';
}
