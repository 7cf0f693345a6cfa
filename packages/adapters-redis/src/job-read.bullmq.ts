import type { JobState } from '@mottak/core';
import { Job as BullJob, type JobJsonRaw, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { StoredJobData } from './job-mapping.bullmq';

/** Where BullMQ keeps a job, in the order BullMQ's own getState looks, with the port's name for it. */
const PLACES: { type: string; kind: 'zset' | 'list'; state: JobState }[] = [
  { type: 'completed', kind: 'zset', state: 'completed' },
  { type: 'failed', kind: 'zset', state: 'dead' },
  { type: 'delayed', kind: 'zset', state: 'delayed' },
  { type: 'active', kind: 'list', state: 'active' },
  { type: 'wait', kind: 'list', state: 'waiting' },
  { type: 'paused', kind: 'list', state: 'waiting' },
  { type: 'waiting-children', kind: 'zset', state: 'waiting' },
  { type: 'prioritized', kind: 'zset', state: 'waiting' },
];

/**
 * Reads a job and its state in one MULTI. Reading them apart (Job.fromId, then getState) can pair
 * the data from before a transition with the state after it, e.g. a dead job without its error.
 */
export async function readJob(
  redis: Redis,
  queue: Queue<StoredJobData>,
  bullId: string,
): Promise<{ job: BullJob<StoredJobData>; state: JobState } | undefined> {
  const transaction = redis.multi().hgetall(queue.toKey(bullId));
  for (const place of PLACES) {
    if (place.kind === 'zset') transaction.zscore(queue.toKey(place.type), bullId);
    else transaction.lpos(queue.toKey(place.type), bullId);
  }
  const results = await transaction.exec();
  if (!results) throw new Error('Redis avbrøt lesingen av jobben');
  for (const [error] of results) if (error) throw error;
  const raw = results[0]?.[1] as Record<string, string> | undefined;
  if (!raw || Object.keys(raw).length === 0) return undefined;
  const index = PLACES.findIndex((_place, i) => results[i + 1]?.[1] !== null && results[i + 1]?.[1] !== undefined);
  const place = PLACES[index];
  if (!place) return undefined;
  const job = BullJob.fromJSON(queue, raw as unknown as JobJsonRaw, bullId) as BullJob<StoredJobData>;
  return { job, state: place.state };
}
