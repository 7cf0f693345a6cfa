/**
 * Test-only, deliberately independent of the production validator: its own century table, calendar
 * (via Date) and checksum, so that agreeing results mean something.
 */
import fc from 'fast-check';

const W1 = [3, 7, 6, 1, 8, 9, 4, 5, 2];
const W2 = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** Individnummer ranges and the birth years they are issued for (Skatteetaten's allocation table). */
const ALLOCATION = [
  { individ: [0, 499], years: [1900, 1999] },
  { individ: [500, 749], years: [1854, 1899] },
  { individ: [500, 999], years: [2000, 2039] },
  { individ: [900, 999], years: [1940, 1999] },
] as const;

/** 11 − (Σ wᵢ·dᵢ mod 11), with 11 → 0; may return 10, which is never issued. */
export function checksumDigit(digits: readonly number[], weights: readonly number[]): number {
  const remainder = weights.reduce((sum, w, i) => sum + w * (digits[i] ?? 0), 0) % 11;
  return remainder === 0 ? 0 : 11 - remainder;
}

/** True when both control digits of an 11-digit string are right. */
export function checksumOk(digits: string): boolean {
  const d = digits.split('').map((c) => c.charCodeAt(0) - 48);
  return checksumDigit(d, W1) === d[9] && checksumDigit(d, W2) === d[10];
}

function realDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Independent oracle: a valid fødselsnummer (dayOffset 0) or D-nummer (dayOffset 40). */
export function oracleValid(digits: string, dayOffset: 0 | 40): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  const day = Number(digits.slice(0, 2)) - dayOffset;
  const month = Number(digits.slice(2, 4));
  const yy = Number(digits.slice(4, 6));
  const individ = Number(digits.slice(6, 9));
  const years = ALLOCATION.filter((a) => individ >= a.individ[0] && individ <= a.individ[1]).flatMap((a) => {
    const year = Math.floor(a.years[0] / 100) * 100 + yy;
    const candidates = [year, year + 100];
    return candidates.filter((y) => y >= a.years[0] && y <= a.years[1]);
  });
  return years.some((y) => realDate(y, month, day)) && checksumOk(digits);
}

export interface GeneratedIdNumber {
  digits: string;
  kind: 'fodselsnummer' | 'd-nummer';
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

/** Builds an id number from its parts, or undefined when a control digit would be 10. */
export function buildIdNumber(year: number, month: number, day: number, individ: number, dNummer: boolean): string | undefined {
  const first9 = `${pad(day + (dNummer ? 40 : 0), 2)}${pad(month, 2)}${pad(year % 100, 2)}${pad(individ, 3)}`;
  const d = first9.split('').map(Number);
  const k1 = checksumDigit(d, W1);
  if (k1 === 10) return undefined;
  const k2 = checksumDigit([...d, k1], W2);
  if (k2 === 10) return undefined;
  return `${first9}${k1}${k2}`;
}

/** Random valid fødselsnummer or D-nummer: real date, individnummer consistent with its century. */
export const validIdNumber: fc.Arbitrary<GeneratedIdNumber> = fc
  .constantFrom(...ALLOCATION)
  .chain((a) =>
    fc.record({
      year: fc.integer({ min: a.years[0], max: a.years[1] }),
      individ: fc.integer({ min: a.individ[0], max: a.individ[1] }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      dNummer: fc.boolean(),
    }),
  )
  .filter(({ year, month, day }) => realDate(year, month, day))
  .map(({ year, month, day, individ, dNummer }) => ({
    digits: buildIdNumber(year, month, day, individ, dNummer),
    kind: dNummer ? ('d-nummer' as const) : ('fodselsnummer' as const),
  }))
  .filter((g): g is GeneratedIdNumber => g.digits !== undefined);
