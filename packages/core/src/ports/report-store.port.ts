import type {
  ChainVerification,
  DisposalRecord,
  ChainedEntry,
  Gradering,
  Registration,
  Report,
  ReportStatus,
  Skjerming,
  EntityType,
  RecordedSourceGrading,
} from '@mottak/domain';
import type { AccessCondition } from '@mottak/policies';
import type { StoredLogRow, VerifiedLeafPage } from './audit-log.port';

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
  /** Only reports linked to this case (sak). */
  caseId?: string;
  /** Only reports holding at least one shift handover note (the «Overlevering» view). */
  withHandoverNotes?: boolean;
  /**
   * `newest` (default): newest received first. `triage`: the coordinator's order — most urgent
   * suggested priority first (P1 … P4, then not yet assessed), and within a priority the one that
   * has waited longest first — so that the first page is the top of the queue.
   */
  order?: 'newest' | 'triage';
  limit: number;
  offset: number;
}

/** One stored version of a report, as a version history lists it. */
export interface ReportVersionSummary {
  version: number;
  updatedAt: string;
  status: ReportStatus;
  title: string;
}

/** Registrations in a time window (the daily journal), by registration time. */
export interface RegisteredQuery {
  /** Inclusive ISO instant. */
  from: string;
  /** Exclusive ISO instant. */
  to: string;
  limit: number;
}

/** Where a retention scan resumes: after this (registeredAt, id) in registration order. */
export interface RetentionCursor {
  registeredAt: string;
  id: string;
}

export interface RetentionCandidateQuery {
  /** Inclusive ISO instant. */
  registeredBefore: string;
  after?: RetentionCursor;
  limit: number;
}

/** The fields a retention scan needs of one registered report (never its content). */
export interface RetentionCandidate {
  id: string;
  journalNumber: string;
  registeredAt: string;
  category: string;
  status: ReportStatus;
  gradering: Gradering;
  caseId?: string;
  disposed: boolean;
}

/**
 * A disposal (kassasjon): the content of the report and of every stored version is removed with
 * `redactReportContent`, the record and `set` (e.g. the status) are applied, the journal entry and
 * an index outbox entry are written — all or nothing where the engine allows, and safely
 * re-runnable where it does not.
 */
export interface DisposalCommand {
  reportId: string;
  expectedVersion: number;
  disposal: DisposalRecord;
  status: ReportStatus;
  journal: JournalDraft;
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
  /** The coordinator's final Admiralty grading, when given at registration. */
  sourceGrading?: RecordedSourceGrading;
  journal: JournalDraft;
}

/** Where "earlier" ends for the seen-before lookups: received before `receivedAt`, or at it with a smaller id. */
export interface ReceiptCursor {
  receivedAt: string;
  id: string;
}

/** Earlier reports whose SimHash is within `maxDistance` bits of `simhash` (near-duplicates). */
export interface NearDuplicateQuery {
  simhash: string;
  /** Largest Hamming distance (of 64 bits) that counts as near; 0 to MAX_PROBE_DISTANCE (12). */
  maxDistance: number;
  /** Only reports received before this one; the report itself is never a match. */
  before: ReceiptCursor;
  limit: number;
}

/** One near-duplicate as a store finds it. */
export interface NearDuplicateMatch {
  id: string;
  /** Hamming distance of the two SimHashes (0 = the same fingerprint). */
  distance: number;
  receivedAt: string;
  journalNumber?: string;
}

/** Identifiers (type + normalised value) to look up in earlier reports. */
export interface EntityOverlapQuery {
  entities: ReadonlyArray<{ type: EntityType; value: string }>;
  before: ReceiptCursor;
  /** Journal numbers listed per identifier, most recently registered first. */
  registeredLimit: number;
}

/** How many earlier reports hold one identifier, and the journal numbers of the registered ones. */
export interface EntityOverlapCount {
  type: EntityType;
  value: string;
  count: number;
  registeredCount: number;
  /** At most `registeredLimit`, highest journal number first. */
  registered: Array<{ id: string; journalNumber: string }>;
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
  /** Reports `access` allows, in `query.order` (newest first by default), with the total they could see. */
  list(access: AccessCondition, query: ReportListQuery): Promise<{ total: number; items: Report[] }>;
  /** Ids of other reports with this content hash that `access` allows, oldest first. */
  findIdsByContentHash(contentHash: string, excludeId: string, access: AccessCondition): Promise<string[]>;
  /**
   * Earlier reports `access` allows whose SimHash is within `query.maxDistance` bits, closest first
   * (then oldest). An indexed lookup of band keys (simhashProbeBands), re-ranked by exact distance;
   * disposed reports never match (their fingerprint is gone).
   */
  findNearDuplicates(query: NearDuplicateQuery, access: AccessCondition): Promise<NearDuplicateMatch[]>;
  /**
   * For each identifier (in query order, each once), how many earlier reports `access` allows hold it,
   * from an index of (type, normalised value); only identifiers found at least once. Disposed
   * reports hold none.
   */
  findEntityOverlaps(query: EntityOverlapQuery, access: AccessCondition): Promise<EntityOverlapCount[]>;
  /**
   * The stored versions of a report, oldest first, the current one last: every version a change
   * superseded is kept as a snapshot (corrections never destroy the earlier text). Only versions
   * `access` allows, and none at all unless it allows the report as it is now.
   */
  listVersions(id: string, access: AccessCondition): Promise<ReportVersionSummary[]>;
  /** One version of a report (the current one included), under the same access rule as listVersions. */
  getVersion(id: string, version: number, access: AccessCondition): Promise<Report | undefined>;
  /** Reports `access` allows whose registration time is in the window, in journal number order. */
  listRegistered(access: AccessCondition, query: RegisteredQuery): Promise<Report[]>;
  /**
   * Applies a change with optimistic concurrency; throws VERSION_CONFLICT or REPORT_NOT_FOUND.
   * The superseded version is kept as a snapshot, and the journal entry's details name the new `version`.
   */
  applyChange(change: ReportChange): Promise<Report>;
  /** Registers a report with the next gap-free journal number; throws VERSION_CONFLICT or REPORT_NOT_FOUND. */
  register(command: RegistrationCommand): Promise<Report>;
  /**
   * Registered reports `access` allows, registered at or before `registeredBefore`, in (registeredAt, id) order,
   * after `after`: a keyset page, so a scan over millions never holds more than `limit` rows.
   */
  listRetentionCandidates(access: AccessCondition, query: RetentionCandidateQuery): Promise<RetentionCandidate[]>;
  /**
   * Removes a report's content from the report and every stored version of it, keeping the journal
   * metadata and `disposal` (see DisposalCommand). Throws VERSION_CONFLICT, REPORT_NOT_FOUND, or
   * INVALID_STATE_TRANSITION if it is already disposed. The superseded version is kept, redacted.
   */
  disposeContent(command: DisposalCommand): Promise<Report>;
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
  /** The journal as stored, for fast verification (optional; see AuditLog.listStoredRows). */
  listStoredJournalRows?(afterSeq: number, limit: number): Promise<StoredLogRow[]>;
  /** The journal as verified pages (optional; see AuditLog.verifiedLeafPages). */
  verifiedJournalLeafPages?(): AsyncIterable<VerifiedLeafPage>;
  /** Recomputes the journal's hash chain; names the first entry that does not match. */
  verifyJournal(): Promise<ChainVerification>;
  close(): Promise<void>;
}
