import { EMPTY_ROOT, nodeHash } from './hash';

/** A half-open range [start, end) of leaf indexes: one subtree whose hash a proof carries. */
export interface LeafRange {
  start: number;
  end: number;
}

/** The largest power of two strictly below `n` (n ≥ 2): where RFC 6962 splits a list of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH(D[0:n]) of RFC 6962 over leaf hashes already computed, for any n (not only powers of two). */
export function merkleRoot(leaves: readonly Buffer[], start = 0, end = leaves.length): Buffer {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leaves[start] as Buffer;
  const k = splitPoint(n);
  return nodeHash(merkleRoot(leaves, start, start + k), merkleRoot(leaves, start + k, end));
}

/**
 * The subtrees whose hashes form the audit path of leaf `index` in a tree of `size` leaves
 * (RFC 6962 §2.1.1 PATH), in proof order: from the leaf's sibling up to the root's child.
 */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`no leaf ${index} in a tree of ${size}`);
  }
  const ranges: LeafRange[] = [];
  const path = (m: number, start: number, end: number): void => {
    const n = end - start;
    if (n <= 1) return;
    const k = splitPoint(n);
    if (m < k) {
      path(m, start, start + k);
      ranges.push({ start: start + k, end });
    } else {
      path(m - k, start + k, end);
      ranges.push({ start, end: start + k });
    }
  };
  path(index, 0, size);
  return ranges;
}

/**
 * The subtrees whose hashes prove that the tree of `oldSize` leaves is a prefix of the tree of
 * `newSize` leaves (RFC 6962 §2.1.2 PROOF / SUBPROOF), in proof order. Empty when oldSize is 0 or
 * equals newSize.
 */
export function consistencyProofRanges(oldSize: number, newSize: number): LeafRange[] {
  if (!Number.isInteger(oldSize) || !Number.isInteger(newSize) || oldSize < 0 || oldSize > newSize) {
    throw new RangeError(`no consistency proof from ${oldSize} to ${newSize}`);
  }
  const ranges: LeafRange[] = [];
  if (oldSize === 0 || oldSize === newSize) return ranges;
  const subproof = (m: number, start: number, end: number, whole: boolean): void => {
    const n = end - start;
    if (m === n) {
      if (!whole) ranges.push({ start, end });
      return;
    }
    const k = splitPoint(n);
    if (m <= k) {
      subproof(m, start, start + k, whole);
      ranges.push({ start: start + k, end });
    } else {
      subproof(m - k, start + k, end, false);
      ranges.push({ start, end: start + k });
    }
  };
  subproof(oldSize, 0, newSize, true);
  return ranges;
}

/** An inclusion proof over leaf hashes held in memory. */
export function inclusionProofFromLeaves(leaves: readonly Buffer[], index: number, size = leaves.length): Buffer[] {
  return inclusionProofRanges(index, size).map((r) => merkleRoot(leaves, r.start, r.end));
}

/** A consistency proof over leaf hashes held in memory. */
export function consistencyProofFromLeaves(leaves: readonly Buffer[], oldSize: number, newSize = leaves.length): Buffer[] {
  return consistencyProofRanges(oldSize, newSize).map((r) => merkleRoot(leaves, r.start, r.end));
}
