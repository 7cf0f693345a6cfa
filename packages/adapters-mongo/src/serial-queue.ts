/**
 * Runs async tasks one after another. Used where one process would otherwise only compete with
 * itself (appends to a hash chain, journal-number allocation): the database's unique indexes keep
 * several processes correct, and this keeps one process from retrying against its own writes.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every task queued before it has settled; resolves or rejects as it does. */
  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}

/** Waits a short random time that grows with `attempt`, so competing processes spread out. */
export function backoff(attempt: number): Promise<void> {
  const ceilingMs = Math.min(2 ** attempt, 50);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * ceilingMs));
}
