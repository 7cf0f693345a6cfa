import Database from 'better-sqlite3';

/** A better-sqlite3 connection, as every embedded adapter takes it. */
export type SqliteDatabase = Database.Database;

/**
 * `source-of-truth` (default): every commit is fsynced (synchronous = FULL), as described below.
 * `derived`: for files whose content is rebuilt from the store after a power loss — the job queue
 * (the reconciler re-enqueues every report still `mottatt`) and the search index (the outbox and a
 * reindex refill it). WAL with synchronous = NORMAL is still safe against a crash of our process;
 * only an OS crash or power loss can drop its last commits, and those are recovered as said.
 */
export type Durability = 'source-of-truth' | 'derived';

/**
 * Opens (creating if needed) a SQLite file configured for the embedded profile.
 *
 * - `journal_mode = WAL`: readers never block the writer and vice versa, and several processes
 *   (api, worker, indexer) can share the file.
 * - `synchronous = FULL`: a report is acknowledged (202) only after its transaction commits, so the
 *   commit must survive power loss and OS crashes, not just a crash of our process. In WAL mode,
 *   `NORMAL` syncs only at checkpoints and can lose the last commits on power loss; `FULL` fsyncs
 *   the WAL at every commit. The cost is one fsync per write transaction, which the intake rate
 *   of a first-response centre easily affords.
 * - `busy_timeout = 5000`: a writer in another process holding the lock makes us wait, not fail.
 * - `foreign_keys = ON`: SQLite leaves them off by default; outbox and idempotency rows reference
 *   reports.
 */
export function openSqliteDatabase(filePath: string, options: { durability?: Durability } = {}): SqliteDatabase {
  const db = new Database(filePath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.durability === 'derived' ? 'NORMAL' : 'FULL'}`);
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/**
 * Applies a named migration once per database file: the statements run in one `BEGIN IMMEDIATE`
 * transaction together with their row in `schema_migrations`, so two processes opening the same
 * file at once cannot both apply it, and a failed migration leaves nothing behind.
 * Names are global to the file; prefix them with the adapter (`report-store/001-initial`).
 * Returns true if the migration was applied now, false if it had been applied before.
 */
export function migrate(db: SqliteDatabase, name: string, statements: readonly string[]): boolean {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name TEXT PRIMARY KEY,
    applied_at TEXT NOT NULL
  )`);
  const alreadyApplied = db.prepare<[string], { name: string }>('SELECT name FROM schema_migrations WHERE name = ?');
  const record = db.prepare<[string, string]>('INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)');
  const apply = db.transaction((): boolean => {
    if (alreadyApplied.get(name)) return false;
    for (const statement of statements) db.exec(statement);
    record.run(name, new Date().toISOString());
    return true;
  });
  return apply.immediate();
}

/**
 * True for a SQLite constraint error of the given code (e.g. `SQLITE_CONSTRAINT_UNIQUE`) whose
 * message names `column`. Checked by shape, not `instanceof Error`: the native module creates its
 * errors in the realm that loaded it first, which under jest is not always the caller's.
 */
export function isSqliteConstraintError(error: unknown, code: string, column: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code: actual, message } = error as { code?: unknown; message?: unknown };
  return actual === code && typeof message === 'string' && message.includes(column);
}

/**
 * Prepared statements by SQL text, least recently used dropped beyond `size`: the SQL of a query
 * with a compiled access condition differs per user, so an unbounded cache would grow for ever.
 */
export class StatementCache {
  private readonly statements = new Map<string, Database.Statement<unknown[]>>();

  constructor(
    private readonly db: SqliteDatabase,
    private readonly size: number,
  ) {}

  prepare(sql: string): Database.Statement<unknown[]> {
    let statement = this.statements.get(sql);
    if (statement) {
      // Re-inserted to keep the map in least-recently-used order.
      this.statements.delete(sql);
    } else {
      statement = this.db.prepare<unknown[]>(sql);
      if (this.statements.size >= this.size) {
        const oldest = this.statements.keys().next().value;
        if (oldest !== undefined) this.statements.delete(oldest);
      }
    }
    this.statements.set(sql, statement);
    return statement;
  }

  clear(): void {
    this.statements.clear();
  }
}
