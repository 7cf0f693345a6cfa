import { identifierValues } from '@mottak/assessment';
import { REGISTERED_STATUSES, type Report } from '@mottak/domain';
import type { CoreDeps } from '../deps';
import type { SearchDocument } from '../ports';

const EVERYTHING = { kind: 'all' } as const;

export interface IndexBatchResult {
  indexed: number;
  failed: number;
}

/**
 * Moves one batch from the outbox into the search index. Outbox entries are leased, so an indexer
 * that dies mid-batch leaves them to be picked up again; indexing is an idempotent upsert.
 */
export async function indexPendingReports(
  deps: CoreDeps,
  options: { batchSize: number; leaseMs: number; retryAfterMs: number },
): Promise<IndexBatchResult> {
  const entries = await deps.store.claimOutbox(options.batchSize, options.leaseMs);
  if (entries.length === 0) return { indexed: 0, failed: 0 };

  const documents: SearchDocument[] = [];
  const done: number[] = [];
  const reports: Report[] = [];
  const fetched = await Promise.all(entries.map((entry) => deps.store.get(entry.reportId, EVERYTHING)));
  entries.forEach((entry, i) => {
    const report = fetched[i];
    const document = report ? toSearchDocument(report) : undefined;
    if (document && report) {
      documents.push(document);
      reports.push(report);
    }
    done.push(entry.id);
  });
  try {
    if (documents.length > 0) await deps.index.upsert(documents);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    for (const id of done) await deps.store.failOutbox(id, message, options.retryAfterMs);
    return { indexed: 0, failed: done.length };
  }
  await deps.store.completeOutbox(done);
  const at = deps.clock.now().toISOString();
  // Concurrent calls let a store batch them (the SQLite store commits them as one group).
  await Promise.all(reports.map((report) => deps.store.markIndexed(report.id, at)));
  return { indexed: documents.length, failed: 0 };
}

/** The index document of a registered report; undefined for one that is not (yet) registered. */
export function toSearchDocument(report: Report): SearchDocument | undefined {
  if (!report.registration) return undefined;
  const entities = report.assessment?.entities ?? [];
  return {
    id: report.id,
    journalNumber: report.registration.journalNumber,
    title: report.title,
    body: report.body,
    channel: report.channel,
    category: report.registration.category,
    priority: report.registration.priority,
    gradering: report.gradering,
    compartments: report.compartments,
    status: report.status,
    registeredAt: report.registration.registeredAt,
    identifiers: identifierValues(entities),
    entityTypes: [...new Set(entities.map((e) => e.type))],
  };
}

/**
 * Rebuilds the search index from the store (the source of truth), page by page, e.g. after the
 * index file was lost or damaged. Upserts are idempotent, so it can run while the indexer runs.
 */
export async function rebuildSearchIndex(deps: CoreDeps, options: { pageSize: number; onProgress?: (indexed: number, total: number) => void }): Promise<number> {
  let offset = 0;
  let indexed = 0;
  for (;;) {
    const page = await deps.store.list(EVERYTHING, { statuses: [...REGISTERED_STATUSES], limit: options.pageSize, offset });
    const documents = page.items.map(toSearchDocument).filter((d): d is SearchDocument => d !== undefined);
    if (documents.length > 0) await deps.index.upsert(documents);
    indexed += documents.length;
    offset += page.items.length;
    options.onProgress?.(indexed, page.total);
    if (page.items.length < options.pageSize) return indexed;
  }
}
