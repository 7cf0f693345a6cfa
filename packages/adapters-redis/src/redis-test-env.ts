import { randomUUID } from 'node:crypto';
import { type BullMqJobQueue, type BullMqJobQueueOptions, createBullMqJobQueue } from './job-queue.bullmq';
import { deleteKeysWithPrefix } from './redis-server';

/**
 * Test support: queues on the Redis at REDIS_URL under a key prefix unique to this test run, so
 * test files running in parallel (or on a shared Redis) never see each other's keys.
 */
export const TEST_RUN_PREFIX = `mottak-test-${process.pid}-${randomUUID().slice(0, 8)}`;
let namespaces = 0;

/** REDIS_URL, or an error naming it. */
export function requireRedisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error('REDIS_URL er ikke satt; start Redis med scripts/provision-redis.sh og sett REDIS_URL');
  return url;
}

export type TestQueueOptions = Omit<BullMqJobQueueOptions, 'redisUrl' | 'prefix' | 'onError'>;

/** Opens queues over one fresh key prefix (as separate processes would) and removes it all at the end. */
export function queuesOver(options: TestQueueOptions, redisUrl = requireRedisUrl()) {
  const prefix = `${TEST_RUN_PREFIX}:${++namespaces}`;
  const opened: BullMqJobQueue[] = [];
  /** Machinery errors (e.g. a late worker's lost lock); collected instead of printed. */
  const errors: unknown[] = [];
  const open = () => {
    const queue = createBullMqJobQueue({
      redisUrl,
      prefix,
      onError: (error) => errors.push(error),
      // BullMQ's stalled checker may arm one more timer of this length when a worker closes during a
      // check; a short interval keeps that from holding the test process open (services exit anyway).
      stalledCheckIntervalMs: Math.min(250, Math.max(50, Math.floor((options.visibilityTimeoutMs ?? 30_000) / 2))),
      ...options,
    });
    opened.push(queue);
    return queue;
  };
  const cleanup = async () => {
    await Promise.all(opened.map((queue) => queue.close()));
    await deleteKeysWithPrefix(redisUrl, prefix);
  };
  return { prefix, redisUrl, open, cleanup, errors };
}

export { claimEmptyDatabase } from './redis-database-claim';
