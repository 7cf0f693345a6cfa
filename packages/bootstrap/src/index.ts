export * from './opened-core';
export * from './open-core-deps';
export * from './demo-seed';
export * from './checkpoint-key';
export * from './rule-set-reloader';
