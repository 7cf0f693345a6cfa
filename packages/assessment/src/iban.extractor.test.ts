import type { PossibleIdentifier } from '@mottak/domain';
import { ibanExtractor } from './iban.extractor';

function scan(text: string) {
  const rejected: PossibleIdentifier[] = [];
  const entities = ibanExtractor.extract(text, undefined, rejected);
  return { entities, rejected };
}

describe('ibanExtractor', () => {
  it('finds compact and grouped IBANs of any country, value compact', () => {
    const text = 'IBAN NO93 8601 1117 947, GB82WEST12345698765432 og DE89 3704 0044 0532 0130 00.';
    expect(scan(text).entities.map((e) => [text.slice(e.start, e.end), e.value])).toEqual([
      ['NO93 8601 1117 947', 'NO9386011117947'],
      ['GB82WEST12345698765432', 'GB82WEST12345698765432'],
      ['DE89 3704 0044 0532 0130 00', 'DE89370400440532013000'],
    ]);
  });

  it('stops at the country length, so following words are not swallowed', () => {
    expect(scan('NO93 8601 1117 947 KR 500').entities.map((e) => e.value)).toEqual(['NO9386011117947']);
  });

  it('ignores unknown country codes, wrong lengths and glued text', () => {
    expect(scan('ZZ93 8601 1117 947 NO9386011117 NO93860111179470 xNO9386011117947').entities).toEqual([]);
  });

  it('lists a right-length IBAN with wrong check digits as a possible identifier', () => {
    const { entities, rejected } = scan('NO94 8601 1117 947');
    expect(entities).toEqual([]);
    expect(rejected).toEqual([{ type: 'iban', raw: 'NO94 8601 1117 947', start: 0, end: 18, reason: 'kontrollsifrene stemmer ikke (mod 97)' }]);
  });
});
