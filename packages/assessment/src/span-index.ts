/** A half-open span [start, end) of a text. */
export interface Span {
  start: number;
  end: number;
}

/**
 * Answers "does this span overlap any claimed span?" in O(log n), so that suppressing phones inside
 * IPs/URLs stays linear-ish even for texts with many thousands of entities.
 */
export class SpanIndex {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(spans: readonly Span[]) {
    const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
    for (const span of sorted) {
      const last = this.ends.length - 1;
      if (last >= 0 && span.start < (this.ends[last] ?? 0)) {
        this.ends[last] = Math.max(this.ends[last] ?? 0, span.end);
      } else {
        this.starts.push(span.start);
        this.ends.push(span.end);
      }
    }
  }

  /** True when [start, end) shares at least one character with a claimed span. */
  overlaps(start: number, end: number): boolean {
    const i = this.lastStartingBefore(end);
    return i >= 0 && (this.ends[i] ?? 0) > start;
  }

  /** True when [start, end) lies wholly inside one claimed span. */
  covers(start: number, end: number): boolean {
    const i = this.lastStartingBefore(start + 1);
    return i >= 0 && (this.ends[i] ?? 0) >= end;
  }

  /** Index of the last merged span starting before `position`, or -1. */
  private lastStartingBefore(position: number): number {
    // Merged spans are disjoint and sorted, so only this one can overlap or contain the query.
    let lo = 0;
    let hi = this.starts.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((this.starts[mid] ?? 0) < position) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }
}
