import type { ExtractionFailure } from '@mottak/domain';

/** What `put` stored: the content's address and size, and whether these bytes were new to the store. */
export interface StoredContent {
  sha256: string;
  size: number;
  /** False when the same bytes were stored before (for any report): nothing was written twice. */
  created: boolean;
}

/** Text extracted from stored content, kept beside it (the same bytes always give the same text). */
export type StoredExtraction =
  | { status: 'extracted'; text: string; truncated: boolean }
  | { status: 'failed'; failure: ExtractionFailure; reason: string };

/**
 * Content-addressed storage of attachments and original messages. Content is stored once by its
 * SHA-256 however many reports carry it; each report's use of it is a reference, and content no
 * report refers to any more is deleted (disposal). The store knows nothing of access: the core
 * decides who may read a report, and a report names the digests that belong to it.
 */
export interface AttachmentStore {
  /**
   * Stores `content` (if these bytes are new) and records that `reportId` refers to it, atomically
   * where the engine allows; idempotent. Called before the report itself is stored, so a report
   * never names content that is missing (a failed intake leaves at most an unreferenced reference,
   * removed by `release`).
   */
  put(reportId: string, content: Uint8Array): Promise<StoredContent>;
  /** The content, or undefined if no such content is stored. */
  get(sha256: string): Promise<Buffer | undefined>;
  /** The extraction result stored for this content, if any. */
  getExtraction(sha256: string): Promise<StoredExtraction | undefined>;
  /** Stores the extraction result of existing content (replacing an earlier one); a no-op for unknown content. */
  saveExtraction(sha256: string, extraction: StoredExtraction): Promise<void>;
  /** Digests `reportId` refers to, in no particular order. */
  listFor(reportId: string): Promise<string[]>;
  /**
   * Drops every reference of `reportId` and deletes content (and its extracted text) that no
   * other report refers to; returns the digests deleted. Idempotent.
   */
  release(reportId: string): Promise<{ deleted: string[] }>;
  close(): Promise<void>;
}
