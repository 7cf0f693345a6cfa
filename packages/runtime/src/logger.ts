import pino, { type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs; secrets in well-known places are redacted. */
export function createLogger(level: string, name: string): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-api-key"]', 'password', '*.password'],
      censor: '[skjult]',
    },
  });
}
