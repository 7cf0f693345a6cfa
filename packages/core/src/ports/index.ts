export * from './clock.port';
export * from './report-store.port';
export * from './job-queue.port';
export * from './search-index.port';
export * from './audit-log.port';
export * from './identity-store.port';
