import { type CoreDeps, indexPendingReports } from '@mottak/core';
import type { Logger } from '@mottak/runtime';

export interface IndexerOptions {
  batchSize: number;
  pollMs: number;
  logger: Logger;
  /** How long a claimed outbox batch stays leased to this indexer. */
  leaseMs?: number;
  /** Delay before a failed batch is retried (the search engine may be down). */
  retryAfterMs?: number;
}

export interface RunningIndexer {
  /** Stops after the batch in flight; unfinished leases expire and are retried by another indexer. */
  close(): Promise<void>;
}

/** Moves registered reports from the store's outbox into the search index, batch by batch. */
export function startIndexer(deps: CoreDeps, options: IndexerOptions): RunningIndexer {
  const { logger } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let failures = 0;

  const tick = (): void => {
    if (stopped) return;
    inFlight = indexPendingReports(deps, {
      batchSize: options.batchSize,
      leaseMs: options.leaseMs ?? 30_000,
      retryAfterMs: options.retryAfterMs ?? 1_000,
    })
      .then(({ indexed, failed }) => {
        if (failed > 0) {
          failures += 1;
          logger.warn({ failed }, 'indeksering feilet; prøver igjen');
        } else failures = 0;
        if (indexed > 0) logger.debug({ indexed }, 'indeksert');
        schedule(indexed > 0 ? 0 : backoff());
      })
      .catch((error: unknown) => {
        failures += 1;
        logger.error({ err: error }, 'indeksereren feilet');
        schedule(backoff());
      });
  };
  const backoff = () => Math.min(options.pollMs * 2 ** failures, 10_000);
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(tick, delay);
  };
  tick();

  return {
    async close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await inFlight;
    },
  };
}
