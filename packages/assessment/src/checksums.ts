import { mod11ControlDigit } from './fodselsnummer.validator';

const ORGNR_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2] as const;
const KONTONUMMER_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

function digitsOf(s: string): number[] {
  return [...s].map((c) => c.charCodeAt(0) - 48);
}

/** Organisasjonsnummer: 9 digits, first 8 or 9 (Enhetsregisteret), mod-11 control digit last. */
export function isValidOrgnr(digits: string): boolean {
  if (!/^[89][0-9]{8}$/.test(digits)) return false;
  const d = digitsOf(digits);
  return mod11ControlDigit(d, ORGNR_WEIGHTS) === d[8];
}

/** Norwegian kontonummer: 11 digits, mod-11 control digit last (weights 5,4,3,2,7,6,5,4,3,2). */
export function isValidKontonummer(digits: string): boolean {
  if (!/^[0-9]{11}$/.test(digits)) return false;
  const d = digitsOf(digits);
  return mod11ControlDigit(d, KONTONUMMER_WEIGHTS) === d[10];
}

/** Luhn (mod 10) check over a string of digits, as used by payment cards. */
export function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** ISO 13616 check: country and check digits moved to the end, letters as 10–35, remainder mod 97 must be 1. */
export function ibanMod97Valid(compact: string): boolean {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]+$/.test(compact)) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const c of rearranged) {
    const code = c.charCodeAt(0);
    const value = code <= 57 ? code - 48 : code - 55;
    // Piecewise so the number never exceeds 2^53 (one or two digits at a time).
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder === 1;
}
