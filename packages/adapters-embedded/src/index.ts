export * from './sqlite-database';
export * from './access-condition.sql';
export * from './report-store.sqlite';
export * from './audit-log.sqlite';
export * from './identity-store.sqlite';
export * from './job-queue.sqlite';
export * from './search-index.fts5';
