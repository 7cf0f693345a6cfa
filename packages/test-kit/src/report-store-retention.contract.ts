import type { DisposalRecord } from '@mottak/domain';
import { aJournalDraft, anAssessment, aRegistrationCommand } from './builders';
import { domainErrorOf, EVERYTHING, received, type ReportStoreFactory, useReportStore } from './report-store.fixture';

const DISPOSAL: DisposalRecord = {
  disposedAt: '2036-03-03T09:00:00.000Z',
  requestId: 'req-1',
  requestedBy: 'frida',
  requestedAt: '2036-03-02T09:00:00.000Z',
  approvedBy: 'fiona',
  reason: 'Bevaringstiden er ute',
  rule: { category: '*', reviewAfterYears: 5, disposeAfterYears: 10, ruleSetVersion: 'test' },
  dueAt: '2036-03-02T09:00:00.000Z',
};

/** Retention scans (keyset pages of registered reports) and disposal of content, versions included. */
export function describeReportStoreRetention(makeStore: ReportStoreFactory): void {
  describe('retention and disposal', () => {
    const t = useReportStore(makeStore);

    async function registeredReport(title: string, body: string) {
      const report = await received(t.store, { title, body, reporterContact: { name: 'Ola Tipser', phone: '+47 912 34 567' } });
      await t.store.applyChange({ reportId: report.id, expectedVersion: 1, set: { status: 'vurdert', assessment: anAssessment() }, journal: aJournalDraft() });
      return t.store.register(aRegistrationCommand({ id: report.id, version: 2 }, { gradering: 'BEGRENSET' }));
    }

    it('lists registered reports up to a time in (registeredAt, id) pages, never unregistered ones', async () => {
      const a = await registeredReport('A', 'Tekst A');
      const b = await registeredReport('B', 'Tekst B');
      await received(t.store);
      const all = await t.store.listRetentionCandidates(EVERYTHING, { registeredBefore: '2999-01-01T00:00:00.000Z', limit: 10 });
      expect(all.map((c) => c.id).sort()).toEqual([a.id, b.id].sort());
      expect(all[0]).toMatchObject({ journalNumber: expect.any(String), category: expect.any(String), status: 'registrert', gradering: 'BEGRENSET', disposed: false });
      const first = await t.store.listRetentionCandidates(EVERYTHING, { registeredBefore: '2999-01-01T00:00:00.000Z', limit: 1 });
      const [head] = first;
      if (!head) throw new Error('expected a first page');
      const second = await t.store.listRetentionCandidates(EVERYTHING, { registeredBefore: '2999-01-01T00:00:00.000Z', after: { registeredAt: head.registeredAt, id: head.id }, limit: 10 });
      expect([...first, ...second].map((c) => c.id)).toEqual(all.map((c) => c.id));
      expect(await t.store.listRetentionCandidates(EVERYTHING, { registeredBefore: '2000-01-01T00:00:00.000Z', limit: 10 })).toEqual([]);
      expect(await t.store.listRetentionCandidates({ kind: 'none' }, { registeredBefore: '2999-01-01T00:00:00.000Z', limit: 10 })).toEqual([]);
    });

    it('removes the content of the report and of every stored version, keeps the metadata, journals and re-indexes', async () => {
      const report = await registeredReport('Hemmelig tittel', 'Hemmelig tekst');
      const corrected = await t.store.applyChange({ reportId: report.id, expectedVersion: report.version, set: { title: 'Rettet tittel', body: 'Rettet tekst' }, journal: aJournalDraft() });
      const outboxBefore = await t.store.pendingOutboxCount();
      const disposed = await t.store.disposeContent({
        reportId: report.id,
        expectedVersion: corrected.version,
        status: 'utgar',
        disposal: DISPOSAL,
        journal: aJournalDraft({ action: 'report.disposed', details: { requestId: 'req-1' } }),
      });
      expect(disposed).toMatchObject({ title: '[Kassert]', body: '', status: 'utgar', version: corrected.version + 1, disposal: DISPOSAL, registration: { journalNumber: report.registration?.journalNumber } });
      expect(disposed.reporterContact).toBeUndefined();
      expect(disposed.assessment?.entities).toEqual([]);
      expect(await t.store.get(report.id, EVERYTHING)).toEqual(disposed);

      const versions = await t.store.listVersions(report.id, EVERYTHING);
      expect(versions.map((v) => v.title)).toEqual(versions.map(() => '[Kassert]'));
      for (const v of versions) {
        const stored = await t.store.getVersion(report.id, v.version, EVERYTHING);
        expect(JSON.stringify(stored)).not.toMatch(/Hemmelig|Rettet|Ola Tipser|912 34 567/);
      }
      const entries = await t.store.journalFor(report.id);
      const last = entries.at(-1);
      expect(last).toMatchObject({ action: 'report.disposed', details: { requestId: 'req-1', version: disposed.version } });
      expect(JSON.stringify(last)).not.toMatch(/Rettet|Hemmelig/);
      expect(await t.store.pendingOutboxCount()).toBe(outboxBefore + 1);
      expect((await t.store.verifyJournal()).ok).toBe(true);

      const [candidate] = await t.store.listRetentionCandidates(EVERYTHING, { registeredBefore: '2999-01-01T00:00:00.000Z', limit: 10 });
      expect(candidate).toMatchObject({ id: report.id, disposed: true });
      // Once only; a stale version changes nothing.
      expect((await domainErrorOf(t.store.disposeContent({ reportId: report.id, expectedVersion: disposed.version, status: 'utgar', disposal: DISPOSAL, journal: aJournalDraft() }))).code).toBe('INVALID_STATE_TRANSITION');
    });

    it('a disposal for a stale version changes nothing', async () => {
      const report = await registeredReport('Blir', 'Står igjen');
      const error = await domainErrorOf(t.store.disposeContent({ reportId: report.id, expectedVersion: report.version - 1, status: 'utgar', disposal: DISPOSAL, journal: aJournalDraft() }));
      expect(error.code).toBe('VERSION_CONFLICT');
      expect(await t.store.get(report.id, EVERYTHING)).toEqual(report);
      const v1 = await t.store.getVersion(report.id, 1, EVERYTHING);
      expect(v1?.body).toBe('Står igjen');
    });
  });
}
