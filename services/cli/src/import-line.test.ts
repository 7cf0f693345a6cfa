import { parseImportLine } from './import-line';

const reject = (line: unknown, channel?: 'telefon') => {
  const parsed = parseImportLine(typeof line === 'string' ? line : JSON.stringify(line), channel);
  return parsed.ok ? 'godtatt' : parsed.reason;
};

describe('parseImportLine', () => {
  it('accepts a line the API would accept, with trimmed title', () => {
    expect(parseImportLine(JSON.stringify({ channel: 'partner', title: ' Tittel ', body: 'Tekst' }), undefined)).toEqual({
      ok: true,
      input: { channel: 'partner', title: 'Tittel', body: 'Tekst' },
    });
  });

  it('fills a missing channel from --channel but never overrides one given', () => {
    expect(parseImportLine(JSON.stringify({ title: 'T', body: 'B' }), 'telefon')).toMatchObject({ ok: true, input: { channel: 'telefon' } });
    expect(parseImportLine(JSON.stringify({ channel: 'e-post', title: 'T', body: 'B' }), 'telefon')).toMatchObject({
      ok: true,
      input: { channel: 'e-post' },
    });
  });

  it.each([
    ['{"title": ', /^ugyldig JSON \(.+\)$/],
    ['"bare tekst"', /^må være et JSON-objekt$/],
    [{ title: 'T', body: 'B' }, /^channel: mangler$/],
    [{ channel: 'brevdue', title: 'T', body: 'B' }, /^channel: må være én av: tipsskjema, partner, telefon, e-post, manuell \(fikk «brevdue»\)$/],
    [{ channel: 'manuell', title: '   ', body: 'B' }, /^title: kan ikke være tom$/],
    [{ channel: 'manuell', title: 'x'.repeat(301), body: 'B' }, /^title: kan ha høyst 300 tegn$/],
    [{ channel: 'manuell', title: 'T', body: 42 }, /^body: må være tekst$/],
    [{ channel: 'manuell', title: 'T', body: 'B', gradering: 'HEMMELIG', id: 'x' }, /^gradering: ukjent felt; id: ukjent felt$/],
    [{ channel: 'manuell', title: 'T', body: 'B', reporterContact: { email: 'ikke-epost' } }, /^reporterContact\.email: må være en gyldig e-postadresse$/],
    [{ channel: 'manuell', title: 'T', body: 'B', occurredAt: 'i går' }, /^occurredAt: må være et ISO 8601-tidspunkt/],
    [{ channel: 'manuell', title: '', body: '' }, /^title: kan ikke være tom; body: kan ikke være tom$/],
  ])('rejects %j naming the field', (line, reason) => {
    expect(reject(line)).toMatch(reason);
  });
});
