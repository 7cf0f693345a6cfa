import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { aJournalDraft, anAssessment, aReport, describeAssessmentStatsContract } from '@mottak/test-kit';
import { SqliteAssessmentStatsStore } from './assessment-stats.sqlite';
import { SqliteReportStore } from './report-store.sqlite';
import { openSqliteDatabase } from './sqlite-database';

function openFixture() {
  const dir = mkdtempSync(join(tmpdir(), 'assessment-stats-'));
  const db = openSqliteDatabase(join(dir, 'mottak.db'));
  const reports = new SqliteReportStore(db);
  return { dir, db, reports };
}

describeAssessmentStatsContract('SQLite', async () => {
  const { dir, db, reports } = openFixture();
  const stats = new SqliteAssessmentStatsStore(db);
  return {
    reports,
    stats,
    async cleanup() {
      await stats.close();
      await reports.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SqliteAssessmentStatsStore', () => {
  it('finds a source’s history and the registrations of a window through indexes, not by scanning reports', async () => {
    const { dir, db, reports } = openFixture();
    const stats = new SqliteAssessmentStatsStore(db);
    const plans = stats.explainQueryPlans();
    expect(plans.sourceHistory).toMatch(/report_source_keys/);
    expect(plans.sourceHistory).not.toMatch(/SCAN r\b/);
    expect(plans.ruleOverrides).toMatch(/USING INDEX reports_registered_at/);
    await stats.close();
    await reports.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('indexes the source keys of reports stored before it was first opened', async () => {
    const { dir, db, reports } = openFixture();
    const report = aReport({ status: 'vurdert', assessment: anAssessment({ sourceKeys: ['e-post:abc'] }) });
    await reports.receive(report, aJournalDraft());
    const stats = new SqliteAssessmentStatsStore(db);
    const history = await stats.sourceHistory({ sourceKeys: ['e-post:abc'], reportId: 'other', receivedBefore: '2999-01-01T00:00:00.000Z' }, { kind: 'all' });
    expect(history).toEqual({ earlier: 1, graded: 0, confirmed: 0 });
    await stats.close();
    await reports.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
