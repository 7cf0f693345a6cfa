import { createApp, listen, type ListeningServer } from '@mottak/api';
import { type OpenedCore, openCoreDeps, seedDemo } from '@mottak/bootstrap';
import { startIndexer } from '@mottak/indexer';
import type { Config, Logger } from '@mottak/runtime';
import { startWorker } from '@mottak/worker';

export interface AllInOne {
  core: OpenedCore;
  server: ListeningServer;
  demoSeeded: boolean;
  /** Stops HTTP first, then the worker (finishing or returning jobs) and indexer, then the engines. */
  close(): Promise<void>;
}

/** The embedded profile in one process: API, worker and indexer over one data directory. */
export async function startAllInOne(config: Config, logger: Logger, options: { fastHashing?: boolean } = {}): Promise<AllInOne> {
  const core = await openCoreDeps(config, logger, options);
  const demo = config.MOTTAK_DEMO_SEED ? await seedDemo(core.deps) : { created: false };
  const worker = startWorker(core.deps, {
    concurrency: config.MOTTAK_WORKER_CONCURRENCY,
    reconcileIntervalMs: config.MOTTAK_RECONCILE_INTERVAL_MS,
    reconcileAfterMs: config.MOTTAK_RECONCILE_AFTER_MS,
    logger,
  });
  const indexer = startIndexer(core.deps, { batchSize: config.MOTTAK_INDEXER_BATCH, pollMs: config.MOTTAK_INDEXER_POLL_MS, logger });
  const app = createApp(core.deps, {
    logger,
    bodyLimitBytes: config.MOTTAK_BODY_LIMIT_BYTES,
    tipRateLimitPerMinute: config.MOTTAK_TIP_RATE_LIMIT_PER_MINUTE,
    loginRateLimitPerMinute: config.MOTTAK_LOGIN_RATE_LIMIT_PER_MINUTE,
    trustProxy: config.MOTTAK_TRUST_PROXY,
    readiness: () => core.readiness(),
  });
  const server = await listen(app, config.PORT, config.HOST);
  return {
    core,
    server,
    demoSeeded: demo.created,
    async close() {
      await server.close();
      await worker.close(config.MOTTAK_SHUTDOWN_GRACE_MS);
      await indexer.close();
      await core.close();
    },
  };
}
