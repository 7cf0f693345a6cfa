import { createHash } from 'node:crypto';
import {
  type Attachment,
  DEFAULT_ATTACHMENT_LIMIT_BYTES,
  DomainError,
  MAX_ATTACHMENT_FILENAME_LENGTH,
  type OriginalMessage,
  type Report,
  type User,
} from '@mottak/domain';
import { maskPersonalData } from '../access/personal-data-mask';
import { readAccessFor } from '../access/read-access';
import { MESSAGE_RFC822, sniffContentType } from '../attachments/sniff-content-type';
import type { CoreDeps } from '../deps';
import type { AttachmentStore, DocumentReader } from '../ports';
import { actorName } from '../principal';

/** A file on its way in, already decoded; `field` names it in a 413/400 answer (`attachments.0.contentBase64`). */
export interface IncomingFile {
  filename: string;
  content: Buffer;
  declaredType?: string;
  field: string;
}

/** The largest attachment or original message this deployment accepts, in bytes. */
export function attachmentLimitOf(deps: CoreDeps): number {
  return deps.attachmentLimitBytes ?? DEFAULT_ATTACHMENT_LIMIT_BYTES;
}

/** The attachment store, or ATTACHMENTS_UNAVAILABLE where no engine is wired. */
export function attachmentStoreOf(deps: CoreDeps): AttachmentStore {
  if (!deps.attachments) throw new DomainError('ATTACHMENTS_UNAVAILABLE', 'Vedlegg kan ikke lagres eller leses på denne installasjonen');
  return deps.attachments;
}

/** The document reader (MIME, PDF, DOCX), or ATTACHMENTS_UNAVAILABLE. */
export function documentReaderOf(deps: CoreDeps): DocumentReader {
  if (!deps.documents) throw new DomainError('ATTACHMENTS_UNAVAILABLE', 'E-post og vedlegg kan ikke leses på denne installasjonen');
  return deps.documents;
}

