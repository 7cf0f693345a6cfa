import path from 'node:path';
import { openSqliteDatabase } from '@mottak/adapters-embedded';
import { startTestMottak, type TestMottak } from '../support/test-mottak';

/** Tampering with a stored journal row is detected and the first broken entry named. */
describe('journal verification through the API', () => {
  let mottak: TestMottak;
  beforeAll(async () => {
    mottak = await startTestMottak();
  });
  afterAll(async () => {
    await mottak.close();
  });

  it('an intact journal verifies; an altered row is named; only auditors may verify', async () => {
    const rita = await mottak.bearer('rita');
    const intact = await mottak.http.post('/api/v1/journal/verify').set('Authorization', rita);
    expect(intact.status).toBe(200);
    expect(intact.body.journal).toMatchObject({ ok: true });
    expect(intact.body.journal.entries).toBeGreaterThan(5);
    expect(intact.body.audit).toMatchObject({ ok: true });

    // Someone with file access rewrites history: the append-only trigger has to go first.
    const db = openSqliteDatabase(path.join(mottak.dataDir, 'mottak.db'));
    try {
      db.exec('DROP TRIGGER IF EXISTS journal_entries_append_only_update');
      db.prepare(`UPDATE journal_entries SET actor = 'user:noen-andre' WHERE seq = 3`).run();
    } finally {
      db.close();
    }
    const broken = await mottak.http.post('/api/v1/journal/verify').set('Authorization', rita);
    expect(broken.body.journal).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    expect(broken.body.journal.reason).toContain('3');

    const siri = await mottak.bearer('siri');
    expect((await mottak.http.post('/api/v1/journal/verify').set('Authorization', siri)).status).toBe(403);
  });
});
