import { openCoreDeps } from '@mottak/bootstrap';
import { ConfigError, createLogger, loadConfig, onShutdown } from '@mottak/runtime';
import { startIndexer } from './indexer';

/** An indexer process: outbox → search index. Several may run at once (outbox entries are leased). */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'mottak-indexer');
  const core = await openCoreDeps(config, logger);
  const shutdown = onShutdown(logger);
  shutdown.register('engines', () => core.close());
  const indexer = startIndexer(core.deps, { batchSize: config.MOTTAK_INDEXER_BATCH, pollMs: config.MOTTAK_INDEXER_POLL_MS, logger });
  shutdown.register('indexer', () => indexer.close());
  logger.info('indekserer klar');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  throw error;
});
