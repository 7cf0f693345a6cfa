import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { type JobConsumer, type JobHandler, type JobLatency, JOB_LATENCY_BUCKETS_MS, jobLatencyBucket, type JobPayload, type JobQueue, type JobState, type JobView, type ProcessOptions } from '@mottak/core';
import { type Lease, type LeaseSource, SqliteJobConsumer } from './job-consumer.sqlite';
import { migrate, openSqliteDatabase, type SqliteDatabase } from './sqlite-database';

export interface SqliteJobQueueOptions {
  /** How long a claimed job stays invisible to other workers; must exceed the longest handler run. */
  visibilityTimeoutMs?: number;
  /** Deliveries before a failing job is dead-lettered. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt, ±20 % jitter, capped at `backoffMaxMs`. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** How often an idle consumer looks for work that another process enqueued. */
  pollIntervalMs?: number;
  /** true (default): keep completed rows; false: delete on completion; a number: keep the latest N. */
  keepCompleted?: boolean | number;
  /** Called with failures of the queue machinery itself (not of handlers); default: process warning. */
  onError?: (error: unknown) => void;
}

type ResolvedOptions = Required<SqliteJobQueueOptions>;

interface JobRow {
  id: string;
  name: string;
  payload: string;
  state: JobState;
  attempt: number;
  max_attempts: number;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

interface ClaimedRow extends JobRow {
  lock_token: string;
}


const MIGRATION = [
  `CREATE TABLE jobs (
     id TEXT PRIMARY KEY,
     name TEXT NOT NULL,
     payload TEXT NOT NULL,
     state TEXT NOT NULL,
     attempt INTEGER NOT NULL DEFAULT 0,
     max_attempts INTEGER NOT NULL,
     run_at INTEGER NOT NULL,
     locked_until INTEGER,
     lock_token TEXT,
     last_error TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   )`,
  'CREATE INDEX jobs_state_run_at ON jobs (state, run_at)',
];

/** Completed jobs' time from enqueue, as histogram buckets per job name (kept when completed rows are pruned). */
const LATENCY_MIGRATION = [
  `CREATE TABLE job_latency (
     name TEXT NOT NULL,
     bucket INTEGER NOT NULL,
     count INTEGER NOT NULL,
     sum_ms INTEGER NOT NULL,
     PRIMARY KEY (name, bucket)
   )`,
];

/** waiting/delayed are told apart by run_at at read time, so a retry that is due reads as waiting. */
const VIEW_STATE = `CASE WHEN state IN ('waiting', 'delayed') THEN CASE WHEN run_at > @now THEN 'delayed' ELSE 'waiting' END ELSE state END`;
const VIEW_COLUMNS = `id, name, payload, attempt, max_attempts, last_error, created_at, updated_at, ${VIEW_STATE} AS state`;
/** Due: waiting/delayed whose time has come, or active whose lease expired (its worker died). */
const DUE = `((state IN ('waiting', 'delayed') AND run_at <= @now) OR (state = 'active' AND locked_until < @now))`;
const MAX_ERROR_LENGTH = 2000;
const PRUNE_EVERY = 100;

/**
 * Consumers per database file in this process, so an enqueue wakes them at once instead of at
 * their next poll. Other processes sharing the file are found by polling.
 */
const consumersByFile = new Map<string, Set<SqliteJobConsumer>>();

/** An at-least-once job queue in a SQLite table; survives process kills because it is a WAL file. */
export class SqliteJobQueue implements JobQueue, LeaseSource {
  private readonly options: ResolvedOptions;
  private readonly fileKey: string;
  private readonly consumers = new Set<SqliteJobConsumer>();
  /** Jobs running in this process: never claimed again here while they run, even if their lease expired. */
  readonly localActive = new Set<string>();
  private readonly statements: Statements;
  private completions = 0;
  private closed = false;

