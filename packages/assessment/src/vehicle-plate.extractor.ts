import type { Entity } from '@mottak/domain';
import { entityAt, type Extractor } from './extractor';
import { charAt, charBefore, isDigit, isWordChar } from './text-boundaries';

/**
 * Two capital letters, an optional single space, then 4–5 digits not starting with 0 (`AB 12345`,
 * `EL12345`, `AB 1234`). Capitals only: in lower case "om 1500" or "nr 12345" would read as plates.
 */
const CANDIDATE = /(?<![\p{L}\p{N}_])([A-Z]{2}) ?([1-9][0-9]{3,4})(?![0-9])/gu;
/**
 * Two-letter words, abbreviations and units written in capitals before a number ("OR 2001" in a
 * search, "AS 1234", "KL 1430", "KM 1500") that are far likelier than a plate series.
 */
const NOT_SERIES = new Set(
  (
    'AM AN AS AT BE BY DO GO HE IF IN IS IT ME MY NO OF OK ON OR PM SO TO UP US WE ' +
    'AV DA DE DU EN ER ET HA JA OG OM SA SE VI ' +
    'CA CM EU FN ID KG KL KM KR MM NR PC TV UN'
  ).split(' '),
);

/**
 * Norwegian vehicle registration plates (kjennemerke): two letters + 4–5 digits. The letter series
 * is not checked against the allocation list. Value: compact, e.g. `AB12345`.
 */
export const vehiclePlateExtractor: Extractor = {
  types: ['kjennemerke'],
  blockedBy: ['url', 'email', 'iban', 'orgnr', 'kontonummer', 'betalingskort'],
  extract(text: string): Entity[] {
    const found: Entity[] = [];
    for (const match of text.matchAll(CANDIDATE)) {
      const letters = match[1] ?? '';
      if (NOT_SERIES.has(letters)) continue;
      const start = match.index;
      const end = start + match[0].length;
      if (isWordChar(charBefore(text, start)) || isWordChar(charAt(text, end))) continue;
      // "AB 12345.67" or "AB 1234,5": a number, not a plate.
      if ('.,'.includes(text[end] ?? '-') && isDigit(text[end + 1])) continue;
      found.push(entityAt(text, 'kjennemerke', start, end, `${letters}${match[2] ?? ''}`));
    }
    return found;
  },
};
