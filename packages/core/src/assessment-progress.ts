import type { Report } from '@mottak/domain';
import type { CoreDeps } from './deps';

/**
 * Where the first assessment of a report still waiting for it (`mottatt`) stands, from its job:
 * coordinators must see that an assessment failed and is being retried (or has given up) instead of
 * a report that seems to wait for ever. The report itself is kept as received either way.
 */
export interface AssessmentProgress {
  /** `retrying`: failed, another attempt is due; `failed`: every attempt failed (a dead letter a supervisor can replay); `missing`: no job (the reconciler re-enqueues it). */
  state: 'waiting' | 'running' | 'retrying' | 'failed' | 'missing';
  attempts: number;
  maxAttempts: number;
  /** The last failure's message, when there was one. */
  lastError?: string;
}

/** Longest failure message passed on: enough to tell what went wrong, not a whole stack. */
const MAX_ERROR_CHARS = 300;

export async function assessmentProgressOf(deps: CoreDeps, report: Report): Promise<AssessmentProgress | undefined> {
  if (report.status !== 'mottatt') return undefined;
  const job = await deps.queue.get(report.id).catch(() => undefined);
  if (!job) return { state: 'missing', attempts: 0, maxAttempts: 0 };
  const failed = job.lastError !== undefined;
  const state: AssessmentProgress['state'] =
    job.state === 'dead' ? 'failed' : job.state === 'active' ? 'running' : failed ? 'retrying' : job.state === 'completed' ? 'running' : 'waiting';
  return {
    state,
    // A job not yet delivered has attempt 0 or 1 depending on the engine; what counts is how many failed.
    attempts: failed ? job.attempt : 0,
    maxAttempts: job.maxAttempts,
    ...(job.lastError ? { lastError: job.lastError.split('\n')[0]?.slice(0, MAX_ERROR_CHARS) ?? '' } : {}),
  };
}

/** The same for a page of reports: only those still `mottatt` cost a lookup. */
export async function withAssessmentProgress<T extends Report>(deps: CoreDeps, reports: T[]): Promise<Array<T & { assessmentProgress?: AssessmentProgress }>> {
  return Promise.all(
    reports.map(async (report) => {
      const progress = await assessmentProgressOf(deps, report);
      return progress ? { ...report, assessmentProgress: progress } : report;
    }),
  );
}

/**
 * After a failed assessment attempt (recorded by the queue): publishes the report's current state
 * as a change, so that live views re-read it and show the failure. System read: the event itself
 * is filtered per listener, like every other.
 */
export async function announceAssessmentFailure(deps: CoreDeps, reportId: string): Promise<void> {
  const report = await deps.store.get(reportId, { kind: 'all' });
  if (!report) return;
  deps.events.publish({ type: 'report.changed', reportId, status: report.status, version: report.version, at: deps.clock.now().toISOString() });
}
