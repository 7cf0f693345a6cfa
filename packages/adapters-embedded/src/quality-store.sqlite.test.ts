import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeQualityStoreContract } from '@mottak/test-kit';
import { SqliteQualityStore } from './quality-store.sqlite';
import { SqliteReportStore } from './report-store.sqlite';
import { openSqliteDatabase } from './sqlite-database';

describeQualityStoreContract('SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'quality-store-'));
  const db = openSqliteDatabase(join(dir, 'mottak.db'));
  const reports = new SqliteReportStore(db);
  const quality = new SqliteQualityStore(db);
  return {
    reports,
    quality,
    async cleanup() {
      await quality.close();
      await reports.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
