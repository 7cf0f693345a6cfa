import { describeAssessmentStatsContract } from '@mottak/test-kit';
import { openMongoAssessmentStatsStore, SOURCE_KEYS_INDEX } from './assessment-stats.mongo';
import { describeWithMongo } from './mongo-test-env';
import { openMongoReportStore } from './report-store.mongo';

describeWithMongo('MongoAssessmentStatsStore', 'assessment-stats', (mongo) => {
  describeAssessmentStatsContract('MongoDB', async () => {
    const db = mongo.freshDatabase();
    const reports = await openMongoReportStore(db.connection);
    const stats = await openMongoAssessmentStatsStore(db.connection);
    return {
      reports,
      stats,
      cleanup: async () => {
        await stats.close();
        await reports.close();
        await db.drop();
      },
    };
  });

  it('declares the index a source’s history is found by', async () => {
    const db = mongo.freshDatabase();
    await openMongoReportStore(db.connection);
    await openMongoAssessmentStatsStore(db.connection);
    const indexes = await db.connection.collection('reports').indexes();
    expect(indexes.find((index) => index.name === SOURCE_KEYS_INDEX)?.key).toEqual({ 'assessment.sourceKeys': 1, receivedAt: 1 });
    expect(indexes.some((index) => index.name === 'registeredAt')).toBe(true);
    await db.drop();
  });
});
