export * from './open-core-deps';
export * from './demo-seed';
