import { type CoreDeps, signCheckpointsIfGrown } from '@mottak/core';
import type { Logger } from '@mottak/runtime';

export interface RunningCheckpointer {
  /** Stops the timer and waits for a signing in progress. */
  close(): Promise<void>;
}

/**
 * Signs checkpoints of the journal and the audit log every `intervalMs` when they grew, so that a
 * later rewrite of either is caught by `audit verify` at most one interval after the fact.
 * `intervalMs` 0 turns it off (checkpoints then come only on demand).
 */
export function startCheckpointer(deps: CoreDeps, options: { intervalMs: number; logger: Logger }): RunningCheckpointer {
  if (options.intervalMs <= 0) return { close: async () => undefined };
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = signCheckpointsIfGrown(deps)
      .then((signed) => {
        for (const s of signed.filter((c) => c.created)) {
          options.logger.info({ log: s.checkpoint.log, treeSize: s.checkpoint.treeSize, rootHash: s.checkpoint.rootHash }, 'sjekkpunkt signert');
        }
      })
      .catch((error: unknown) => options.logger.error({ err: error }, 'signering av sjekkpunkt feilet'))
      .finally(() => {
        running = undefined;
      });
  }, options.intervalMs);
  timer.unref();
  return {
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
