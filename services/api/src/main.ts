import { openCoreDeps } from '@mottak/bootstrap';
import { ConfigError, createLogger, loadConfig, onShutdown } from '@mottak/runtime';
import { createApp } from './app';
import { listen } from './listen';

/** The API alone (scale out: run several; workers and indexers run as their own processes). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'mottak-api');
  const core = await openCoreDeps(config, logger);
  const shutdown = onShutdown(logger);
  shutdown.register('engines', () => core.close());
  const app = createApp(core.deps, {
    logger,
    bodyLimitBytes: config.MOTTAK_BODY_LIMIT_BYTES,
    tipRateLimitPerMinute: config.MOTTAK_TIP_RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: config.MOTTAK_LOGIN_RATE_LIMIT_PER_MINUTE,
    trustProxy: config.MOTTAK_TRUST_PROXY,
    readiness: () => core.readiness(),
  });
  const server = await listen(app, config.PORT, config.HOST);
  shutdown.register('http', () => server.close());
  logger.info({ url: server.url }, 'API klar');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
});
