export * from './mongo-connection';
export * from './access-condition.mongo';
export * from './report-store.mongo';
export * from './audit-log.mongo';
export * from './identity-store.mongo';
export * from './mongo-adapters';
export * from './approval-store.mongo';
export * from './case-store.mongo';
