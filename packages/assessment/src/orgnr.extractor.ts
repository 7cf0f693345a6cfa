import type { Entity, PossibleIdentifier } from '@mottak/domain';
import { isValidOrgnr } from './checksums';
import { entityAt, type Extractor, rejectAt } from './extractor';
import type { SpanIndex } from './span-index';
import { charAt, charBefore, followsPlusSign, isDigit, isIsolatedNumber, isWordChar } from './text-boundaries';

/** Nine digits, bare or in three groups of three separated by single spaces (the backreference keeps the grouping consistent). */
const CANDIDATE = /(?<![0-9])[0-9]{3}( ?)[0-9]{3}\1[0-9]{3}(?![0-9])/g;

/** Extends the span over a VAT prefix `NO` / `NO ` and suffix `MVA` / ` MVA` ("NO 923 609 016 MVA"). */
function vatBounds(text: string, start: number, end: number): [number, number] {
  let s = start;
  if (text.slice(start - 3, start) === 'NO ') s = start - 3;
  else if (text.slice(start - 2, start) === 'NO') s = start - 2;
  let e = end;
  if (text.slice(end, end + 4) === ' MVA') e = end + 4;
  else if (text.slice(end, end + 3) === 'MVA') e = end + 3;
  return [s, e];
}

/** True when a spaced candidate is only part of a longer grouped number ("1 923 609 016", an amount). */
function partOfGroupedNumber(text: string, start: number, end: number): boolean {
  const before = text[start - 1] === ' ' && isDigit(text[start - 2]);
  const after = text[end] === ' ' && /^[0-9]{3}(?![0-9])/.test(text.slice(end + 1, end + 5));
  return before || after;
}

/**
 * Organisasjonsnummer (9 digits starting with 8 or 9, mod-11): `923609016`, `923 609 016`,
 * `NO 923 609 016 MVA` (the span then includes NO and MVA). Nine-digit numbers starting with 8/9 that
 * fail the checksum, and any VAT-form number that fails, are listed as possible identifiers.
 */
export const orgnrExtractor: Extractor = {
  types: ['orgnr'],
  blockedBy: ['iban'],
  extract(text: string, _blocked?: SpanIndex, rejected?: PossibleIdentifier[]): Entity[] {
    const found: Entity[] = [];
    for (const match of text.matchAll(CANDIDATE)) {
      const numberStart = match.index;
      const numberEnd = numberStart + match[0].length;
      const [start, end] = vatBounds(text, numberStart, numberEnd);
      const vatForm = start !== numberStart || end !== numberEnd;
      if (isWordChar(charBefore(text, start)) || isWordChar(charAt(text, end))) continue;
      if (!vatForm && (!isIsolatedNumber(text, start, end) || followsPlusSign(text, start))) continue;
      if (match[1] === ' ' && !vatForm && partOfGroupedNumber(text, start, end)) continue;
      const digits = match[0].replace(/ /g, '');
      if (isValidOrgnr(digits)) {
        found.push(entityAt(text, 'orgnr', start, end, digits));
      } else if (vatForm || digits.startsWith('8') || digits.startsWith('9')) {
        const reason = /^[89]/.test(digits) ? 'kontrollsifferet stemmer ikke (mod 11)' : 'organisasjonsnummer begynner med 8 eller 9';
        rejected?.push(rejectAt(text, 'orgnr', start, end, reason));
      }
    }
    return found;
  },
};
