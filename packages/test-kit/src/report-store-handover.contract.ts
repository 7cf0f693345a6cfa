import type { DisposalRecord, HandoverNote } from '@mottak/domain';
import type { AccessCondition } from '@mottak/policies';
import { aJournalDraft, anAssessment, aRegistrationCommand } from './builders';
import { EVERYTHING, received, type ReportStoreFactory, useReportStore } from './report-store.fixture';

const ONLY_BEGRENSET: AccessCondition = { kind: 'in', field: 'gradering', values: ['UGRADERT', 'BEGRENSET'] };
const OPEN = ['mottatt', 'vurdert', 'registrert', 'under_behandling'] as const;

function aNote(text: string, at = '2026-03-02T15:55:00.000Z'): HandoverNote {
  return { id: `note-${text.length}-${at}`, at, author: 'kari', authorName: 'Kari Koordinator', text };
}

/**
 * Shift handover notes live on the report: written with a journaled change (the journal holds a
 * reference, never the text), listed by the access-filtered query, and removed by disposal from the
 * report and every stored version.
 */
export function describeReportStoreHandoverNotes(makeStore: ReportStoreFactory): void {
  describe('handover notes', () => {
    const t = useReportStore(makeStore);

    async function withNote(text: string, overrides: Parameters<typeof received>[1] = {}) {
      const report = await received(t.store, overrides);
      return t.store.applyChange({
        reportId: report.id,
        expectedVersion: report.version,
        set: { handoverNotes: [aNote(text)] },
        journal: aJournalDraft({ action: 'report.handover_note', details: { noteId: 'n1' } }),
      });
    }

    it('stores notes with the report and journals them by reference, never the text', async () => {
      const noted = await withNote('Ringte melder, venter på svar');
      expect((await t.fixture.openAgain().then((again) => again.get(noted.id, EVERYTHING)))?.handoverNotes).toEqual([aNote('Ringte melder, venter på svar')]);
      const last = (await t.store.journalFor(noted.id)).at(-1);
      expect(last).toMatchObject({ action: 'report.handover_note', details: { noteId: 'n1', version: noted.version } });
      expect(JSON.stringify(last)).not.toContain('venter på svar');
      expect((await t.store.verifyJournal()).ok).toBe(true);
    });

    it('lists only open reports with notes that the access condition allows, with the right total', async () => {
      const open = await withNote('Ring tilbake i morgen');
      const hidden = await withNote('Skjult notat', { gradering: 'HEMMELIG' });
      const withoutNotes = await received(t.store);
      const query = { statuses: [...OPEN], withHandoverNotes: true, limit: 10, offset: 0 };
      const all = await t.store.list(EVERYTHING, query);
      expect(all.items.map((r) => r.id).sort()).toEqual([open.id, hidden.id].sort());
      expect(all.total).toBe(2);
      const limited = await t.store.list(ONLY_BEGRENSET, query);
      expect(limited).toEqual({ total: 1, items: [expect.objectContaining({ id: open.id, handoverNotes: [aNote('Ring tilbake i morgen')] })] });
      expect((await t.store.list(EVERYTHING, { limit: 10, offset: 0 })).items.map((r) => r.id)).toContain(withoutNotes.id);
    });

    it('disposal removes the notes from the report and every stored version', async () => {
      const report = await received(t.store);
      await t.store.applyChange({ reportId: report.id, expectedVersion: 1, set: { status: 'vurdert', assessment: anAssessment() }, journal: aJournalDraft() });
      const registered = await t.store.register(aRegistrationCommand({ id: report.id, version: 2 }, { gradering: 'BEGRENSET' }));
      const noted = await t.store.applyChange({
        reportId: report.id,
        expectedVersion: registered.version,
        set: { handoverNotes: [aNote('Hemmelig overlevering om Ola')] },
        journal: aJournalDraft({ action: 'report.handover_note' }),
      });
      const disposal: DisposalRecord = {
        disposedAt: '2036-03-03T09:00:00.000Z',
        requestId: 'req-1',
        requestedBy: 'frida',
        requestedAt: '2036-03-02T09:00:00.000Z',
        approvedBy: 'fiona',
        reason: 'Bevaringstiden er ute',
        rule: { category: '*', reviewAfterYears: 5, disposeAfterYears: 10, ruleSetVersion: 'test' },
        dueAt: '2036-03-02T09:00:00.000Z',
      };
      const disposed = await t.store.disposeContent({ reportId: report.id, expectedVersion: noted.version, status: 'utgar', disposal, journal: aJournalDraft({ action: 'report.disposed' }) });
      expect(disposed.handoverNotes).toBeUndefined();
      expect(JSON.stringify(await t.store.get(report.id, EVERYTHING))).not.toContain('Hemmelig overlevering');
      for (const version of await t.store.listVersions(report.id, EVERYTHING)) {
        expect(JSON.stringify(await t.store.getVersion(report.id, version.version, EVERYTHING))).not.toContain('Hemmelig overlevering');
      }
      expect(JSON.stringify(await t.store.journalFor(report.id))).not.toContain('Hemmelig overlevering');
      expect((await t.store.list(EVERYTHING, { withHandoverNotes: true, limit: 10, offset: 0 })).total).toBe(0);
    });
  });
}
