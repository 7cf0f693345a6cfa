export * from './cli';
export * from './cli-io';
export * from './command';
export * from './import.command';
export * from './journal-verify.command';
export * from './users.command';
export * from './demo-seed.command';
