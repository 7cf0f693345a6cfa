import type { Client, estypes } from '@elastic/elasticsearch';

/** One document Elasticsearch would not take, with why (field values are left out: they may be graded). */
export interface BulkItemFailure {
  id: string;
  status: number;
  type: string;
  reason: string;
}

/**
 * Thrown when some items of a bulk request failed for good. The other items were applied; the
 * caller (the indexer) keeps the failed ids pending and retries them, so the message names them.
 */
export class SearchIndexBulkError extends Error {
  constructor(
    readonly action: 'upsert' | 'remove',
    readonly failures: BulkItemFailure[],
    readonly attempted: number,
  ) {
    const shown = failures.slice(0, 5).map((f) => `${f.id} (${f.status} ${f.type}: ${f.reason})`);
    const more = failures.length > shown.length ? ` and ${failures.length - shown.length} more` : '';
    super(`Elasticsearch rejected ${failures.length} of ${attempted} documents to ${action}: ${shown.join('; ')}${more}`);
    this.name = 'SearchIndexBulkError';
  }

  /** The ids that were not applied. */
  get failedIds(): string[] {
    return this.failures.map((f) => f.id);
  }
}

export type BulkItem =
  | { op: 'index'; id: string; document: object }
  /** Creates only when absent: a reindex must not overwrite a newer copy written meanwhile. */
  | { op: 'create'; id: string; document: object }
  | { op: 'delete'; id: string };

export interface BulkTarget {
  client: Client;
  index: string;
  /** Fail instead of creating a concrete index when `index` is not an alias. */
  requireAlias: boolean;
  refresh: estypes.Refresh | undefined;
}

/** Items per request, and a rough cap on the request's size (bodies can be large). */
const MAX_ITEMS = 500;
const MAX_BYTES = 8 * 1024 * 1024;
/** Rejections from full queues (429) are retried this many times, with growing, jittered pauses. */
const RETRIES = 4;
const RETRY_BASE_MS = 100;

/**
 * Applies `items` with as few bulk requests as the caps allow and inspects every item: 429s are
 * retried, a `delete` of a missing document and a `create` of an existing one count as done, and
 * any other failure ends in one SearchIndexBulkError naming every failed id.
 */
export async function applyBulk(target: BulkTarget, action: 'upsert' | 'remove', items: BulkItem[]): Promise<void> {
  const failures: BulkItemFailure[] = [];
  for (const chunk of chunks(items)) failures.push(...(await applyChunk(target, chunk)));
  if (failures.length > 0) throw new SearchIndexBulkError(action, failures, items.length);
}

async function applyChunk(target: BulkTarget, chunk: BulkItem[]): Promise<BulkItemFailure[]> {
  const failures: BulkItemFailure[] = [];
  let pending = chunk;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) await pause(RETRY_BASE_MS * 2 ** (attempt - 1) * (0.5 + Math.random()));
    const response = await target.client.bulk({
      index: target.index,
      require_alias: target.requireAlias,
      refresh: target.refresh,
      operations: pending.flatMap(operation),
    });
    if (!response.errors) break;
    const retry: BulkItem[] = [];
    response.items.forEach((entry, i) => {
      const item = pending[i]!;
      const result = entry[item.op];
      if (!result) failures.push({ id: item.id, status: 0, type: 'missing_result', reason: 'the response had no result for this item' });
      else if (isDone(item, result)) return;
      else if (result.status === 429 && attempt < RETRIES) retry.push(item);
      else failures.push(failureOf(item, result));
    });
    pending = retry;
  }
  return failures;
}

function isDone(item: BulkItem, result: estypes.BulkResponseItem): boolean {
  if (result.status < 300) return true;
  if (item.op === 'delete' && result.status === 404) return true;
  return item.op === 'create' && result.status === 409;
}

function failureOf(item: BulkItem, result: estypes.BulkResponseItem): BulkItemFailure {
  return {
    id: item.id,
    status: result.status,
    type: result.error?.type ?? 'unknown',
    reason: withoutValues(result.error?.reason ?? ''),
  };
}

/** Elasticsearch quotes the offending value in some reasons; a report's identifiers must not reach logs. */
function withoutValues(reason: string): string {
  return reason.replace(/\. Preview of field's value: .*$/s, '').slice(0, 300);
}

function operation(item: BulkItem): object[] {
  if (item.op === 'delete') return [{ delete: { _id: item.id } }];
  return [{ [item.op]: { _id: item.id } }, item.document];
}

function* chunks(items: BulkItem[]): Generator<BulkItem[]> {
  let chunk: BulkItem[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = item.op === 'delete' ? 64 : estimateBytes(item.document);
    if (chunk.length > 0 && (chunk.length >= MAX_ITEMS || bytes + size > MAX_BYTES)) {
      yield chunk;
      chunk = [];
      bytes = 0;
    }
    chunk.push(item);
    bytes += size;
  }
  if (chunk.length > 0) yield chunk;
}

/** Title and body dominate a document's size; each is sent twice (text and words copy). */
function estimateBytes(document: object): number {
  const { title, body } = document as { title?: unknown; body?: unknown };
  const text = (typeof title === 'string' ? title.length : 0) + (typeof body === 'string' ? body.length : 0);
  return 512 + 2 * 3 * text;
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
