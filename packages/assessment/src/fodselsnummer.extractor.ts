import type { Entity } from '@mottak/domain';
import { entityAt, type Extractor } from './extractor';
import { isValidDNummer, isValidFodselsnummer } from './fodselsnummer.validator';
import { isIsolatedNumber } from './text-boundaries';

/**
 * 11 digits, or `DDMMYY NNNNN` with one space. Bounded quantifiers and digit look-arounds only, so
 * the scan is linear and never matches inside a longer digit run.
 */
const CANDIDATE = /(?<![0-9])(?:[0-9]{6} [0-9]{5}|[0-9]{11})(?![0-9])/g;

/** Fødselsnummer and D-nummer; look-alikes failing date, century or checksum are not reported. */
export const fodselsnummerExtractor: Extractor = {
  types: ['fodselsnummer', 'd-nummer'],
  blockedBy: [],
  extract(text: string): Entity[] {
    const found: Entity[] = [];
    for (const match of text.matchAll(CANDIDATE)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!isIsolatedNumber(text, start, end)) continue;
      const digits = match[0].replace(' ', '');
      if (isValidFodselsnummer(digits)) found.push(entityAt(text, 'fodselsnummer', start, end, digits));
      else if (isValidDNummer(digits)) found.push(entityAt(text, 'd-nummer', start, end, digits));
    }
    return found;
  },
};
