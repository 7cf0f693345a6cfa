import { type CoreDeps, runRetentionScan } from '@mottak/core';
import type { Logger } from '@mottak/runtime';

export interface RunningRetentionScan {
  /** Stops the timer and waits for a scan in progress. */
  close(): Promise<void>;
  /** The scan started at start-up (for tests and the first log line). */
  readonly first: Promise<void>;
}

/**
 * Lists what is due for review and disposal once at start and then every `intervalMs` (a day by
 * default), recording the counts in the audit log (`retention.due.listed`). It never disposes of
 * anything: disposal needs a request and a second fagansvarlig. `intervalMs` 0 turns it off.
 * Several workers may each run it; the counts are then simply recorded more than once.
 */
export function startRetentionScan(deps: CoreDeps, options: { intervalMs: number; logger: Logger }): RunningRetentionScan {
  if (options.intervalMs <= 0) return { close: async () => undefined, first: Promise.resolve() };
  let running: Promise<void> | undefined;
  const scan = (): Promise<void> => {
    if (running) return running;
    running = runRetentionScan(deps)
      .then((result) => options.logger.info({ review: result.review, disposal: result.disposal, ruleSetVersion: result.ruleSetVersion }, 'bevaring: forfalte journalposter listet'))
      .catch((error: unknown) => options.logger.error({ err: error }, 'bevaringsjobben feilet'))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  const first = scan();
  const timer = setInterval(() => void scan(), options.intervalMs);
  timer.unref();
  return {
    first,
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
