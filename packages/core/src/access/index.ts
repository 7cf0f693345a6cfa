export * from './read-access';
export * from './personal-data-mask';
export * from './masked-snippet';
