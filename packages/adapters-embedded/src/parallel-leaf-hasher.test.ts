import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { leafHash, storedRowContent, type VerifiedLeafPage } from '@mottak/core';
import fc from 'fast-check';
import { createSqliteAuditLog } from './audit-log.sqlite';
import { VERIFY_PAGE_SIZE } from './parallel-leaf-hasher';
import { openSqliteDatabase } from './sqlite-database';

async function collect(pages: AsyncIterable<VerifiedLeafPage>): Promise<VerifiedLeafPage[]> {
  const out: VerifiedLeafPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}

describe('verified pages hashed by worker threads (the fast path of log verification on SQLite)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mottak-parallel-verify-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('hashes exactly what core hashes: the same leaf for every entry, whatever its content', async () => {
    const details = fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 5 }) as fc.Arbitrary<Record<string, unknown>>;
    const entries = fc.sample(
      fc.record({ at: fc.constant('2026-11-23T10:00:00.000Z'), actor: fc.string({ maxLength: 10 }), action: fc.string({ minLength: 1, maxLength: 10 }), subjectId: fc.option(fc.string({ maxLength: 10 }), { nil: undefined }), details }),
      { numRuns: 300, seed: 20261123 },
    );
    const log = createSqliteAuditLog(path.join(dir, 'audit.db'));
    try {
      for (const entry of entries) await log.append(entry);
      const pages = await collect(log.verifiedLeafPages());
      expect(pages).toHaveLength(1);
      expect(pages[0]).toMatchObject({ firstSeq: 1, count: entries.length, intact: true });
      const rows = await log.listStoredRows(0, 1000);
      const expected = Buffer.concat(rows.map((row) => leafHash(storedRowContent(row))));
      expect(pages[0]?.leafHashes.equals(expected)).toBe(true);
      expect(pages[0]?.firstPrevHash).toBe(rows[0]?.prevHash);
      expect(pages[0]?.lastHash).toBe(rows.at(-1)?.hash);
    } finally {
      await log.close();
    }
  });

  it('splits a long log into ordered pages and marks the page holding an altered entry as not intact', async () => {
    const file = path.join(dir, 'audit.db');
    const log = createSqliteAuditLog(file);
    const total = VERIFY_PAGE_SIZE + 50;
    try {
      for (let i = 0; i < total; i += 500) await Promise.all(Array.from({ length: Math.min(500, total - i) }, (_, j) => log.append({ at: '2026-11-23T10:00:00.000Z', actor: 'user:kari', action: 'report.read', subjectId: `r-${i + j}`, details: { n: i + j } })));
      const intact = await collect(log.verifiedLeafPages());
      expect(intact.map((p) => [p.firstSeq, p.count, p.intact])).toEqual([
        [1, VERIFY_PAGE_SIZE, true],
        [VERIFY_PAGE_SIZE + 1, 50, true],
      ]);
      expect(intact[1]?.firstPrevHash).toBe(intact[0]?.lastHash);

      const db = openSqliteDatabase(file);
      db.exec('DROP TRIGGER audit_entries_append_only_update');
      db.prepare('UPDATE audit_entries SET details = ? WHERE seq = ?').run('{"n":-1}', VERIFY_PAGE_SIZE + 10);
      db.close();
      const tampered = await collect(log.verifiedLeafPages());
      expect(tampered.map((p) => p.intact)).toEqual([true, false]);
      // And the verifier, reading that page's rows one by one, names the entry.
      expect(await log.verify()).toMatchObject({ ok: false, firstBrokenSeq: VERIFY_PAGE_SIZE + 10 });
    } finally {
      await log.close();
    }
  });
});
