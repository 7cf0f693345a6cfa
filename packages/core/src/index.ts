export * from './ports';
export * from './hash-chain';
export * from './deps';
export * from './principal';
export * from './use-cases';
export * from './report-changes';
export * from './search-snippet';
export * from './registration';
