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

type IdentityKind = 'fodselsnummer' | 'd-nummer' | 'h-nummer';

/** Day and month offsets per kind: D-nummer adds 4 to the first digit, H-nummer to the third. */
const OFFSETS: Record<IdentityKind, { day: number; month: number }> = {
  fodselsnummer: { day: 0, month: 0 },
  'd-nummer': { day: 40, month: 0 },
  'h-nummer': { day: 0, month: 40 },
};

/** Why an 11-digit string of a given kind is invalid, in Norwegian, or undefined when it is valid. */
function identityProblem(digits: string, kind: IdentityKind): string | undefined {
  if (!ELEVEN_DIGITS.test(digits)) return 'må ha 11 siffer';
  const d = [...digits].map(Number);
  const day = Number(digits.slice(0, 2)) - OFFSETS[kind].day;
  const month = Number(digits.slice(2, 4)) - OFFSETS[kind].month;
  if (month < 1 || month > 12 || day < 1 || day > 31) return 'ugyldig dato';
  const year = birthYear(Number(digits.slice(4, 6)), Number(digits.slice(6, 9)));
  if (year === undefined) return 'individnummeret passer ikke med fødselsåret';
  if (day > daysInMonth(year, month)) return 'ugyldig dato';
  const k1 = mod11ControlDigit(d, K1_WEIGHTS);
  const k2 = mod11ControlDigit(d, K2_WEIGHTS);
  if (k1 === undefined || k1 !== d[9] || k2 === undefined || k2 !== d[10]) return 'kontrollsifrene stemmer ikke (mod 11)';
  return undefined;
}

/** The kind an 11-digit string's date part points to (D: day 41–71, H: month 41–52), or undefined if none. */
function kindOf(digits: string): IdentityKind | undefined {
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const dayKind = day >= 1 && day <= 31 ? 0 : day >= 41 && day <= 71 ? 40 : undefined;
  const monthKind = month >= 1 && month <= 12 ? 0 : month >= 41 && month <= 52 ? 40 : undefined;
  if (dayKind === undefined || monthKind === undefined || (dayKind === 40 && monthKind === 40)) return undefined;
  if (dayKind === 40) return 'd-nummer';
  return monthKind === 40 ? 'h-nummer' : 'fodselsnummer';
}

/** 11 digits, real date (incl. leap years, century from individnummer rules), both mod-11 control digits; NOT a D-nummer. */
export function isValidFodselsnummer(digits: string): boolean {
  return identityProblem(digits, 'fodselsnummer') === undefined;
}

/** D-nummer: first digit +4 (day 41–71), otherwise validated as a fødselsnummer. */
export function isValidDNummer(digits: string): boolean {
  const first = digits.charAt(0);
  return first >= '4' && first <= '7' && identityProblem(digits, 'd-nummer') === undefined;
}

/** H-nummer (help number issued by health services): third digit +4 (month 41–52), otherwise as a fødselsnummer. */
export function isValidHNummer(digits: string): boolean {
  const third = digits.charAt(2);
  return (third === '4' || third === '5') && identityProblem(digits, 'h-nummer') === undefined;
}

/**
 * Classifies 11 digits: a valid fødselsnummer/D-nummer/H-nummer, a look-alike (its date part reads as
 * one of them) with the Norwegian reason it fails, or undefined when it does not look like one at all.
 */
export function classifyIdentityNumber(
  digits: string,
): { kind: IdentityKind; valid: true } | { kind: IdentityKind; valid: false; reason: string } | undefined {
  if (!ELEVEN_DIGITS.test(digits)) return undefined;
  const kind = kindOf(digits);
  if (kind === undefined) return undefined;
  const reason = identityProblem(digits, kind);
  return reason === undefined ? { kind, valid: true } : { kind, valid: false, reason };
}
