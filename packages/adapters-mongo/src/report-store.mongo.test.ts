import type { Report } from '@mottak/domain';
import { aJournalDraft, aRegistrationCommand, aReport, describeReportStoreContract, expectedNumbers } from '@mottak/test-kit';
import { describeWithMongo } from './mongo-test-env';
import { type MongoReportStore, openMongoReportStore } from './report-store.mongo';

const EVERYTHING = { kind: 'all' } as const;

describeWithMongo('MongoReportStore', 'report-store', (mongo) => {
  describeReportStoreContract('MongoDB', async ({ clock }) => {
    const db = mongo.freshDatabase();
    const opened: MongoReportStore[] = [];
    const open = async (connection: Parameters<typeof openMongoReportStore>[0]) => {
      const store = await openMongoReportStore(connection, { clock });
      opened.push(store);
      return store;
    };
    return {
      store: await open(db.connection),
      // Another handle: its own connection pool, as another process would have.
      openAgain: async () => open(await db.connectAgain()),
      // What someone with write access to the database could do: rewrite an entry in place.
      tamperJournal: async (seq) => {
        await db.connection.collection('journal_entries').updateOne({ _id: seq as never }, { $set: { 'details.tampered': 1 } });
      },
      cleanup: async () => {
        for (const store of opened) await store.close();
        await db.drop();
      },
    };
  });

  describe('on MongoDB without transactions', () => {
    let db: ReturnType<typeof mongo.freshDatabase>;
    const stores: MongoReportStore[] = [];
    beforeEach(() => {
      db = mongo.freshDatabase();
    });
    afterEach(async () => {
      for (const store of stores.splice(0)) await store.close();
      await db.drop();
    });

    /** A store on its own connection (pool), like a separate process. */
    async function separateStore(options: Parameters<typeof openMongoReportStore>[1] = {}): Promise<MongoReportStore> {
      const store = await openMongoReportStore(await db.connectAgain(), options);
      stores.push(store);
      return store;
    }

    async function receivedIn(store: MongoReportStore, count: number): Promise<Report[]> {
      const reports: Report[] = [];
      for (let i = 0; i < count; i += 1) {
        const report = aReport();
        await store.receive(report, aJournalDraft());
        reports.push(report);
      }
      return reports;
    }

    it('gives gap-free numbers when three separate connections register at the same time', async () => {
      const handles = [await separateStore(), await separateStore(), await separateStore()];
      const reports = await receivedIn(handles[0]!, 45);
      const numbers = await Promise.all(
        reports.map((report, i) => handles[i % 3]!.register(aRegistrationCommand(report)).then((r) => r.registration!.journalNumber)),
      );
      expect([...numbers].sort()).toEqual(expectedNumbers(2026, 45));
      const stored = await handles[1]!.list(EVERYTHING, { limit: 100, offset: 0 });
      expect(stored.items.map((r) => r.registration?.journalNumber).sort()).toEqual(expectedNumbers(2026, 45));
      expect(await handles[2]!.verifyJournal()).toEqual({ ok: true, entries: 90 });
    });

    it('rolls an interrupted registration forward: the number is kept and journaled, none is lost', async () => {
      const crashing = await separateStore({
        afterStateWrite: async () => {
          throw new Error('simulert krasj');
        },
      });
      const healthy = await separateStore();
      const [report] = await receivedIn(healthy, 1);
      await expect(crashing.register(aRegistrationCommand(report!))).rejects.toThrow('simulert krasj');

      // What the crash left: the registration stored with its draft, the journal entry not yet appended.
      const raw = await db.connection.collection('reports').findOne({ _id: report!.id as never });
      expect(raw).toMatchObject({ status: 'registrert', registration: { journalNumber: '2026/000001' } });
      expect(raw?.['pendingJournal']).toHaveLength(1);
      expect(await db.connection.collection('journal_entries').countDocuments()).toBe(1);

      // A process starting afterwards completes it.
      const restarted = await separateStore();
      expect(await db.connection.collection('journal_entries').countDocuments()).toBe(2);
      const entries = await restarted.journalFor(report!.id);
      expect(entries.map((e) => [e.action, e.details['journalNumber']])).toEqual([
        ['report.received', undefined],
        ['report.registered', '2026/000001'],
      ]);
      expect((await db.connection.collection('reports').findOne({ _id: report!.id as never }))?.['pendingJournal']).toEqual([]);
      const [next] = await receivedIn(restarted, 1);
      expect((await restarted.register(aRegistrationCommand(next!))).registration?.journalNumber).toBe('2026/000002');
      expect(await restarted.verifyJournal()).toEqual({ ok: true, entries: 4 });
    });

    it('journals the changes of one report in version order even when an earlier change was interrupted', async () => {
      const crashing = await separateStore({
        afterStateWrite: async () => {
          throw new Error('simulert krasj');
        },
      });
      const healthy = await separateStore();
      const [report] = await receivedIn(healthy, 1);
      await expect(
        crashing.applyChange({ reportId: report!.id, expectedVersion: 1, set: { title: 'Første' }, journal: aJournalDraft({ action: 'first' }) }),
      ).rejects.toThrow('simulert krasj');
      await healthy.applyChange({ reportId: report!.id, expectedVersion: 2, set: { title: 'Andre' }, journal: aJournalDraft({ action: 'second' }) });
      // The second change appended the first one's entry before its own.
      expect(await db.connection.collection('journal_entries').countDocuments()).toBe(3);
      expect((await healthy.journalFor(report!.id)).map((e) => e.action)).toEqual(['report.received', 'first', 'second']);
    });

    it('answers a retried intake whose first attempt died before journaling, and journals it once', async () => {
      const key = { scope: 'partner:p1', key: 'k-1', requestHash: 'h' };
      const crashing = await separateStore({
        afterStateWrite: async () => {
          throw new Error('simulert krasj');
        },
      });
      const healthy = await separateStore();
      const first = aReport();
      await expect(crashing.receive(first, aJournalDraft(), key)).rejects.toThrow('simulert krasj');
      expect(await healthy.receive(aReport(), aJournalDraft(), key)).toEqual({ kind: 'replayed', report: first });
      expect(await healthy.listJournal({ limit: 10 })).toEqual([expect.objectContaining({ seq: 1, subjectId: first.id })]);
    });

    it('replays an intake retried with the very same report (same id and key)', async () => {
      const store = await separateStore();
      const key = { scope: 'user:kari', key: 'k-2', requestHash: 'h' };
      const report = aReport();
      await store.receive(report, aJournalDraft(), key);
      expect(await store.receive(report, aJournalDraft(), key)).toEqual({ kind: 'replayed', report });
      expect(await store.listJournal({ limit: 10 })).toHaveLength(1);
    });

    it('refuses a report that breaks the schema and stores nothing', async () => {
      const store = await separateStore();
      const bad = aReport({ gradering: 'TOPP_HEMMELIG' as Report['gradering'] });
      await expect(store.receive(bad, aJournalDraft())).rejects.toThrow(/gradering/);
      expect(await store.get(bad.id, EVERYTHING)).toBeUndefined();
      expect(await store.listJournal({ limit: 10 })).toEqual([]);
    });

    it('keeps a journal number unique per year in the database itself', async () => {
      const store = await separateStore();
      const [a, b] = await receivedIn(store, 2);
      await store.register(aRegistrationCommand(a!));
      // A second report given the same number behind the store's back is refused by the unique index.
      const write = db.connection
        .collection('reports')
        .updateOne({ _id: b!.id as never }, { $set: { journalYear: 2026, journalSeq: 1 } });
      await expect(write).rejects.toMatchObject({ code: 11000 });
    });
  });
});