  constructor(
    private readonly db: SqliteDatabase,
    filePath: string,
    options: SqliteJobQueueOptions = {},
  ) {
    this.options = {
      visibilityTimeoutMs: options.visibilityTimeoutMs ?? 30_000,
      maxAttempts: options.maxAttempts ?? 5,
      backoffBaseMs: options.backoffBaseMs ?? 500,
      backoffMaxMs: options.backoffMaxMs ?? 5 * 60_000,
      pollIntervalMs: options.pollIntervalMs ?? 50,
      keepCompleted: options.keepCompleted ?? true,
      onError: options.onError ?? ((error) => process.emitWarning(`Mottak job queue: ${describeError(error)}`)),
    };
    this.fileKey = filePath === ':memory:' ? `:memory:${randomUUID()}` : path.resolve(filePath);
    migrate(db, 'job-queue/001-initial', MIGRATION);
    migrate(db, 'job-queue/002-latency', LATENCY_MIGRATION);
    this.statements = prepareStatements(db);
  }

  async enqueue(name: string, jobId: string, payload: JobPayload): Promise<{ added: boolean }> {
    this.assertOpen();
    const now = Date.now();
    const iso = new Date(now).toISOString();
    // A completed id is a finished piece of work: adding it again queues new work. Any other state
    // means the work is pending or parked as dead, so the add is a duplicate.
    const result = this.db
      .prepare(
        `INSERT INTO jobs (id, name, payload, state, attempt, max_attempts, run_at, created_at, updated_at)
         VALUES (@id, @name, @payload, 'waiting', 0, @maxAttempts, @now, @iso, @iso)
         ON CONFLICT (id) DO UPDATE SET
           name = excluded.name, payload = excluded.payload, state = 'waiting', attempt = 0,
           max_attempts = excluded.max_attempts, run_at = excluded.run_at, locked_until = NULL,
           lock_token = NULL, last_error = NULL, created_at = excluded.created_at, updated_at = excluded.updated_at
         WHERE jobs.state = 'completed'`,
      )
      .run({ id: jobId, name, payload: JSON.stringify(payload), maxAttempts: this.options.maxAttempts, now, iso });
    const added = result.changes > 0;
    if (added) this.wake(name);
    return { added };
  }

  process(name: string, handler: JobHandler, options: ProcessOptions = {}): JobConsumer {
    this.assertOpen();
    const concurrency = Math.max(1, Math.floor(options.concurrency ?? 1));
    const consumer = new SqliteJobConsumer(this, name, handler, concurrency, {
      pollIntervalMs: this.options.pollIntervalMs,
      onError: this.options.onError,
      ...(options.onFailed ? { onFailed: options.onFailed } : {}),
    });
    this.consumers.add(consumer);
    let registered = consumersByFile.get(this.fileKey);
    if (!registered) consumersByFile.set(this.fileKey, (registered = new Set()));
    registered.add(consumer);
    consumer.start();
    return consumer;
  }

  async get(jobId: string): Promise<JobView | undefined> {
    this.assertOpen();
    const row = this.db
      .prepare<{ id: string; now: number }, JobRow>(`SELECT ${VIEW_COLUMNS} FROM jobs WHERE id = @id`)
      .get({ id: jobId, now: Date.now() });
    return row ? toView(row) : undefined;
  }

  async list(filter: { state?: JobState; limit: number }): Promise<JobView[]> {
    this.assertOpen();
    const limit = Math.max(0, Math.floor(filter.limit));
    const rows = this.db
      .prepare<{ state: string | null; now: number; limit: number }, JobRow>(
        `SELECT * FROM (SELECT ${VIEW_COLUMNS} FROM jobs)
         WHERE @state IS NULL OR state = @state
         ORDER BY updated_at DESC, id LIMIT @limit`,
      )
      .all({ state: filter.state ?? null, now: Date.now(), limit });
    return rows.map(toView);
  }

  async counts(): Promise<Record<JobState, number>> {
    this.assertOpen();
    const rows = this.db
      .prepare<{ now: number }, { state: JobState; n: number }>(
        `SELECT ${VIEW_STATE} AS state, count(*) AS n FROM jobs GROUP BY 1`,
      )
      .all({ now: Date.now() });
    const counts: Record<JobState, number> = { waiting: 0, delayed: 0, active: 0, completed: 0, dead: 0 };
    for (const row of rows) counts[row.state] = row.n;
    return counts;
  }

