export * from './hash';
export * from './tree';
export * from './verify';
export * from './compact-range';
export * from './range-hashes';
export * from './checkpoint';
