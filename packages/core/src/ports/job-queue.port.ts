/** Job states; `dead` is the dead-letter state after the last failed attempt. */
export const JOB_STATES = ['waiting', 'delayed', 'active', 'completed', 'dead'] as const;
export type JobState = (typeof JOB_STATES)[number];

export type JobPayload = Record<string, string | number | boolean | null>;

export interface Job {
  id: string;
  name: string;
  payload: JobPayload;
  /** 1 on the first delivery. */
  attempt: number;
}

export interface JobView extends Job {
  state: JobState;
  maxAttempts: number;
  lastError?: string;
  createdAt: string;
  updatedAt: string;
}

export type JobHandler = (job: Job) => Promise<void>;

/** Upper bounds in ms of the job-latency histogram's buckets; one more bucket holds everything slower. */
export const JOB_LATENCY_BUCKETS_MS = [100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000, 900_000, 3_600_000] as const;

/** The bucket a job's latency falls in: the first bound it does not exceed, or the last (unbounded) bucket. */
export function jobLatencyBucket(latencyMs: number): number {
  const index = JOB_LATENCY_BUCKETS_MS.findIndex((bound) => latencyMs <= bound);
  return index === -1 ? JOB_LATENCY_BUCKETS_MS.length : index;
}

/**
 * Time from enqueue to completion of the completed jobs of one name, counted by every process
 * that completes them, since the queue's engine began counting (a Prometheus-style histogram).
 * Retries and waiting count: it is what a report waits, not what a handler runs.
 */
export interface JobLatency {
  name: string;
  /** Completed jobs per bucket (not cumulative): `buckets[i]` within JOB_LATENCY_BUCKETS_MS[i]; the last beyond every bound. */
  buckets: number[];
  count: number;
  sumMs: number;
}

/** Options of one consumer. */
export interface ProcessOptions {
  concurrency?: number;
  /**
   * Told of every failed delivery once the queue has recorded it (the retry is scheduled or the
   * job dead-lettered, so `get(job.id)` shows the failure): live views can show it at once.
   * Must not throw; a throw is ignored.
   */
  onFailed?: (job: Job, error: unknown) => void;
}

export interface JobConsumer {
  /** Stops taking new jobs; waits for in-flight jobs to finish, or returns them to the queue after `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

/**
 * At-least-once job queue. `jobId` deduplicates: adding an id that is waiting, delayed, active or
 * dead adds nothing; a completed id is queued again. A job whose worker dies becomes visible again
 * after the visibility timeout. Failures retry with backoff until the attempts run out, then the job
 * is dead-lettered and can be replayed.
 */
export interface JobQueue {
  enqueue(name: string, jobId: string, payload: JobPayload): Promise<{ added: boolean }>;
  process(name: string, handler: JobHandler, options?: ProcessOptions): JobConsumer;
  get(jobId: string): Promise<JobView | undefined>;
  list(filter: { state?: JobState; limit: number }): Promise<JobView[]>;
  counts(): Promise<Record<JobState, number>>;
  /** Time from enqueue to completion per job name (names with no completed job may be absent). */
  latency(): Promise<JobLatency[]>;
  /** Moves a dead job back to waiting with fresh attempts; false if no such dead job. */
  replay(jobId: string): Promise<boolean>;
  close(): Promise<void>;
}