  async latency(): Promise<JobLatency[]> {
    this.assertOpen();
    const rows = this.db
      .prepare<[], { name: string; bucket: number; count: number; sum_ms: number }>('SELECT name, bucket, count, sum_ms FROM job_latency ORDER BY name, bucket')
      .all();
    const byName = new Map<string, JobLatency>();
    for (const row of rows) {
      let latency = byName.get(row.name);
      if (!latency) byName.set(row.name, (latency = { name: row.name, buckets: new Array<number>(JOB_LATENCY_BUCKETS_MS.length + 1).fill(0), count: 0, sumMs: 0 }));
      latency.buckets[row.bucket] = row.count;
      latency.count += row.count;
      latency.sumMs += row.sum_ms;
    }
    return [...byName.values()];
  }

  async replay(jobId: string): Promise<boolean> {
    this.assertOpen();
    const now = Date.now();
    const result = this.db
      .prepare(
        `UPDATE jobs SET state = 'waiting', attempt = 0, run_at = @now, locked_until = NULL, lock_token = NULL,
           updated_at = @iso
         WHERE id = @id AND state = 'dead'`,
      )
      .run({ id: jobId, now, iso: new Date(now).toISOString() });
    if (result.changes === 0) return false;
    const row = this.db.prepare<[string], { name: string }>('SELECT name FROM jobs WHERE id = ?').get(jobId);
    if (row) this.wake(row.name);
    return true;
  }

  /** Closes consumers still open without grace (their in-flight jobs go back to the queue), then the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.consumers].map((consumer) => consumer.close(0)));
    this.closed = true;
    this.db.close();
  }

  /**
   * Atomically takes the next due job of `name` with a fresh lease token; the token fences out a
   * worker whose lease expired. A read-only look comes first so idle polling never takes the write
   * lock of a file the report store may share.
   */
  claim(name: string): Lease | undefined {
    const now = Date.now();
    if (!this.statements.anyDue.get({ name, now })) return undefined;
    const iso = new Date(now).toISOString();
    const row = this.db
      .transaction(() => {
        // A job whose lease keeps expiring (it crashes or hangs its worker) must not loop forever.
        this.statements.expireExhausted.run({ name, now, iso });
        return this.statements.claim.get({
          name,
          now,
          iso,
          token: randomUUID(),
          lockedUntil: now + this.options.visibilityTimeoutMs,
          exclude: JSON.stringify([...this.localActive]),
        });
      })
      .immediate();
    if (!row) return undefined;
    this.localActive.add(row.id);
    return {
      job: { id: row.id, name: row.name, payload: JSON.parse(row.payload) as JobPayload, attempt: row.attempt },
      token: row.lock_token,
      maxAttempts: row.max_attempts,
    };
  }

  /**
   * Marks a job done, unless its lease was taken over meanwhile (then the new holder decides), and
   * counts its time from enqueue in the latency histogram in the same transaction.
   */
  complete(lease: Lease): void {
    const now = Date.now();
    const params = { id: lease.job.id, token: lease.token, iso: new Date(now).toISOString() };
    this.db.transaction(() => {
      const done =
        this.options.keepCompleted === false
          ? this.statements.deleteCompleted.get({ id: params.id, token: params.token })
          : this.statements.markCompleted.get(params);
      if (!done) return;
      // Clocks of other processes on this machine agree; never count a negative wait.
      const latencyMs = Math.max(0, now - Date.parse(done.created_at));
      this.statements.countLatency.run({ name: lease.job.name, bucket: jobLatencyBucket(latencyMs), ms: latencyMs });
    }).immediate();
    if (this.options.keepCompleted === false) return;
    if (typeof this.options.keepCompleted === 'number' && ++this.completions % PRUNE_EVERY === 0) {
      this.db
        .prepare(
          `DELETE FROM jobs WHERE rowid IN (SELECT rowid FROM jobs WHERE state = 'completed'
             ORDER BY updated_at DESC LIMIT -1 OFFSET ?)`,
        )
        .run(Math.max(0, Math.floor(this.options.keepCompleted)));
    }
  }

  /** Records a failed attempt: retry later with backoff, or dead-letter after the last attempt. */
  fail(lease: Lease, error: unknown): void {
    const now = Date.now();
    const dead = lease.job.attempt >= lease.maxAttempts;
    this.db
      .prepare(
        `UPDATE jobs SET state = @state, run_at = @runAt, last_error = @error, lock_token = NULL,
           locked_until = NULL, updated_at = @iso
         WHERE id = @id AND lock_token = @token AND state = 'active'`,
      )
      .run({
        id: lease.job.id,
        token: lease.token,
        state: dead ? 'dead' : 'delayed',
        runAt: dead ? now : now + this.backoff(lease.job.attempt),
        error: describeError(error).slice(0, MAX_ERROR_LENGTH),
        iso: new Date(now).toISOString(),
      });
  }

