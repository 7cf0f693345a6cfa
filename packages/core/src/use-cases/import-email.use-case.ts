import { DomainError, MAX_BODY_LENGTH, MAX_TITLE_LENGTH, reporterContactSchema, type ReporterContact } from '@mottak/domain';
import { emailAsText, emailBodyText } from '../attachments/email-content';
import { MESSAGE_RFC822, sniffContentType } from '../attachments/sniff-content-type';
import type { CoreDeps } from '../deps';
import type { ParsedEmail, ParsedEmailAttachment } from '../ports';
import { actorName, type Principal } from '../principal';
import { assertWithinLimit, documentReaderOf, type IncomingFile, sha256Hex } from './attachments.use-case';
import { assertChannelAllowed, type ReceiveResult, receiveWithFiles } from './receive-report.use-case';

/** Messages forwarded as attachments are read this deep (a message in a message in a message…). */
const MAX_FORWARD_DEPTH = 3;
/** Only the start of a message is checked for NUL bytes: a binary file is not a message. */
const BINARY_PROBE_BYTES = 8192;
export const EMAIL_NO_SUBJECT = '(uten emne)';
export const EMAIL_NO_TEXT = '(meldingen har ingen tekst)';
export const EMAIL_TRUNCATED_NOTE = '\n\n[… teksten er forkortet her; hele meldingen er lagret som original]';

/** A forwarded message found as an attachment, and what it carried. */
interface ForwardedMessage {
  depth: number;
  email: ParsedEmail;
}

/** The report a message becomes: title, body, sender and files. */
export interface EmailReportContent {
  title: string;
  body: string;
  reporterContact?: ReporterContact;
  files: IncomingFile[];
  messageId?: string;
}

function cut(text: string, max: number, note = '…'): string {
  return text.length <= max ? text : text.slice(0, max - note.length) + note;
}

/** The sender as reporter contact, where the header holds a usable name or address. */
function senderContact(email: ParsedEmail): ReporterContact | undefined {
  const candidate = {
    ...(email.from?.name?.trim() ? { name: cut(email.from.name.trim(), 200) } : {}),
    ...(email.from?.address ? { email: email.from.address.trim().toLowerCase() } : {}),
  };
  const parsed = reporterContactSchema.safeParse(candidate);
  if (parsed.success && Object.keys(parsed.data).length > 0) return parsed.data;
  const nameOnly = reporterContactSchema.safeParse({ ...(candidate.name ? { name: candidate.name } : {}) });
  return nameOnly.success && nameOnly.data.name ? nameOnly.data : undefined;
}

function isMessage(attachment: ParsedEmailAttachment): boolean {
  return attachment.declaredType?.toLowerCase() === MESSAGE_RFC822 || sniffContentType(attachment.content) === MESSAGE_RFC822;
}

function filesOf(attachments: readonly ParsedEmailAttachment[], first: number): IncomingFile[] {
  return attachments.map((attachment, i) => ({
    filename: attachment.filename ?? `vedlegg-${first + i + 1}${isMessage(attachment) ? '.eml' : ''}`,
    content: attachment.content,
    ...(attachment.declaredType ? { declaredType: attachment.declaredType } : {}),
    field: 'body',
  }));
}

/**
 * Turns a parsed message into a report's content. Inline forwards are part of the text already;
 * messages forwarded as attachments (message/rfc822) are read too: their text is added under a
 * «Videresendt melding» line and their own attachments become the report's, while the forwarded
 * message itself stays an attachment as it came. Title and body are cut to the report's limits
 * (the original keeps everything).
 */
export async function emailReportContent(deps: CoreDeps, email: ParsedEmail): Promise<EmailReportContent> {
  const reader = documentReaderOf(deps);
  const files = filesOf(email.attachments, 0);
  const forwarded: ForwardedMessage[] = [];
  const queue: ForwardedMessage[] = [{ depth: 0, email }];
  while (queue.length > 0) {
    const current = queue.shift() as ForwardedMessage;
    if (current.depth >= MAX_FORWARD_DEPTH) continue;
    for (const attachment of current.email.attachments) {
      if (!isMessage(attachment)) continue;
      const inner = await reader.parseEmail(attachment.content);
      if (inner.headerCount === 0) continue;
      const next = { depth: current.depth + 1, email: inner };
      forwarded.push(next);
      queue.push(next);
      files.push(...filesOf(inner.attachments, files.length));
    }
  }
  const sections = [emailBodyText(email), ...forwarded.map((f) => `---------- Videresendt melding (vedlegg) ----------\n${emailAsText(f.email)}`)];
  const text = sections.filter((section) => section.trim() !== '').join('\n\n').trim();
  const subject = (email.subject ?? '').replace(/\s+/g, ' ').trim();
  const contact = senderContact(email);
  return {
    title: subject ? cut(subject, MAX_TITLE_LENGTH) : EMAIL_NO_SUBJECT,
    body: text ? cut(text, MAX_BODY_LENGTH, EMAIL_TRUNCATED_NOTE) : EMAIL_NO_TEXT,
    ...(contact ? { reporterContact: contact } : {}),
    files,
    ...(email.messageId ? { messageId: email.messageId } : {}),
  };
}

/**
 * Imports an e-mail message (.eml) as a report of channel `e-post`: the message is kept byte for
 * byte as the report's original, its attachments (and those of forwarded messages) are stored by
 * SHA-256, and the worker's assessment extracts their text later. Input that is not a message at
 * all (empty, binary, no header) is refused with EMAIL_INVALID; a damaged message is kept as well
 * as it can be read. Importing the same bytes again returns the first report (`replayed`).
 */
export async function importEmail(deps: CoreDeps, principal: Principal, raw: Buffer): Promise<ReceiveResult> {
  assertChannelAllowed(principal, 'e-post');
  if (raw.length === 0) throw new DomainError('EMAIL_INVALID', 'Meldingen er tom', { field: 'body' });
  assertWithinLimit(deps, raw.length, 'body');
  if (raw.subarray(0, BINARY_PROBE_BYTES).includes(0)) {
    throw new DomainError('EMAIL_INVALID', 'Innholdet er binært og ikke en e-postmelding', { field: 'body' });
  }
  const email = await documentReaderOf(deps).parseEmail(raw);
  if (email.headerCount === 0) throw new DomainError('EMAIL_INVALID', 'Fant ingen meldingshoder; dette er ikke en e-postmelding (.eml)', { field: 'body' });
  const content = await emailReportContent(deps, email);
  const digest = sha256Hex(raw);
  return receiveWithFiles(
    deps,
    principal,
    {
      channel: 'e-post',
      title: content.title,
      body: content.body,
      ...(content.reporterContact ? { reporterContact: content.reporterContact } : {}),
    },
    content.files,
    {
      // The same message imported twice is one report: the digest of its bytes is the key.
      idempotency: { scope: actorName(principal), key: `eml:${digest}`, requestHash: digest },
      original: { raw, ...(content.messageId ? { messageId: content.messageId } : {}) },
    },
  );
}
