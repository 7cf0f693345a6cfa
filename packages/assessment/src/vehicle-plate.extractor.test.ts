import { vehiclePlateExtractor } from './vehicle-plate.extractor';

const values = (text: string) => vehiclePlateExtractor.extract(text).map((e) => [text.slice(e.start, e.end), e.value]);

describe('vehiclePlateExtractor', () => {
  it('finds plates with and without the space, value compact', () => {
    expect(values('Bilen hadde skilt AB 12345, en EL12345 og en MC med KH 1234.')).toEqual([
      ['AB 12345', 'AB12345'],
      ['EL12345', 'EL12345'],
      ['KH 1234', 'KH1234'],
    ]);
  });

  it('needs capitals, 4–5 digits not starting with 0, and whole tokens', () => {
    expect(values('ab 12345 AB 123456 AB 01234 XAB 12345 AB 123 AB 12345.5')).toEqual([]);
  });

  it('ignores capitalised words and units before numbers', () => {
    expect(values('10.0.0.1 OR 2001 — NR 12345, KL 1430, AS 2020')).toEqual([]);
  });
});
