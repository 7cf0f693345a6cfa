/** Media types Mottak recognises by their content; anything else is `application/octet-stream`. */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PPTX_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
export const OCTET_STREAM = 'application/octet-stream';
export const TEXT_PLAIN = 'text/plain; charset=utf-8';
export const TEXT_PLAIN_LATIN1 = 'text/plain; charset=windows-1252';
export const TEXT_HTML = 'text/html; charset=utf-8';
export const MESSAGE_RFC822 = 'message/rfc822';
/** An OLE2 compound file (old Word/Excel, and password-protected Office files). */
export const CFB_TYPE = 'application/x-cfb';

/** How much of the content is looked at for text detection and zip member names. */
const SNIFF_WINDOW = 64 * 1024;

interface Magic {
  type: string;
  bytes: number[];
  offset?: number;
}

const MAGIC: readonly Magic[] = [
  { type: 'application/pdf', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { type: 'image/png', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { type: 'image/jpeg', bytes: [0xff, 0xd8, 0xff] },
  { type: 'image/gif', bytes: [0x47, 0x49, 0x46, 0x38] },
  { type: 'image/tiff', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { type: 'image/tiff', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { type: 'image/bmp', bytes: [0x42, 0x4d] },
  { type: 'application/gzip', bytes: [0x1f, 0x8b] },
  { type: 'application/x-7z-compressed', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { type: 'application/vnd.rar', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { type: CFB_TYPE, bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { type: 'application/x-executable', bytes: [0x7f, 0x45, 0x4c, 0x46] }, // ELF
  { type: 'application/x-msdownload', bytes: [0x4d, 0x5a] }, // MZ
  { type: 'audio/mpeg', bytes: [0x49, 0x44, 0x33] }, // ID3
  { type: 'video/mp4', bytes: [0x66, 0x74, 0x79, 0x70], offset: 4 }, // ....ftyp
];

function startsWith(content: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  if (content.length < offset + bytes.length) return false;
  return bytes.every((byte, i) => content[offset + i] === byte);
}

function latin1(content: Uint8Array, length: number): string {
  return Buffer.from(content.buffer, content.byteOffset, Math.min(length, content.length)).toString('latin1');
}

/**
 * Zip archives: Office Open XML by the names of its members, which stand uncompressed in the local
 * headers (early in the file) and in the central directory (at its end).
 */
function zipType(content: Uint8Array): string {
  const tail = content.subarray(Math.max(0, content.length - SNIFF_WINDOW));
  const head = latin1(content, 1024 * 1024) + latin1(tail, tail.length);
  if (head.includes('word/document.xml')) return DOCX_TYPE;
  if (head.includes('xl/workbook.xml')) return XLSX_TYPE;
  if (head.includes('ppt/presentation.xml')) return PPTX_TYPE;
  if (head.includes('mimetypeapplication/vnd.oasis.opendocument.text')) return 'application/vnd.oasis.opendocument.text';
  return 'application/zip';
}

/** True if the bytes are UTF-8 (a sequence cut at the end of the window counts as valid). */
function isUtf8(content: Uint8Array, cutAtEnd: boolean): boolean {
  let i = 0;
  while (i < content.length) {
    const byte = content[i] ?? 0;
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    if (length === 0) return false;
    if (i + length > content.length) return cutAtEnd;
    for (let k = 1; k < length; k += 1) {
      const next = content[i + k] ?? 0;
      if ((next & 0xc0) !== 0x80) return false;
    }
    i += length;
  }
  return true;
}

/** Text has no NUL and few control characters besides tab, line breaks and form feed. */
function looksLikeText(window: Uint8Array): boolean {
  let control = 0;
  for (const byte of window) {
    if (byte === 0) return false;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c && byte !== 0x1b) control += 1;
  }
  return control <= window.length / 100;
}

/** A message starts with header fields, among them one every message has. */
function looksLikeMessage(text: string): boolean {
  const head = text.slice(0, 8192).replace(/^\uFEFF/, '');
  const end = head.search(/\r?\n\r?\n/);
  const header = end < 0 ? head : head.slice(0, end);
  const lines = header.split(/\r?\n/).filter((line) => !/^[ \t]/.test(line));
  if (lines.length < 2 || !lines.every((line) => /^[!-9;-~]+:/.test(line))) return false;
  return lines.some((line) => /^(from|received|message-id|mime-version|return-path|delivered-to|date):/i.test(line));
}

/**
 * The media type of `content`, from its bytes alone (magic numbers, zip member names, UTF-8
 * validity), never from a file name or a declared type: what a download is served as and which
 * extractor runs both follow from it. Unknown binary content is `application/octet-stream`.
 */
export function sniffContentType(content: Uint8Array): string {
  for (const magic of MAGIC) if (startsWith(content, magic.bytes, magic.offset)) return magic.type;
  if (startsWith(content, [0x52, 0x49, 0x46, 0x46]) && latin1(content, 12).slice(8) === 'WEBP') return 'image/webp';
  if (startsWith(content, [0x50, 0x4b, 0x03, 0x04]) || startsWith(content, [0x50, 0x4b, 0x05, 0x06])) return zipType(content);
  if (content.length === 0) return OCTET_STREAM;
  const window = content.subarray(0, SNIFF_WINDOW);
  if (!looksLikeText(window)) return OCTET_STREAM;
  const utf8 = isUtf8(window, content.length > SNIFF_WINDOW);
  const text = utf8 ? Buffer.from(window).toString('utf8') : latin1(window, window.length);
  if (/^\uFEFF?\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text)) return utf8 ? TEXT_HTML : 'text/html; charset=windows-1252';
  if (looksLikeMessage(text)) return MESSAGE_RFC822;
  return utf8 ? TEXT_PLAIN : TEXT_PLAIN_LATIN1;
}

/** The media type without parameters (`text/plain; charset=utf-8` → `text/plain`). */
export function baseContentType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase();
}
