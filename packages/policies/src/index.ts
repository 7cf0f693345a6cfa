export * from './abilities';
export * from './access-condition';
