import type { CoreDeps } from '../deps';
import { enqueueAssessment } from './receive-report.use-case';

/**
 * Re-enqueues reports stored as `mottatt` for longer than `olderThanMs`: the queue may have lost
 * its signal (a crash between store and enqueue, a flushed Redis). Enqueueing deduplicates by report
 * id, so reports already waiting or dead-lettered are not duplicated.
 */
export async function reconcileReceived(deps: CoreDeps, options: { olderThanMs: number; limit: number }): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - options.olderThanMs).toISOString();
  const ids = await deps.store.findStaleReceived(before, options.limit);
  let added = 0;
  for (const id of ids) {
    if (await enqueueAssessment(deps, id)) added += 1;
  }
  return added;
}
