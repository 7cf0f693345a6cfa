export * from './app';
export * from './openapi';
export * from './problem';
export type { Readiness } from './routes/health.routes';
export * from './listen';
export * from './api-options';
