import { normalizeUrl, urlExtractor } from './url.extractor';

const extract = (text: string) => urlExtractor.extract(text);
const raws = (text: string) => extract(text).map((e) => e.raw);

describe('urlExtractor', () => {
  it('finds http and https URLs with exact offsets', () => {
    const text = 'Se https://www.Example.no/Sti?q=1 og http://vg.no';
    const found = extract(text);
    expect(found.map((e) => [e.raw, e.value])).toEqual([
      ['https://www.Example.no/Sti?q=1', 'https://www.example.no/Sti?q=1'],
      ['http://vg.no', 'http://vg.no'],
    ]);
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.raw);
  });

  it('finds www. addresses without a scheme and gives them http:// in the value', () => {
    expect(extract('les www.nrk.no/nyheter i dag').map((e) => [e.raw, e.value])).toEqual([['www.nrk.no/nyheter', 'http://www.nrk.no/nyheter']]);
  });

  it('trims trailing punctuation and unbalanced closing brackets', () => {
    expect(raws('Se https://x.no/a.')).toEqual(['https://x.no/a']);
    expect(raws('Se https://x.no/a, og')).toEqual(['https://x.no/a']);
    expect(raws('(se https://x.no/a)')).toEqual(['https://x.no/a']);
    expect(raws('«https://x.no/a»')).toEqual(['https://x.no/a']);
    expect(raws('https://no.wikipedia.org/wiki/Bergen_(by))')).toEqual(['https://no.wikipedia.org/wiki/Bergen_(by)']);
    expect(raws('Hva med https://x.no/?')).toEqual(['https://x.no/']);
  });

  it('does not take a scheme without a host or a word that merely contains www.', () => {
    expect(raws('https:// og http://')).toEqual([]);
    expect(raws('awww.x.no')).toEqual([]);
    expect(raws('https://localhost/x')).toEqual([]);
  });

  it('accepts IP hosts, ports and bracketed IPv6', () => {
    expect(raws('http://10.0.0.1:8080/x og http://[2001:db8::1]/y')).toEqual(['http://10.0.0.1:8080/x', 'http://[2001:db8::1]/y']);
  });

  it('normalises scheme and host case and drops a lone trailing slash', () => {
    expect(normalizeUrl('HTTPS://VG.NO/')).toBe('https://vg.no');
    expect(normalizeUrl('www.VG.no/A')).toBe('http://www.vg.no/A');
    expect(normalizeUrl('https://x')).toBeUndefined();
  });
});
