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
  process(name: string, handler: JobHandler, options?: { concurrency?: number }): JobConsumer;
  get(jobId: string): Promise<JobView | undefined>;
  list(filter: { state?: JobState; limit: number }): Promise<JobView[]>;
  counts(): Promise<Record<JobState, number>>;
  /** Moves a dead job back to waiting with fresh attempts; false if no such dead job. */
  replay(jobId: string): Promise<boolean>;
  close(): Promise<void>;
}
