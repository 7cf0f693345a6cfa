import { z } from 'zod';

/** A SHA-256 digest as 64 lower-case hex digits: the address of stored content. */
export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'må være en SHA-256 (64 heksadesimale tegn)');

/** Attachments on one report; more is refused (a report is not an archive upload). */
export const MAX_ATTACHMENTS = 20;
export const MAX_ATTACHMENT_FILENAME_LENGTH = 255;
/** Largest attachment or original message accepted when nothing else is configured (25 MiB). */
export const DEFAULT_ATTACHMENT_LIMIT_BYTES = 25 * 1024 * 1024;
/** Extracted text kept per attachment; the rest is cut (and `truncated` set), the content itself is kept whole. */
export const MAX_EXTRACTED_TEXT_LENGTH = 500_000;

/**
 * Text extraction from an attachment: `pending` until the worker's assessment has looked at it,
 * then `extracted` (text found; it feeds the assessment and search) or `failed` (kept and flagged:
 * encrypted, damaged, a format without text such as an image, or an unknown binary).
 */
export const EXTRACTION_STATUSES = ['pending', 'extracted', 'failed'] as const;
export const extractionStatusSchema = z.enum(EXTRACTION_STATUSES);
export type ExtractionStatus = z.infer<typeof extractionStatusSchema>;

/** Why text could not be extracted: a stable code beside the Norwegian reason. */
export const EXTRACTION_FAILURES = ['encrypted', 'corrupt', 'unsupported', 'empty', 'timeout', 'missing'] as const;
export const extractionFailureSchema = z.enum(EXTRACTION_FAILURES);
export type ExtractionFailure = z.infer<typeof extractionFailureSchema>;

export const attachmentExtractionSchema = z.object({
  status: extractionStatusSchema,
  /** Set when failed. */
  failure: extractionFailureSchema.optional(),
  reason: z.string().optional().describe('Why extraction failed, in Norwegian'),
  characters: z.number().int().min(0).optional().describe('Length of the extracted text'),
  truncated: z.boolean().optional().describe('The text was longer than kept for assessment and search'),
  at: z.string().optional(),
});
export type AttachmentExtraction = z.infer<typeof attachmentExtractionSchema>;

/**
 * An attachment as part of a report. The content is stored once by its SHA-256 (two reports with
 * the same file share it); `contentType` is sniffed from the bytes, never taken from the name or
 * the sender's word (`declaredType`), and is what a download is served as.
 */
export const attachmentSchema = z.object({
  sha256: sha256Schema,
  filename: z.string(),
  size: z.number().int().min(0),
  contentType: z.string().describe('Sniffed from the content (magic bytes)'),
  declaredType: z.string().optional().describe('The type the sender declared; for information only'),
  extraction: attachmentExtractionSchema,
});
export type Attachment = z.infer<typeof attachmentSchema>;
/** A report's attachments, as stored. */
export const attachmentListSchema = z.array(attachmentSchema);

/** The message a report was made from (an imported .eml), stored byte for byte. */
export const originalMessageSchema = z.object({
  sha256: sha256Schema,
  size: z.number().int().min(0),
  contentType: z.string(),
  messageId: z.string().optional(),
});
export type OriginalMessage = z.infer<typeof originalMessageSchema>;

/** An attachment as a client sends it with a report (JSON, content in base64). */
export const attachmentUploadSchema = z.strictObject({
  filename: z.string().trim().min(1, 'kan ikke være tom').max(MAX_ATTACHMENT_FILENAME_LENGTH),
  contentBase64: z.base64('må være base64').describe('The file, base64-encoded'),
  contentType: z.string().trim().max(200).optional().describe('What the sender says it is; the stored type is sniffed from the content'),
});
export type AttachmentUpload = z.infer<typeof attachmentUploadSchema>;
