import { GENESIS_HASH } from '@mottak/domain';
import { aJournalDraft, aRegistrationCommand } from './builders';
import { EVERYTHING, received, type ReportStoreFactory, useReportStore } from './report-store.fixture';

const MINUTE = 60_000;

/** The journal's hash chain, the outbox's leases, and the reconciler's and indexer's bookkeeping. */
export function describeReportStoreJournalAndOutbox(makeStore: ReportStoreFactory): void {
  describe('journal', () => {
    const t = useReportStore(makeStore);

    /** Five entries: two receipts, a change, two registrations. */
    async function someHistory(): Promise<void> {
      const a = await received(t.store);
      const b = await received(t.store);
      const changed = await t.store.applyChange({ reportId: a.id, expectedVersion: 1, set: { status: 'vurdert' }, journal: aJournalDraft() });
      await t.store.register(aRegistrationCommand(changed));
      await t.store.register(aRegistrationCommand(b));
    }

    it('numbers entries 1, 2, 3… and links each to the hash of the one before', async () => {
      await someHistory();
      const entries = await t.store.listJournal({ limit: 100 });
      expect(entries.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      expect(entries[0]?.prevHash).toBe(GENESIS_HASH);
      for (let i = 1; i < entries.length; i += 1) expect(entries[i]?.prevHash).toBe(entries[i - 1]?.hash);
    });

    it('verifies an untouched journal', async () => {
      await someHistory();
      expect(await t.store.verifyJournal()).toEqual({ ok: true, entries: 5 });
    });

    it('verifies an empty journal', async () => {
      expect(await t.store.verifyJournal()).toEqual({ ok: true, entries: 0 });
    });

    it('names the first entry that was altered behind the store\'s back', async () => {
      await someHistory();
      await t.fixture.tamperJournal(3);
      const verification = await t.store.verifyJournal();
      expect(verification).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    });

    it('pages the journal in sequence order with afterSeq and limit', async () => {
      await someHistory();
      expect((await t.store.listJournal({ limit: 2 })).map((e) => e.seq)).toEqual([1, 2]);
      expect((await t.store.listJournal({ afterSeq: 2, limit: 2 })).map((e) => e.seq)).toEqual([3, 4]);
      expect((await t.store.listJournal({ afterSeq: 5, limit: 2 })).map((e) => e.seq)).toEqual([]);
    });

    it('lists the entries about one report, oldest first, and only those', async () => {
      const a = await received(t.store);
      await received(t.store);
      await t.store.applyChange({ reportId: a.id, expectedVersion: 1, set: { status: 'vurdert' }, journal: aJournalDraft({ action: 'report.assessed' }) });
      const entries = await t.store.journalFor(a.id);
      expect(entries.map((e) => [e.seq, e.action, e.subjectId])).toEqual([
        [1, 'report.received', a.id],
        [3, 'report.assessed', a.id],
      ]);
    });
  });

  describe('outbox', () => {
    const t = useReportStore(makeStore);

    /** Registers `count` reports; each registration leaves one `index` entry. */
    async function registeredReports(count: number): Promise<string[]> {
      const ids: string[] = [];
      for (let i = 0; i < count; i += 1) {
        const report = await received(t.store);
        await t.store.register(aRegistrationCommand(report));
        ids.push(report.id);
      }
      return ids;
    }

    it('leases entries: claimed ones are not handed out again while the lease lasts', async () => {
      const ids = await registeredReports(3);
      expect(await t.store.pendingOutboxCount()).toBe(3);
      const first = await t.store.claimOutbox(2, 5 * MINUTE);
      const second = await t.store.claimOutbox(2, 5 * MINUTE);
      expect(first.map((e) => e.reportId)).toEqual(ids.slice(0, 2));
      expect(second.map((e) => e.reportId)).toEqual(ids.slice(2));
      expect(await t.store.claimOutbox(10, 5 * MINUTE)).toEqual([]);
    });

    it('hands out the entries of a crashed indexer again once its lease has expired', async () => {
      const [id] = await registeredReports(1);
      const claimed = await t.store.claimOutbox(10, 5 * MINUTE);
      t.clock.advance(5 * MINUTE - 1);
      expect(await t.store.claimOutbox(10, 5 * MINUTE)).toEqual([]);
      t.clock.advance(2);
      const again = await t.store.claimOutbox(10, 5 * MINUTE);
      expect(again).toEqual([{ id: claimed[0]!.id, reportId: id, kind: 'index', attempts: 0 }]);
    });

    it('forgets completed entries, even after their lease would have expired', async () => {
      await registeredReports(2);
      const claimed = await t.store.claimOutbox(10, MINUTE);
      await t.store.completeOutbox([claimed[0]!.id]);
      expect(await t.store.pendingOutboxCount()).toBe(1);
      t.clock.advance(2 * MINUTE);
      expect((await t.store.claimOutbox(10, MINUTE)).map((e) => e.id)).toEqual([claimed[1]!.id]);
      await t.store.completeOutbox([claimed[1]!.id]);
      expect(await t.store.pendingOutboxCount()).toBe(0);
    });

    it('retries a failed entry after the given delay, counting the attempt', async () => {
      await registeredReports(1);
      const [entry] = await t.store.claimOutbox(10, 5 * MINUTE);
      await t.store.failOutbox(entry!.id, 'index unavailable', 10 * MINUTE);
      expect(await t.store.pendingOutboxCount()).toBe(1);
      t.clock.advance(10 * MINUTE - 1);
      expect(await t.store.claimOutbox(10, 5 * MINUTE)).toEqual([]);
      t.clock.advance(1);
      expect(await t.store.claimOutbox(10, 5 * MINUTE)).toEqual([{ ...entry!, attempts: 1 }]);
    });
  });

  describe('bookkeeping', () => {
    const t = useReportStore(makeStore);

    it('marks a report indexed without a new version or journal entry', async () => {
      const report = await received(t.store);
      await t.store.markIndexed(report.id, '2026-03-02T10:00:00.000Z');
      expect(await t.store.get(report.id, EVERYTHING)).toEqual({ ...report, indexedAt: '2026-03-02T10:00:00.000Z' });
      expect(await t.store.journalFor(report.id)).toHaveLength(1);
    });

    it('finds reports still waiting in `mottatt` from before a time, oldest first, up to a limit', async () => {
      const at = (h: number) => `2026-03-02T${String(h).padStart(2, '0')}:00:00.000Z`;
      const oldest = await received(t.store, { receivedAt: at(1) });
      const assessed = await received(t.store, { receivedAt: at(2) });
      await t.store.applyChange({ reportId: assessed.id, expectedVersion: 1, set: { status: 'vurdert' }, journal: aJournalDraft() });
      const older = await received(t.store, { receivedAt: at(3) });
      await received(t.store, { receivedAt: at(5) });
      const later = await received(t.store, { receivedAt: at(4) });
      expect(await t.store.findStaleReceived(at(5), 10)).toEqual([oldest.id, older.id, later.id]);
      expect(await t.store.findStaleReceived(at(5), 2)).toEqual([oldest.id, older.id]);
      expect(await t.store.findStaleReceived(at(1), 10)).toEqual([]);
    });
  });
}
