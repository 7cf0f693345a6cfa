import type { SqliteDatabase } from './sqlite-database';

interface PendingWrite {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: write transactions requested in the same turn of the event loop run together in
 * one `BEGIN IMMEDIATE … COMMIT`, each inside its own savepoint. One fsync then covers the whole
 * group instead of one per report, and every caller still learns its outcome only after the commit
 * is durable — a 202 is never sent for a report that could be lost. One write failing (a version
 * conflict, say) rolls back only its own savepoint; if the commit itself fails, every write in the
 * group fails with it.
 */
export class GroupCommit {
  private pending: PendingWrite[] = [];
  private scheduled = false;

  constructor(
    private readonly db: SqliteDatabase,
    /** Upper bound on writes per transaction, so one huge burst does not hold the lock for long. */
    private readonly maxBatch = 256,
  ) {}

  /** Runs `work` inside a write transaction shared with other writes of this tick. */
  run<T>(work: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending.splice(0, this.maxBatch);
    this.scheduled = false;
    if (this.pending.length > 0) {
      this.scheduled = true;
      setImmediate(() => this.flush());
    }
    if (batch.length === 0 || !this.db.open) {
      for (const write of batch) write.reject(new Error('database is closed'));
      return;
    }
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      this.db
        .transaction(() => {
          for (const write of batch) {
            try {
              // A nested transaction is a savepoint: a failing write undoes only itself.
              outcomes.push({ ok: true, value: this.db.transaction(write.work)() });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      for (const write of batch) write.reject(error);
      return;
    }
    batch.forEach((write, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) write.resolve(outcome.value);
      else write.reject(outcome.error);
    });
  }
}
