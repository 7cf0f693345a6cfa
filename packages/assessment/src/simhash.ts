import { foldForComparison } from './normalize';

/** Words per shingle: three-word windows keep word order in the fingerprint without making one edit cost much. */
const SHINGLE_WORDS = 3;
const BAND_COUNTS = [1, 2, 4, 8, 16] as const;
const WORD = /[\p{L}\p{N}]+/gu;

/** 32-bit FNV-1a over UTF-16 code units with a seed, finished with the murmur3 mixer for avalanche. */
function hash32(s: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** Overlapping word shingles of the normalised, case-folded text; a text shorter than one shingle is one shingle. */
export function shingles(text: string): string[] {
  const words = foldForComparison(text).match(WORD) ?? [];
  if (words.length <= SHINGLE_WORDS) return words.length === 0 ? [] : [words.join(' ')];
  const out: string[] = [];
  // Three words by hand rather than slice + join: this runs for every word of every report.
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) out.push(`${words[i]} ${words[i + 1]} ${words[i + 2]}`);
  return out;
}

/**
 * 64-bit SimHash (Charikar) of a text over three-word shingles, as 16 lower-case hex digits. Similar
 * texts get hashes a small Hamming distance apart; an empty text hashes to all zeros. Pure and
 * deterministic (the same on every machine and run).
 */
export function simhash(text: string): string {
  const counts = new Int32Array(64);
  for (const shingle of shingles(text)) {
    const hi = hash32(shingle, 0x9e3779b9);
    const lo = hash32(shingle, 0x7f4a7c15);
    // +1 for a set bit, -1 for a clear one, without branches (the hot loop of the whole SimHash).
    for (let bit = 0; bit < 32; bit++) {
      counts[bit] = (counts[bit] as number) + (((lo >>> bit) & 1) << 1) - 1;
      counts[bit + 32] = (counts[bit + 32] as number) + (((hi >>> bit) & 1) << 1) - 1;
    }
  }
  let lo = 0;
  let hi = 0;
  for (let bit = 0; bit < 32; bit++) {
    if ((counts[bit] ?? 0) > 0) lo = (lo | (1 << bit)) >>> 0;
    if ((counts[bit + 32] ?? 0) > 0) hi = (hi | (1 << bit)) >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

function popcount32(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

function halves(hash: string): [number, number] {
  if (!/^[0-9a-f]{16}$/.test(hash)) throw new RangeError(`not a 64-bit simhash: ${hash}`);
  return [parseInt(hash.slice(0, 8), 16), parseInt(hash.slice(8), 16)];
}

/** Number of differing bits between two simhashes (0–64). */
export function simhashDistance(a: string, b: string): number {
  const [ah, al] = halves(a);
  const [bh, bl] = halves(b);
  return popcount32((ah ^ bh) >>> 0) + popcount32((al ^ bl) >>> 0);
}

/** 1 − Hamming distance / 64: 1 for identical hashes, about 0.5 for unrelated texts. */
export function simhashSimilarity(a: string, b: string): number {
  return 1 - simhashDistance(a, b) / 64;
}

/**
 * Band keys for an indexed equality lookup of candidates: by default four bands of 16 bits
 * (`b0:1a2b` … `b3:…`). By the pigeonhole principle two hashes within Hamming distance `bands − 1`
 * agree on at least one band, so a store that indexes these keys finds every such pair without
 * scanning; candidates are then ranked by simhashSimilarity. More bands reach further (8 bands:
 * distance 7, similarity ≥ 0.89) at the price of more candidates per lookup.
 */
export function simhashBands(hash: string, bands: (typeof BAND_COUNTS)[number] = 4): string[] {
  halves(hash);
  if (!BAND_COUNTS.includes(bands)) throw new RangeError(`bands must be one of ${BAND_COUNTS.join(', ')}`);
  const width = 16 / bands;
  return Array.from({ length: bands }, (_, i) => `b${i}:${hash.slice(i * width, (i + 1) * width)}`);
}

/** Bands of the indexed keys the probes target: simhashBands(hash, 4), four 16-bit bands. */
const PROBE_BANDS = 4;
const PROBE_BAND_BITS = 16;
/** The farthest simhashProbeBands reaches: at 12 bits it already yields 1,108 keys, and beyond that the lookup stops being cheap. */
export const MAX_PROBE_DISTANCE = 12;

/** Every 16-bit value within `radius` bits of `value` (the value itself first). */
function bandNeighbours(value: number, radius: number): number[] {
  const out = [value];
  const extend = (from: number, lowestBit: number, left: number): void => {
    for (let bit = lowestBit; bit < PROBE_BAND_BITS; bit++) {
      const flipped = from ^ (1 << bit);
      out.push(flipped);
      if (left > 1) extend(flipped, bit + 1, left - 1);
    }
  };
  if (radius > 0) extend(value, 0, radius);
  return out;
}

/**
 * The band keys to look up so that every hash indexed by `simhashBands(h, 4)` within `maxDistance`
 * bits of `hash` is among the hits: multi-index hashing (Norouzi, Punjani and Fleet, 2012). Write
 * maxDistance = 4q + a (0 ≤ a < 4). A hash that differs from `hash` in at most maxDistance bits
 * differs in at most q bits in one of the first a+1 bands, or in at most q−1 bits in one of the
 * other 3−a (else it would differ in at least (a+1)(q+1) + (3−a)q = maxDistance + 1 bits). So the
 * probes are the first a+1 bands with every variant of up to q flipped bits and the other bands with
 * up to q−1, in the key format of simhashBands. Distance 9 (similarity ≥ 0.85) takes 308 keys;
 * distance 7, 68; distance 3, 4 (the plain bands). Exact, not probabilistic: the store then
 * re-ranks the hits by simhashDistance.
 */
export function simhashProbeBands(hash: string, maxDistance: number): string[] {
  halves(hash);
  if (!Number.isInteger(maxDistance) || maxDistance < 0 || maxDistance > MAX_PROBE_DISTANCE) {
    throw new RangeError(`maxDistance must be an integer from 0 to ${MAX_PROBE_DISTANCE}`);
  }
  const q = Math.floor(maxDistance / PROBE_BANDS);
  const a = maxDistance % PROBE_BANDS;
  const keys: string[] = [];
  for (let band = 0; band < PROBE_BANDS; band++) {
    const radius = band <= a ? q : q - 1;
    if (radius < 0) continue;
    const value = parseInt(hash.slice(band * 4, band * 4 + 4), 16);
    for (const neighbour of bandNeighbours(value, radius)) keys.push(`b${band}:${neighbour.toString(16).padStart(4, '0')}`);
  }
  return keys;
}
