import { openCoreDeps } from '@mottak/bootstrap';
import { createLogger, loadConfig, onShutdown, runMain } from '@mottak/runtime';
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

runMain(main);