  /** Puts an unfinished job back as waiting without counting the attempt (graceful shutdown). */
  release(lease: Lease): void {
    const now = Date.now();
    this.db
      .prepare(
        `UPDATE jobs SET state = 'waiting', attempt = max(attempt - 1, 0), run_at = @now, lock_token = NULL,
           locked_until = NULL, updated_at = @iso
         WHERE id = @id AND lock_token = @token AND state = 'active'`,
      )
      .run({ id: lease.job.id, token: lease.token, now, iso: new Date(now).toISOString() });
    this.wake(lease.job.name);
  }

  forget(consumer: SqliteJobConsumer): void {
    this.consumers.delete(consumer);
    consumersByFile.get(this.fileKey)?.delete(consumer);
  }

  private wake(name: string): void {
    for (const consumer of consumersByFile.get(this.fileKey) ?? []) {
      if (consumer.name === name) consumer.wake();
    }
  }

  private backoff(attempt: number): number {
    const exponential = Math.min(this.options.backoffMaxMs, this.options.backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(exponential * (0.8 + Math.random() * 0.4));
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('Job queue is closed');
  }
}

function toView(row: JobRow): JobView {
  const view: JobView = {
    id: row.id,
    name: row.name,
    payload: JSON.parse(row.payload) as JobPayload,
    attempt: row.attempt,
    state: row.state,
    maxAttempts: row.max_attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.last_error !== null) view.lastError = row.last_error;
  return view;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

type Statements = ReturnType<typeof prepareStatements>;

function prepareStatements(db: SqliteDatabase) {
  return {
    markCompleted: db.prepare<{ id: string; token: string; iso: string }, { created_at: string }>(
      `UPDATE jobs SET state = 'completed', lock_token = NULL, locked_until = NULL, updated_at = @iso
       WHERE id = @id AND lock_token = @token AND state = 'active' RETURNING created_at`,
    ),
    deleteCompleted: db.prepare<{ id: string; token: string }, { created_at: string }>(
      `DELETE FROM jobs WHERE id = @id AND lock_token = @token AND state = 'active' RETURNING created_at`,
    ),
    countLatency: db.prepare<{ name: string; bucket: number; ms: number }>(
      `INSERT INTO job_latency (name, bucket, count, sum_ms) VALUES (@name, @bucket, 1, @ms)
       ON CONFLICT (name, bucket) DO UPDATE SET count = count + 1, sum_ms = sum_ms + excluded.sum_ms`,
    ),
    anyDue: db.prepare<{ name: string; now: number }, { due: number }>(
      `SELECT 1 AS due FROM jobs WHERE ${DUE} AND name = @name LIMIT 1`,
    ),
    expireExhausted: db.prepare<{ name: string; now: number; iso: string }>(
      `UPDATE jobs SET state = 'dead', lock_token = NULL, locked_until = NULL, updated_at = @iso,
         last_error = 'Fristen for behandling gikk ut på siste forsøk (arbeideren stoppet eller hang)'
       WHERE name = @name AND state = 'active' AND locked_until < @now AND attempt >= max_attempts`,
    ),
    claim: db.prepare<
      { name: string; now: number; iso: string; token: string; lockedUntil: number; exclude: string },
      ClaimedRow
    >(
      `UPDATE jobs SET state = 'active', attempt = attempt + 1, locked_until = @lockedUntil,
         lock_token = @token, updated_at = @iso
       WHERE id = (
         SELECT id FROM jobs
         WHERE ${DUE} AND name = @name AND id NOT IN (SELECT value FROM json_each(@exclude))
         ORDER BY run_at LIMIT 1)
       RETURNING *`,
    ),
  };
}

/** Opens (creating if needed) a job queue in the SQLite file at `filePath`. */
export function createSqliteJobQueue(filePath: string, options: SqliteJobQueueOptions = {}): SqliteJobQueue {
  const db = openSqliteDatabase(filePath, { durability: 'derived' });
  try {
    return new SqliteJobQueue(db, filePath, options);
  } catch (error) {
    db.close();
    throw error;
  }
}
