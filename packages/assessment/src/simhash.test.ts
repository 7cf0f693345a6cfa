import fc from 'fast-check';
import { MAX_PROBE_DISTANCE, shingles, simhash, simhashBands, simhashDistance, simhashProbeBands, simhashSimilarity } from './simhash';

const WORDS = 'bil mann kvinne porten natt dag kaia båt lys sykkel hus nabo garasje esker besøk politi melding telefon brev rapport';

/** A deterministic pseudo-random text of `n` words (linear congruential generator), so tests need no fixtures. */
function text(n: number, seed: number): string {
  const words = WORDS.split(' ');
  let x = seed;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out.push(`${words[x % words.length] ?? 'ord'}${x % 7}`);
  }
  return out.join(' ');
}

describe('simhash', () => {
  it('is 16 lower-case hex digits, deterministic, zero for empty text', () => {
    expect(simhash('Hei på deg')).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash('Hei på deg')).toBe(simhash('Hei på deg'));
    expect(simhash('')).toBe('0000000000000000');
  });

  it('ignores case, white space and invisible characters', () => {
    expect(simhash('Bilen  sto ved\u200B kaia\r\n i natt')).toBe(simhash('bilen sto ved kaia i natt'));
  });

  it('uses three-word shingles', () => {
    expect(shingles('a b c d')).toEqual(['a b c', 'b c d']);
    expect(shingles('a b')).toEqual(['a b']);
  });

  it('gives similarity 1 for identical texts (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(simhashSimilarity(simhash(s), simhash(s))).toBe(1);
      }),
    );
  });

  it('keeps a 200-word text with one word changed at similarity ≥ 0.85', () => {
    const original = text(200, 42);
    const words = original.split(' ');
    words[100] = 'sabotasje';
    expect(simhashSimilarity(simhash(original), simhash(words.join(' ')))).toBeGreaterThanOrEqual(0.85);
  });

  it('keeps one-word edits of 200-word texts similar: ≥ 0.85 typically, never below 0.75 (property)', () => {
    // SimHash is probabilistic: a rare edit flips a few more bits (fast-check once found 0.83), so the
    // guarantee is on the share, over a fixed sample of texts and edit positions.
    const similarities: number[] = [];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 199 }), (seed, at) => {
        const words = text(200, seed).split(' ');
        const edited = [...words];
        edited[at] = 'endret';
        const similarity = simhashSimilarity(simhash(words.join(' ')), simhash(edited.join(' ')));
        expect(similarity).toBeGreaterThanOrEqual(0.75);
        similarities.push(similarity);
      }),
      { numRuns: 200, seed: 2026 },
    );
    expect(similarities.filter((s) => s >= 0.85).length / similarities.length).toBeGreaterThanOrEqual(0.95);
  });

  it('gives unrelated texts a low similarity', () => {
    const a = simhash(text(200, 1));
    const b = simhash('The quarterly financial statement shows increased revenue across all regions and divisions this year.');
    expect(simhashSimilarity(a, b)).toBeLessThan(0.75);
  });
});

describe('simhashDistance and simhashBands', () => {
  const hex64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((n) => n.toString(16).padStart(16, '0'));
  const flip = (hash: string, bits: number[]): string =>
    bits.reduce((h, bit) => (BigInt(`0x${h}`) ^ (1n << BigInt(bit))).toString(16).padStart(16, '0'), hash);

  it('counts differing bits', () => {
    expect(simhashDistance('0000000000000000', 'ffffffffffffffff')).toBe(64);
    expect(simhashDistance('0000000000000000', '8000000000000001')).toBe(2);
    expect(simhashSimilarity('0000000000000000', 'ffffffffffffffff')).toBe(0);
  });

  it('gives four 16-bit band keys', () => {
    expect(simhashBands('0123456789abcdef')).toEqual(['b0:0123', 'b1:4567', 'b2:89ab', 'b3:cdef']);
    expect(simhashBands('0123456789abcdef', 8)[7]).toBe('b7:ef');
    expect(() => simhashBands('xyz')).toThrow(RangeError);
  });

  it('gives any two hashes within distance 3 a shared band (pigeonhole)', () => {
    fc.assert(
      fc.property(hex64, fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 3 }), (hash, bits) => {
        const other = flip(hash, bits);
        expect(simhashDistance(hash, other)).toBe(bits.length);
        const shared = simhashBands(hash).filter((band) => simhashBands(other).includes(band));
        expect(shared.length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('simhashProbeBands', () => {
  const hex64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((n) => n.toString(16).padStart(16, '0'));
  const flip = (hash: string, bits: number[]): string =>
    bits.reduce((h, bit) => (BigInt(`0x${h}`) ^ (1n << BigInt(bit))).toString(16).padStart(16, '0'), hash);

  it('probes the plain bands up to distance 3, and more keys the farther it must reach', () => {
    expect(simhashProbeBands('0123456789abcdef', 3)).toEqual(simhashBands('0123456789abcdef'));
    expect(simhashProbeBands('0123456789abcdef', 0)).toEqual(['b0:0123']);
    expect(simhashProbeBands('0123456789abcdef', 7)).toHaveLength(4 * 17);
    expect(simhashProbeBands('0123456789abcdef', 9)).toHaveLength(2 * 137 + 2 * 17);
    expect(new Set(simhashProbeBands('0123456789abcdef', 9)).size).toBe(308);
    expect(() => simhashProbeBands('0123456789abcdef', MAX_PROBE_DISTANCE + 1)).toThrow(RangeError);
    expect(() => simhashProbeBands('0123456789abcdef', -1)).toThrow(RangeError);
  });

  it('finds every hash within the distance among its probes: a stored band key is always probed (property)', () => {
    fc.assert(
      fc.property(
        hex64,
        fc.integer({ min: 0, max: MAX_PROBE_DISTANCE }),
        fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: MAX_PROBE_DISTANCE }),
        (hash, maxDistance, bits) => {
          const other = flip(hash, bits.slice(0, maxDistance));
          const probes = new Set(simhashProbeBands(hash, maxDistance));
          expect(simhashBands(other).some((band) => probes.has(band))).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds the worst case: bits spread so that no band is within the plain pigeonhole', () => {
    // Distance 9 spread 3-2-2-2 over the four bands: no band is equal (the plain bands miss it); band 1
    // differs in 2 bits, within the radius probed for the first two bands.
    const hash = '0000000000000000';
    const other = flip(hash, [63, 62, 61, 47, 46, 31, 30, 15, 14]);
    expect(simhashDistance(hash, other)).toBe(9);
    const probes = new Set(simhashProbeBands(hash, 9));
    expect(simhashBands(other).some((band) => probes.has(band))).toBe(true);
  });
});
