/**
 * Keccak-f[1600] sponge: Keccak-256 as Ethereum uses it (padding byte 0x01, not SHA3's 0x06), which
 * node:crypto does not offer. Written here instead of adding a dependency; BigInt lanes keep it short
 * and obviously correct, and it only ever hashes 40-character addresses.
 */

const MASK = (1n << 64n) - 1n;
const ROUND_CONSTANTS: readonly bigint[] = [
  0x0000000000000001n, 0x0000000000008082n, 0x800000000000808an, 0x8000000080008000n, 0x000000000000808bn,
  0x0000000080000001n, 0x8000000080008081n, 0x8000000000008009n, 0x000000000000008an, 0x0000000000000088n,
  0x0000000080008009n, 0x000000008000000an, 0x000000008000808bn, 0x800000000000008bn, 0x8000000000008089n,
  0x8000000000008003n, 0x8000000000008002n, 0x8000000000000080n, 0x000000000000800an, 0x800000008000000an,
  0x8000000080008081n, 0x8000000000008080n, 0x0000000080000001n, 0x8000000080008008n,
];
/** Rotation offsets r[x + 5y]. */
const ROTATIONS: readonly number[] = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];

function rotl(v: bigint, n: number): bigint {
  if (n === 0) return v;
  const s = BigInt(n);
  return ((v << s) | (v >> (64n - s))) & MASK;
}

function keccakF(a: bigint[]): void {
  for (const rc of ROUND_CONSTANTS) {
    // θ
    const c = [0, 1, 2, 3, 4].map((x) => (a[x] ?? 0n) ^ (a[x + 5] ?? 0n) ^ (a[x + 10] ?? 0n) ^ (a[x + 15] ?? 0n) ^ (a[x + 20] ?? 0n));
    for (let x = 0; x < 5; x++) {
      const d = (c[(x + 4) % 5] ?? 0n) ^ rotl(c[(x + 1) % 5] ?? 0n, 1);
      for (let y = 0; y < 25; y += 5) a[x + y] = (a[x + y] ?? 0n) ^ d;
    }
    // ρ and π: B[y, 2x + 3y] = rot(A[x, y], r[x, y])
    const b = new Array<bigint>(25).fill(0n);
    for (let x = 0; x < 5; x++) {
      for (let y = 0; y < 5; y++) b[y + 5 * ((2 * x + 3 * y) % 5)] = rotl(a[x + 5 * y] ?? 0n, ROTATIONS[x + 5 * y] ?? 0);
    }
    // χ
    for (let y = 0; y < 25; y += 5) {
      for (let x = 0; x < 5; x++) a[x + y] = (b[x + y] ?? 0n) ^ (~(b[((x + 1) % 5) + y] ?? 0n) & MASK & (b[((x + 2) % 5) + y] ?? 0n));
    }
    // ι
    a[0] = (a[0] ?? 0n) ^ rc;
  }
}

/** Keccak sponge with a 256-bit output; `suffix` is the domain-separation byte (0x01 Keccak, 0x06 SHA3-256). */
export function keccakSponge256(input: Uint8Array, suffix: number): Uint8Array {
  const rate = 136; // bytes: 1600 − 2 × 256 bits
  const padded = new Uint8Array((Math.floor(input.length / rate) + 1) * rate);
  padded.set(input);
  padded[input.length] = (padded[input.length] ?? 0) ^ suffix;
  padded[padded.length - 1] = (padded[padded.length - 1] ?? 0) ^ 0x80;
  const state = new Array<bigint>(25).fill(0n);
  for (let offset = 0; offset < padded.length; offset += rate) {
    for (let lane = 0; lane < rate / 8; lane++) {
      let v = 0n;
      for (let k = 7; k >= 0; k--) v = (v << 8n) | BigInt(padded[offset + lane * 8 + k] ?? 0);
      state[lane] = (state[lane] ?? 0n) ^ v;
    }
    keccakF(state);
  }
  const out = new Uint8Array(32);
  for (let i = 0; i < 32; i++) out[i] = Number(((state[i >> 3] ?? 0n) >> BigInt(8 * (i & 7))) & 0xffn);
  return out;
}

/** Keccak-256 (the pre-standard padding Ethereum uses) of UTF-8 text or bytes, as lower-case hex. */
export function keccak256Hex(input: string | Uint8Array): string {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  return Buffer.from(keccakSponge256(bytes, 0x01)).toString('hex');
}
