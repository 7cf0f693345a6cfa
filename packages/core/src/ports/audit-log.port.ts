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
  /**
   * Entries about report `mentions` or that showed it to someone: its subjectId, or one of the
   * report ids the entry lists as shown (see shownReportIds) — "who saw X, also in search results".
   */
  mentions?: string;
  afterSeq?: number;
  /** `asc` (default) pages forward with afterSeq; `desc` gives the newest first (e.g. the latest checkpoint). */
  order?: 'asc' | 'desc';
  limit?: number;
}

/**
 * The detail fields in which audit entries list the reports a user was shown: `ids` (search hits,
 * lists, case views) and `reportIds` (exports). Adapters index them for ChainFilter.mentions.
 */
export const SHOWN_REPORT_ID_FIELDS = ['ids', 'reportIds'] as const;

/** The report ids an audit entry's details list as shown (strings only, each once). */
export function shownReportIds(details: Record<string, unknown>): string[] {
  const ids = new Set<string>();
  for (const field of SHOWN_REPORT_ID_FIELDS) {
    const value = details[field];
    if (Array.isArray(value)) for (const id of value) if (typeof id === 'string') ids.add(id);
  }
  return [...ids];
}

/**
 * One entry of a chained log exactly as stored, for verifiers that stream millions: the details
 * stay the stored JSON text, so a verifier can hash the stored bytes without parsing and
 * re-serialising them (see storedLeafData in core/merkle).
 */
export interface StoredLogRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subjectId: string | null;
  /** The details as stored: canonical JSON for entries written by this version, any JSON before. */
  detailsJson: string;
  prevHash: string;
  hash: string;
}

/**
 * A page of a chained log checked and hashed by its adapter (for adapters that can do it in
 * parallel, off the main thread): a verifier links pages and builds the Merkle tree from the leaf
 * hashes, and reads the rows itself only where a page is not intact (to pinpoint what is wrong).
 */
export interface VerifiedLeafPage {
  firstSeq: number;
  count: number;
  /** The prevHash of the page's first entry and the hash of its last, for linking pages. */
  firstPrevHash: string;
  lastHash: string;
  /** 32 bytes per entry, in order: RFC 6962 leaf hashes of the entries' stored canonical content. */
  leafHashes: Buffer;
  /** Every entry's chain hash matched its stored content, seqs ran without gaps and each linked to the one before. */
  intact: boolean;
}

export interface AuditQuery extends ChainFilter {
  limit: number;
}

/** Append-only, hash-chained log of reads, searches, logins and exports. */
export interface AuditLog {
  append(entry: ChainedEntryInput): Promise<ChainedEntry>;
  list(query: AuditQuery): Promise<ChainedEntry[]>;
  verify(): Promise<ChainVerification>;
  /**
   * Entries after `afterSeq` in sequence order, as stored (optional: adapters that keep the
   * details as text offer it so that verification can skip the JSON round trip).
   */
  listStoredRows?(afterSeq: number, limit: number): Promise<StoredLogRow[]>;
  /** The whole log as verified pages, in order (optional; see VerifiedLeafPage). */
  verifiedLeafPages?(): AsyncIterable<VerifiedLeafPage>;
  close(): Promise<void>;
}
