export * from './seen-before-keys';
