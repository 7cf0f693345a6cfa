import { GENESIS_HASH } from '@mottak/domain';
import fc from 'fast-check';
import { canonicalJson, chainHashOfContent, createChainVerifier, entryContent, storedRowCanonicalContent, storedRowContent } from './hash-chain';
import type { StoredLogRow } from './ports/audit-log.port';

type Content = Omit<StoredLogRow, 'detailsJson' | 'prevHash' | 'hash'> & { details: Record<string, unknown> };

/** Builds a chain of stored rows the way an adapter writes them; `serialise` says how details are stored. */
function storedChain(contents: Content[], serialise: (details: Record<string, unknown>) => string = canonicalJson): StoredLogRow[] {
  let prevHash = GENESIS_HASH;
  return contents.map((c) => {
    const { details, subjectId, ...rest } = c;
    const hash = chainHashOfContent(prevHash, entryContent({ ...rest, ...(subjectId !== null ? { subjectId } : {}), details }));
    const row: StoredLogRow = { ...rest, subjectId, detailsJson: serialise(details), prevHash, hash };
    prevHash = hash;
    return row;
  });
}

const detailsArbitrary = fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }) as fc.Arbitrary<Record<string, unknown>>;
const contentArbitrary = fc.record({
  at: fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
  actor: fc.string({ maxLength: 12 }),
  action: fc.string({ maxLength: 12 }),
  subjectId: fc.option(fc.string({ maxLength: 12 }), { nil: null }),
  details: detailsArbitrary,
});

function withSeq(contents: Array<Omit<Content, 'seq'>>): Content[] {
  return contents.map((c, i) => ({ ...c, seq: i + 1 }));
}

describe('stored-row verification (the fast path of log verification)', () => {
  it('builds exactly the canonical content from canonically stored details, without parsing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), contentArbitrary, (seq, c) => {
        const [row] = storedChain([{ ...c, seq }]);
        expect(storedRowContent(row as StoredLogRow)).toBe(storedRowCanonicalContent(row as StoredLogRow));
      }),
    );
  });

  it('accepts an intact chain and returns each entry’s canonical content as its leaf data', () => {
    fc.assert(
      fc.property(fc.array(contentArbitrary, { minLength: 1, maxLength: 20 }), (contents) => {
        const rows = storedChain(withSeq(contents));
        const verifier = createChainVerifier();
        const leaves = rows.map((row) => verifier.nextStored(row));
        expect(verifier.result()).toEqual({ ok: true, entries: rows.length });
        expect(leaves).toEqual(rows.map((row) => storedRowCanonicalContent(row)));
      }),
    );
  });

  it('still accepts rows stored before details were canonical (other key order), through the slow path', () => {
    const reversedKeys = (details: Record<string, unknown>) => JSON.stringify(Object.fromEntries(Object.entries(details).reverse()));
    const rows = storedChain(
      withSeq([
        { at: '2026-01-01T00:00:00.000Z', actor: 'user:kari', action: 'report.read', subjectId: 'r1', details: { zeta: 1, alpha: { y: 2, b: 3 } } },
        { at: '2026-01-01T00:00:01.000Z', actor: 'user:kim', action: 'search', subjectId: null, details: { query: 'drone', hits: 2 } },
      ]),
      reversedKeys,
    );
    expect(rows[0]?.detailsJson).not.toBe(canonicalJson(JSON.parse(rows[0]?.detailsJson ?? '{}')));
    const verifier = createChainVerifier();
    const leaves = rows.map((row) => verifier.nextStored(row));
    expect(verifier.result()).toEqual({ ok: true, entries: 2 });
    expect(leaves).toEqual(rows.map((row) => storedRowCanonicalContent(row)));
  });

  it('names the first altered row, and keeps giving canonical leaf data after the break', () => {
    const rows = storedChain(
      withSeq(
        Array.from({ length: 5 }, (_, i) => ({ at: `2026-01-01T00:00:0${i}.000Z`, actor: 'user:kari', action: 'report.read', subjectId: `r${i}`, details: { i } })),
      ),
    );
    const tampered = rows.map((row) => (row.seq === 3 ? { ...row, detailsJson: '{"i":99}' } : row.seq === 4 ? { ...row, detailsJson: 'not json' } : row));
    const verifier = createChainVerifier();
    const leaves = tampered.map((row) => verifier.nextStored(row));
    expect(verifier.result()).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    expect(leaves[2]).toBe(storedRowCanonicalContent(tampered[2] as StoredLogRow));
    expect(leaves[3]).toContain('unparseableDetails');
  });

  it('notices a removed row and a broken link on the fast path', () => {
    const rows = storedChain(withSeq(Array.from({ length: 4 }, (_, i) => ({ at: '2026-01-01T00:00:00.000Z', actor: 'a', action: 'x', subjectId: null, details: { i } }))));
    const missing = createChainVerifier();
    [rows[0], rows[2], rows[3]].forEach((row) => missing.nextStored(row as StoredLogRow));
    expect(missing.result()).toMatchObject({ ok: false, firstBrokenSeq: 2 });

    const relinked = createChainVerifier();
    rows.map((row) => (row.seq === 2 ? { ...row, prevHash: GENESIS_HASH } : row)).forEach((row) => relinked.nextStored(row));
    expect(relinked.result()).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });
});
