import type { AccessCondition } from '@mottak/policies';
import { aJournalDraft, anAssessment, aRegistrationCommand } from './builders';
import { domainErrorOf, EVERYTHING, received, type ReportStoreFactory, useReportStore } from './report-store.fixture';

const ONLY_BEGRENSET: AccessCondition = { kind: 'in', field: 'gradering', values: ['UGRADERT', 'BEGRENSET'] };
const REGISTERED_ONLY: AccessCondition = { kind: 'in', field: 'status', values: ['registrert', 'under_behandling', 'ferdigbehandlet', 'arkivert'] };

/** Stored versions, registrations by time (the daily journal), and a case's reports. */
export function describeReportStoreVersions(makeStore: ReportStoreFactory): void {
  describe('versions', () => {
    const t = useReportStore(makeStore);

    it('keeps every superseded version whole and lists them with the current one last', async () => {
      const report = await received(t.store, { title: 'Versjon 1', body: 'Første tekst' });
      await t.store.applyChange({ reportId: report.id, expectedVersion: 1, set: { status: 'vurdert', assessment: anAssessment() }, journal: aJournalDraft({ at: '2026-03-02T08:16:00.000Z' }) });
      await t.store.register(aRegistrationCommand({ id: report.id, version: 2 }, { gradering: 'BEGRENSET' }));
      const corrected = await t.store.applyChange({
        reportId: report.id,
        expectedVersion: 3,
        set: { title: 'Versjon 4', body: 'Rettet tekst' },
        journal: aJournalDraft({ at: '2026-03-02T10:00:00.000Z', action: 'report.corrected', details: { reason: 'skrivefeil' } }),
      });
      expect(corrected.version).toBe(4);

      const versions = await t.store.listVersions(report.id, EVERYTHING);
      expect(versions).toEqual([
        { version: 1, updatedAt: report.updatedAt, status: 'mottatt', title: 'Versjon 1' },
        { version: 2, updatedAt: '2026-03-02T08:16:00.000Z', status: 'vurdert', title: 'Versjon 1' },
        { version: 3, updatedAt: '2026-03-02T09:00:00.000Z', status: 'registrert', title: 'Versjon 1' },
        { version: 4, updatedAt: '2026-03-02T10:00:00.000Z', status: 'registrert', title: 'Versjon 4' },
      ]);
      expect(await t.store.getVersion(report.id, 1, EVERYTHING)).toEqual(report);
      expect(await t.store.getVersion(report.id, 3, EVERYTHING)).toMatchObject({ title: 'Versjon 1', body: 'Første tekst', version: 3, status: 'registrert' });
      expect(await t.store.getVersion(report.id, 4, EVERYTHING)).toEqual(corrected);
      expect(await t.store.getVersion(report.id, 5, EVERYTHING)).toBeUndefined();
      expect(await t.store.getVersion('missing', 1, EVERYTHING)).toBeUndefined();
      expect(await t.store.listVersions('missing', EVERYTHING)).toEqual([]);

      // Each journal entry names the version its change produced.
      const entries = await t.store.journalFor(report.id);
      expect(entries.slice(1).map((e) => e.details['version'])).toEqual([2, 3, 4]);
    });

    it('a change refused for a stale version keeps no version of its own', async () => {
      const report = await received(t.store);
      await t.store.applyChange({ reportId: report.id, expectedVersion: 1, set: { status: 'vurdert' }, journal: aJournalDraft() });
      await domainErrorOf(t.store.applyChange({ reportId: report.id, expectedVersion: 1, set: { title: 'Tapt' }, journal: aJournalDraft() }));
      const versions = await t.store.listVersions(report.id, EVERYTHING);
      expect(versions.map((v) => [v.version, v.title])).toEqual([
        [1, report.title],
        [2, report.title],
      ]);
    });

    it('applies access to the report as it is now and to each version as it was', async () => {
      const report = await received(t.store, { gradering: 'BEGRENSET' });
      await t.store.applyChange({ reportId: report.id, expectedVersion: 1, set: { status: 'vurdert' }, journal: aJournalDraft() });
      await t.store.register(aRegistrationCommand({ id: report.id, version: 2 }, { gradering: 'HEMMELIG' }));
      // Now HEMMELIG: a reader cleared for BEGRENSET sees no version at all, not even the old ones.
      expect(await t.store.listVersions(report.id, ONLY_BEGRENSET)).toEqual([]);
      expect(await t.store.getVersion(report.id, 1, ONLY_BEGRENSET)).toBeUndefined();
      // A reader of registered material sees the registered version, not the intake versions.
      expect((await t.store.listVersions(report.id, REGISTERED_ONLY)).map((v) => v.version)).toEqual([3]);
      expect(await t.store.getVersion(report.id, 2, REGISTERED_ONLY)).toBeUndefined();
      expect(await t.store.getVersion(report.id, 3, REGISTERED_ONLY)).toMatchObject({ version: 3 });
      // A condition on the report id decides for every version of that report.
      const byId: AccessCondition = { kind: 'in', field: 'id', values: [report.id] };
      expect((await t.store.listVersions(report.id, byId)).map((v) => v.version)).toEqual([1, 2, 3]);
      expect(await t.store.listVersions(report.id, { kind: 'in', field: 'id', values: ['other'] })).toEqual([]);
      expect(await t.store.listVersions(report.id, { kind: 'none' })).toEqual([]);
    });
  });

  describe('registrations by time and reports by case', () => {
    const t = useReportStore(makeStore);

    async function registeredAt(at: string, gradering: 'BEGRENSET' | 'HEMMELIG' = 'BEGRENSET') {
      const report = await received(t.store);
      await t.store.applyChange({ reportId: report.id, expectedVersion: 1, set: { status: 'vurdert' }, journal: aJournalDraft() });
      const command = aRegistrationCommand({ id: report.id, version: 2 }, { gradering });
      return t.store.register({ ...command, registration: { ...command.registration, registeredAt: at } });
    }

    it('lists registrations in a half-open window in journal number order, under access', async () => {
      await registeredAt('2026-03-01T22:59:59.999Z');
      const first = await registeredAt('2026-03-01T23:00:00.000Z');
      const secret = await registeredAt('2026-03-02T12:00:00.000Z', 'HEMMELIG');
      const last = await registeredAt('2026-03-02T22:59:59.999Z');
      await registeredAt('2026-03-02T23:00:00.000Z');
      await received(t.store); // never registered
      const window = { from: '2026-03-01T23:00:00.000Z', to: '2026-03-02T23:00:00.000Z', limit: 100 };
      expect((await t.store.listRegistered(EVERYTHING, window)).map((r) => r.id)).toEqual([first.id, secret.id, last.id]);
      expect((await t.store.listRegistered(ONLY_BEGRENSET, window)).map((r) => r.id)).toEqual([first.id, last.id]);
      expect(await t.store.listRegistered(EVERYTHING, { ...window, limit: 1 })).toHaveLength(1);
    });

    it('lists the reports of one case under access, with a total that counts only what access allows', async () => {
      const a = await received(t.store, { receivedAt: '2026-03-02T08:00:00.000Z', updatedAt: '2026-03-02T08:00:00.000Z' });
      const b = await received(t.store, { receivedAt: '2026-03-02T09:00:00.000Z', updatedAt: '2026-03-02T09:00:00.000Z', gradering: 'HEMMELIG' });
      const other = await received(t.store);
      for (const report of [a, b]) {
        await t.store.applyChange({ reportId: report.id, expectedVersion: 1, set: { caseId: 'case-1' }, journal: aJournalDraft() });
      }
      await t.store.applyChange({ reportId: other.id, expectedVersion: 1, set: { caseId: 'case-2' }, journal: aJournalDraft() });
      const all = await t.store.list(EVERYTHING, { caseId: 'case-1', limit: 10, offset: 0 });
      expect(all.total).toBe(2);
      expect(all.items.map((r) => r.id)).toEqual([b.id, a.id]);
      const limited = await t.store.list(ONLY_BEGRENSET, { caseId: 'case-1', limit: 10, offset: 0 });
      expect(limited).toEqual({ total: 1, items: [expect.objectContaining({ id: a.id, caseId: 'case-1' })] });
      // Unlinking removes the report from the case.
      await t.store.applyChange({ reportId: a.id, expectedVersion: 2, set: { caseId: undefined }, journal: aJournalDraft() });
      expect((await t.store.list(EVERYTHING, { caseId: 'case-1', limit: 10, offset: 0 })).total).toBe(1);
      expect((await t.store.get(a.id, EVERYTHING))?.caseId).toBeUndefined();
    });
  });
}
