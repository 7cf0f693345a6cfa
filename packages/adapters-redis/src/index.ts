export * from './job-queue.bullmq';
export { LEASE_EXPIRED_ON_LAST_ATTEMPT } from './job-consumer.bullmq';
export * from './redis-server';
export { retryDelayMs } from './retry-backoff';
export { claimEmptyDatabase } from './redis-database-claim';
export * from './report-events.redis';
