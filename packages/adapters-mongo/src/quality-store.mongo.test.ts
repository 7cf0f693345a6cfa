import { describeQualityStoreContract } from '@mottak/test-kit';
import { describeWithMongo } from './mongo-test-env';
import { openMongoQualityStore } from './quality-store.mongo';
import { openMongoReportStore } from './report-store.mongo';

describeWithMongo('MongoQualityStore', 'quality-store', (mongo) => {
  describeQualityStoreContract('MongoDB', async () => {
    const db = mongo.freshDatabase();
    const reports = await openMongoReportStore(db.connection);
    const quality = await openMongoQualityStore(db.connection);
    return {
      reports,
      quality,
      cleanup: async () => {
        await quality.close();
        await reports.close();
        await db.drop();
      },
    };
  });
});
