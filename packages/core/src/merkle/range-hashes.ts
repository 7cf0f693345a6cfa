import { CompactRange } from './compact-range';
import type { LeafRange } from './tree';

/**
 * Computes the hashes of many leaf ranges (the subtrees proofs are made of) in one pass over the
 * leaves, holding only a frontier per range that is open at the moment.
 */
export class RangeHasher {
  private readonly pending: LeafRange[];
  private readonly open: Array<{ range: LeafRange; tree: CompactRange }> = [];
  private readonly done = new Map<string, Buffer>();
  private next = 0;
  private position = 0;

  constructor(ranges: readonly LeafRange[]) {
    const unique = new Map(ranges.map((r) => [key(r), r]));
    this.pending = [...unique.values()].sort((a, b) => a.start - b.start);
  }

  /** The index of the next leaf expected. */
  get size(): number {
    return this.position;
  }

  /** Feeds leaf number `size` (leaves must come in order, from index 0). */
  append(leaf: Buffer): void {
    const index = this.position;
    while (this.next < this.pending.length && (this.pending[this.next] as LeafRange).start === index) {
      this.open.push({ range: this.pending[this.next] as LeafRange, tree: new CompactRange() });
      this.next += 1;
    }
    for (let i = this.open.length - 1; i >= 0; i -= 1) {
      const entry = this.open[i] as { range: LeafRange; tree: CompactRange };
      entry.tree.append(leaf);
      if (entry.range.end === index + 1) {
        this.done.set(key(entry.range), entry.tree.root());
        this.open.splice(i, 1);
      }
    }
    this.position += 1;
  }

  /** The hash of `range`, once all its leaves have been fed. */
  hashOf(range: LeafRange): Buffer {
    const hash = this.done.get(key(range));
    if (!hash) throw new RangeError(`range ${range.start}–${range.end} is not complete (fed ${this.position} leaves)`);
    return hash;
  }
}

function key(range: LeafRange): string {
  return `${range.start}:${range.end}`;
}
