const ELEVEN_DIGITS = /^[0-9]{11}$/;
const K1_WEIGHTS = [3, 7, 6, 1, 8, 9, 4, 5, 2] as const;
const K2_WEIGHTS = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/** Modulus-11 control digit over `digits` with `weights`; undefined when the result would be 10 (never issued). */
export function mod11ControlDigit(digits: readonly number[], weights: readonly number[]): number | undefined {
  let sum = 0;
  weights.forEach((weight, i) => {
    sum += weight * (digits[i] ?? 0);
  });
  const control = 11 - (sum % 11);
  if (control === 11) return 0;
  return control === 10 ? undefined : control;
}

/**
 * Full four-digit birth year from the two-digit year and the individnummer (digits 7–9), by the
 * Norwegian allocation rules; undefined for combinations that are never issued.
 */
export function birthYear(yy: number, individnummer: number): number | undefined {
  if (individnummer <= 499) return 1900 + yy;
  if (individnummer <= 749 && yy >= 54) return 1800 + yy;
  if (yy <= 39) return 2000 + yy; // 500–999
  if (individnummer >= 900) return 1900 + yy; // 900–999 with year 40–99
  return undefined;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Date, century and both control digits, with the day already adjusted (D-nummer: minus 40). */
function isValidIdentityNumber(digits: string, dayOffset: number): boolean {
  if (!ELEVEN_DIGITS.test(digits)) return false;
  const d = [...digits].map(Number);
  const day = Number(digits.slice(0, 2)) - dayOffset;
  const month = Number(digits.slice(2, 4));
  const year = birthYear(Number(digits.slice(4, 6)), Number(digits.slice(6, 9)));
  if (year === undefined || month < 1 || month > 12) return false;
  if (day < 1 || day > daysInMonth(year, month)) return false;
  const k1 = mod11ControlDigit(d, K1_WEIGHTS);
  if (k1 === undefined || k1 !== d[9]) return false;
  const k2 = mod11ControlDigit(d, K2_WEIGHTS);
  return k2 !== undefined && k2 === d[10];
}

/** 11 digits, real date (incl. leap years, century from individnummer rules), both mod-11 control digits; NOT a D-nummer. */
export function isValidFodselsnummer(digits: string): boolean {
  return isValidIdentityNumber(digits, 0);
}

/** D-nummer: first digit +4 (day 41–71), otherwise validated as a fødselsnummer. */
export function isValidDNummer(digits: string): boolean {
  const first = digits.charAt(0);
  return first >= '4' && first <= '7' && isValidIdentityNumber(digits, 40);
}
