import type { Clock, OutboxEntry } from '@mottak/core';
import type { SqliteDatabase } from './sqlite-database';

interface OutboxRow {
  id: number;
  report_id: string;
  kind: OutboxEntry['kind'];
  attempts: number;
}

/**
 * The report store's outbox: work for the indexer, written in the same transaction as the change it
 * follows. Claims are leases: an entry whose indexer dies is claimable again once the lease ends.
 */
export class SqliteReportOutbox {
  private readonly insert;
  private readonly claimable;
  private readonly lease;
  private readonly fail;
  private readonly pending;

  constructor(
    private readonly db: SqliteDatabase,
    private readonly clock: Clock,
  ) {
    this.insert = db.prepare<[string, string, number]>(
      'INSERT INTO outbox (report_id, kind, available_at) VALUES (?, ?, ?)',
    );
    this.claimable = db.prepare<[number, number, number], OutboxRow>(
      `SELECT id, report_id, kind, attempts FROM outbox
       WHERE completed_at IS NULL AND available_at <= ? AND (leased_until IS NULL OR leased_until <= ?)
       ORDER BY available_at, id LIMIT ?`,
    );
    this.lease = db.prepare<[number, number]>('UPDATE outbox SET leased_until = ? WHERE id = ?');
    this.fail = db.prepare<[string, number, number]>(
      `UPDATE outbox SET attempts = attempts + 1, last_error = ?, available_at = ?, leased_until = NULL
       WHERE id = ? AND completed_at IS NULL`,
    );
    this.pending = db.prepare<[], number>('SELECT COUNT(*) FROM outbox WHERE completed_at IS NULL').pluck();
  }

  /** Adds entries for a report; call inside the transaction of the state change. */
  add(reportId: string, kinds: ReadonlyArray<OutboxEntry['kind']>): void {
    const now = this.clock.now().getTime();
    for (const kind of kinds) this.insert.run(reportId, kind, now);
  }

  claim(limit: number, leaseMs: number): OutboxEntry[] {
    // IMMEDIATE: two indexers claiming at once must not both lease the same entry.
    return this.db
      .transaction((): OutboxEntry[] => {
        const now = this.clock.now().getTime();
        const rows = this.claimable.all(now, now, limit);
        for (const row of rows) this.lease.run(now + leaseMs, row.id);
        return rows.map((row) => ({ id: row.id, reportId: row.report_id, kind: row.kind, attempts: row.attempts }));
      })
      .immediate();
  }

  complete(ids: readonly number[]): void {
    if (ids.length === 0) return;
    const now = this.clock.now().getTime();
    const placeholders = ids.map(() => '?').join(',');
    this.db
      .prepare(`UPDATE outbox SET completed_at = ?, leased_until = NULL WHERE id IN (${placeholders}) AND completed_at IS NULL`)
      .run(now, ...ids);
  }

  retryLater(id: number, error: string, retryAfterMs: number): void {
    this.fail.run(error, this.clock.now().getTime() + retryAfterMs, id);
  }

  pendingCount(): number {
    return this.pending.get() ?? 0;
  }
}
