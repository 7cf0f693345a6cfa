import type { ParsedAddress, ParsedEmail, ParsedEmailAttachment } from '@mottak/core';
import { type AddressObject, simpleParser } from 'mailparser';

function addresses(field: AddressObject | AddressObject[] | undefined): ParsedAddress[] {
  const objects = field === undefined ? [] : Array.isArray(field) ? field : [field];
  return objects.flatMap((object) =>
    object.value.flatMap((entry) => [entry, ...(entry.group ?? [])]).filter((entry) => entry.address || entry.name).map((entry) => ({
      ...(entry.name ? { name: entry.name } : {}),
      ...(entry.address ? { address: entry.address } : {}),
    })),
  );
}

/**
 * A reading of a message mailparser could not parse: header lines up to the first empty line,
 * the rest as text, so that a damaged message is still kept as received.
 */
export function fallbackParse(raw: Uint8Array): ParsedEmail {
  const text = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  const head = end < 0 ? text : text.slice(0, end);
  const lines = head.split(/\r?\n/).filter((line) => /^[!-9;-~]+:/.test(line));
  const header = (name: string) => lines.find((line) => line.toLowerCase().startsWith(`${name}:`))?.slice(name.length + 1).trim();
  const subject = header('subject');
  const from = header('from');
  return {
    headerCount: lines.length,
    ...(subject ? { subject } : {}),
    ...(from ? { from: { name: from } } : {}),
    to: [],
    text: end < 0 ? '' : text.slice(end).trim(),
    attachments: [],
  };
}

/**
 * Parses an e-mail message with mailparser (MIME multipart, quoted-printable and base64, charsets,
 * RFC 2047 encoded words). Every attachment is kept, inline images and forwarded messages
 * (message/rfc822) included. Input mailparser gives up on is read by `fallbackParse` instead.
 */
export async function parseEmailMessage(raw: Uint8Array): Promise<ParsedEmail> {
  const input = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  let parsed;
  try {
    parsed = await simpleParser(input, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true, keepCidLinks: true });
  } catch {
    return fallbackParse(raw);
  }
  const from = addresses(parsed.from)[0];
  const date = parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : undefined;
  const attachments: ParsedEmailAttachment[] = parsed.attachments.map((attachment) => ({
    ...(attachment.filename ? { filename: attachment.filename } : {}),
    ...(attachment.contentType ? { declaredType: attachment.contentType } : {}),
    content: attachment.content,
  }));
  return {
    // mailparser keeps any line before the first empty one as a "header"; only `Name: value` counts.
    headerCount: parsed.headerLines.filter((header) => /^[!-9;-~]+:/.test(header.line)).length,
    ...(parsed.subject ? { subject: parsed.subject } : {}),
    ...(from ? { from } : {}),
    to: addresses(parsed.to),
    ...(date ? { date } : {}),
    ...(parsed.messageId ? { messageId: parsed.messageId } : {}),
    ...(parsed.text ? { text: parsed.text } : {}),
    ...(typeof parsed.html === 'string' && parsed.html ? { html: parsed.html } : {}),
    attachments,
  };
}
