import { DomainError } from './errors';

/** A journal number `YYYY/NNNNNN`: sequential per year and gap-free. */
export interface JournalNumber {
  readonly year: number;
  readonly sequence: number;
}

const JOURNAL_NUMBER_PATTERN = /^(\d{4})\/(\d{6})$/;

/** Formats a journal number as users and auditors read it, e.g. `2026/000123`. */
export function formatJournalNumber(journalNumber: JournalNumber): string {
  if (journalNumber.sequence < 1 || journalNumber.sequence > 999_999) {
    throw new DomainError('JOURNAL_NUMBER_OUT_OF_RANGE', `Løpenummer ${journalNumber.sequence} er utenfor 1–999999`);
  }
  return `${journalNumber.year}/${String(journalNumber.sequence).padStart(6, '0')}`;
}

/** Parses `YYYY/NNNNNN`; throws VALIDATION_FAILED for anything else. */
export function parseJournalNumber(text: string): JournalNumber {
  const match = JOURNAL_NUMBER_PATTERN.exec(text);
  if (!match) throw new DomainError('VALIDATION_FAILED', `Ugyldig journalnummer: ${text}`);
  return { year: Number(match[1]), sequence: Number(match[2]) };
}
