import { domainExtractor, isKnownDomain } from './domain.extractor';

const values = (text: string) => domainExtractor.extract(text).map((e) => [text.slice(e.start, e.end), e.value]);

describe('domainExtractor', () => {
  it('finds bare domains with exact offsets, value lower-case', () => {
    expect(values('Se example.no og Mail.Politiet.NO, eller blåbær.no.')).toEqual([
      ['example.no', 'example.no'],
      ['Mail.Politiet.NO', 'mail.politiet.no'],
      ['blåbær.no', 'blåbær.no'],
    ]);
  });

  it('ignores abbreviations, file names and numbers', () => {
    expect(values('f.eks. bl.a. Org.nr rapport.pdf readme.md kl. 14.30 10.0.0.1 v1.2')).toEqual([]);
  });

  it('ignores a missing space after a full stop', () => {
    expect(values('Han kom hjem sent.De sa ingenting.')).toEqual([]);
    expect(isKnownDomain('NAV.NO')).toBe(true);
  });
});
