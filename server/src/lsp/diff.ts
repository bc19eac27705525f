import type { TextEdit } from '../core/index';

/**
 * Minimal line edits turning `before` into `after` (Myers' O(ND) diff on lines), so a combined
 * fix touches only the lines it changes. Line breaks are kept with their lines.
 */
export function diffEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = splitLines(before);
  const b = splitLines(after);
  const script = myers(a, b);
  const starts: number[] = [0];
  for (const line of a) starts.push(starts[starts.length - 1]! + line.length);
  const edits: TextEdit[] = [];
  let i = 0;
  let j = 0;
  let k = 0;
  while (k < script.length) {
    if (script[k] === '=') {
      i++;
      j++;
      k++;
      continue;
    }
    const fromLine = i;
    let inserted = '';
    while (k < script.length && script[k] !== '=') {
      if (script[k] === '-') i++;
      else inserted += b[j++]!;
      k++;
    }
    edits.push({ start: starts[fromLine]!, end: starts[i]!, newText: inserted });
  }
  return edits;
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** Edit script of '=', '-', '+' from a to b. */
function myers(a: readonly string[], b: readonly string[]): string[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Map<number, number>([[1, 0]]);
  const trace: Map<number, number>[] = [];
  for (let d = 0; d <= max; d++) {
    trace.push(new Map(v));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1)) ? (v.get(k + 1) ?? 0) : (v.get(k - 1) ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v.set(k, x);
      if (x >= n && y >= m) return backtrack(trace, a, b, d);
    }
  }
  return [];
}

function backtrack(trace: Map<number, number>[], a: readonly string[], b: readonly string[], dMax: number): string[] {
  const script: string[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = dMax; d > 0; d--) {
    const v = trace[d]!;
    const k = x - y;
    const prevK = k === -d || (k !== d && (v.get(k - 1) ?? -1) < (v.get(k + 1) ?? -1)) ? k + 1 : k - 1;
    const prevX = v.get(prevK) ?? 0;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      script.push('=');
      x--;
      y--;
    }
    script.push(x === prevX ? '+' : '-');
    if (x === prevX) y--;
    else x--;
  }
  while (x > 0 && y > 0) {
    script.push('=');
    x--;
    y--;
  }
  return script.reverse();
}
