import type { Job, JobConsumer, JobHandler } from '@mottak/core';
import { type Job as BullJob, UnrecoverableError, WaitingError, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { StoredJobData } from './job-mapping.bullmq';
import { retryDelayMs } from './retry-backoff';

/** The name jobs carry as their backoff type so that BullMQ asks the worker's strategy for the delay. */
export const BACKOFF_TYPE = 'mottak-exponential-jitter';

/** Recorded as the last error of a job whose lease ran out on its last attempt. */
export const LEASE_EXPIRED_ON_LAST_ATTEMPT =
  'Fristen for behandling gikk ut på siste forsøk (arbeideren stoppet eller hang)';

const MAX_ERROR_LENGTH = 2000;
/**
 * Bounds on the Redis work of a shutdown. The worker connection retries for ever, so with Redis
 * away these steps would never end; giving up is safe because an unreturned job's lock expires
 * and the stalled checker hands it out again (at-least-once).
 */
const GIVE_BACK_TIMEOUT_MS = 2_000;
const WORKER_CLOSE_TIMEOUT_MS = 5_000;

/** What a consumer needs from the queue that made it. */
export interface ConsumerHost {
  /** Takes back the count of a delivery, only while `token` still holds the job's lock. */
  uncountAttempt(jobKey: string, token: string): Promise<void>;
  /** Counts a completed job's time from enqueue to completion (fire and forget). */
  recordLatency(name: string, latencyMs: number): void;
  forget(consumer: BullMqJobConsumer): void;
  onError(error: unknown): void;
}

export interface ConsumerSettings {
  connection: Redis;
  prefix: string;
  concurrency: number;
  visibilityTimeoutMs: number;
  stalledCheckIntervalMs: number;
  backoffMaxMs: number;
  onFailed?: (job: Job, error: unknown) => void;
}

interface InFlight {
  job: BullJob<StoredJobData>;
  token: string;
  /** Resolved once the job is back in the queue; the handler's outcome no longer counts. */
  released: Promise<void>;
  release(): void;
}

/** One BullMQ Worker running at most `concurrency` handlers of one job name. */
export class BullMqJobConsumer implements JobConsumer {
  private readonly worker: Worker<StoredJobData, void>;
  private readonly inFlight = new Set<InFlight>();
  /** Set when the grace period is over: every job still running, or arriving late, goes back. */
  private returning = false;
  private closed: Promise<void> | undefined;

  constructor(
    private readonly host: ConsumerHost,
    readonly name: string,
    private readonly handler: JobHandler,
    settings: ConsumerSettings,
  ) {
    this.worker = new Worker<StoredJobData, void>(name, (job, token) => this.run(job, token), {
      connection: settings.connection,
      prefix: settings.prefix,
      concurrency: settings.concurrency,
      // The port's visibility timeout: a lock that is not renewed expires after this long, and the
      // stalled checker (in any worker) hands the job out again. Renewal would keep a hung
      // handler's job invisible for ever, which the port rules out.
      lockDuration: settings.visibilityTimeoutMs,
      skipLockRenewal: true,
      stalledInterval: settings.stalledCheckIntervalMs,
      // Deliveries are bounded by run() from attemptsStarted, so BullMQ's own stall limit (which
      // would fail a job without our message, and never resets on replay) must not trigger first.
      maxStalledCount: Number.MAX_SAFE_INTEGER,
      settings: {
        backoffStrategy: (attemptsMade, _type, _error, job) => {
          // The base travels with the job, so a retry keeps the policy it was enqueued with.
          const backoff = job?.opts.backoff;
          const baseMs = (typeof backoff === 'object' ? backoff.delay : backoff) ?? 1;
          return retryDelayMs(attemptsMade, baseMs, settings.backoffMaxMs);
        },
      },
    });
    this.worker.on('error', (error) => host.onError(error));
    // Emitted only once BullMQ has moved the job to completed (a lost lock emits nothing): each
    // completion counts once. A process killed right here loses that one sample, not the job.
    // Emitted once BullMQ has moved the failed job to delayed (a retry) or failed (dead).
    const { onFailed } = settings;
    if (onFailed) {
      this.worker.on('failed', (job, error) => {
        if (!job) return;
        try {
          onFailed({ id: job.data.id, name: job.name, payload: job.data.payload, attempt: job.attemptsStarted }, error);
        } catch {
          // The port says onFailed must not throw; if it does, the queue is not its victim.
        }
      });
    }
    this.worker.on('completed', (job) => {
      if (job.finishedOn) host.recordLatency(name, job.finishedOn - job.timestamp);
    });
  }

  close(graceMs = 10_000): Promise<void> {
    this.closed ??= this.shutdown(graceMs);
    return this.closed;
  }

  private async shutdown(graceMs: number): Promise<void> {
    // Worker.close() stops fetching and resolves once every processor has returned.
    const workerClosed = this.worker.close();
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'grace'>((resolve) => (timer = setTimeout(() => resolve('grace'), Math.max(0, graceMs))));
    const first = await Promise.race([workerClosed.then(() => 'closed' as const), graceOver]);
    clearTimeout(timer);
    if (first === 'grace') {
      this.returning = true;
      await Promise.all([...this.inFlight].map((running) => this.giveBack(running)));
    }
    if ((await within(workerClosed, WORKER_CLOSE_TIMEOUT_MS)) === 'timeout') {
      this.host.onError(new Error(`BullMQ-arbeideren for ${this.name} lukket seg ikke innen ${WORKER_CLOSE_TIMEOUT_MS} ms (er Redis borte?)`));
    }
    this.host.forget(this);
  }

  /** The BullMQ processor: one delivery of one job. */
  private async run(job: BullJob<StoredJobData>, token: string | undefined): Promise<void> {
    if (token === undefined) throw new Error('BullMQ delivered a job without a lock token');
    const maxAttempts = job.opts.attempts ?? 1;
    const jobKey = `${job.queueQualifiedName}:${job.id}`;
    if (this.returning) {
      await this.giveBackNow(job, token, jobKey);
      throw new WaitingError();
    }
    if (job.attemptsStarted > maxAttempts) {
      // Only a lease that ran out can start a job more often than its attempts: the worker died
      // or hung on its last attempt. Dead-letter it (uncounting this start) instead of looping.
      await this.host.uncountAttempt(jobKey, token);
      throw new UnrecoverableError(LEASE_EXPIRED_ON_LAST_ATTEMPT);
    }

    let release!: () => void;
    const running: InFlight = { job, token, released: new Promise<void>((resolve) => (release = resolve)), release };
    this.inFlight.add(running);
    const delivered: Job = { id: job.data.id, name: job.name, payload: job.data.payload, attempt: job.attemptsStarted };
    try {
      const outcome = await Promise.race([
        this.handler(delivered).then(() => 'done' as const),
        running.released.then(() => 'returned' as const),
      ]);
      // Tells BullMQ the job was moved by hand, so it neither completes nor fails it.
      if (outcome === 'returned') throw new WaitingError();
    } catch (error) {
      if (error instanceof WaitingError) throw error;
      const failure = toError(error);
      // Retries follow deliveries (attemptsStarted), not BullMQ's failure count, so that deliveries
      // lost to expired leases count too: a failure on the last delivery is final.
      if (job.attemptsStarted >= maxAttempts) throw asUnrecoverable(failure);
      throw failure;
    } finally {
      this.inFlight.delete(running);
    }
  }

  /** Returns a running job to the front of the queue after the grace period, uncounting its attempt. */
  private async giveBack(running: InFlight): Promise<void> {
    const jobKey = `${running.job.queueQualifiedName}:${running.job.id}`;
    await this.giveBackNow(running.job, running.token, jobKey);
    running.release();
  }

  private async giveBackNow(job: BullJob<StoredJobData>, token: string, jobKey: string): Promise<void> {
    const givenBack = (async () => {
      // Uncount first, while the lock is still ours: once the job is waiting another worker may
      // take it, and its delivery must see the right attempt number.
      await this.host.uncountAttempt(jobKey, token);
      await job.moveToWait(token);
    })();
    try {
      if ((await within(givenBack, GIVE_BACK_TIMEOUT_MS)) === 'timeout') {
        this.host.onError(new Error(`Jobb ${job.id} ble ikke lagt tilbake i køen innen ${GIVE_BACK_TIMEOUT_MS} ms`));
      }
    } catch (error) {
      // The lease had already expired and another worker took the job: nothing is ours to return.
      this.host.onError(error);
    }
  }
}

/** 'done' if `promise` fulfils within `ms`, 'timeout' if it has not settled by then; rejects if it rejects in time. */
async function within(promise: Promise<unknown>, ms: number): Promise<'done' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    return await Promise.race([promise.then(() => 'done' as const), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function toError(error: unknown): Error {
  const failure = error instanceof Error ? error : new Error(String(error));
  if (failure.message.length <= MAX_ERROR_LENGTH) return failure;
  const shortened = new Error(failure.message.slice(0, MAX_ERROR_LENGTH));
  shortened.stack = failure.stack;
  return shortened;
}

function asUnrecoverable(error: Error): UnrecoverableError {
  const final = new UnrecoverableError(error.message || error.name);
  final.stack = error.stack;
  return final;
}
