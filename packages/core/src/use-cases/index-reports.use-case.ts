import { identifierValues } from '@mottak/assessment';
import { REGISTERED_STATUSES, type Report } from '@mottak/domain';
import type { CoreDeps } from '../deps';
import type { SearchDocument } from '../ports';
import { attachmentSearchText } from './extract-attachments.use-case';

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
  // A disposed report leaves the index altogether (kassasjon), not just its text.
  const disposed: string[] = [];
  const fetched = await Promise.all(entries.map((entry) => deps.store.get(entry.reportId, EVERYTHING)));
  const attachmentTexts = await Promise.all(fetched.map((report) => (report?.registration && !report.disposal ? attachmentSearchText(deps, report) : '')));
  entries.forEach((entry, i) => {
    const report = fetched[i];
    if (report?.disposal) disposed.push(report.id);
    const document = report ? toSearchDocument(report, attachmentTexts[i]) : undefined;
    if (document && report) {
      documents.push(document);
      reports.push(report);
    }
    done.push(entry.id);
  });
  try {
    if (documents.length > 0) await deps.index.upsert(documents);
    if (disposed.length > 0) await deps.index.remove(disposed);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    for (const id of done) await deps.store.failOutbox(id, message, options.retryAfterMs);
    return { indexed: 0, failed: done.length };
  }
  await deps.store.completeOutbox(done);
  const at = deps.clock.now().toISOString();
  // Concurrent calls let a store batch them (the SQLite store commits them as one group).
  await Promise.all(reports.map((report) => deps.store.markIndexed(report.id, at)));
  // Searches may answer differently now: listeners recount saved searches under their own users' rights.
  for (const id of [...reports.map((report) => report.id), ...disposed]) deps.events.publish({ type: 'report.indexed', reportId: id, at });
  return { indexed: documents.length, failed: 0 };
}

/**
 * The index document of a registered report; undefined for one that is not (yet) registered, or
 * disposed. `attachmentText` (text extracted from its attachments) is searched with the body.
 */
export function toSearchDocument(report: Report, attachmentText = ''): SearchDocument | undefined {
  if (!report.registration || report.disposal) return undefined;
  const entities = report.assessment?.entities ?? [];
  return {
    id: report.id,
    journalNumber: report.registration.journalNumber,
    title: report.title,
    body: attachmentText ? `${report.body}\n\n${attachmentText}` : report.body,
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
 * Rebuilds the search index from the store (the source of truth), e.g. after the index was lost or
 * damaged or its mappings changed. An engine that can build a fresh index and swap it in
 * (Elasticsearch) does so; otherwise the documents are upserted in place, which is idempotent and
 * safe while the indexer runs.
 */
export async function rebuildSearchIndex(deps: CoreDeps, options: { pageSize: number; onProgress?: (indexed: number, total: number) => void }): Promise<number> {
  if (deps.index.rebuild) return deps.index.rebuild(registeredDocuments(deps, options));
  let indexed = 0;
  for await (const page of registeredPages(deps, options)) {
    if (page.length > 0) await deps.index.upsert(page);
    indexed += page.length;
  }
  return indexed;
}

async function* registeredDocuments(deps: CoreDeps, options: { pageSize: number; onProgress?: (indexed: number, total: number) => void }): AsyncGenerator<SearchDocument> {
  for await (const page of registeredPages(deps, options)) yield* page;
}

/** Registered reports as index documents, a page at a time, with progress per page. */
async function* registeredPages(deps: CoreDeps, options: { pageSize: number; onProgress?: (indexed: number, total: number) => void }): AsyncGenerator<SearchDocument[]> {
  let offset = 0;
  let seen = 0;
  for (;;) {
    const page = await deps.store.list(EVERYTHING, { statuses: [...REGISTERED_STATUSES], limit: options.pageSize, offset });
    const texts = await Promise.all(page.items.map((report) => attachmentSearchText(deps, report)));
    const documents = page.items.map((report, i) => toSearchDocument(report, texts[i])).filter((d): d is SearchDocument => d !== undefined);
    offset += page.items.length;
    seen += documents.length;
    yield documents;
    options.onProgress?.(seen, page.total);
    if (page.items.length < options.pageSize) return;
  }
}
