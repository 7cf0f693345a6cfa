import type { PossibleIdentifier } from '@mottak/domain';
import { isValidEthereumAddress, toChecksumAddress } from './crypto-address.validator';
import { ethereumExtractor } from './ethereum.extractor';

/** EIP-55 test vectors from the specification. */
const CHECKSUMMED = [
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
];

describe('EIP-55', () => {
  it('reproduces the specification vectors from the lower-case form', () => {
    for (const a of CHECKSUMMED) expect(toChecksumAddress(a.toLowerCase())).toBe(a);
  });

  it('accepts checksummed and single-case addresses, refuses a wrong mixed case', () => {
    for (const a of CHECKSUMMED) expect(isValidEthereumAddress(a)).toBe(true);
    expect(isValidEthereumAddress((CHECKSUMMED[0] ?? '').toLowerCase())).toBe(true);
    expect(isValidEthereumAddress(`0x${(CHECKSUMMED[0] ?? '').slice(2).toUpperCase()}`)).toBe(true);
    expect(isValidEthereumAddress('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD')).toBe(false);
  });
});

describe('ethereumExtractor', () => {
  function scan(text: string) {
    const rejected: PossibleIdentifier[] = [];
    const entities = ethereumExtractor.extract(text, undefined, rejected);
    return { entities, rejected };
  }

  it('finds addresses, value lower-case, offsets exact', () => {
    const text = `Lommebok: ${CHECKSUMMED[0]}.`;
    const [e] = scan(text).entities;
    expect(e?.value).toBe((CHECKSUMMED[0] ?? '').toLowerCase());
    expect(e && text.slice(e.start, e.end)).toBe(CHECKSUMMED[0]);
  });

  it('ignores 64-digit transaction hashes and lists a broken checksum as a possible identifier', () => {
    expect(scan(`0x${'ab'.repeat(32)}`).entities).toEqual([]);
    const { entities, rejected } = scan('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD');
    expect(entities).toEqual([]);
    expect(rejected.map((r) => [r.type, r.reason])).toEqual([['ethereum', 'store og små bokstaver stemmer ikke med sjekksummen (EIP-55)']]);
  });
});
