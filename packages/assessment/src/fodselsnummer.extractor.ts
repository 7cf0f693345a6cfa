import type { Entity, PossibleIdentifier } from '@mottak/domain';
import { entityAt, type Extractor, rejectAt } from './extractor';
import { classifyIdentityNumber } from './fodselsnummer.validator';
import type { SpanIndex } from './span-index';
import { followsPlusSign, isIsolatedNumber } from './text-boundaries';

/**
 * 11 digits, or `DDMMYY NNNNN` with one space. Bounded quantifiers and digit look-arounds only, so
 * the scan is linear and never matches inside a longer digit run.
 */
const CANDIDATE = /(?<![0-9])(?:[0-9]{6} [0-9]{5}|[0-9]{11})(?![0-9])/g;

/**
 * Fødselsnummer, D-nummer (first digit + 4) and H-nummer (third digit + 4), with or without the space
 * after the date. Numbers whose date part reads as one of them but that fail date, century or
 * checksum are not entities; they go to `rejected` as possible identifiers.
 */
export const fodselsnummerExtractor: Extractor = {
  types: ['fodselsnummer', 'd-nummer', 'h-nummer'],
  blockedBy: [],
  extract(text: string, _blocked?: SpanIndex, rejected?: PossibleIdentifier[]): Entity[] {
    const found: Entity[] = [];
    for (const match of text.matchAll(CANDIDATE)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!isIsolatedNumber(text, start, end) || followsPlusSign(text, start)) continue;
      const digits = match[0].replace(' ', '');
      const result = classifyIdentityNumber(digits);
      if (result?.valid) found.push(entityAt(text, result.kind, start, end, digits));
      else if (result) rejected?.push(rejectAt(text, result.kind, start, end, result.reason));
    }
    return found;
  },
};
