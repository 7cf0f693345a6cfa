import type { Entity, PossibleIdentifier } from '@mottak/domain';
import { luhnValid } from './checksums';
import { entityAt, type Extractor, rejectAt } from './extractor';
import type { SpanIndex } from './span-index';
import { isIsolatedNumber } from './text-boundaries';

/** Digits joined by at most one space or hyphen: a single greedy loop, so the scan is linear. */
const RUN = /[0-9](?:[ -]?[0-9])*/g;
const MIN_DIGITS = 13;
const MAX_DIGITS = 19;
/** Card networks (Visa 4, Mastercard 2/5, Amex/Diners/JCB 3, Discover/UnionPay/Maestro 6) all start with 2–6. */
const NETWORK_FIRST_DIGIT = /^[2-6]/;

interface Group {
  start: number;
  end: number;
}

function groupsOf(text: string, start: number, end: number): Group[] | undefined {
  const run = text.slice(start, end);
  const separators = new Set(run.replace(/[0-9]/g, ''));
  if (separators.size > 1) return undefined; // "4111-1111 1111" mixes separators: not how cards are written
  return [...run.matchAll(/[0-9]+/g)].map((m) => ({ start: start + m.index, end: start + m.index + m[0].length }));
}

const len = (g: Group): number => g.end - g.start;

/**
 * Windows of whole groups that may be one card number: 13–19 digits, every group 4–6 digits long
 * (4-4-4-4, 4-6-5) except a short final group at the very end of the run (4-4-4-1). From each group
 * the longest Luhn-valid window wins; without one, the 16-digit 4-4-4-4 window (if any) is the look-alike.
 */
function windows(groups: Group[], emit: (first: Group, last: Group, valid: boolean) => void, digitsOf: (a: Group, b: Group) => string): void {
  let i = 0;
  while (i < groups.length) {
    let best: { j: number; valid: boolean } | undefined;
    let total = 0;
    for (let j = i; j < groups.length; j++) {
      const g = groups[j] as Group;
      const isRunEnd = j === groups.length - 1;
      if (len(g) > 6 && groups.length > 1) break;
      if (len(g) < 4 && !(isRunEnd && j > i)) break;
      total += len(g);
      if (total > MAX_DIGITS) break;
      if (total < MIN_DIGITS) continue;
      const digits = digitsOf(groups[i] as Group, g);
      if (!NETWORK_FIRST_DIGIT.test(digits)) break;
      if (luhnValid(digits)) best = { j, valid: true };
      else if (!best && (groups.length === 1 ? digits.length === 16 && /^[45]/.test(digits) : j - i === 3 && total === 16)) best = { j, valid: false };
    }
    if (best) {
      emit(groups[i] as Group, groups[best.j] as Group, best.valid);
      i = best.j + 1;
    } else {
      i++;
    }
  }
}

/**
 * Payment card numbers, only when Luhn-valid: 13–19 digits, compact or in groups separated by spaces
 * or hyphens; value is the digits. Eleven-digit numbers (fødselsnummer, kontonummer) are never long
 * enough. Luhn failures in the usual card layout are possible identifiers.
 */
export const paymentCardExtractor: Extractor = {
  types: ['betalingskort'],
  blockedBy: ['iban', 'fodselsnummer', 'd-nummer', 'h-nummer', 'kontonummer', 'orgnr'],
  extract(text: string, _blocked?: SpanIndex, rejected?: PossibleIdentifier[]): Entity[] {
    const found: Entity[] = [];
    const digitsOf = (a: Group, b: Group): string => text.slice(a.start, b.end).replace(/[ -]/g, '');
    for (const match of text.matchAll(RUN)) {
      const runEnd = match.index + match[0].length;
      if (runEnd - match.index < MIN_DIGITS) continue;
      const groups = groupsOf(text, match.index, runEnd);
      if (!groups) continue;
      windows(
        groups,
        (first, last, valid) => {
          // Hyphens join groups here, so only dots, commas and slashes make a longer number.
          if (!isIsolatedNumber(text, first.start, last.end, '.,/')) return;
          if (valid) found.push(entityAt(text, 'betalingskort', first.start, last.end, digitsOf(first, last)));
          else rejected?.push(rejectAt(text, 'betalingskort', first.start, last.end, 'Luhn-kontrollen feiler'));
        },
        digitsOf,
      );
    }
    return found;
  },
};
