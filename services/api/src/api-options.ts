import type { Config, Logger } from '@mottak/runtime';
import type { ApiOptions } from './app';
import type { Readiness } from './routes/health.routes';

/** The API's options as the configuration sets them (one place for every process that serves HTTP). */
export function apiOptionsFromConfig(config: Config, logger: Logger, readiness: Readiness): ApiOptions {
  return {
    logger,
    bodyLimitBytes: config.MOTTAK_BODY_LIMIT_BYTES,
    tipRateLimitPerMinute: config.MOTTAK_TIP_RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: config.MOTTAK_LOGIN_RATE_LIMIT_PER_MINUTE,
    trustProxy: config.MOTTAK_TRUST_PROXY,
    readiness,
  };
}
