import { aJournalDraft, anAssessment, aReport } from '@mottak/test-kit';
import { describeWithMongo } from './mongo-test-env';
import { type MongoReportStore, openMongoReportStore } from './report-store.mongo';

const EVERYTHING = { kind: 'all' } as const;
const LATER = { receivedAt: '2999-01-01T00:00:00.000Z', id: '' };

describeWithMongo('MongoReportStore seen-before fields', 'seen-before', (mongo) => {
  let db: ReturnType<typeof mongo.freshDatabase>;
  const stores: MongoReportStore[] = [];
  beforeEach(() => {
    db = mongo.freshDatabase();
  });
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
    await db.drop();
  });

  it('backfills band and identifier keys of documents written before the fields existed, when a store opens', async () => {
    const store = await openMongoReportStore(db.connection);
    stores.push(store);
    const report = aReport({ status: 'vurdert', assessment: anAssessment({ simhash: '0123456789abcdef' }) });
    const unassessed = aReport();
    await store.receive(report, aJournalDraft());
    await store.receive(unassessed, aJournalDraft());
    // What a database from before this version holds: the report without the seen-before fields.
    await db.connection.collection('reports').updateMany({}, { $unset: { simhashBands: '', entityKeys: '' } });
    expect(await store.findNearDuplicates({ simhash: '0123456789abcdef', maxDistance: 3, before: LATER, limit: 10 }, EVERYTHING)).toEqual([]);

    const reopened = await openMongoReportStore(await db.connectAgain());
    stores.push(reopened);
    expect((await reopened.findNearDuplicates({ simhash: '0123456789abcdef', maxDistance: 3, before: LATER, limit: 10 }, EVERYTHING)).map((m) => m.id)).toEqual([report.id]);
    expect(await reopened.findEntityOverlaps({ entities: [{ type: 'phone', value: '+4791234567' }], before: LATER, registeredLimit: 5 }, EVERYTHING)).toEqual([
      { type: 'phone', value: '+4791234567', count: 1, registeredCount: 0, registered: [] },
    ]);
    const raw = await db.connection.collection('reports').findOne({ _id: unassessed.id as never });
    expect(raw).toMatchObject({ simhashBands: [], entityKeys: [] });
    // Never part of the Report a read returns.
    expect(await reopened.get(report.id, EVERYTHING)).toEqual(report);
  });

  it('declares multikey indexes on the band and identifier keys', async () => {
    const store = await openMongoReportStore(db.connection);
    stores.push(store);
    const indexes = await db.connection.collection('reports').indexes();
    expect(indexes.map((index) => index.key)).toEqual(expect.arrayContaining([{ simhashBands: 1 }, { entityKeys: 1 }]));
  });
});
