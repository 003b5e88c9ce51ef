// How Terraform 1.11's plan renderer lines up two sequences before diffing them (command/jsonformat's
// collections.ProcessSlice): lists, list blocks, JSON arrays and the lines of a multi-line string all go
// through it, so one change reads the same wherever it appears.

/** A before/after pair; one side is undefined when the element was removed or added. */
export type SlicePair<T> = [T | undefined, T | undefined];

/**
 * Two sequences of the same length that are not a reordering (some element of `before` is nowhere in `after`)
 * pair index by index. Otherwise the elements off a longest common subsequence are removed, then added,
 * except that a removed and an added element at the same place pair up as a change when `pairable` holds for
 * both (Terraform's objects, so that a changed object shows its changed attributes).
 */
export function slicePairs<T>(before: readonly T[], after: readonly T[], same: (x: T, y: T) => boolean, pairable: (x: T) => boolean): SlicePair<T>[] {
  const out: SlicePair<T>[] = [];
  if (before.length === after.length && !before.every((x) => after.some((y) => same(x, y)))) {
    for (let i = 0; i < before.length; i++) out.push([before[i], after[i]]);
    return out;
  }
  const common = longestCommonSubsequence(before, after, same);
  let bi = 0;
  let ai = 0;
  let ci = 0;
  const offCommon = (x: T): boolean => ci >= common.length || !same(x, common[ci]!);
  while (bi < before.length || ai < after.length || ci < common.length) {
    while (bi < before.length && offCommon(before[bi]!)) {
      if (pairable(before[bi]!) && ai < after.length && pairable(after[ai]!) && offCommon(after[ai]!)) out.push([before[bi++], after[ai++]]);
      else out.push([before[bi++], undefined]);
    }
    while (ai < after.length && offCommon(after[ai]!)) out.push([undefined, after[ai++]]);
    if (ci < common.length) {
      out.push([before[bi++], after[ai++]]);
      ci++;
    }
  }
  return out;
}

/**
 * A longest common subsequence, chosen as Terraform chooses among equally long ones (objchange's: a table over
 * prefixes, walked back from the end, taking a match where there is one and otherwise stepping back in `after`
 * unless that loses length), since which one is chosen decides what the plan shows as removed and added.
 */
function longestCommonSubsequence<T>(xs: readonly T[], ys: readonly T[], same: (x: T, y: T) => boolean): T[] {
  if (xs.length === 0 || ys.length === 0) return [];
  const w = xs.length;
  const len = new Array<number>(xs.length * ys.length).fill(0);
  const eq = new Array<boolean>(xs.length * ys.length).fill(false);
  const at = (x: number, y: number): number => (x < 0 || y < 0 ? 0 : len[w * y + x]!);
  for (let y = 0; y < ys.length; y++) {
    for (let x = 0; x < xs.length; x++) {
      const i = w * y + x;
      eq[i] = same(xs[x]!, ys[y]!);
      len[i] = eq[i] ? at(x - 1, y - 1) + 1 : Math.max(at(x - 1, y), at(x, y - 1));
    }
  }
  const seq: T[] = [];
  for (let x = xs.length - 1, y = ys.length - 1; x >= 0 && y >= 0; ) {
    if (eq[w * y + x]) {
      seq.push(xs[x]!);
      x--;
      y--;
    } else if (at(x - 1, y) > at(x, y - 1)) x--;
    else y--;
  }
  return seq.reverse();
}
