import type { JobPayload, JobState, JobView } from '@mottak/core';
import type { Job as BullJob, JobType as BullJobType } from 'bullmq';

/**
 * What a BullMQ job's `data` holds. The port's id is kept because the BullMQ id may be an escaped
 * form of it; `enqueueId` is a nonce that tells an enqueue whether its own add won (see enqueue).
 */
export interface StoredJobData {
  id: string;
  payload: JobPayload;
  enqueueId: string;
}

/** The port's states, spelt out here so this package needs no runtime code from the core. */
export const PORT_JOB_STATES: readonly JobState[] = ['waiting', 'delayed', 'active', 'completed', 'dead'];

/** BullMQ job types per port state, for counts and listings; `failed` is BullMQ's dead-letter set. */
export const BULL_TYPES_BY_STATE: Record<JobState, BullJobType[]> = {
  waiting: ['waiting', 'paused', 'prioritized', 'waiting-children'],
  delayed: ['delayed'],
  active: ['active'],
  completed: ['completed'],
  dead: ['failed'],
};

const ESCAPE_MARK = '~';

/**
 * BullMQ refuses custom ids that look like integers, contain ':' or are empty (it then generates
 * one), while the port accepts any string. Such ids, and ids that start with the escape mark, are
 * stored escaped; the mapping is deterministic so deduplication still works on the escaped form.
 */
export function toBullJobId(id: string): string {
  const plain = id !== '' && !id.includes(':') && !id.startsWith(ESCAPE_MARK) && `${parseInt(id, 10)}` !== id;
  return plain ? id : ESCAPE_MARK + encodeURIComponent(id);
}

/** Builds the port's view of a BullMQ job in a known state. */
export function toJobView(job: BullJob<StoredJobData>, state: JobState): JobView {
  const data = job.data;
  const view: JobView = {
    id: data.id,
    name: job.name,
    payload: data.payload,
    // attemptsStarted counts deliveries (stalled ones too); a returned job has its start uncounted.
    attempt: job.attemptsStarted,
    state,
    maxAttempts: job.opts.attempts ?? 1,
    createdAt: new Date(job.timestamp).toISOString(),
    updatedAt: new Date(job.finishedOn ?? job.processedOn ?? job.timestamp).toISOString(),
  };
  if (job.failedReason) view.lastError = job.failedReason;
  return view;
}
