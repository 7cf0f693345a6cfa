import { openCoreDeps } from '@mottak/bootstrap';
import { createLogger, loadConfig, onShutdown, runMain } from '@mottak/runtime';
import { startCheckpointer } from './checkpointer';
import { startRetentionScan } from './retention-scan';
import { startWorker } from './worker';

/** A worker process: assessment jobs and the reconciler. Several may run at once. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL, 'mottak-worker');
  // Follows the rule-set file: every worker process converges on the version the file holds.
  const core = await openCoreDeps(config, logger, { watchRuleSet: true });
  const shutdown = onShutdown(logger);
  shutdown.register('engines', () => core.close());
  const worker = startWorker(core.deps, {
    concurrency: config.MOTTAK_WORKER_CONCURRENCY,
    reconcileIntervalMs: config.MOTTAK_RECONCILE_INTERVAL_MS,
    reconcileAfterMs: config.MOTTAK_RECONCILE_AFTER_MS,
    logger,
  });
  shutdown.register('worker', () => worker.close(config.MOTTAK_SHUTDOWN_GRACE_MS));
  const checkpointer = startCheckpointer(core.deps, { intervalMs: config.MOTTAK_CHECKPOINT_INTERVAL_MS, logger });
  shutdown.register('checkpointer', () => checkpointer.close());
  const retention = startRetentionScan(core.deps, { intervalMs: config.MOTTAK_RETENTION_SCAN_INTERVAL_MS, logger });
  shutdown.register('retention', () => retention.close());
  logger.info('worker klar');
}

runMain(main);
