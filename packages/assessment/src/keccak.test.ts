import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { keccak256Hex, keccakSponge256 } from './keccak';

describe('keccak256Hex', () => {
  it('matches the published Keccak-256 test vectors', () => {
    expect(keccak256Hex('')).toBe('c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470');
    expect(keccak256Hex('abc')).toBe('4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45');
  });

  it('with the SHA3 padding byte equals node:crypto sha3-256 for any input, across block boundaries', () => {
    // The same sponge with suffix 0x06 is SHA3-256, which OpenSSL implements independently.
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const ours = Buffer.from(keccakSponge256(bytes, 0x06)).toString('hex');
        expect(ours).toBe(createHash('sha3-256').update(bytes).digest('hex'));
      }),
      { numRuns: 60 },
    );
    for (const n of [135, 136, 137, 272]) {
      const bytes = new Uint8Array(n).fill(0x61);
      expect(Buffer.from(keccakSponge256(bytes, 0x06)).toString('hex')).toBe(createHash('sha3-256').update(bytes).digest('hex'));
    }
  });
});
