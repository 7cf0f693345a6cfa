import { announceAssessmentFailure, ASSESS_JOB, assessReport, type CoreDeps, reconcileReceived } from '@mottak/core';
import type { Logger } from '@mottak/runtime';

export interface WorkerOptions {
  concurrency: number;
  reconcileIntervalMs: number;
  reconcileAfterMs: number;
  logger: Logger;
}

export interface RunningWorker {
  /** Stops taking jobs; in-flight jobs finish or, after `graceMs`, return to the queue. */
  close(graceMs: number): Promise<void>;
}

/**
 * The queue consumer: runs the first assessment of each received report, and a reconciler that
 * re-enqueues reports whose job signal was lost.
 */
export function startWorker(deps: CoreDeps, options: WorkerOptions): RunningWorker {
  const { logger } = options;
  const consumer = deps.queue.process(
    ASSESS_JOB,
    async (job) => {
      const reportId = String(job.payload.reportId);
      const started = Date.now();
      const report = await assessReport(deps, reportId);
      logger.debug({ reportId, attempt: job.attempt, ms: Date.now() - started, status: report?.status }, 'vurdert');
    },
    {
      concurrency: options.concurrency,
      // A failed attempt changes what coordinators must see (the row says it failed, or stopped):
      // the live queue hears of it like of a change, and re-reads the report's progress.
      onFailed: (job, error) => {
        const reportId = String(job.payload.reportId);
        logger.warn({ reportId, attempt: job.attempt, err: error }, 'førstehåndsvurderingen feilet');
        void announceAssessmentFailure(deps, reportId).catch((cause: unknown) => logger.error({ err: cause, reportId }, 'kunne ikke varsle om feilet vurdering'));
      },
    },
  );

  let reconciling = false;
  const reconcileTimer = setInterval(() => {
    if (reconciling) return;
    reconciling = true;
    reconcileReceived(deps, { olderThanMs: options.reconcileAfterMs, limit: 1000 })
      .then((added) => {
        if (added > 0) logger.warn({ added }, 'avstemming la mottatte rapporter i køen på nytt');
      })
      .catch((error: unknown) => logger.error({ err: error }, 'avstemming feilet'))
      .finally(() => {
        reconciling = false;
      });
  }, options.reconcileIntervalMs);
  reconcileTimer.unref();

  return {
    async close(graceMs) {
      clearInterval(reconcileTimer);
      await consumer.close(graceMs);
    },
  };
}
