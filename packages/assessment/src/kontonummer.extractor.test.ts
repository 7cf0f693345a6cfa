import type { PossibleIdentifier } from '@mottak/domain';
import { kontonummerExtractor } from './kontonummer.extractor';

function scan(text: string) {
  const rejected: PossibleIdentifier[] = [];
  const entities = kontonummerExtractor.extract(text, undefined, rejected);
  return { entities, rejected };
}

describe('kontonummerExtractor', () => {
  it('finds dotted, spaced and bare account numbers, normalised to 11 digits', () => {
    const text = 'Betal til 1234.56.78903, 8601 11 17947 eller 12345678903.';
    expect(scan(text).entities.map((e) => [e.raw, e.value, text.slice(e.start, e.end)])).toEqual([
      ['1234.56.78903', '12345678903', '1234.56.78903'],
      ['8601 11 17947', '86011117947', '8601 11 17947'],
      ['12345678903', '12345678903', '12345678903'],
    ]);
  });

  it('does not mix separators or match inside longer numbers', () => {
    expect(scan('1234.56 78903 1234.56.789030 91234.56.78903 1234.56.78903.1').entities).toEqual([]);
  });

  it('does not read digits after a plus sign (an E.164 phone number) as an account number', () => {
    expect(scan('Tlf +12345678903 og +1234.56.78904')).toEqual({ entities: [], rejected: [] });
  });

  it('lists grouped look-alikes failing mod 11 as possible identifiers, not bare 11-digit runs', () => {
    const { entities, rejected } = scan('konto 1234.56.78904 og 12345678904');
    expect(entities).toEqual([]);
    expect(rejected).toEqual([{ type: 'kontonummer', raw: '1234.56.78904', start: 6, end: 19, reason: 'kontrollsifferet stemmer ikke (mod 11)' }]);
  });
});
