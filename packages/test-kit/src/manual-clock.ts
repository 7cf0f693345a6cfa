import type { Clock } from '@mottak/core';

/** A clock that stands still until a test moves it, so leases and deadlines are tested without waiting. */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | string = '2026-03-02T09:00:00.000Z') {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  /** Moves the clock forward by `ms` milliseconds. */
  advance(ms: number): void {
    this.current += ms;
  }

  /** Sets the clock to a given instant. */
  set(at: Date | string): void {
    this.current = new Date(at).getTime();
  }
}
