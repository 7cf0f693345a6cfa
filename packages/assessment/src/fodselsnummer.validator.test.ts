import fc from 'fast-check';
import { birthYear, classifyIdentityNumber, isValidDNummer, isValidFodselsnummer, isValidHNummer, mod11ControlDigit } from './fodselsnummer.validator';
import { buildIdNumber, checksumOk, oracleValid, validIdNumber } from './__fixtures__/fodselsnummer.arbitrary';

describe('isValidFodselsnummer', () => {
  it.each([
    ['01017000027', '1. januar 1970'],
    ['15058507439', '15. mai 1985'],
    ['29020051890', '29. februar 2000 (skuddår, individnummer 518 → 2000-tallet)'],
    ['01015400044', '1. januar 1954'],
    ['05050500030', '5. mai 1905'],
  ])('accepts %s (%s)', (digits) => {
    expect(isValidFodselsnummer(digits)).toBe(true);
  });

  it('rejects a wrong first or second control digit', () => {
    expect(isValidFodselsnummer('01017000037')).toBe(false);
    expect(isValidFodselsnummer('01017000028')).toBe(false);
  });

  it('rejects non-digits and wrong lengths', () => {
    for (const bad of ['', '0101700002', '010170000270', '0101700002a', '010170 00027', '０１０１７０００００２７']) {
      expect(isValidFodselsnummer(bad)).toBe(false);
    }
  });

  it('rejects impossible dates even with correct control digits', () => {
    // Built with correct checksums so only the date can make them fail.
    const feb29in1900 = buildIdNumber(1900, 2, 29, 123, false) ?? buildIdNumber(1900, 2, 29, 124, false);
    expect(feb29in1900).toBeDefined();
    expect(isValidFodselsnummer(feb29in1900 ?? '')).toBe(false);
    const april31 = buildIdNumber(1985, 4, 31, 200, false) ?? buildIdNumber(1985, 4, 31, 201, false);
    expect(isValidFodselsnummer(april31 ?? '')).toBe(false);
    const month13 = buildIdNumber(1985, 13, 1, 200, false) ?? buildIdNumber(1985, 13, 1, 201, false);
    expect(isValidFodselsnummer(month13 ?? '')).toBe(false);
  });

  it('rejects individnummer that is never issued for the year (750–899 with year 40–99)', () => {
    const digits = buildIdNumber(1960, 5, 5, 800, false) ?? buildIdNumber(1960, 5, 5, 801, false);
    expect(digits && checksumOk(digits)).toBe(true);
    expect(isValidFodselsnummer(digits ?? '')).toBe(false);
  });

  it('does not accept a D-nummer', () => {
    expect(isValidFodselsnummer('45058503782')).toBe(false);
    expect(isValidDNummer('45058503782')).toBe(true);
  });
});

describe('isValidDNummer', () => {
  it('accepts day + 40 (41–71)', () => {
    expect(isValidDNummer('71019900058')).toBe(true);
    expect(isValidDNummer('45058507451')).toBe(true);
  });

  it('rejects an ordinary fødselsnummer and a day beyond the month', () => {
    expect(isValidDNummer('01017000027')).toBe(false);
    const feb30 = buildIdNumber(1985, 2, 30, 200, true) ?? buildIdNumber(1985, 2, 30, 201, true);
    expect(isValidDNummer(feb30 ?? '')).toBe(false);
  });
});

describe('birthYear (century from individnummer)', () => {
  it.each([
    [70, 0, 1970],
    [70, 499, 1970],
    [60, 500, 1860],
    [99, 749, 1899],
    [5, 500, 2005],
    [39, 999, 2039],
    [40, 900, 1940],
    [99, 999, 1999],
  ])('year %i with individnummer %i → %i', (yy, individ, expected) => {
    expect(birthYear(yy, individ)).toBe(expected);
  });

  it.each([
    [40, 500],
    [53, 749],
    [60, 750],
    [99, 899],
  ])('year %i with individnummer %i is never issued', (yy, individ) => {
    expect(birthYear(yy, individ)).toBeUndefined();
  });
});

describe('mod11ControlDigit', () => {
  it('maps remainder 0 to 0 and result 10 to undefined', () => {
    expect(mod11ControlDigit([0, 0, 0, 0, 0, 0, 0, 0, 0], [3, 7, 6, 1, 8, 9, 4, 5, 2])).toBe(0);
    // 1·1 = 1 → 11 − 1 = 10, which is never issued.
    expect(mod11ControlDigit([1], [1])).toBeUndefined();
  });
});

