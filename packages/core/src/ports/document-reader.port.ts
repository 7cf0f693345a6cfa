import type { StoredExtraction } from './attachment-store.port';

/** One attachment of a parsed e-mail, with the sender's declared type and name. */
export interface ParsedEmailAttachment {
  filename?: string;
  declaredType?: string;
  content: Buffer;
}

/** An address as written in a header. */
export interface ParsedAddress {
  name?: string;
  address?: string;
}

/** An e-mail message, decoded (transfer encodings, charsets and encoded words undone). */
export interface ParsedEmail {
  /** Number of header fields found: 0 means the input is not a message at all. */
  headerCount: number;
  subject?: string;
  from?: ParsedAddress;
  to: ParsedAddress[];
  date?: string;
  messageId?: string;
  /** The plain-text part, if the message has one. */
  text?: string;
  /** The HTML part, if any (turned into text by the core when there is no plain text). */
  html?: string;
  /** Attachments, messages forwarded as attachments (message/rfc822) included as they are. */
  attachments: ParsedEmailAttachment[];
}

/**
 * Reads documents whose formats need a library: e-mail messages (MIME) and the text of PDF, DOCX
 * and other attachments. Implemented by an adapter so the core stays free of parsers.
 */
export interface DocumentReader {
  /** Parses a message; never throws for malformed input (a best-effort reading is returned). */
  parseEmail(raw: Uint8Array): Promise<ParsedEmail>;
  /**
   * The text of `content`, sniffed as `contentType`. Expected failures (encrypted, damaged, no
   * text in this format) are results, not exceptions; only a failure of the machine itself throws.
   */
  extractText(content: Uint8Array, contentType: string): Promise<StoredExtraction>;
}
