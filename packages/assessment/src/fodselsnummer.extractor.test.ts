import fc from 'fast-check';
import type { PossibleIdentifier } from '@mottak/domain';
import { fodselsnummerExtractor } from './fodselsnummer.extractor';
import { validIdNumber } from './__fixtures__/fodselsnummer.arbitrary';

const extract = (text: string) => fodselsnummerExtractor.extract(text);

describe('fodselsnummerExtractor', () => {
  it('finds a fødselsnummer written as 11 digits, with correct offsets', () => {
    const text = 'Fnr. 01017000027 oppgitt av tipser.';
    const [entity, ...rest] = extract(text);
    expect(rest).toEqual([]);
    expect(entity).toEqual({ type: 'fodselsnummer', value: '01017000027', raw: '01017000027', start: 5, end: 16 });
    expect(text.slice(entity?.start, entity?.end)).toBe(entity?.raw);
  });

  it('finds the DDMMYY NNNNN form with one space and normalises the value to 11 digits', () => {
    const text = 'personnr 150585 07439, se vedlegg';
    expect(extract(text)).toEqual([{ type: 'fodselsnummer', value: '15058507439', raw: '150585 07439', start: 9, end: 21 }]);
  });

  it('reports a D-nummer as d-nummer, not fodselsnummer', () => {
    expect(extract('D-nr 71019900058').map((e) => [e.type, e.value])).toEqual([['d-nummer', '71019900058']]);
    expect(extract('D-nr 450585 03782').map((e) => [e.type, e.value])).toEqual([['d-nummer', '45058503782']]);
  });

  it('ignores look-alikes with a wrong control digit or an impossible date', () => {
    expect(extract('01017000028 og 01017000037 og 32017000027')).toEqual([]);
  });

  it('does not read digits after a plus sign (an E.164 phone number) as one, nor list them as a look-alike', () => {
    const rejected: PossibleIdentifier[] = [];
    expect(fodselsnummerExtractor.extract('Ring +01017000027 eller +12029458288', undefined, rejected)).toEqual([]);
    expect(rejected).toEqual([]);
  });

  it('does not match inside a longer digit run or a decimal number', () => {
    expect(extract('konto 101017000027')).toEqual([]);
    expect(extract('010170000271')).toEqual([]);
    expect(extract('3.01017000027')).toEqual([]);
    expect(extract('01017000027,5')).toEqual([]);
    expect(extract('1 01017000027 2')).toHaveLength(1);
  });

  it('does not accept other separators or two spaces', () => {
    expect(extract('010170-00027')).toEqual([]);
    expect(extract('010170  00027')).toEqual([]);
    expect(extract('0101 7000027')).toEqual([]);
  });

  it('does not match when glued to letters', () => {
    expect(extract('fnr01017000027')).toEqual([]);
    expect(extract('01017000027abc')).toEqual([]);
  });

  it('finds several and keeps them in order', () => {
    const text = '01017000027\n15058507439;71019900058';
    expect(extract(text).map((e) => e.start)).toEqual([0, 12, 24]);
  });

  it('property: any valid generated number embedded in prose is found with its kind and exact span', () => {
    fc.assert(
      fc.property(validIdNumber, fc.boolean(), fc.constantFrom('Fnr: ', '(', 'nr ', '\n'), ({ digits, kind }, spaced, prefix) => {
        const written = spaced ? `${digits.slice(0, 6)} ${digits.slice(6)}` : digits;
        const text = `${prefix}${written}. Mer tekst`;
        const found = extract(text);
        expect(found).toEqual([{ type: kind, value: digits, raw: written, start: prefix.length, end: prefix.length + written.length }]);
      }),
      { numRuns: 500 },
    );
  });
});

describe('fodselsnummerExtractor: H-nummer and look-alikes', () => {
  const withRejects = (text: string) => {
    const rejected: PossibleIdentifier[] = [];
    const entities = fodselsnummerExtractor.extract(text, undefined, rejected);
    return { entities, rejected };
  };

  it('reports an H-nummer (third digit + 4) as h-nummer, with or without the space', () => {
    expect(extract('H-nr 01419012382').map((e) => [e.type, e.value])).toEqual([['h-nummer', '01419012382']]);
    expect(extract('H-nr 014190 12382').map((e) => [e.type, e.value])).toEqual([['h-nummer', '01419012382']]);
  });

  it('finds a fødselsnummer written as DDMMYY NNNNN', () => {
    expect(extract('fnr 010190 12480.').map((e) => [e.type, e.value, e.raw])).toEqual([['fodselsnummer', '01019012480', '010190 12480']]);
  });

  it('lists a number with a plausible date but wrong control digits as a possible identifier', () => {
    const { entities, rejected } = withRejects('fnr 01017000028 og H-nr 01419012383');
    expect(entities).toEqual([]);
    expect(rejected).toEqual([
      { type: 'fodselsnummer', raw: '01017000028', start: 4, end: 15, reason: 'kontrollsifrene stemmer ikke (mod 11)' },
      { type: 'h-nummer', raw: '01419012383', start: 24, end: 35, reason: 'kontrollsifrene stemmer ikke (mod 11)' },
    ]);
  });

  it('lists an impossible date as a possible identifier, and ignores numbers whose date part is not a date', () => {
    expect(withRejects('31027000027').rejected.map((r) => r.reason)).toEqual(['ugyldig dato']);
    expect(withRejects('99999999999 og 00000000000').rejected).toEqual([]);
  });
});
