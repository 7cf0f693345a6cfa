import { phoneExtractor, toE164Phone } from './phone.extractor';

const extract = (text: string) => phoneExtractor.extract(text);
const found = (text: string) => extract(text).map((e) => [e.raw, e.value]);

describe('phoneExtractor', () => {
  it.each([
    ['+47 922 33 444', '+4792233444'],
    ['0047 92233444', '+4792233444'],
    ['922 33 444', '+4792233444'],
    ['92233444', '+4792233444'],
    ['22 33 44 55', '+4722334455'],
    ['922.33.444', '+4792233444'],
    ['(+47) 92233444', '+4792233444'],
    ['+46 70 123 45 67', '+46701234567'],
    ['+44 20 7946 0958', '+442079460958'],
  ])('finds %s as %s with exact offsets', (written, e164) => {
    const text = `Ring ${written} i kveld`;
    const [entity, ...rest] = extract(text);
    expect(rest).toEqual([]);
    expect(entity).toEqual({ type: 'phone', value: e164, raw: written, start: 5, end: 5 + written.length });
  });

  it('finds several numbers in one sentence and lists separated by slashes', () => {
    expect(found('Tlf 922 33 444/41234567, ev. 22 33 44 55.').map(([, v]) => v)).toEqual(['+4792233444', '+4741234567', '+4722334455']);
    expect(found('Numre: 92233444 41234567').map(([, v]) => v)).toEqual(['+4792233444', '+4741234567']);
  });

  it('only reports valid numbers', () => {
    expect(found('12345678 og 1234 og 112 og 00000000')).toEqual([]);
  });

  it('does not take dates, times or amounts for phone numbers', () => {
    expect(found('møtet 22.03.2024 kl 12.30, beløp 22 334 455,50 kr')).toEqual([]);
    expect(found('1/2/2024 og 22-03-2024')).toEqual([]);
    expect(found('kr 22 334 455 og 92.233.444 kroner')).toEqual([]);
  });

  it('does not take a dotted quad with an octet above 255 (a mistyped IP address) for a phone number', () => {
    expect(found('Trafikken gikk mot 77.700.96.1 i natt')).toEqual([]);
    expect(found('IP 92.233.44.4')).toEqual([]);
  });

  it('does not extract from inside a longer digit run or decimal', () => {
    expect(found('referanse 1922334445')).toEqual([]);
    expect(found('verdi 0,92233444')).toEqual([]);
    expect(found('a92233444b')).toEqual([]);
  });

  it('finds national numbers among prefixes too short to start an international number', () => {
    expect(found('922 33 444 +47 00+47 00')).toEqual([['922 33 444', '+4792233444']]);
    expect(found('0046 70 123 45 67 og +47 22 33 44 55')).toEqual([
      ['0046 70 123 45 67', '+46701234567'],
      ['+47 22 33 44 55', '+4722334455'],
    ]);
  });

  it('never throws on junk and long digit soups', () => {
    expect(() => extract('+'.repeat(1000) + '(((' + '1 '.repeat(5000))).not.toThrow();
  });
});

describe('toE164Phone', () => {
  it('normalises Norwegian and foreign numbers', () => {
    expect(toE164Phone('922 33 444')).toBe('+4792233444');
    expect(toE164Phone('0047 922 33 444')).toBe('+4792233444');
    expect(toE164Phone('+46 70 123 45 67')).toBe('+46701234567');
  });

  it('returns undefined for invalid numbers and non-numbers', () => {
    expect(toE164Phone('12345678')).toBeUndefined();
    expect(toE164Phone('hei')).toBeUndefined();
    expect(toE164Phone('')).toBeUndefined();
  });
});
