import { htmlToText } from '@mottak/assessment';
import type { ParsedAddress, ParsedEmail } from '../ports';

/** `Navn <adresse>`, or whichever of the two there is. */
export function formatAddress(address: ParsedAddress | undefined): string {
  if (!address) return '';
  if (address.name && address.address) return `${address.name} <${address.address}>`;
  return address.name ?? address.address ?? '';
}

/** The readable text of a message: its plain-text part, or its HTML part as text. */
export function emailBodyText(email: ParsedEmail): string {
  const text = email.text?.replace(/\r\n?/g, '\n').trim();
  if (text) return text;
  return email.html ? htmlToText(email.html) : '';
}

/** A message as text with its header lines first, as a forwarded message reads. */
export function emailAsText(email: ParsedEmail): string {
  const header = [
    ['Fra', formatAddress(email.from)],
    ['Til', email.to.map(formatAddress).filter(Boolean).join(', ')],
    ['Dato', email.date ?? ''],
    ['Emne', email.subject ?? ''],
  ]
    .filter(([, value]) => value !== '')
    .map(([name, value]) => `${name}: ${value}`);
  const body = emailBodyText(email);
  return [...header, ...(header.length > 0 && body ? [''] : []), body].join('\n').trim();
}
