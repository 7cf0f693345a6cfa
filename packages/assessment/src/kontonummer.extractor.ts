import type { Entity, PossibleIdentifier } from '@mottak/domain';
import { isValidKontonummer } from './checksums';
import { entityAt, type Extractor, rejectAt } from './extractor';
import type { SpanIndex } from './span-index';
import { followsPlusSign, isIsolatedNumber } from './text-boundaries';

/** `1234.56.78903`, `1234 56 78903` or 11 bare digits; the backreference keeps the separator consistent. */
const CANDIDATE = /(?<![0-9])[0-9]{4}([. ]?)[0-9]{2}\1[0-9]{5}(?![0-9])/g;

/**
 * Norwegian kontonummer (11 digits, mod-11). Eleven bare digits that are also a valid fødselsnummer
 * are taken by the fødselsnummer extractor (it runs first and blocks this one): a national identity
 * number is the more specific reading. Grouped look-alikes that fail the checksum are possible identifiers.
 */
export const kontonummerExtractor: Extractor = {
  types: ['kontonummer'],
  blockedBy: ['iban', 'fodselsnummer', 'd-nummer', 'h-nummer'],
  extract(text: string, _blocked?: SpanIndex, rejected?: PossibleIdentifier[]): Entity[] {
    const found: Entity[] = [];
    for (const match of text.matchAll(CANDIDATE)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!isIsolatedNumber(text, start, end) || followsPlusSign(text, start)) continue;
      const digits = match[0].replace(/[. ]/g, '');
      if (isValidKontonummer(digits)) found.push(entityAt(text, 'kontonummer', start, end, digits));
      // Bare 11-digit failures are left to the fødselsnummer extractor; only the account-number layout is telling.
      else if (match[1] !== '') rejected?.push(rejectAt(text, 'kontonummer', start, end, 'kontrollsifferet stemmer ikke (mod 11)'));
    }
    return found;
  },
};
