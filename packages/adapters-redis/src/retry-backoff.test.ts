import { retryDelayMs } from './retry-backoff';

describe('retryDelayMs', () => {
  it('doubles per attempt from the base, within ±20 % jitter', () => {
    expect([1, 2, 3, 4].map((attempt) => retryDelayMs(attempt, 100, 60_000, () => 0.5))).toEqual([100, 200, 400, 800]);
    expect(retryDelayMs(3, 100, 60_000, () => 0)).toBe(320);
    expect(retryDelayMs(3, 100, 60_000, () => 0.999_999)).toBe(480);
  });

  it('caps the delay before jitter, and never returns zero (which BullMQ would treat as an immediate retry)', () => {
    expect(retryDelayMs(30, 100, 5_000, () => 0.5)).toBe(5_000);
    expect(retryDelayMs(30, 100, 5_000, () => 0.999_999)).toBe(6_000);
    expect(retryDelayMs(1, 1, 1, () => 0)).toBe(1);
  });

  it('spreads jobs that fail together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(2, 1_000, 60_000)));
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) expect(delay).toBeGreaterThanOrEqual(1_600);
    for (const delay of delays) expect(delay).toBeLessThanOrEqual(2_400);
  });
});
