import path from 'node:path';
import { apiOptionsFromConfig, createApp, listen, type ListeningServer } from '@mottak/api';
import { type OpenedCore, openCoreDeps, seedDemo } from '@mottak/bootstrap';
import { startIndexer } from '@mottak/indexer';
import type { Config, Logger } from '@mottak/runtime';
import { startCheckpointer, startRetentionScan, startWorker } from '@mottak/worker';

export interface AllInOne {
  core: OpenedCore;
  server: ListeningServer;
  demoSeeded: boolean;
  /** Stops HTTP first, then the worker (finishing or returning jobs) and indexer, then the engines. */
  close(): Promise<void>;
}

export interface AllInOneOptions {
  /** Cheaper password hashing (tests only). */
  fastHashing?: boolean;
  /** Folder of the browser app's build (services/web/dist); served at `/` when it holds a build. */
  webRoot?: string;
}

/** Where `vite build` puts the browser app, relative to this file (services/all-in-one/src). */
export const DEFAULT_WEB_ROOT = path.resolve(__dirname, '..', '..', 'web', 'dist');

/** The embedded profile in one process: API, worker and indexer over one data directory. */
export async function startAllInOne(config: Config, logger: Logger, options: AllInOneOptions = {}): Promise<AllInOne> {
  const core = await openCoreDeps(config, logger, { fastHashing: options.fastHashing ?? false, watchRuleSet: true });
  const demo = config.MOTTAK_DEMO_SEED ? await seedDemo(core.deps) : { created: false };
  const worker = startWorker(core.deps, {
    concurrency: config.MOTTAK_WORKER_CONCURRENCY,
    reconcileIntervalMs: config.MOTTAK_RECONCILE_INTERVAL_MS,
    reconcileAfterMs: config.MOTTAK_RECONCILE_AFTER_MS,
    logger,
  });
  const checkpointer = startCheckpointer(core.deps, { intervalMs: config.MOTTAK_CHECKPOINT_INTERVAL_MS, logger });
  const retention = startRetentionScan(core.deps, { intervalMs: config.MOTTAK_RETENTION_SCAN_INTERVAL_MS, logger });
  const indexer = startIndexer(core.deps, { batchSize: config.MOTTAK_INDEXER_BATCH, pollMs: config.MOTTAK_INDEXER_POLL_MS, logger });
  const app = createApp(core.deps, {
    ...apiOptionsFromConfig(config, logger, () => core.readiness()),
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
  });
  const server = await listen(app, config.PORT, config.HOST);
  return {
    core,
    server,
    demoSeeded: demo.created,
    async close() {
      await server.close();
      await worker.close(config.MOTTAK_SHUTDOWN_GRACE_MS);
      await checkpointer.close();
      await retention.close();
      await indexer.close();
      await core.close();
    },
  };
}
