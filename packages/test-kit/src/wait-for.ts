export interface WaitForOptions {
  /** Give up after this long; a generous bound, never an assertion about speed. */
  timeoutMs?: number;
  intervalMs?: number;
  /** Named in the error when the condition never holds. */
  description?: string;
}

/**
 * Polls `predicate` until it returns truthy and resolves with that value; rejects after `timeoutMs`.
 * Tests wait for conditions with this instead of sleeping a fixed time and hoping.
 */
export async function waitFor<T>(
  predicate: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 10, description = 'condition' }: WaitForOptions = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const value = await predicate();
      if (value) return value as NonNullable<T>;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}${cause}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A promise with its resolve exposed, for handlers a test releases when it chooses. */
export interface Gate {
  promise: Promise<void>;
  open(): void;
}

/** Creates a closed gate; `await gate.promise` blocks until `gate.open()`. */
export function createGate(): Gate {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
