import type { ReportStore } from '@mottak/core';
import type { FieldChange, Report } from '@mottak/domain';
import { aJournalDraft, anAssessment, aRegistrationCommand } from './builders';
import { domainErrorOf, EVERYTHING, received, type ReportStoreFactory, useReportStore } from './report-store.fixture';

const AT = '2026-03-02T09:30:00.000Z';

/** Registers `report` in `year` (at its current version) and returns its journal number. */
async function registerIn(store: ReportStore, report: Report, year = 2026): Promise<string> {
  const registered = await store.register(aRegistrationCommand(report, { year }));
  return registered.registration!.journalNumber;
}

/** Changes and registrations: optimistic concurrency, the endringslogg, gap-free journal numbers. */
export function describeReportStoreChanges(makeStore: ReportStoreFactory): void {
  describe('applyChange', () => {
    const t = useReportStore(makeStore);

    it('applies the change, bumps the version, stamps updatedAt with the journal time', async () => {
      const report = await received(t.store);
      const assessment = anAssessment();
      const changed = await t.store.applyChange({
        reportId: report.id,
        expectedVersion: 1,
        set: { status: 'vurdert', assessment },
        journal: aJournalDraft({ at: AT, actor: 'system', action: 'report.assessed' }),
      });
      expect(changed).toEqual({ ...report, status: 'vurdert', assessment, version: 2, updatedAt: AT });
      expect(await t.store.get(report.id, EVERYTHING)).toEqual(changed);
    });

    it('journals each changed field with its old and new value, and the caller\'s details', async () => {
      const report = await received(t.store, { title: 'Gammel tittel' });
      await t.store.applyChange({
        reportId: report.id,
        expectedVersion: 1,
        set: { status: 'vurdert', title: 'Ny tittel', body: 'Ny tekst som ikke skal kopieres inn i journalen' },
        journal: aJournalDraft({ at: AT, actor: 'user:kari', action: 'report.corrected', details: { reason: 'skrivefeil' } }),
      });
      const entries = await t.store.journalFor(report.id);
      expect(entries).toHaveLength(2);
      const entry = entries[1]!;
      expect(entry).toMatchObject({ at: AT, actor: 'user:kari', action: 'report.corrected', details: { reason: 'skrivefeil' } });
      const changes = entry.details['changes'] as FieldChange[];
      expect(changes).toEqual(
        expect.arrayContaining([
          { field: 'status', from: 'mottatt', to: 'vurdert' },
          // Content by reference only (its length); the text stays in the versions, which disposal redacts.
          { field: 'title', from: { length: 'Gammel tittel'.length }, to: { length: 'Ny tittel'.length } },
        ]),
      );
      expect(changes.map((c) => c.field).sort()).toEqual(['body', 'status', 'title']);
      // Neither copied nor fingerprinted: the journal outlives disposal and is no second store of report text.
      expect(JSON.stringify(entry.details)).not.toMatch(/Ny tekst som ikke skal kopieres|Gammel tittel|Ny tittel|sha256/);
    });

    it('refuses a change made against an old version with VERSION_CONFLICT and changes nothing', async () => {
      const report = await received(t.store);
      await t.store.applyChange({ reportId: report.id, expectedVersion: 1, set: { status: 'vurdert' }, journal: aJournalDraft() });
      const error = await domainErrorOf(
        t.store.applyChange({ reportId: report.id, expectedVersion: 1, set: { status: 'utgar' }, journal: aJournalDraft(), outbox: ['index'] }),
      );
      expect(error.code).toBe('VERSION_CONFLICT');
      expect(error.details).toMatchObject({ currentVersion: 2 });
      expect((await t.store.get(report.id, EVERYTHING))?.status).toBe('vurdert');
      expect(await t.store.journalFor(report.id)).toHaveLength(2);
      expect(await t.store.pendingOutboxCount()).toBe(0);
    });

    it('lets exactly one of several simultaneous changes to the same version win', async () => {
      const report = await received(t.store);
      const attempts = await Promise.allSettled(
        ['vurdert', 'utgar', 'registrert', 'arkivert', 'under_behandling'].map((status) =>
          t.store.applyChange({ reportId: report.id, expectedVersion: 1, set: { status: status as Report['status'] }, journal: aJournalDraft() }),
        ),
      );
      const won = attempts.filter((a) => a.status === 'fulfilled');
      const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.map((a) => (a.reason as { code?: string }).code)).toEqual(Array(4).fill('VERSION_CONFLICT'));
      expect((await t.store.get(report.id, EVERYTHING))?.version).toBe(2);
    });

    it('answers REPORT_NOT_FOUND for a report that does not exist', async () => {
      const error = await domainErrorOf(
        t.store.applyChange({ reportId: 'no-such-report', expectedVersion: 1, set: { status: 'vurdert' }, journal: aJournalDraft() }),
      );
      expect(error.code).toBe('REPORT_NOT_FOUND');
    });

    it('writes the requested outbox entries with the change', async () => {
      const report = await received(t.store);
      await t.store.applyChange({ reportId: report.id, expectedVersion: 1, set: { title: 'Rettet' }, journal: aJournalDraft(), outbox: ['index'] });
      expect(await t.store.claimOutbox(10, 60_000)).toEqual([expect.objectContaining({ reportId: report.id, kind: 'index', attempts: 0 })]);
    });

    it('never hands out a journal number except through register', async () => {
      const report = await received(t.store);
      const registration = aRegistrationCommand(report).registration;
      const error = await domainErrorOf(
        t.store.applyChange({
          reportId: report.id,
          expectedVersion: 1,
          set: { registration: { ...registration, journalNumber: '2026/000001' } },
          journal: aJournalDraft(),
        }),
      );
      expect(error.code).toBe('JOURNAL_NUMBER_CONFLICT');
      expect(await registerIn(t.store, report)).toBe('2026/000001');
    });
  });

  describe('register', () => {
    const t = useReportStore(makeStore);

    it('gives consecutive journal numbers per year, starting again at 1 in a new year', async () => {
      const numbers: string[] = [];
      for (const year of [2026, 2026, 2026, 2027, 2026, 2027]) {
        numbers.push(await registerIn(t.store, await received(t.store), year));
      }
      expect(numbers).toEqual(['2026/000001', '2026/000002', '2026/000003', '2027/000001', '2026/000004', '2027/000002']);
    });

    it('makes the report a registered journalpost with the coordinator\'s decisions, journaled and queued for indexing', async () => {
      const report = await received(t.store, { status: 'vurdert', assessment: anAssessment() });
      const command = aRegistrationCommand(report, {
        gradering: 'HEMMELIG',
        compartments: ['alfa'],
        skjerming: { hjemmel: 'offl. § 13, jf. sikkerhetsloven § 5-3' },
        journal: aJournalDraft({ at: AT, actor: 'user:kari', action: 'report.registered', details: { priority: 'P3' } }),
      });
      const registered = await t.store.register(command);
      expect(registered).toEqual({
        ...report,
        status: 'registrert',
        gradering: 'HEMMELIG',
        compartments: ['alfa'],
        skjerming: { hjemmel: 'offl. § 13, jf. sikkerhetsloven § 5-3' },
        registration: { ...command.registration, journalNumber: '2026/000001' },
        version: 2,
        updatedAt: AT,
      });
      expect(await t.store.get(report.id, EVERYTHING)).toEqual(registered);
      const entry = (await t.store.journalFor(report.id))[1];
      expect(entry).toMatchObject({ actor: 'user:kari', action: 'report.registered', details: { priority: 'P3', journalNumber: '2026/000001' } });
      expect(entry?.details['changes']).toEqual(
        expect.arrayContaining([
          { field: 'status', from: 'vurdert', to: 'registrert' },
          { field: 'gradering', from: 'BEGRENSET', to: 'HEMMELIG' },
        ]),
      );
      expect(await t.store.claimOutbox(10, 60_000)).toEqual([expect.objectContaining({ reportId: report.id, kind: 'index' })]);
    });

    it('keeps an existing skjerming when the registration does not set one', async () => {
      const report = await received(t.store, { skjerming: { hjemmel: 'offl. § 24 tredje ledd' } });
      const registered = await t.store.register(aRegistrationCommand(report));
      expect(registered.skjerming).toEqual({ hjemmel: 'offl. § 24 tredje ledd' });
    });

    it('uses up no number when a registration fails: stale version, unknown report, already registered', async () => {
      const report = await received(t.store);
      await t.store.applyChange({ reportId: report.id, expectedVersion: 1, set: { status: 'vurdert' }, journal: aJournalDraft() });
      const stale = await domainErrorOf(t.store.register(aRegistrationCommand({ id: report.id, version: 1 })));
      expect(stale.code).toBe('VERSION_CONFLICT');
      expect(stale.details).toMatchObject({ currentVersion: 2 });
      const missing = await domainErrorOf(t.store.register(aRegistrationCommand({ id: 'no-such-report', version: 1 })));
      expect(missing.code).toBe('REPORT_NOT_FOUND');

      expect(await registerIn(t.store, { ...report, version: 2 })).toBe('2026/000001');
      const twice = await domainErrorOf(t.store.register(aRegistrationCommand({ id: report.id, version: 3 })));
      expect(twice.code).toBe('INVALID_STATE_TRANSITION');
      expect(await registerIn(t.store, await received(t.store))).toBe('2026/000002');
    });

    it('gives 50 simultaneous registrations the numbers 1 to 50, each once', async () => {
      const reports = [];
      for (let i = 0; i < 50; i += 1) reports.push(await received(t.store));
      const numbers = await Promise.all(reports.map((r) => registerIn(t.store, r)));
      expect([...numbers].sort()).toEqual(expectedNumbers(2026, 50));
      const stored = await t.store.list(EVERYTHING, { limit: 100, offset: 0 });
      expect(stored.items.map((r) => r.registration?.journalNumber).sort()).toEqual(expectedNumbers(2026, 50));
    });

    it('stays gap-free when two handles on the same storage register at the same time', async () => {
      const other = await t.fixture.openAgain();
      const reports = [];
      for (let i = 0; i < 40; i += 1) reports.push(await received(t.store));
      const numbers = await Promise.all(reports.map((r, i) => registerIn(i % 2 === 0 ? t.store : other, r)));
      expect([...numbers].sort()).toEqual(expectedNumbers(2026, 40));
    });
  });
}

/** `YYYY/000001` … `YYYY/00000n`, sorted. */
export function expectedNumbers(year: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${year}/${String(i + 1).padStart(6, '0')}`);
}
