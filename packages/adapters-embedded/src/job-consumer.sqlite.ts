import type { Job, JobConsumer, JobHandler } from '@mottak/core';

/** A claimed job and the token that proves this worker still holds it. */
export interface Lease {
  job: Job;
  token: string;
  maxAttempts: number;
}

/** What a consumer needs from its queue: leases, and the outcome of each one. */
export interface LeaseSource {
  /** Ids running in this process; the queue does not hand them out again while they run. */
  readonly localActive: Set<string>;
  claim(name: string): Lease | undefined;
  complete(lease: Lease): void;
  fail(lease: Lease, error: unknown): void;
  release(lease: Lease): void;
  forget(consumer: SqliteJobConsumer): void;
}

export interface ConsumerSettings {
  pollIntervalMs: number;
  onError: (error: unknown) => void;
  onFailed?: (job: Lease['job'], error: unknown) => void;
}

interface Running {
  lease: Lease;
  done: Promise<void>;
  abandoned: boolean;
}

/** One polling loop running at most `concurrency` handlers of one job name. */
export class SqliteJobConsumer implements JobConsumer {
  private readonly running = new Map<string, Running>();
  private closing = false;
  private closed: Promise<void> | undefined;
  private loopDone: Promise<void> = Promise.resolve();
  private sleeper: { timer: NodeJS.Timeout; resolve: () => void } | undefined;

  constructor(
    private readonly queue: LeaseSource,
    readonly name: string,
    private readonly handler: JobHandler,
    private readonly concurrency: number,
    private readonly options: ConsumerSettings,
  ) {}

  start(): void {
    this.loopDone = this.loop();
  }

  wake(): void {
    const sleeper = this.sleeper;
    if (!sleeper) return;
    this.sleeper = undefined;
    clearTimeout(sleeper.timer);
    sleeper.resolve();
  }

  close(graceMs = 10_000): Promise<void> {
    this.closed ??= this.shutdown(graceMs);
    return this.closed;
  }

  private async shutdown(graceMs: number): Promise<void> {
    this.closing = true;
    this.wake();
    await this.loopDone;
    if (this.running.size > 0) {
      let timer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, graceMs))));
      await Promise.race([Promise.allSettled([...this.running.values()].map((r) => r.done)), grace]);
      clearTimeout(timer);
    }
    for (const running of this.running.values()) {
      running.abandoned = true;
      this.queue.localActive.delete(running.lease.job.id);
      this.guard(() => this.queue.release(running.lease));
    }
    this.running.clear();
    this.queue.forget(this);
  }

  private async loop(): Promise<void> {
    while (!this.closing) {
      while (!this.closing && this.running.size < this.concurrency) {
        let lease: Lease | undefined;
        try {
          lease = this.queue.claim(this.name);
        } catch (error) {
          this.options.onError(error);
          break;
        }
        if (!lease) break;
        this.run(lease);
      }
      if (this.closing) break;
      // A running consumer keeps the process alive on purpose (a worker has nothing else to do);
      // close() clears the timer.
      await new Promise<void>((resolve) => {
        this.sleeper = { timer: setTimeout(() => this.wake(), this.options.pollIntervalMs), resolve };
      });
    }
  }

  private run(lease: Lease): void {
    const running: Running = { lease, done: Promise.resolve(), abandoned: false };
    this.running.set(lease.job.id, running);
    running.done = (async () => {
      let failure: { error: unknown } | undefined;
      try {
        await this.handler(lease.job);
      } catch (error) {
        failure = { error };
      }
      // After close() gave the job back, its outcome belongs to whoever claims it next.
      if (running.abandoned) return;
      this.guard(() => (failure ? this.queue.fail(lease, failure.error) : this.queue.complete(lease)));
      // After the failure is recorded, so that whoever is told reads it back.
      if (failure) this.guard(() => this.options.onFailed?.(lease.job, failure.error));
      this.running.delete(lease.job.id);
      this.queue.localActive.delete(lease.job.id);
      this.wake();
    })();
  }

  private guard(action: () => void): void {
    try {
      action();
    } catch (error) {
      this.options.onError(error);
    }
  }
}
