import type { AttachmentText } from '@mottak/assessment';
import { type Attachment, type AttachmentExtraction, MAX_EXTRACTED_TEXT_LENGTH, type Report } from '@mottak/domain';
import { extractAttachmentText } from '../attachments/extract-attachment-text';
import type { CoreDeps } from '../deps';
import type { AttachmentStore, StoredExtraction } from '../ports';
import { attachmentStoreOf } from './attachments.use-case';

/** One attachment's extraction may take this long; a runaway file is flagged, not waited for. */
export const EXTRACTION_TIMEOUT_MS = 30_000;

/** What the worker learnt from a report's attachments: their extraction state, and the texts for the assessment. */
export interface ReportAttachmentExtraction {
  /** The report's attachments with `extraction` set; undefined when the report has none. */
  attachments?: Attachment[];
  texts: AttachmentText[];
}

function withTimeout(work: Promise<StoredExtraction>, timeoutMs: number): Promise<StoredExtraction> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<StoredExtraction>((resolve) => {
    timer = setTimeout(() => resolve({ status: 'failed', failure: 'timeout', reason: `Tekstuttrekkingen tok mer enn ${Math.round(timeoutMs / 1000)} s` }), timeoutMs);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The extraction of one stored content: the stored result if it was extracted before (the same
 * bytes on another report), otherwise extracted now and stored. Missing content and time-outs are
 * flagged but not stored, so a later run may do better; a failure of the store itself throws and
 * the job is retried like any other assessment failure.
 */
async function extractionOf(deps: CoreDeps, store: AttachmentStore, attachment: Attachment): Promise<StoredExtraction> {
  const stored = await store.getExtraction(attachment.sha256);
  if (stored) return stored;
  const content = await store.get(attachment.sha256);
  if (!content) return { status: 'failed', failure: 'missing', reason: 'Innholdet finnes ikke i vedleggslageret' };
  const result = await withTimeout(extractAttachmentText(deps.documents, content, attachment.contentType), deps.extractionTimeoutMs ?? EXTRACTION_TIMEOUT_MS);
  if (result.status === 'failed' && result.failure === 'timeout') return result;
  await store.saveExtraction(attachment.sha256, result);
  return result;
}

function asRecorded(result: StoredExtraction, at: string): AttachmentExtraction {
  return result.status === 'extracted'
    ? { status: 'extracted', characters: result.text.length, ...(result.truncated ? { truncated: true } : {}), at }
    : { status: 'failed', failure: result.failure, reason: result.reason, at };
}

/**
 * Extracts the text of every attachment of a report (once per distinct content), for the first
 * assessment. Nothing is dropped: each attachment comes back with its extraction recorded,
 * `extracted` or `failed` with the reason.
 */
export async function extractReportAttachments(deps: CoreDeps, report: Report): Promise<ReportAttachmentExtraction> {
  if (!report.attachments || report.attachments.length === 0) return { texts: [] };
  const store = attachmentStoreOf(deps);
  const at = deps.clock.now().toISOString();
  const results = new Map<string, StoredExtraction>();
  for (const attachment of report.attachments) {
    if (!results.has(attachment.sha256)) results.set(attachment.sha256, await extractionOf(deps, store, attachment));
  }
  const attachments = report.attachments.map((attachment) => ({ ...attachment, extraction: asRecorded(results.get(attachment.sha256) as StoredExtraction, at) }));
  const texts = [...results].flatMap(([sha256, result]) => (result.status === 'extracted' ? [{ sha256, text: result.text }] : []));
  return { attachments, texts };
}

/**
 * The attachment text a search index holds for a report (after its own body), at most
 * MAX_EXTRACTED_TEXT_LENGTH characters in all; empty when there is none or no store is wired.
 */
export async function attachmentSearchText(deps: CoreDeps, report: Report): Promise<string> {
  const extracted = [...new Set((report.attachments ?? []).filter((a) => a.extraction.status === 'extracted').map((a) => a.sha256))];
  if (extracted.length === 0 || !deps.attachments) return '';
  const parts: string[] = [];
  let length = 0;
  for (const sha256 of extracted) {
    const stored = await deps.attachments.getExtraction(sha256);
    if (stored?.status !== 'extracted') continue;
    const part = stored.text.slice(0, MAX_EXTRACTED_TEXT_LENGTH - length);
    parts.push(part);
    length += part.length;
    if (length >= MAX_EXTRACTED_TEXT_LENGTH) break;
  }
  return parts.join('\n\n');
}
