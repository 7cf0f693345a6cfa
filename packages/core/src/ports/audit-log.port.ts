import type { ChainedEntry, ChainedEntryInput, ChainVerification } from '@mottak/domain';

export interface AuditQuery {
  actor?: string;
  subjectId?: string;
  action?: string;
  afterSeq?: number;
  limit: number;
}

/** Append-only, hash-chained log of reads, searches, logins and exports. */
export interface AuditLog {
  append(entry: ChainedEntryInput): Promise<ChainedEntry>;
  list(query: AuditQuery): Promise<ChainedEntry[]>;
  verify(): Promise<ChainVerification>;
  close(): Promise<void>;
}
