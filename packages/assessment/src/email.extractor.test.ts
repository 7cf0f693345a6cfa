import { emailExtractor, isDomainName } from './email.extractor';

const extract = (text: string) => emailExtractor.extract(text);
const values = (text: string) => extract(text).map((e) => e.value);

describe('emailExtractor', () => {
  it('finds an address, lower-cases the value and keeps the raw text and offsets', () => {
    const text = 'Send til Ola.Nordmann@Politiet.NO i dag';
    expect(extract(text)).toEqual([
      { type: 'email', value: 'ola.nordmann@politiet.no', raw: 'Ola.Nordmann@Politiet.NO', start: 9, end: 33 },
    ]);
  });

  it('leaves out sentence punctuation and brackets around the address', () => {
    expect(extract('Kontakt: <kari@example.no>.').map((e) => e.raw)).toEqual(['kari@example.no']);
    expect(values('skriv til per@firma.no. Takk')).toEqual(['per@firma.no']);
    expect(values('(anne+tips@sub.domene.com)')).toEqual(['anne+tips@sub.domene.com']);
  });

  it('accepts Norwegian letters in local part and domain', () => {
    expect(values('bjørn.ås@blåbær.no')).toEqual(['bjørn.ås@blåbær.no']);
  });

  it('finds several addresses separated by commas or semicolons', () => {
    expect(values('a@x.no, b@y.com;c@z.org')).toEqual(['a@x.no', 'b@y.com', 'c@z.org']);
  });

  it('rejects addresses without a proper domain or local part', () => {
    expect(values('ola@localhost')).toEqual([]);
    expect(values('ola@x.1')).toEqual([]);
    expect(values('@politiet.no')).toEqual([]);
    expect(values('ola@-x.no')).toEqual([]);
    expect(values('ola..nordmann@x.no')).toEqual([]);
    expect(values('twitter @handle og e-post@')).toEqual([]);
  });

  it('does not invent addresses from chains of @', () => {
    expect(values('a@b@c@d')).toEqual([]);
    expect(values('a@b.no@c.no')).toEqual(['a@b.no']);
  });

  it('validates domain names', () => {
    expect(isDomainName('politiet.no')).toBe(true);
    expect(isDomainName('no')).toBe(false);
    expect(isDomainName(`${'a'.repeat(64)}.no`)).toBe(false);
  });
});
