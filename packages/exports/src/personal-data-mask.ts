import type { Report } from '@mottak/domain';

/** What masked personal data is replaced with. */
export const MASK = '[maskert]';

/** Entity types that identify persons (or their accounts, cards, cars): never shared when masking is on. */
export const PERSONAL_ENTITY_TYPES: readonly string[] = [
  'fodselsnummer',
  'd-nummer',
  'h-nummer',
  'phone',
  'email',
  'kontonummer',
  'iban',
  'betalingskort',
  'kjennemerke',
];

/**
 * Fallback patterns, applied after the assessment's own entities: national identity numbers
 * (any 11-digit run, valid or not), e-mail addresses and phone numbers (+country code, or eight
 * digits in Norwegian groupings). They over-mask rather than under-mask.
 */
const FALLBACKS: readonly RegExp[] = [
  /(?<![0-9])(?:[0-9]{6} ?[0-9]{5})(?![0-9])/g,
  /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}/gi,
  /(?<![\w+])(?:\+|00)[1-9][0-9]{0,2}(?:[ -]?[0-9]){6,12}(?![0-9])/g,
  /(?<![\w.:/-])[2-9][0-9]{2} ?[0-9]{2} ?[0-9]{3}(?![\w.:/-])|(?<![\w.:/-])[2-9][0-9] ?[0-9]{2} ?[0-9]{2} ?[0-9]{2}(?![\w.:/-])/g,
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A pattern for a literal as written, tolerant of different whitespace (entities come from normalised text). */
function literalPattern(literal: string): RegExp {
  return new RegExp(literal.trim().split(/\s+/).map(escapeRegExp).join('\\s+'), 'gi');
}

/**
 * `text` with the report's personal identifiers replaced by [maskert]: the identity numbers,
 * phones and e-mail addresses the assessment extracted, the reporter's own contact details, and
 * anything the fallback patterns catch.
 */
export function maskPersonalData(text: string, report: Report): string {
  const literals = new Set<string>();
  for (const entity of report.assessment?.entities ?? []) {
    if (!PERSONAL_ENTITY_TYPES.includes(entity.type)) continue;
    literals.add(entity.raw);
    literals.add(entity.value);
  }
  const contact = report.reporterContact;
  for (const value of [contact?.name, contact?.email, contact?.phone]) if (value) literals.add(value);
  let masked = text;
  // Longest first, so a value containing another is replaced whole.
  for (const literal of [...literals].filter((l) => l.trim().length >= 3).sort((a, b) => b.length - a.length)) {
    masked = masked.replace(literalPattern(literal), MASK);
  }
  for (const pattern of FALLBACKS) masked = masked.replace(pattern, MASK);
  return masked;
}
