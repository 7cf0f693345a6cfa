import { describeAttachmentStoreContract } from '@mottak/test-kit';
import { openMongoAttachmentStore } from './attachment-store.mongo';
import { describeWithMongo } from './mongo-test-env';

describeWithMongo('MongoAttachmentStore', 'attachment-store', (mongo) => {
  describeAttachmentStoreContract('MongoDB', async () => {
    const db = mongo.freshDatabase();
    return {
      store: await openMongoAttachmentStore(db.connection),
      // Another handle on its own connection pool, as another process would have.
      openAgain: async () => openMongoAttachmentStore(await db.connectAgain()),
      cleanup: async () => {
        await db.drop();
      },
    };
  });
});
