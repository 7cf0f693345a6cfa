import { htmlToText } from '@mottak/assessment';
import { MAX_EXTRACTED_TEXT_LENGTH } from '@mottak/domain';
import type { DocumentReader, StoredExtraction } from '../ports';
import { baseContentType, CFB_TYPE } from './sniff-content-type';
import { emailAsText } from './email-content';

/** Types whose text a DocumentReader adapter extracts (formats that need a library). */
const READER_TYPES = new Set([
  'application/pdf',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
]);

/** The bytes as text in the charset the sniffer found (UTF-8, or Windows-1252 for other 8-bit text). */
export function decodeText(content: Uint8Array, contentType: string): string {
  const charset = /charset=([^;\s]+)/i.exec(contentType)?.[1]?.toLowerCase() ?? 'utf-8';
  const decoder = new TextDecoder(charset === 'utf-8' ? 'utf-8' : 'windows-1252');
  return decoder.decode(content).replace(/^\uFEFF/, '');
}

/** A found text, cut at MAX_EXTRACTED_TEXT_LENGTH; empty text is a failure (nothing to assess). */
export function extractedText(text: string): StoredExtraction {
  const trimmed = text.trim();
  if (trimmed === '') return { status: 'failed', failure: 'empty', reason: 'Fant ingen tekst i vedlegget' };
  const truncated = trimmed.length > MAX_EXTRACTED_TEXT_LENGTH;
  return { status: 'extracted', text: truncated ? trimmed.slice(0, MAX_EXTRACTED_TEXT_LENGTH) : trimmed, truncated };
}

/** Password-protected Office files are OLE2 containers holding an `EncryptedPackage` stream. */
function isEncryptedOffice(content: Uint8Array): boolean {
  const marker = Buffer.from('EncryptedPackage', 'utf16le');
  return Buffer.from(content.buffer, content.byteOffset, content.byteLength).includes(marker);
}

/**
 * The text of one attachment, by its sniffed type: plain text and HTML here, an e-mail message
 * (a forwarded one) through the reader's MIME parser, PDF and DOCX by the reader. Formats without
 * text (images, archives, unknown binaries) and unreadable files are `failed` with a reason: the
 * attachment is kept and flagged, never dropped.
 */
export async function extractAttachmentText(reader: DocumentReader | undefined, content: Uint8Array, contentType: string): Promise<StoredExtraction> {
  const type = baseContentType(contentType);
  if (type === 'text/plain') return extractedText(decodeText(content, contentType));
  if (type === 'text/html') return extractedText(htmlToText(decodeText(content, contentType)));
  if (type.startsWith('image/')) return { status: 'failed', failure: 'unsupported', reason: 'Bilde: tekst hentes ikke ut (ingen tekstgjenkjenning)' };
  if (type === CFB_TYPE) {
    return isEncryptedOffice(content)
      ? { status: 'failed', failure: 'encrypted', reason: 'Passordbeskyttet Office-dokument' }
      : { status: 'failed', failure: 'unsupported', reason: 'Eldre Office-format (.doc/.xls) støttes ikke' };
  }
  if (!reader) return { status: 'failed', failure: 'unsupported', reason: 'Ingen tekstuttrekking er satt opp' };
  if (type === 'message/rfc822') return extractedText(emailAsText(await reader.parseEmail(content)));
  if (READER_TYPES.has(type)) return reader.extractText(content, type);
  return { status: 'failed', failure: 'unsupported', reason: `Ukjent eller binært format (${type}): ingen tekst hentet ut` };
}
