import type { StoredExtraction } from '@mottak/core';
import { MAX_EXTRACTED_TEXT_LENGTH } from '@mottak/domain';
type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.js');

let loaded: PdfJs | undefined;

/**
 * pdf.js, loaded on first use. The legacy build of pdfjs-dist 3 is CommonJS and runs in Node
 * without a worker thread (v4+ is ESM-only). While it loads it tries the optional `canvas` package
 * for rendering (which text extraction never needs) and prints warnings with console.log when that
 * is not built; those lines are kept out of the service's structured log.
 */
function pdfjs(): PdfJs {
  if (loaded) return loaded;
  /* eslint-disable no-console -- pdf.js writes its load-time warnings with console.log; silenced while it loads */
  const log = console.log;
  console.log = () => undefined;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = require('pdfjs-dist/legacy/build/pdf.js') as PdfJs;
  } finally {
    console.log = log;
  }
  /* eslint-enable no-console */
  return loaded;
}

/** Pages read at most; a longer document's text is cut (and marked truncated). */
export const MAX_PDF_PAGES = 1000;

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

/**
 * The text of a PDF with pdf.js. `isEvalSupported: false` keeps pdf.js from compiling font
 * programs to JavaScript (CVE-2024-4367), fonts are never loaded into a page, and nothing is
 * fetched. Encrypted (password-protected) and damaged files are `failed` results with the reason.
 */
export async function pdfText(content: Uint8Array): Promise<StoredExtraction> {
  // pdf.js takes over (detaches) the buffer it is given: give it a copy.
  const { getDocument, VerbosityLevel } = pdfjs();
  const task = getDocument({
    data: new Uint8Array(content),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: VerbosityLevel.ERRORS,
  });
  try {
    const document = await task.promise;
    const pages: string[] = [];
    let length = 0;
    let truncated = document.numPages > MAX_PDF_PAGES;
    for (let number = 1; number <= Math.min(document.numPages, MAX_PDF_PAGES); number += 1) {
      const page = await document.getPage(number);
      const textContent = await page.getTextContent();
      const text = (textContent.items as TextItemLike[]).map((item) => (item.str ?? '') + (item.hasEOL ? '\n' : '')).join('');
      page.cleanup();
      pages.push(text.trim());
      length += text.length;
      if (length > MAX_EXTRACTED_TEXT_LENGTH) {
        truncated = true;
        break;
      }
    }
    const text = pages.filter(Boolean).join('\n\n').trim();
    if (text === '') return { status: 'failed', failure: 'empty', reason: 'PDF-en har ingen tekst (kanskje et skannet bilde)' };
    return { status: 'extracted', text: text.slice(0, MAX_EXTRACTED_TEXT_LENGTH), truncated: truncated || text.length > MAX_EXTRACTED_TEXT_LENGTH };
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === 'PasswordException') return { status: 'failed', failure: 'encrypted', reason: 'PDF-en er passordbeskyttet' };
    const detail = error instanceof Error ? error.message : String(error);
    return { status: 'failed', failure: 'corrupt', reason: `PDF-en kan ikke leses (${detail.slice(0, 200)})` };
  } finally {
    await task.destroy().catch(() => undefined);
  }
}
