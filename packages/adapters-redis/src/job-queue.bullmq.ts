import { randomUUID } from 'node:crypto';
import { type JobConsumer, type JobHandler, type JobLatency, JOB_LATENCY_BUCKETS_MS, jobLatencyBucket, type JobPayload, type JobQueue, type JobState, type JobView, type ProcessOptions } from '@mottak/core';
import { Job as BullJob, type JobsOptions, Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { BACKOFF_TYPE, BullMqJobConsumer, type ConsumerHost } from './job-consumer.bullmq';
import {
  BULL_TYPES_BY_STATE,
  PORT_JOB_STATES,
  type StoredJobData,
  toBullJobId,
  toJobView,
} from './job-mapping.bullmq';
import { readJob } from './job-read.bullmq';

export interface BullMqJobQueueOptions {
  /** e.g. `redis://127.0.0.1:6379` (a `/db` path and credentials in the URL are honoured). */
  redisUrl: string;
  /** Prefix of every key; queues with different prefixes on one Redis never meet. Default `mottak`. */
  prefix?: string;
  /** How long a delivered job stays invisible to other workers; must exceed the longest handler run. */
  visibilityTimeoutMs?: number;
  /** How often workers look for jobs whose lease expired; default half the visibility timeout (≤ 30 s). */
  stalledCheckIntervalMs?: number;
  /** Deliveries before a failing job is dead-lettered. */
  maxAttempts?: number;
  /** First retry delay; doubles per attempt, ±20 % jitter, capped at `backoffMaxMs`. */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** true: keep every completed job; false: delete on completion; a number: keep the latest N per name (default 10,000). */
  keepCompleted?: boolean | number;
  /** Bound on enqueue/get/list/counts/replay, so callers fail fast instead of hanging while Redis is away. */
  operationTimeoutMs?: number;
  /** Called with failures of the queue machinery itself (not of handlers); default: process warning. */
  onError?: (error: unknown) => void;
}

type ResolvedOptions = Required<Omit<BullMqJobQueueOptions, 'redisUrl'>>;

/** Lua: takes back one delivery count, only if `token` still holds the job's lock (a fenced decrement). */
const UNCOUNT_ATTEMPT = `
if redis.call('GET', KEYS[1] .. ':lock') == ARGV[1] then
  local started = tonumber(redis.call('HGET', KEYS[1], 'ats') or '0')
  if started > 0 then redis.call('HINCRBY', KEYS[1], 'ats', -1) end
  return 1
end
return 0`;

type ProducerRedis = Redis & { mottakUncountAttempt(jobKey: string, token: string): Promise<number> };

/**
 * The JobQueue port on BullMQ: one BullMQ queue per job name (a BullMQ worker takes every job of its
 * queue), the port's id as BullMQ's jobId (escaped where BullMQ refuses it), BullMQ's failed set as
 * the dead letters. Job ids are deduplicated per job name; `get` and `replay` look in every name.
 * Redis is not the source of truth: a flush loses the queue, and the core's reconciler re-enqueues.
 */
export class BullMqJobQueue implements JobQueue, ConsumerHost {
  private readonly options: ResolvedOptions;
  /** Commands that should fail fast when Redis is away (producers, views, replay). */
  private readonly redis: ProducerRedis;
  /** Workers' connection: BullMQ needs one that retries for ever, so workers outlive a Redis restart. */
  private workerRedis: Redis | undefined;
  private readonly queues = new Map<string, Queue<StoredJobData>>();
  private readonly consumers = new Set<BullMqJobConsumer>();
  /** A set in Redis of the job names ever used, so that any instance can view every name's jobs. */
  private readonly namesKey: string;
  /** A hash of latency counters, fields `<name>:b<bucket>` and `<name>:sum` (names have no ':'). */
  private readonly latencyKey: string;
  private readonly reportedErrors = new WeakSet<object>();
  private closed = false;

  constructor(
    private readonly redisUrl: string,
    options: Omit<BullMqJobQueueOptions, 'redisUrl'> = {},
  ) {
    const visibilityTimeoutMs = options.visibilityTimeoutMs ?? 30_000;
    this.options = {
      prefix: options.prefix ?? 'mottak',
      visibilityTimeoutMs,
      stalledCheckIntervalMs:
        options.stalledCheckIntervalMs ?? Math.min(30_000, Math.max(50, Math.floor(visibilityTimeoutMs / 2))),
      maxAttempts: options.maxAttempts ?? 5,
      backoffBaseMs: options.backoffBaseMs ?? 500,
      backoffMaxMs: options.backoffMaxMs ?? 5 * 60_000,
      keepCompleted: options.keepCompleted ?? 10_000,
      operationTimeoutMs: options.operationTimeoutMs ?? 5_000,
      onError: options.onError ?? ((error) => process.emitWarning(`Mottak job queue (Redis): ${describeError(error)}`)),
    };
    // Every BullMQ key is `<prefix>:<name>:<more>`, so a key with a single ':' cannot collide with one.
    this.namesKey = `${this.options.prefix}:mottak-job-names`;
    this.latencyKey = `${this.options.prefix}:mottak-job-latency`;
    // Two retries of a command across reconnects, then it fails: the caller (or the reconciler) copes.
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: 2, connectionName: 'mottak-queue' }) as ProducerRedis;
    this.redis.on('error', (error) => this.onError(error));
    this.redis.defineCommand('mottakUncountAttempt', { numberOfKeys: 1, lua: UNCOUNT_ATTEMPT });
  }

  async enqueue(name: string, jobId: string, payload: JobPayload): Promise<{ added: boolean }> {
    this.assertOpen();
    const queue = this.queueFor(name);
    const bullId = toBullJobId(jobId);
    return this.bounded('enqueue', async () => {
      const [added] = await Promise.all([this.add(queue, jobId, bullId, payload), this.redis.sadd(this.namesKey, name)]);
      if (added) return { added: true };
      // A completed id is finished work, so adding it again queues new work: remove the completed
      // job and add afresh. Any other state (waiting, delayed, active, dead) is a duplicate. Two
      // enqueuers racing here can both report added for one waiting job, which is harmless.
      if ((await queue.getJobState(bullId)) !== 'completed') return { added: false };
      await queue.remove(bullId);
      return { added: await this.add(queue, jobId, bullId, payload) };
    });
  }

  process(name: string, handler: JobHandler, options: ProcessOptions = {}): JobConsumer {
    this.assertOpen();
    assertJobName(name);
    const consumer = new BullMqJobConsumer(this, name, handler, {
      connection: this.connectionForWorkers(),
      prefix: this.options.prefix,
      concurrency: Math.max(1, Math.floor(options.concurrency ?? 1)),
      ...(options.onFailed ? { onFailed: options.onFailed } : {}),
      visibilityTimeoutMs: this.options.visibilityTimeoutMs,
      stalledCheckIntervalMs: this.options.stalledCheckIntervalMs,
      backoffMaxMs: this.options.backoffMaxMs,
    });
    this.consumers.add(consumer);
    this.queueFor(name);
    this.redis.sadd(this.namesKey, name).catch((error: unknown) => this.onError(error));
    return consumer;
  }

  async get(jobId: string): Promise<JobView | undefined> {
    this.assertOpen();
    const bullId = toBullJobId(jobId);
    return this.bounded('get', async () => {
      for (const queue of await this.allQueues()) {
        const found = await readJob(this.redis, queue, bullId);
        if (found) return toJobView(found.job, found.state);
      }
      return undefined;
    });
  }

  async list(filter: { state?: JobState; limit: number }): Promise<JobView[]> {
    this.assertOpen();
    const limit = Math.max(0, Math.floor(filter.limit));
    if (limit === 0) return [];
    const states = filter.state ? [filter.state] : PORT_JOB_STATES;
    return this.bounded('list', async () => {
      const queues = await this.allQueues();
      const views = await Promise.all(
        states.flatMap((state) =>
          queues.map(async (queue) => {
            const jobs = (await queue.getJobs(BULL_TYPES_BY_STATE[state], 0, limit - 1)) as BullJob<StoredJobData>[];
            return jobs.filter((job) => job?.data?.payload).map((job) => toJobView(job, state));
          }),
        ),
      );
      // Most recently changed first, as the embedded queue lists them.
      return views
        .flat()
        .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || a.id.localeCompare(b.id))
        .slice(0, limit);
    });
  }

  async counts(): Promise<Record<JobState, number>> {
    this.assertOpen();
    return this.bounded('counts', async () => {
      const counts: Record<JobState, number> = { waiting: 0, delayed: 0, active: 0, completed: 0, dead: 0 };
      for (const queue of await this.allQueues()) {
        const byType = await queue.getJobCounts(...Object.values(BULL_TYPES_BY_STATE).flat());
        for (const state of PORT_JOB_STATES) {
          for (const type of BULL_TYPES_BY_STATE[state]) counts[state] += byType[type] ?? 0;
        }
      }
      return counts;
    });
  }

  async latency(): Promise<JobLatency[]> {
    this.assertOpen();
    return this.bounded('latency', async () => {
      const fields = await this.redis.hgetall(this.latencyKey);
      const byName = new Map<string, JobLatency>();
      for (const [field, value] of Object.entries(fields)) {
        const cut = field.lastIndexOf(':');
        const name = field.slice(0, cut);
        const part = field.slice(cut + 1);
        let latency = byName.get(name);
        if (!latency) byName.set(name, (latency = { name, buckets: new Array<number>(JOB_LATENCY_BUCKETS_MS.length + 1).fill(0), count: 0, sumMs: 0 }));
        const n = Number(value);
        if (part === 'sum') latency.sumMs = n;
        else if (/^b\d+$/.test(part) && Number(part.slice(1)) <= JOB_LATENCY_BUCKETS_MS.length) {
          latency.buckets[Number(part.slice(1))] = n;
          latency.count += n;
        }
      }
      return [...byName.values()].sort((a, b) => a.name.localeCompare(b.name));
    });
  }

  async replay(jobId: string): Promise<boolean> {
    this.assertOpen();
    const bullId = toBullJobId(jobId);
    return this.bounded('replay', async () => {
      for (const queue of await this.allQueues()) {
        const job = await BullJob.fromId<StoredJobData>(queue, bullId);
        if (!job) continue;
        try {
          // Atomic: only a job still in the failed set moves, so two replays cannot both succeed.
          await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
          return true;
        } catch (error) {
          if ((await queue.getJobState(bullId)) !== 'failed') return false;
          throw error;
        }
      }
      return false;
    });
  }

  /** Closes consumers still open without grace (their in-flight jobs go back to the queue), then Redis. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.consumers].map((consumer) => consumer.close(0)));
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
    for (const redis of [this.redis, this.workerRedis]) {
      // QUIT waits for a reply; with Redis away (the worker connection retries for ever) it would never end.
      if (redis?.status === 'ready') await redis.quit().catch(() => redis.disconnect());
      else redis?.disconnect();
    }
  }

  /** @internal Used by consumers; see ConsumerHost. */
  async uncountAttempt(jobKey: string, token: string): Promise<void> {
    await this.redis.mottakUncountAttempt(jobKey, token);
  }

  /** @internal Used by consumers; see ConsumerHost. */
  recordLatency(name: string, latencyMs: number): void {
    const ms = Math.max(0, Math.round(latencyMs));
    // One MULTI: the bucket and the sum move together for any reader.
    this.redis
      .multi()
      .hincrby(this.latencyKey, `${name}:b${jobLatencyBucket(ms)}`, 1)
      .hincrby(this.latencyKey, `${name}:sum`, ms)
      .exec()
      .catch((error: unknown) => this.onError(error));
  }

  /** @internal Used by consumers; see ConsumerHost. */
  forget(consumer: BullMqJobConsumer): void {
    this.consumers.delete(consumer);
  }

  /** @internal Used by consumers; see ConsumerHost. */
  onError(error: unknown): void {
    // BullMQ forwards a connection's error to every Queue and Worker on it: report each error once.
    if (typeof error === 'object' && error !== null) {
      if (this.reportedErrors.has(error)) return;
      this.reportedErrors.add(error);
    }
    this.options.onError(error);
  }

  /**
   * Adds the job unless its id exists, and tells whether this call added it. BullMQ answers a
   * duplicate add with the existing id, so the add and a read of the stored job run in one MULTI;
   * the job holds this call's nonce only if this call's add won.
   */
  private async add(queue: Queue<StoredJobData>, jobId: string, bullId: string, payload: JobPayload): Promise<boolean> {
    const enqueueId = randomUUID();
    const data: StoredJobData = { id: jobId, payload, enqueueId };
    const job = new BullJob<StoredJobData>(queue, queue.name, data, this.jobOptions(bullId), bullId);
    const client = await queue.client;
    const transaction = client.multi();
    // Queues the add script on the transaction; its outcome is read from exec() below.
    job.addJob(transaction).catch(() => undefined);
    transaction.hgetall(queue.toKey(bullId));
    const results = await transaction.exec();
    const [addResult, readResult] = results ?? [];
    if (!addResult || !readResult) throw new Error('Redis avbrøt transaksjonen som la til jobben');
    if (addResult[0]) throw addResult[0];
    if (readResult[0]) throw readResult[0];
    const stored = (readResult[1] ?? {}) as Record<string, string>;
    return stored.data !== undefined && (JSON.parse(stored.data) as Partial<StoredJobData>).enqueueId === enqueueId;
  }

  private jobOptions(bullId: string): JobsOptions {
    const keep = this.options.keepCompleted;
    return {
      jobId: bullId,
      attempts: this.options.maxAttempts,
      backoff: { type: BACKOFF_TYPE, delay: this.options.backoffBaseMs },
      removeOnComplete: keep === true ? false : keep === false ? true : { count: Math.max(0, Math.floor(keep)) },
      // Dead letters stay until someone replays them.
      removeOnFail: false,
    };
  }

  private queueFor(name: string): Queue<StoredJobData> {
    let queue = this.queues.get(name);
    if (!queue) {
      assertJobName(name);
      queue = new Queue<StoredJobData>(name, { connection: this.redis, prefix: this.options.prefix });
      queue.on('error', (error) => this.onError(error));
      this.queues.set(name, queue);
    }
    return queue;
  }

  /** Queues of every name known in Redis or to this instance (a flush empties the Redis set). */
  private async allQueues(): Promise<Queue<StoredJobData>[]> {
    const names = await this.redis.smembers(this.namesKey);
    for (const name of names) {
      if (isValidJobName(name)) this.queueFor(name);
    }
    return [...this.queues.values()];
  }

  private connectionForWorkers(): Redis {
    if (!this.workerRedis) {
      this.workerRedis = new Redis(this.redisUrl, { maxRetriesPerRequest: null, connectionName: 'mottak-worker' });
      this.workerRedis.on('error', (error) => this.onError(error));
    }
    return this.workerRedis;
  }

  private async bounded<T>(operation: string, work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Jobbkøen (Redis) svarte ikke på ${operation} innen ${this.options.operationTimeoutMs} ms`)),
        this.options.operationTimeoutMs,
      );
    });
    try {
      return await Promise.race([work(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('Job queue is closed');
  }
}

function isValidJobName(name: string): boolean {
  return name.length > 0 && !name.includes(':');
}

/** BullMQ keys are `<prefix>:<queue name>:…`, so a name may not contain ':'. */
function assertJobName(name: string): void {
  if (!isValidJobName(name)) throw new Error(`Ugyldig jobbnavn for BullMQ (tomt eller med ':'): ${JSON.stringify(name)}`);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error);
}

/** Opens a BullMQ job queue on the Redis at `options.redisUrl`; connects lazily in the background. */
export function createBullMqJobQueue(options: BullMqJobQueueOptions): BullMqJobQueue {
  const { redisUrl, ...rest } = options;
  return new BullMqJobQueue(redisUrl, rest);
}
