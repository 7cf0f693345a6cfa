import type { StoredExtraction } from '@mottak/core';
import { MAX_EXTRACTED_TEXT_LENGTH } from '@mottak/domain';
import mammoth from 'mammoth';

/** The text of a Word document (DOCX) with mammoth; a damaged file is a `failed` result with the reason. */
export async function docxText(content: Uint8Array): Promise<StoredExtraction> {
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(content.buffer, content.byteOffset, content.byteLength) });
    const text = result.value.replace(/\n{3,}/g, '\n\n').trim();
    if (text === '') return { status: 'failed', failure: 'empty', reason: 'Dokumentet har ingen tekst' };
    const truncated = text.length > MAX_EXTRACTED_TEXT_LENGTH;
    return { status: 'extracted', text: truncated ? text.slice(0, MAX_EXTRACTED_TEXT_LENGTH) : text, truncated };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { status: 'failed', failure: 'corrupt', reason: `Word-dokumentet kan ikke leses (${detail.slice(0, 200)})` };
  }
}
