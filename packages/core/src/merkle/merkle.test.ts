import fc from 'fast-check';
import { canonicalJson } from '../hash-chain';
import {
  checkpointKeyFromPem,
  checkpointSignatureValid,
  checkpointVerifierFromPem,
  CompactRange,
  consistencyProofFromLeaves,
  EMPTY_ROOT,
  frontierNodes,
  inclusionProofFromLeaves,
  inclusionProofRanges,
  leafHash,
  merkleRoot,
  nodeHash,
  RangeHasher,
  rootOfFrontier,
  signCheckpointWith,
  verifyConsistency,
  verifyInclusion,
} from './index';
import { generateKeyPairSync } from 'node:crypto';

const h = (hex: string) => Buffer.from(hex, 'hex');
const hex = (b: Buffer) => b.toString('hex');

// The RFC 6962 reference tree as published with certificate-transparency / transparency-dev/merkle
// (testonly/constants.go, proof/verify_test.go): eight leaves, the root of every prefix, and proofs.
const LEAF_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(h);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
/** [leaf index (0-based), tree size, proof]. */
const INCLUSION: Array<[number, number, string[]]> = [
  [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
  [1, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
  [0, 1, []],
];
/** [old size, new size, proof]. */
const CONSISTENCY: Array<[number, number, string[]]> = [
  [1, 1, []],
  [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
  [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
  [6, 7, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
];
const LEAVES = LEAF_INPUTS.map((d) => leafHash(d));
const root = (size: number) => h(ROOTS[size] as string);

/** Synthetic leaf hashes for trees of any size. */
const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => leafHash(`leaf ${i}`));
const flipBit = (b: Buffer, bit = 3) => {
  const copy = Buffer.from(b);
  copy[0] = (copy[0] as number) ^ (1 << bit);
  return copy;
};

describe('RFC 6962 Merkle tree: the reference vectors', () => {
  it('hashes leaves with 0x00 and nodes with 0x01, and the empty tree as SHA-256 of nothing', () => {
    expect(hex(EMPTY_ROOT)).toBe(ROOTS[0]);
    expect(hex(LEAVES[0] as Buffer)).toBe(ROOTS[1]);
    expect(hex(nodeHash(LEAVES[0] as Buffer, LEAVES[1] as Buffer))).toBe(ROOTS[2]);
  });

  it('gives the published root for every size 0..8, in memory and streamed', () => {
    const stream = new CompactRange();
    expect(hex(stream.root())).toBe(ROOTS[0]);
    for (let n = 0; n <= 8; n += 1) {
      expect(hex(merkleRoot(LEAVES.slice(0, n)))).toBe(ROOTS[n]);
      if (n > 0) {
        stream.append(LEAVES[n - 1] as Buffer);
        expect(hex(stream.root())).toBe(ROOTS[n]);
      }
    }
  });

  it.each(INCLUSION)('builds and verifies the published inclusion proof of leaf %i in a tree of %i', (index, size, proof) => {
    expect(inclusionProofFromLeaves(LEAVES, index, size).map(hex)).toEqual(proof);
    expect(verifyInclusion(index, size, LEAVES[index] as Buffer, proof.map(h), root(size))).toBe(true);
  });

  it.each(CONSISTENCY)('builds and verifies the published consistency proof from %i to %i', (oldSize, newSize, proof) => {
    expect(consistencyProofFromLeaves(LEAVES, oldSize, newSize).map(hex)).toEqual(proof);
    expect(verifyConsistency(oldSize, newSize, root(oldSize), root(newSize), proof.map(h))).toBe(true);
  });

  it('rejects the reference proofs when any part is corrupted (the probes of verify_test.go)', () => {
    for (const [index, size, text] of INCLUSION.filter(([, , p]) => p.length > 0)) {
      const proof = text.map(h);
      const leaf = LEAVES[index] as Buffer;
      const probes: Array<[number, number, Buffer, Buffer[], Buffer]> = [
        [index - 1, size, leaf, proof, root(size)],
        [index + 1, size, leaf, proof, root(size)],
        [index ^ 2, size, leaf, proof, root(size)],
        [index, size * 2, leaf, proof, root(size)],
        [index, Math.floor(size / 2), leaf, proof, root(size)],
        [index, size, leafHash('WrongLeaf'), proof, root(size)],
        [index, size, leaf, proof, EMPTY_ROOT],
        [index, size, leaf, [...proof, root(size)], root(size)],
        [index, size, leaf, [root(size), ...proof], root(size)],
        [index, size, leaf, proof.slice(0, -1), root(size)],
        ...proof.map((_, i): [number, number, Buffer, Buffer[], Buffer] => [index, size, leaf, proof.map((p, j) => (j === i ? flipBit(p) : p)), root(size)]),
      ];
      for (const probe of probes) expect(verifyInclusion(...probe)).toBe(false);
    }
    for (const [oldSize, newSize, text] of CONSISTENCY.filter(([, , p]) => p.length > 0)) {
      const proof = text.map(h);
      const [r1, r2] = [root(oldSize), root(newSize)];
      const probes: Array<[number, number, Buffer, Buffer, Buffer[]]> = [
        [oldSize - 1, newSize, r1, r2, proof],
        [oldSize + 1, newSize, r1, r2, proof],
        [oldSize ^ 2, newSize, r1, r2, proof],
        [oldSize, newSize * 2, r1, r2, proof],
        [oldSize, Math.floor(newSize / 2), r1, r2, proof],
        [oldSize, newSize, leafHash('WrongRoot'), r2, proof],
        [oldSize, newSize, r1, leafHash('WrongRoot'), proof],
        [oldSize, newSize, r2, r1, proof],
        [oldSize, newSize, r1, r2, []],
        [oldSize, newSize, r1, r2, [...proof, r1]],
        [oldSize, newSize, r1, r2, [...proof, r2]],
        [oldSize, newSize, r1, r2, [r1, ...proof]],
        [oldSize, newSize, r1, r2, [r2, ...proof]],
        [oldSize, newSize, r1, r2, [proof[0] as Buffer, ...proof]],
        [oldSize, newSize, r1, r2, proof.slice(0, -1)],
        ...proof.map((_, i): [number, number, Buffer, Buffer, Buffer[]] => [oldSize, newSize, r1, r2, proof.map((p, j) => (j === i ? flipBit(p, 4) : p))]),
      ];
      for (const probe of probes) expect(verifyConsistency(...probe)).toBe(false);
    }
  });

  it('treats the trivial consistency cases as RFC 9162 and transparency-dev do', () => {
    expect(verifyConsistency(0, 0, EMPTY_ROOT, EMPTY_ROOT, [])).toBe(true);
    expect(verifyConsistency(0, 5, EMPTY_ROOT, root(5), [])).toBe(true);
    expect(verifyConsistency(0, 5, EMPTY_ROOT, root(5), [EMPTY_ROOT])).toBe(false);
    expect(verifyConsistency(1, 1, root(1), root(2), [])).toBe(false);
    expect(verifyConsistency(2, 1, root(2), root(1), [])).toBe(false);
    expect(verifyConsistency(1, 2, root(1), root(2), [])).toBe(false);
  });
});

describe('RFC 6962 Merkle tree: properties', () => {
  const MAX = 40;
  const all = leavesOf(MAX);

  it('verifies every inclusion proof for every (index, size) up to 40, and none for another leaf or index', () => {
    for (let size = 1; size <= MAX; size += 1) {
      const r = merkleRoot(all, 0, size);
      for (let index = 0; index < size; index += 1) {
        const proof = inclusionProofFromLeaves(all, index, size);
        expect(verifyInclusion(index, size, all[index] as Buffer, proof, r)).toBe(true);
        expect(verifyInclusion(index, size, leafHash('another'), proof, r)).toBe(false);
        if (size > 1) expect(verifyInclusion((index + 1) % size, size, all[index] as Buffer, proof, r)).toBe(false);
      }
    }
  });

  it('verifies every consistency proof for 1 ≤ m ≤ n ≤ 40', () => {
    for (let n = 1; n <= MAX; n += 1) {
      for (let m = 1; m <= n; m += 1) {
        expect(verifyConsistency(m, n, merkleRoot(all, 0, m), merkleRoot(all, 0, n), consistencyProofFromLeaves(all, m, n))).toBe(true);
      }
    }
  });

  it('fails any inclusion proof with a tampered leaf, proof element or root', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: MAX }).chain((size) => fc.tuple(fc.constant(size), fc.nat(size - 1), fc.nat(), fc.nat(255))), ([size, index, pick, bit]) => {
        const r = merkleRoot(all, 0, size);
        const proof = inclusionProofFromLeaves(all, index, size);
        const tampered = pick % (proof.length + 2);
        const flip = (b: Buffer) => {
          const c = Buffer.from(b);
          c[bit % 32] = (c[bit % 32] as number) ^ (1 << (pick % 8));
          return c;
        };
        if (tampered === proof.length) return !verifyInclusion(index, size, flip(all[index] as Buffer), proof, r);
        if (tampered === proof.length + 1) return !verifyInclusion(index, size, all[index] as Buffer, proof, flip(r));
        return !verifyInclusion(index, size, all[index] as Buffer, proof.map((p, i) => (i === tampered ? flip(p) : p)), r);
      }),
    );
  });

  it('fails any consistency proof with a tampered element or either root', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: MAX }).chain((n) => fc.tuple(fc.integer({ min: 1, max: n - 1 }), fc.constant(n), fc.nat(), fc.nat(255))),
        ([m, n, pick, bit]) => {
          const [r1, r2] = [merkleRoot(all, 0, m), merkleRoot(all, 0, n)];
          const proof = consistencyProofFromLeaves(all, m, n);
          const flip = (b: Buffer) => {
            const c = Buffer.from(b);
            c[bit % 32] = (c[bit % 32] as number) ^ (1 << (pick % 8));
            return c;
          };
          const which = pick % (proof.length + 2);
          if (which === proof.length) return !verifyConsistency(m, n, flip(r1), r2, proof);
          if (which === proof.length + 1) return !verifyConsistency(m, n, r1, flip(r2), proof);
          return !verifyConsistency(m, n, r1, r2, proof.map((p, i) => (i === which ? flip(p) : p)));
        },
      ),
    );
  });

  it('streams the same root as the recursive definition for every size, and resumes from a frontier', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 300 }), (a, b) => {
        const leaves = leavesOf(Math.max(a, b));
        const [cut, n] = [Math.min(a, b), Math.max(a, b)];
        const first = new CompactRange();
        for (const leaf of leaves.slice(0, cut)) first.append(leaf);
        expect(frontierNodes(cut)).toHaveLength(first.frontier().length);
        const resumed = new CompactRange(cut, first.frontier());
        for (const leaf of leaves.slice(cut, n)) resumed.append(leaf);
        return resumed.root().equals(merkleRoot(leaves)) && rootOfFrontier(first.frontier()).equals(merkleRoot(leaves, 0, cut));
      }),
    );
  });

  it('computes proof subtrees in one pass (RangeHasher) exactly as from memory', () => {
    const leaves = leavesOf(37);
    const ranges = [5, 17, 36].flatMap((i) => inclusionProofRanges(i, 37));
    const hasher = new RangeHasher(ranges);
    for (const leaf of leaves) hasher.append(leaf);
    for (const index of [5, 17, 36]) {
      expect(inclusionProofRanges(index, 37).map((r) => hasher.hashOf(r))).toEqual(inclusionProofFromLeaves(leaves, index, 37));
    }
  });

  it('reports every complete subtree as it forms', () => {
    const seen: string[] = [];
    const tree = new CompactRange(0, [], (level, index, hash) => seen.push(`${level}/${index}=${hex(hash)}`));
    for (const leaf of LEAVES) tree.append(leaf);
    expect(seen).toContain(`3/0=${ROOTS[8]}`);
    expect(seen).toContain(`2/1=6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4`);
    expect(seen).toHaveLength(15);
  });
});

