export * from './abilities';
export * from './access-condition';
export * from './bind-access-id';