describe('properties against an independent implementation', () => {
  it('every independently generated valid number validates as its own kind only', () => {
    fc.assert(
      fc.property(validIdNumber, ({ digits, kind }) => {
        expect(isValidFodselsnummer(digits)).toBe(kind === 'fodselsnummer');
        expect(isValidDNummer(digits)).toBe(kind === 'd-nummer');
      }),
      { numRuns: 2000 },
    );
  });

  it('every single-digit mutation breaks the checksum and is rejected', () => {
    fc.assert(
      fc.property(validIdNumber, fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1, max: 9 }), ({ digits }, pos, delta) => {
        const mutatedDigit = (Number(digits[pos]) + delta) % 10;
        const mutated = digits.slice(0, pos) + String(mutatedDigit) + digits.slice(pos + 1);
        // The oracle's own checksum says invalid (weights are non-zero mod 11, so one changed digit always shows)…
        expect(checksumOk(mutated)).toBe(false);
        // …and the implementation agrees.
        expect(isValidFodselsnummer(mutated)).toBe(false);
        expect(isValidDNummer(mutated)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with the oracle on near-valid strings (real-looking date, random tail)', () => {
    const nearValid = fc
      .tuple(
        fc.integer({ min: 1, max: 71 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 99 }),
        fc.integer({ min: 0, max: 99_999 }),
      )
      .map(([d, m, y, tail]) => `${String(d).padStart(2, '0')}${String(m).padStart(2, '0')}${String(y).padStart(2, '0')}${String(tail).padStart(5, '0')}`);
    let validSeen = 0;
    fc.assert(
      fc.property(nearValid, (digits) => {
        const fnr = oracleValid(digits, 0);
        const dnr = Number(digits[0]) >= 4 && oracleValid(digits, 40);
        if (fnr || dnr) validSeen++;
        return isValidFodselsnummer(digits) === fnr && isValidDNummer(digits) === dnr;
      }),
      { numRuns: 10_000 },
    );
    // The comparison only means something if some inputs were valid (about 1 in 200 are).
    expect(validSeen).toBeGreaterThan(0);
  });
});

describe('isValidHNummer and classifyIdentityNumber', () => {
  it('accepts an H-nummer (month + 40) and keeps the three kinds apart', () => {
    expect(isValidHNummer('01419012382')).toBe(true);
    expect(isValidFodselsnummer('01419012382')).toBe(false);
    expect(isValidDNummer('01419012382')).toBe(false);
    expect(isValidHNummer('01017000027')).toBe(false);
  });

  it('classifies valid numbers, look-alikes with a reason, and numbers that do not look like one', () => {
    expect(classifyIdentityNumber('01017000027')).toEqual({ kind: 'fodselsnummer', valid: true });
    expect(classifyIdentityNumber('45058503782')).toEqual({ kind: 'd-nummer', valid: true });
    expect(classifyIdentityNumber('01419012382')).toEqual({ kind: 'h-nummer', valid: true });
    expect(classifyIdentityNumber('01017000028')).toEqual({ kind: 'fodselsnummer', valid: false, reason: 'kontrollsifrene stemmer ikke (mod 11)' });
    expect(classifyIdentityNumber('31027000027')).toEqual({ kind: 'fodselsnummer', valid: false, reason: 'ugyldig dato' });
    expect(classifyIdentityNumber('99999999999')).toBeUndefined();
    expect(classifyIdentityNumber('4141901238')).toBeUndefined();
  });

  it('agrees with the independent oracle on H-numbers built from random valid numbers', () => {
    fc.assert(
      fc.property(validIdNumber, ({ digits, kind }) => {
        fc.pre(kind === 'fodselsnummer');
        const month = Number(digits.slice(2, 4)) + 40;
        const body = `${digits.slice(0, 2)}${month}${digits.slice(4, 9)}`;
        const d = body.split('').map(Number);
        const k1 = mod11ControlDigit(d, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
        fc.pre(k1 !== undefined);
        const k2 = mod11ControlDigit([...d, k1 ?? 0], [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
        fc.pre(k2 !== undefined);
        expect(isValidHNummer(`${body}${k1}${k2}`)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