describe('signed checkpoints', () => {
  const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const key = checkpointKeyFromPem(pem);

  it('signs a tree head that the public key alone verifies, and nothing altered', () => {
    const checkpoint = signCheckpointWith(key, { log: 'audit', treeSize: 8, rootHash: ROOTS[8] as string, timestamp: '2026-01-01T00:00:00.000Z' });
    expect(checkpoint.keyId).toMatch(/^[0-9a-f]{16}$/);
    const verifier = checkpointVerifierFromPem(key.publicKeyPem);
    expect(checkpointSignatureValid(verifier, checkpoint)).toBe(true);
    expect(checkpointSignatureValid(verifier, { ...checkpoint, treeSize: 7 })).toBe(false);
    expect(checkpointSignatureValid(verifier, { ...checkpoint, rootHash: ROOTS[7] as string })).toBe(false);
    expect(checkpointSignatureValid(verifier, { ...checkpoint, log: 'journal' })).toBe(false);
    expect(checkpointSignatureValid(verifier, { ...checkpoint, signature: 'AAAA' })).toBe(false);
    const other = checkpointKeyFromPem(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
    expect(checkpointSignatureValid(other, checkpoint)).toBe(false);
  });

  it('refuses a key that is not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => checkpointKeyFromPem(rsa)).toThrow(/Ed25519/);
  });
});

describe('canonical JSON (the leaf data)', () => {
  /** The straightforward definition the fast one must agree with. */
  function reference(value: unknown): string {
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
    if (Array.isArray(value)) return `[${value.map((v) => reference(v)).join(',')}]`;
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${reference(v)}`).join(',')}}`;
  }

  it('sorts keys at every level exactly as the reference definition, for any JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => canonicalJson(value) === reference(value)));
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: 'æ' }], B: null })).toBe('{"B":null,"a":[{"c":"æ"}],"b":1}');
  });
});
