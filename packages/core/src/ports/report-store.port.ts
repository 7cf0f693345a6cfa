import type {
  ChainVerification,
  ChainedEntry,
  Gradering,
  Registration,
  Report,
  ReportStatus,
  Skjerming,
} from '@mottak/domain';
import type { AccessCondition } from '@mottak/policies';

/** What a journal entry records; the store assigns seq and the hash chain. */
export interface JournalDraft {
  at: string;
  actor: string;
  action: string;
  details: Record<string, unknown>;
}

/** An idempotency key as scoped to the principal that sent it, with a hash of the request body. */
export interface IdempotencyRecord {
  scope: string;
  key: string;
  requestHash: string;
}

export type ReceiveOutcome =
  | { kind: 'created'; report: Report }
  /** The key was seen before with the same request: the first report, nothing new created. */
  | { kind: 'replayed'; report: Report }
  /** The key was seen before with a different request body. */
  | { kind: 'idempotency-conflict' };

export interface ReportListQuery {
  statuses?: ReportStatus[];
  limit: number;
  offset: number;
}

/** Work for the indexer, written in the same transaction as the state change it follows. */
export interface OutboxEntry {
  id: number;
  reportId: string;
  kind: 'index';
  attempts: number;
}

/** A state change on one report, applied only if the stored version still matches. */
export interface ReportChange {
  reportId: string;
  expectedVersion: number;
  /** Fields to set; id, version and updatedAt are managed by the store. */
  set: Partial<Omit<Report, 'id' | 'version' | 'updatedAt'>>;
  journal: JournalDraft;
  /** Outbox entries to write in the same transaction. */
  outbox?: Array<OutboxEntry['kind']>;
}

/** Registration of a journalpost: the store allocates the next journal number for `year` atomically. */
export interface RegistrationCommand {
  reportId: string;
  expectedVersion: number;
  year: number;
  registration: Omit<Registration, 'journalNumber'>;
  gradering: Gradering;
  compartments: string[];
  skjerming?: Skjerming;
  journal: JournalDraft;
}

/**
 * The source of truth for reports, their journal (state changes, hash-chained) and the outbox.
 * Every read takes an AccessCondition and applies it inside the query.
 */
export interface ReportStore {
  /** Stores a new `mottatt` report with its first journal entry and idempotency key, atomically and durably. */
  receive(report: Report, journal: JournalDraft, idempotency?: IdempotencyRecord): Promise<ReceiveOutcome>;
  /** The report if it exists and `access` allows it; otherwise undefined (hidden and missing look the same). */
  get(id: string, access: AccessCondition): Promise<Report | undefined>;
  /** Reports `access` allows, newest first, with the total they could see. */
  list(access: AccessCondition, query: ReportListQuery): Promise<{ total: number; items: Report[] }>;
  /** Ids of other reports with this content hash that `access` allows, oldest first. */
  findIdsByContentHash(contentHash: string, excludeId: string, access: AccessCondition): Promise<string[]>;
  /** Applies a change with optimistic concurrency; throws VERSION_CONFLICT or REPORT_NOT_FOUND. */
  applyChange(change: ReportChange): Promise<Report>;
  /** Registers a report with the next gap-free journal number; throws VERSION_CONFLICT or REPORT_NOT_FOUND. */
  register(command: RegistrationCommand): Promise<Report>;
  /** Records that the search index holds the current version (not a journaled state change). */
  markIndexed(reportId: string, at: string): Promise<void>;
  /** Ids of reports still `mottatt` that were received before `receivedBefore` (for the reconciler). */
  findStaleReceived(receivedBefore: string, limit: number): Promise<string[]>;

  /** Leases up to `limit` outbox entries for `leaseMs`; a crashed indexer's lease expires and the entry returns. */
  claimOutbox(limit: number, leaseMs: number): Promise<OutboxEntry[]>;
  completeOutbox(ids: number[]): Promise<void>;
  /** Returns an entry to the outbox after a failure, retried after `retryAfterMs`. */
  failOutbox(id: number, error: string, retryAfterMs: number): Promise<void>;
  /** Entries not yet completed (indexing lag). */
  pendingOutboxCount(): Promise<number>;

  /** Journal entries about one report, oldest first. */
  journalFor(reportId: string): Promise<ChainedEntry[]>;
  /** Journal entries in sequence order, for supervisors and auditors. */
  listJournal(query: { afterSeq?: number; limit: number }): Promise<ChainedEntry[]>;
  /** Recomputes the journal's hash chain; names the first entry that does not match. */
  verifyJournal(): Promise<ChainVerification>;
  close(): Promise<void>;
}
