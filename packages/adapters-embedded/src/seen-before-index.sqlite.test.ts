import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DisposalRecord } from '@mottak/domain';
import { aJournalDraft, anAssessment, aReport } from '@mottak/test-kit';
import { createSqliteReportStore } from './report-store.sqlite';
import { SEEN_BEFORE_MIGRATION } from './seen-before-index.sqlite';
import { openSqliteDatabase } from './sqlite-database';

const EVERYTHING = { kind: 'all' } as const;
const LATER = { receivedAt: '2999-01-01T00:00:00.000Z', id: '' };

describe('SQLite seen-before side tables', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mottak-seen-before-'));
    file = path.join(dir, 'store.db');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('creates and backfills the tables from stored assessments when a database from before them is opened', async () => {
    const first = createSqliteReportStore(file);
    const near = aReport({ status: 'vurdert', assessment: anAssessment({ simhash: '0123456789abcdef' }) });
    const disposed = aReport({
      status: 'utgar',
      assessment: anAssessment({ simhash: '0123456789abcdef', entities: [] }),
      disposal: { disposedAt: '2036-01-01T00:00:00.000Z' } as DisposalRecord,
    });
    await first.receive(near, aJournalDraft());
    await first.receive(disposed, aJournalDraft());
    await first.receive(aReport(), aJournalDraft());
    await first.close();
    // A database as the previous version left it: reports, no side tables, no migration record.
    const db = openSqliteDatabase(file);
    db.exec('DROP TABLE report_simhash_bands; DROP TABLE report_entity_keys');
    db.prepare('DELETE FROM schema_migrations WHERE name = ?').run(SEEN_BEFORE_MIGRATION.name);
    db.close();

    const store = createSqliteReportStore(file);
    try {
      const found = await store.findNearDuplicates({ simhash: '0123456789abcdef', maxDistance: 0, before: LATER, limit: 10 }, EVERYTHING);
      expect(found.map((m) => m.id)).toEqual([near.id]);
      expect(await store.findEntityOverlaps({ entities: [{ type: 'phone', value: '+4791234567' }], before: LATER, registeredLimit: 5 }, EVERYTHING)).toEqual([
        { type: 'phone', value: '+4791234567', count: 1, registeredCount: 0, registered: [] },
      ]);
    } finally {
      await store.close();
    }
    const check = openSqliteDatabase(file);
    try {
      expect(check.prepare('SELECT COUNT(*) FROM report_simhash_bands').pluck().get()).toBe(4);
      expect(check.prepare('SELECT name FROM schema_migrations WHERE name = ?').pluck().get(SEEN_BEFORE_MIGRATION.name)).toBe(SEEN_BEFORE_MIGRATION.name);
    } finally {
      check.close();
    }
  });

  it('looks candidates up through the band index, not by scanning the reports', () => {
    createSqliteReportStore(file).close();
    const db = openSqliteDatabase(file);
    try {
      const plan = db
        .prepare(
          `EXPLAIN QUERY PLAN SELECT r.id FROM report_simhash_bands b JOIN reports r ON r.id = b.report_id
            WHERE b.band_key IN (SELECT value FROM json_each(?)) GROUP BY r.id`,
        )
        .all('["b0:0123"]') as Array<{ detail: string }>;
      const details = plan.map((row) => row.detail).join('\n');
      expect(details).toMatch(/SEARCH b USING PRIMARY KEY \(band_key=\?\)/);
      expect(details).toMatch(/SEARCH r USING (COVERING )?INDEX sqlite_autoindex_reports_1 \(id=\?\)/);
      expect(details).not.toMatch(/SCAN r\b/);
    } finally {
      db.close();
    }
  });
});
