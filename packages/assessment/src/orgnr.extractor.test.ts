import type { PossibleIdentifier } from '@mottak/domain';
import { orgnrExtractor } from './orgnr.extractor';

function scan(text: string) {
  const rejected: PossibleIdentifier[] = [];
  const entities = orgnrExtractor.extract(text, undefined, rejected);
  return { entities, rejected };
}
const values = (text: string) => scan(text).entities.map((e) => [e.raw, e.value]);

describe('orgnrExtractor', () => {
  it('finds bare, grouped and VAT-form organisasjonsnumre, normalised to 9 digits', () => {
    expect(values('Org.nr. 923609016, også skrevet 923 609 016 og NO 923 609 016 MVA.')).toEqual([
      ['923609016', '923609016'],
      ['923 609 016', '923609016'],
      ['NO 923 609 016 MVA', '923609016'],
    ]);
    expect(values('MVA-nr NO923609016MVA')).toEqual([['NO923609016MVA', '923609016']]);
  });

  it('gives offsets that slice the raw text', () => {
    const text = 'Firma: NO 974 078 139 MVA';
    const [entity] = scan(text).entities;
    expect(entity && text.slice(entity.start, entity.end)).toBe('NO 974 078 139 MVA');
  });

  it('ignores numbers inside longer digit runs, decimals and grouped amounts', () => {
    expect(values('1923609016 9236090160 923609016,5 kr 1 923 609 016')).toEqual([]);
  });

  it('does not read digits after a plus sign (an E.164 phone number) as an organisasjonsnummer', () => {
    expect(scan('+923609016 og +923 609 017')).toEqual({ entities: [], rejected: [] });
  });

  it('lists 8/9-prefixed nine-digit numbers and VAT-form numbers that fail mod 11 as possible identifiers', () => {
    const { entities, rejected } = scan('orgnr 923 609 017 og NO 123 456 789 MVA og 123456789');
    expect(entities).toEqual([]);
    expect(rejected.map((r) => [r.raw, r.reason])).toEqual([
      ['923 609 017', 'kontrollsifferet stemmer ikke (mod 11)'],
      ['NO 123 456 789 MVA', 'organisasjonsnummer begynner med 8 eller 9'],
    ]);
  });
});
