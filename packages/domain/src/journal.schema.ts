/** A hash-chained log entry: journal (state changes) and audit (reads, searches) share this shape. */
export interface ChainedEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  /** Report (or other object) the entry is about; absent for e.g. searches and logins. */
  subjectId?: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

/** What a caller supplies; seq and hashes are assigned by the log. */
export type ChainedEntryInput = Omit<ChainedEntry, 'seq' | 'prevHash' | 'hash'>;

/** One field's change inside a journal entry: element, old value, new value. */
export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

/** Result of verifying a hash chain: intact, or the first entry that does not match. */
export type ChainVerification =
  | { ok: true; entries: number }
  | { ok: false; entries: number; firstBrokenSeq: number; reason: string };

/** The hash of "nothing before": the chain's genesis. */
export const GENESIS_HASH = '0'.repeat(64);
