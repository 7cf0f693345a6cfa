import type { ChainedEntry, ChainedEntryInput, ChainVerification } from '@mottak/domain';

/** Filters for reading a hash-chained log (journal or audit); every filter is optional, results are in sequence order. */
export interface ChainFilter {
  actor?: string;
  subjectId?: string;
  action?: string;
  /** Entries at or after this instant (ISO 8601, compared on `at`). */
  from?: string;
  /** Entries strictly before this instant (ISO 8601, compared on `at`): [from, to) is half-open. */
  to?: string;
  afterSeq?: number;
  /** `asc` (default) pages forward with afterSeq; `desc` gives the newest first (e.g. the latest checkpoint). */
  order?: 'asc' | 'desc';
  limit?: number;
}

export interface AuditQuery extends ChainFilter {
  limit: number;
}

/** Append-only, hash-chained log of reads, searches, logins and exports. */
export interface AuditLog {
  append(entry: ChainedEntryInput): Promise<ChainedEntry>;
  list(query: AuditQuery): Promise<ChainedEntry[]>;
  verify(): Promise<ChainVerification>;
  close(): Promise<void>;
}
