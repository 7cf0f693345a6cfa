import type { Entity, PossibleIdentifier } from '@mottak/domain';
import { ibanMod97Valid } from './checksums';
import { entityAt, type Extractor, rejectAt } from './extractor';
import type { SpanIndex } from './span-index';
import { charAt, isWordChar } from './text-boundaries';

/** IBAN length per country (SWIFT IBAN registry). Unknown country codes are not IBANs. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AL: 28, AT: 20, AZ: 28, BA: 20, BE: 16, BG: 22, BH: 22, BI: 27, BR: 29, BY: 28,
  CH: 21, CR: 22, CY: 28, CZ: 24, DE: 22, DJ: 27, DK: 18, DO: 28, EE: 20, EG: 29, ES: 24, FI: 18,
  FK: 18, FO: 18, FR: 27, GB: 22, GE: 22, GI: 23, GL: 18, GR: 27, GT: 28, HR: 21, HU: 28, IE: 22,
  IL: 23, IQ: 23, IS: 26, IT: 27, JO: 30, KW: 30, KZ: 20, LB: 28, LC: 32, LI: 21, LT: 20, LU: 20,
  LV: 21, LY: 25, MC: 27, MD: 24, ME: 22, MK: 19, MN: 20, MR: 27, MT: 31, MU: 30, NI: 28, NL: 18,
  NO: 15, OM: 23, PK: 24, PL: 28, PS: 29, PT: 25, QA: 29, RO: 24, RS: 22, RU: 33, SA: 24, SC: 31,
  SD: 18, SE: 24, SI: 19, SK: 24, SM: 27, SO: 23, ST: 25, SV: 28, TL: 23, TN: 24, TR: 26, UA: 29,
  VA: 22, VG: 24, XK: 20, YE: 30,
};

/** Country code and check digits at a word start; the rest is walked in code (linear). */
const START = /(?<![\p{L}\p{N}_])[A-Z]{2}[0-9]{2}/gu;
const ALNUM = /[A-Z0-9]/;

/**
 * End offset of an IBAN of `length` compact characters starting at `start`, allowing one space
 * before each group of four (the printed form `NO93 8601 1117 947`), or undefined.
 */
function ibanEnd(text: string, start: number, length: number): number | undefined {
  let i = start;
  let count = 0;
  while (count < length) {
    if (count > 0 && count % 4 === 0 && text[i] === ' ' && ALNUM.test(text[i + 1] ?? '')) i++;
    if (!ALNUM.test(text[i] ?? '')) return undefined;
    i++;
    count++;
  }
  return i;
}

/**
 * IBANs of any country (upper case, compact or in groups of four): known country code and length,
 * then mod-97. The value is the compact form. Right length but wrong check digits: possible identifier.
 */
export const ibanExtractor: Extractor = {
  types: ['iban'],
  blockedBy: [],
  extract(text: string, _blocked?: SpanIndex, rejected?: PossibleIdentifier[]): Entity[] {
    const found: Entity[] = [];
    let skipUntil = 0;
    for (const match of text.matchAll(START)) {
      const start = match.index;
      if (start < skipUntil) continue;
      const length = IBAN_LENGTHS[match[0].slice(0, 2)];
      if (length === undefined) continue;
      const end = ibanEnd(text, start, length);
      if (end === undefined || isWordChar(charAt(text, end))) continue;
      const raw = text.slice(start, end);
      const compact = raw.replace(/ /g, '');
      if (ibanMod97Valid(compact)) found.push(entityAt(text, 'iban', start, end, compact));
      else rejected?.push(rejectAt(text, 'iban', start, end, 'kontrollsifrene stemmer ikke (mod 97)'));
      skipUntil = end;
    }
    return found;
  },
};
