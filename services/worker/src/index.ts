export * from './worker';
export * from './checkpointer';
export * from './retention-scan';
