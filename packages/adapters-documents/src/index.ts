export { createDocumentReader } from './document-reader';
export { parseEmailMessage, fallbackParse } from './email-parser';
export { pdfText, MAX_PDF_PAGES } from './pdf-text';
export { docxText } from './docx-text';
