export * from './all-in-one';
