import type { ChainedEntry } from '@mottak/domain';
import type { CoreDeps } from './deps';
import type { StoredLogRow, VerifiedLeafPage } from './ports/audit-log.port';
import { type Checkpoint, LOG_NAMES, type LogName } from './merkle/checkpoint';
import { fromHex } from './merkle/hash';

/** Entries read per query while streaming a log: big enough to amortise the query, small enough for memory. */
export const LOG_PAGE_SIZE = 5000;

/** The audit action under which signed checkpoints are kept (in the audit log itself). */
export const CHECKPOINT_ACTION = 'checkpoint.signed';

/** One page of a log in sequence order, after `afterSeq`. */
export function readLogPage(deps: CoreDeps, log: LogName, afterSeq: number, limit: number): Promise<ChainedEntry[]> {
  return log === 'journal' ? deps.store.listJournal({ afterSeq, limit }) : deps.audit.list({ afterSeq, limit });
}

/**
 * Streams a log in pages (afterSeq paging, so a million entries never sit in memory at once),
 * stopping after `max` entries if given.
 */
export async function* streamLog(deps: CoreDeps, log: LogName, options: { afterSeq?: number; max?: number } = {}): AsyncGenerator<ChainedEntry[]> {
  let afterSeq = options.afterSeq ?? 0;
  let left = options.max ?? Number.POSITIVE_INFINITY;
  while (left > 0) {
    const asked = Math.min(LOG_PAGE_SIZE, left);
    const page = await readLogPage(deps, log, afterSeq, asked);
    if (page.length > 0) yield page;
    if (page.length < asked) return;
    left -= page.length;
    afterSeq = (page[page.length - 1] as ChainedEntry).seq;
  }
}

/**
 * Streams a log as stored rows when its adapter offers them (see AuditLog.listStoredRows), for
 * verifiers; undefined when it does not, and the caller streams parsed entries instead.
 */
export function streamStoredRows(deps: CoreDeps, log: LogName, startAfterSeq = 0): AsyncGenerator<StoredLogRow[]> | undefined {
  const read = log === 'journal' ? deps.store.listStoredJournalRows?.bind(deps.store) : deps.audit.listStoredRows?.bind(deps.audit);
  if (!read) return undefined;
  return (async function* pages() {
    let afterSeq = startAfterSeq;
    for (;;) {
      const page = await read(afterSeq, LOG_PAGE_SIZE);
      if (page.length > 0) yield page;
      if (page.length < LOG_PAGE_SIZE) return;
      afterSeq = (page[page.length - 1] as StoredLogRow).seq;
    }
  })();
}

/** The log as pages its adapter verified in parallel, where the adapter offers it (see VerifiedLeafPage). */
export function verifiedLeafPages(deps: CoreDeps, log: LogName): AsyncIterable<VerifiedLeafPage> | undefined {
  return log === 'journal' ? deps.store.verifiedJournalLeafPages?.() : deps.audit.verifiedLeafPages?.();
}

/** A checkpoint as found in the audit log: its ordinal per log (#1, #2 …) and the audit entry holding it. */
export interface StoredCheckpoint {
  number: number;
  auditSeq: number;
  checkpoint: Checkpoint;
  /** The frontier the signer kept beside the checkpoint (not signed; trusted only if it folds to rootHash). */
  frontier: Buffer[] | undefined;
}

/** Reads a `checkpoint.signed` entry's details; undefined if they are not a well-formed checkpoint. */
export function parseCheckpointEntry(entry: ChainedEntry): { checkpoint: Checkpoint; frontier: Buffer[] | undefined } | undefined {
  const c = entry.details['checkpoint'] as Record<string, unknown> | undefined;
  if (!c || typeof c !== 'object') return undefined;
  const { log, treeSize, rootHash, timestamp, keyId, signature } = c;
  if (!(LOG_NAMES as readonly unknown[]).includes(log)) return undefined;
  if (typeof treeSize !== 'number' || !Number.isSafeInteger(treeSize) || treeSize < 0) return undefined;
  if (typeof rootHash !== 'string' || !fromHex(rootHash)) return undefined;
  if (typeof timestamp !== 'string' || typeof keyId !== 'string' || typeof signature !== 'string') return undefined;
  const rawFrontier = entry.details['frontier'];
  const frontier = Array.isArray(rawFrontier) ? rawFrontier.map((h) => (typeof h === 'string' ? fromHex(h) : undefined)) : undefined;
  return {
    checkpoint: { log: log as LogName, treeSize, rootHash, timestamp, keyId, signature },
    frontier: frontier && frontier.every((h): h is Buffer => h !== undefined) ? frontier : undefined,
  };
}

/** Every checkpoint of `log` in the audit log, oldest first, numbered from 1 (malformed ones are skipped). */
export async function readCheckpoints(deps: CoreDeps, log: LogName): Promise<StoredCheckpoint[]> {
  const found: StoredCheckpoint[] = [];
  let afterSeq = 0;
  for (;;) {
    const page = await deps.audit.list({ action: CHECKPOINT_ACTION, subjectId: log, afterSeq, limit: 1000 });
    for (const entry of page) {
      const parsed = parseCheckpointEntry(entry);
      if (parsed) found.push({ number: found.length + 1, auditSeq: entry.seq, ...parsed });
    }
    if (page.length < 1000) return found;
    afterSeq = (page[page.length - 1] as ChainedEntry).seq;
  }
}

/** The newest checkpoint of `log`, if any (one query, newest first). */
export async function latestCheckpoint(deps: CoreDeps, log: LogName): Promise<(Omit<StoredCheckpoint, 'number'> & { entry: ChainedEntry }) | undefined> {
  const [entry] = await deps.audit.list({ action: CHECKPOINT_ACTION, subjectId: log, order: 'desc', limit: 1 });
  const parsed = entry ? parseCheckpointEntry(entry) : undefined;
  return entry && parsed ? { auditSeq: entry.seq, entry, ...parsed } : undefined;
}
