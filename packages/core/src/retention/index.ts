export * from './retention-rules.loader';
export * from './retention-rules';
export * from './redact-content';
