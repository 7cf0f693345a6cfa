import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Structured JSON logs; secrets in well-known places are redacted. Services log to stdout; the CLI
 * passes `stderr` so that its logs never mix with the results it prints.
 */
export function createLogger(level: string, name: string, options: { stream?: 'stdout' | 'stderr' } = {}): Logger {
  const destination = pino.destination({ fd: options.stream === 'stderr' ? 2 : 1, sync: options.stream === 'stderr' });
  return pino({
    name,
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'password', '*.password'],
      censor: '[skjult]',
    },
  }, destination);
}
