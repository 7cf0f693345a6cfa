import { extractEntities } from './extract-entities';
import { identifiersInQuery, identifierValues } from './identifiers';

describe('identifiersInQuery', () => {
  it('turns a phone number into E.164 and keeps the rest as free text', () => {
    const { identifiers, remainingText } = identifiersInQuery('ring 922 33 444 om bil');
    expect(identifiers).toEqual(['+4792233444']);
    expect(remainingText).toBe('ring om bil');
  });

  it('recognises phone numbers in any format as the same identifier', () => {
    for (const q of ['92233444', '+47 922 33 444', '0047 92233444', '922 33 444']) {
      expect(identifiersInQuery(q).identifiers).toEqual(['+4792233444']);
    }
  });

  it('normalises fødselsnummer with or without space, e-mail case and IPs', () => {
    expect(identifiersInQuery('150585 07439').identifiers).toEqual(['15058507439']);
    expect(identifiersInQuery('15058507439').identifiers).toEqual(['15058507439']);
    expect(identifiersInQuery('Kari@Eksempel.NO bil').identifiers).toEqual(['kari@eksempel.no']);
    expect(identifiersInQuery('10.0.0.1 OR 2001:DB8::1')).toEqual({ identifiers: ['10.0.0.1', '2001:db8::1'], remainingText: 'OR' });
  });

  it('deduplicates identifiers written twice in different formats', () => {
    expect(identifiersInQuery('92233444 eller +4792233444').identifiers).toEqual(['+4792233444']);
  });

  it('leaves a query without identifiers untouched apart from white space', () => {
    expect(identifiersInQuery('  drone   over   kraftstasjon ')).toEqual({ identifiers: [], remainingText: 'drone over kraftstasjon' });
  });

  it('gives values equal to what identifierValues stores for a report', () => {
    const report = extractEntities('Kontakt Kari@Eksempel.no på 922 33 444');
    const query = identifiersInQuery('kari@eksempel.no 92233444');
    expect(query.identifiers).toEqual(identifierValues(report));
  });

  it('removes nested spans only once', () => {
    expect(identifiersInQuery('sjekk https://x.no/?ola@x.no nå').remainingText).toBe('sjekk nå');
  });
});

describe('identifierValues', () => {
  it('returns each normalised value once, in order of first appearance', () => {
    const entities = extractEntities('922 33 444, ola@x.no, +47 92233444, OLA@X.NO');
    expect(identifierValues(entities)).toEqual(['+4792233444', 'ola@x.no']);
  });

  it('returns an empty list for no entities', () => {
    expect(identifierValues([])).toEqual([]);
  });

  it('recognises the new identifier types in a query, normalised like a report', () => {
    expect(identifiersInQuery('firma 923 609 016')).toEqual({ identifiers: ['923609016'], remainingText: 'firma' });
    expect(identifiersInQuery('NO 923 609 016 MVA').identifiers).toEqual(['923609016']);
    expect(identifiersInQuery('NO93 8601 1117 947').identifiers).toEqual(['NO9386011117947']);
    expect(identifiersInQuery('1234.56.78903 eller AB 12345').identifiers).toEqual(['12345678903', 'AB12345']);
    expect(identifiersInQuery('Evil-Site.NO').identifiers).toEqual(['evil-site.no']);
    expect(identifiersInQuery('010190 12480').identifiers).toEqual(['01019012480']);
  });

  it('keeps dates and times as free text, not identifiers', () => {
    expect(identifiersInQuery('bil 3. mars 2026 922 33 444')).toEqual({ identifiers: ['+4792233444'], remainingText: 'bil 3. mars 2026' });
    expect(identifierValues(extractEntities('03.03.26 kl. 14.30 AB 12345'))).toEqual(['AB12345']);
  });
});
