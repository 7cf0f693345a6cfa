import fc from 'fast-check';
import { ibanMod97Valid, isValidKontonummer, isValidOrgnr, luhnValid } from './checksums';

describe('isValidOrgnr', () => {
  it('accepts real organisasjonsnumre', () => {
    expect(isValidOrgnr('923609016')).toBe(true); // Equinor ASA
    expect(isValidOrgnr('974078139')).toBe(true);
  });

  it('rejects a wrong control digit, a first digit other than 8/9 and wrong lengths', () => {
    expect(isValidOrgnr('923609017')).toBe(false);
    expect(isValidOrgnr('123609016')).toBe(false);
    expect(isValidOrgnr('92360901')).toBe(false);
    expect(isValidOrgnr('9236090160')).toBe(false);
  });

  it('rejects every single-digit change of a valid number (mod 11 catches all of them)', () => {
    const valid = '923609016';
    for (let i = 1; i < 9; i++) {
      for (let d = 0; d <= 9; d++) {
        const changed = valid.slice(0, i) + String(d) + valid.slice(i + 1);
        if (changed !== valid) expect(isValidOrgnr(changed)).toBe(false);
      }
    }
  });
});

describe('isValidKontonummer', () => {
  it('accepts valid account numbers and rejects a wrong control digit', () => {
    expect(isValidKontonummer('12345678903')).toBe(true);
    expect(isValidKontonummer('86011117947')).toBe(true);
    expect(isValidKontonummer('12345678904')).toBe(false);
    expect(isValidKontonummer('1234567890')).toBe(false);
  });
});

describe('luhnValid', () => {
  it('accepts test card numbers and rejects changed ones', () => {
    for (const card of ['4111111111111111', '5555555555554444', '378282246310005', '4222222222222', '6011111111111117']) {
      expect(luhnValid(card)).toBe(true);
    }
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(luhnValid('')).toBe(false);
  });

  it('catches every single-digit error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 15 }), fc.integer({ min: 1, max: 9 }), (i, delta) => {
        const card = '4111111111111111';
        const changed = card.slice(0, i) + String((Number(card[i]) + delta) % 10) + card.slice(i + 1);
        expect(luhnValid(changed)).toBe(false);
      }),
    );
  });
});

describe('ibanMod97Valid', () => {
  it('accepts IBANs from several countries', () => {
    for (const iban of ['NO9386011117947', 'GB82WEST12345698765432', 'DE89370400440532013000', 'FR1420041010050500013M02606']) {
      expect(ibanMod97Valid(iban)).toBe(true);
    }
  });

  it('rejects changed check digits or a transposition', () => {
    expect(ibanMod97Valid('NO9486011117947')).toBe(false);
    expect(ibanMod97Valid('NO9386011117974')).toBe(false);
    expect(ibanMod97Valid('no9386011117947')).toBe(false);
  });
});