/** Hex SHA-256 of some bytes. */
export function sha256Hex(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Refuses, before anything is written, a file over the limit: 413 naming the field and the limit. */
export function assertWithinLimit(deps: CoreDeps, size: number, field: string): void {
  const limitBytes = attachmentLimitOf(deps);
  if (size > limitBytes) {
    throw new DomainError('ATTACHMENT_TOO_LARGE', `Filen er ${size} byte; grensen er ${limitBytes} byte`, { field, limitBytes, size });
  }
}

/**
 * A file name safe to show and to send back in Content-Disposition: the last path segment, no
 * control characters, at most MAX_ATTACHMENT_FILENAME_LENGTH characters; `fallback` when nothing is left.
 */
export function safeFilename(name: string | undefined, fallback: string): string {
  const lastSegment = (name ?? '').split(/[/\\]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = lastSegment.replace(/[\u0000-\u001f\u007f-\u009f]/g, '').replace(/\s+/g, ' ').trim();
  const usable = cleaned === '' || cleaned === '.' || cleaned === '..' ? fallback : cleaned;
  return usable.length > MAX_ATTACHMENT_FILENAME_LENGTH ? usable.slice(0, MAX_ATTACHMENT_FILENAME_LENGTH) : usable;
}

/**
 * Stores a report's files before the report itself (so a stored report never names missing
 * content), each once by SHA-256, with the type sniffed from its bytes and extraction pending.
 */
export async function storeIncomingFiles(deps: CoreDeps, reportId: string, files: readonly IncomingFile[]): Promise<Attachment[]> {
  for (const file of files) assertWithinLimit(deps, file.content.length, file.field);
  const store = attachmentStoreOf(deps);
  const attachments: Attachment[] = [];
  for (const [i, file] of files.entries()) {
    const stored = await store.put(reportId, file.content);
    attachments.push({
      sha256: stored.sha256,
      filename: safeFilename(file.filename, `vedlegg-${i + 1}`),
      size: stored.size,
      contentType: sniffContentType(file.content),
      ...(file.declaredType ? { declaredType: file.declaredType.slice(0, 200) } : {}),
      extraction: { status: 'pending' },
    });
  }
  return attachments;
}

/** Stores an original message (an imported .eml) byte for byte. */
export async function storeOriginal(deps: CoreDeps, reportId: string, raw: Buffer, messageId?: string): Promise<OriginalMessage> {
  const stored = await attachmentStoreOf(deps).put(reportId, raw);
  return { sha256: stored.sha256, size: stored.size, contentType: MESSAGE_RFC822, ...(messageId ? { messageId: messageId.slice(0, 500) } : {}) };
}

/** Drops what an intake stored for a report that was not created after all; a failure here only over-retains. */
export async function releaseQuietly(deps: CoreDeps, reportId: string): Promise<void> {
  try {
    await deps.attachments?.release(reportId);
  } catch {
    // The references stay; the content is kept rather than lost.
  }
}

/** What a reader is shown of a report's files: the attachments and the original message, if any. */
export interface ReportFiles {
  attachments: Attachment[];
  original?: OriginalMessage;
}

type FileAction = 'report.attachments.listed' | 'report.attachment.read' | 'report.original.read';

/** Reads a report for a file action under the user's access, auditing the attempt whatever its outcome. */
async function reportForFiles(deps: CoreDeps, user: User, reportId: string, action: FileAction, details: Record<string, unknown>): Promise<{ report: Report; masked: boolean }> {
  const readAccess = await readAccessFor(deps, user);
  const report = await deps.store.get(reportId, readAccess.access);
  const found =
    action === 'report.attachments.listed'
      ? report !== undefined
      : action === 'report.original.read'
        ? report?.original !== undefined
        : report?.attachments?.some((a) => a.sha256 === details['sha256']) === true;
  const refused = found && readAccess.masked && action !== 'report.attachments.listed';
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action,
    subjectId: reportId,
    details: { ...details, outcome: !found ? 'not_found' : refused ? 'refused' : 'shown', ...(readAccess.masked ? { masked: true } : {}) },
  });
  if (!report) throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
  if (!found) throw new DomainError('NOT_FOUND', action === 'report.original.read' ? 'Rapporten har ingen originalmelding' : 'Vedlegget finnes ikke');
  if (refused) {
    // File content cannot be masked: a reader who sees personal data masked may not fetch it.
    throw new DomainError('PERSONAL_DATA_NEED_REQUIRED', 'Filen kan inneholde personopplysninger; du har ikke behov for personopplysninger');
  }
  return { report, masked: readAccess.masked };
}

/** A report's attachments and original message as the user may see them (names masked for masked readers); audited. */
export async function listReportFiles(deps: CoreDeps, user: User, reportId: string): Promise<ReportFiles> {
  const { report, masked } = await reportForFiles(deps, user, reportId, 'report.attachments.listed', {});
  const attachments = (report.attachments ?? []).map((a) => (masked ? { ...a, filename: maskPersonalData(a.filename) } : a));
  return { attachments, ...(report.original ? { original: report.original } : {}) };
}

/** One attachment's content for download, if the user may read the report (404 otherwise); audited. */
export async function readReportAttachment(deps: CoreDeps, user: User, reportId: string, sha256: string): Promise<{ attachment: Attachment; content: Buffer }> {
  const { report } = await reportForFiles(deps, user, reportId, 'report.attachment.read', { sha256 });
  const attachment = report.attachments?.find((a) => a.sha256 === sha256);
  const content = attachment ? await attachmentStoreOf(deps).get(sha256) : undefined;
  if (!attachment || !content) throw new DomainError('NOT_FOUND', 'Vedlegget finnes ikke');
  return { attachment, content };
}

/** The original message byte for byte, if the user may read the report (404 otherwise); audited. */
export async function readOriginalMessage(deps: CoreDeps, user: User, reportId: string): Promise<{ original: OriginalMessage; content: Buffer; filename: string }> {
  const { report } = await reportForFiles(deps, user, reportId, 'report.original.read', {});
  const original = report.original;
  const content = original ? await attachmentStoreOf(deps).get(original.sha256) : undefined;
  if (!original || !content) throw new DomainError('NOT_FOUND', 'Rapporten har ingen originalmelding');
  return { original, content, filename: `${report.id}.eml` };
}
