import { EMPTY_ROOT, nodeHash } from './hash';

/** A complete subtree: 2^level leaves starting at leaf index × 2^level. */
export interface TreeNode {
  level: number;
  index: number;
}

/**
 * The perfect subtrees that make up the first `size` leaves, largest (leftmost) first: the shape of
 * a frontier (RFC 9162's "compact range" [0, size)).
 */
export function frontierNodes(size: number): TreeNode[] {
  const nodes: TreeNode[] = [];
  let start = 0;
  for (let level = Math.floor(Math.log2(Math.max(size, 1))) + 1; level >= 0; level -= 1) {
    const width = 2 ** level;
    if (start + width <= size) {
      nodes.push({ level, index: start / width });
      start += width;
    }
  }
  return nodes;
}

/** Folds a frontier's hashes (largest subtree first) into the RFC 6962 root of the tree they cover. */
export function rootOfFrontier(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 0) return EMPTY_ROOT;
  let root = hashes[hashes.length - 1] as Buffer;
  for (let i = hashes.length - 2; i >= 0; i -= 1) root = nodeHash(hashes[i] as Buffer, root);
  return root;
}

/**
 * Builds a Merkle tree while leaves stream past, keeping only the frontier: one hash per set bit of
 * the size, so O(log n) memory. The root for the current size is available after every leaf, so one
 * pass over a log of a million entries checks every signed checkpoint along the way.
 */
export class CompactRange {
  private readonly hashes: Buffer[];
  private count: number;

  /**
   * Starts empty, or resumes from a frontier previously taken at `size` (whose hashes must
   * match frontierNodes(size)). `onNode` is told of every complete subtree as it is formed.
   */
  constructor(
    size = 0,
    frontier: readonly Buffer[] = [],
    // Level and index rather than a TreeNode: called twice per leaf while verifying millions, so no allocation.
    private readonly onNode?: (level: number, index: number, hash: Buffer) => void,
  ) {
    if (frontierNodes(size).length !== frontier.length) throw new RangeError(`a frontier of size ${size} has ${frontierNodes(size).length} hashes, not ${frontier.length}`);
    this.count = size;
    this.hashes = [...frontier];
  }

  /** Number of leaves appended so far. */
  get size(): number {
    return this.count;
  }

  /** Appends one leaf hash; merges equal-sized subtrees as a binary counter carries. */
  append(leaf: Buffer): void {
    let hash = leaf;
    let index = this.count;
    let level = 0;
    this.onNode?.(level, index, hash);
    // Each trailing 1-bit of the old size is a subtree of the same size to merge with.
    let bits = this.count;
    while (bits % 2 === 1) {
      hash = nodeHash(this.hashes.pop() as Buffer, hash);
      bits = Math.floor(bits / 2);
      level += 1;
      index = Math.floor(index / 2);
      this.onNode?.(level, index, hash);
    }
    this.hashes.push(hash);
    this.count += 1;
  }

  /** MTH of the leaves so far. */
  root(): Buffer {
    return rootOfFrontier(this.hashes);
  }

  /** The frontier's hashes (largest subtree first): enough to resume or to recompute the root. */
  frontier(): Buffer[] {
    return [...this.hashes];
  }
}
