import type { PossibleIdentifier } from '@mottak/domain';
import { bitcoinExtractor } from './bitcoin.extractor';
import { isValidBase58Address, isValidBech32Address } from './crypto-address.validator';

function scan(text: string) {
  const rejected: PossibleIdentifier[] = [];
  const entities = bitcoinExtractor.extract(text, undefined, rejected);
  return { entities, rejected };
}

const P2PKH = '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa';
const P2SH = '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy';
const P2WPKH = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4';
const P2WSH = 'bc1qc7slrfxkknqcq2jevvvkdgvrt8080852dfjewde450xdlk4ugp7szw5tk9';
const P2TR = 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0';

describe('bitcoin address validation', () => {
  it('accepts base58check P2PKH/P2SH and rejects a changed character', () => {
    expect(isValidBase58Address(P2PKH)).toBe(true);
    expect(isValidBase58Address(P2SH)).toBe(true);
    expect(isValidBase58Address(`${P2PKH.slice(0, -1)}b`)).toBe(false);
  });

  it('accepts bech32 (v0) and bech32m (v1) and refuses the wrong checksum variant or mixed case', () => {
    for (const a of [P2WPKH, P2WSH, P2TR, P2WPKH.toUpperCase()]) expect(isValidBech32Address(a)).toBe(true);
    expect(isValidBech32Address(`${P2WPKH.slice(0, -1)}5`)).toBe(false);
    expect(isValidBech32Address(`BC1Q${P2WPKH.slice(4)}`)).toBe(false);
    // A v1 program with a bech32 (not bech32m) checksum is invalid (BIP-350).
    expect(isValidBech32Address('bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7k7grplx')).toBe(false);
  });
});

describe('bitcoinExtractor', () => {
  it('finds legacy and segwit addresses in prose, segwit lower-cased', () => {
    const text = `Send til ${P2PKH}, ${P2SH} eller ${P2WPKH.toUpperCase()}.`;
    const found = scan(text).entities;
    expect(found.map((e) => e.value)).toEqual([P2PKH, P2SH, P2WPKH]);
    for (const e of found) expect(text.slice(e.start, e.end)).toBe(e.raw);
  });

  it('lists look-alikes with a broken checksum as possible identifiers', () => {
    const { entities, rejected } = scan(`${P2PKH.slice(0, -1)}b og ${P2TR.slice(0, -1)}q`);
    expect(entities).toEqual([]);
    expect(rejected.map((r) => r.reason)).toEqual(['sjekksummen stemmer ikke (base58check)', 'sjekksummen stemmer ikke (bech32)']);
  });

  it('does not take hex digests or long digit runs for failed addresses', () => {
    expect(scan('d41d8cd98f00b204e9800998ecf8427e 1234567891234567891234567891').rejected).toEqual([]);
  });
});
