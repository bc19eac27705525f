/** Index of the last item whose `start` is at or before `offset` (0 when none is), by binary search. */
export function lastStartingAtOrBefore(items: readonly { readonly start: number }[], offset: number): number {
  let lo = 0;
  let hi = items.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (items[mid]!.start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
