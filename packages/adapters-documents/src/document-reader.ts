import { baseContentType, DOCX_TYPE, type DocumentReader, type StoredExtraction } from '@mottak/core';
import { docxText } from './docx-text';
import { parseEmailMessage } from './email-parser';
import { pdfText } from './pdf-text';

/** The DocumentReader of every profile: mailparser for messages, pdf.js for PDF, mammoth for DOCX. */
export function createDocumentReader(): DocumentReader {
  return {
    parseEmail: parseEmailMessage,
    async extractText(content: Uint8Array, contentType: string): Promise<StoredExtraction> {
      const type = baseContentType(contentType);
      if (type === 'application/pdf') return pdfText(content);
      if (type === DOCX_TYPE) return docxText(content);
      return { status: 'failed', failure: 'unsupported', reason: `Tekst hentes ikke ut av ${type}` };
    },
  };
}
