export * from './config.schema';
export * from './config';
export * from './logger';
export * from './password-hasher.argon2';
export * from './system';
export * from './shutdown';
export * from './run-main';
