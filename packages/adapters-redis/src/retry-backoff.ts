/**
 * The delay before retry number `attempt` (1 after the first failure): `baseMs` doubled per attempt,
 * capped at `maxMs`, with ±20 % jitter so that jobs failing together (an engine that was down)
 * do not all come back in the same instant. Same policy as the embedded queue.
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.round(exponential * (0.8 + random() * 0.4)));
}
