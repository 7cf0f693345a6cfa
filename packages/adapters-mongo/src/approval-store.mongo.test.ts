import { describeApprovalStoreContract } from '@mottak/test-kit';
import { type MongoApprovalStore, openMongoApprovalStore } from './approval-store.mongo';
import { describeWithMongo } from './mongo-test-env';

describeWithMongo('MongoApprovalStore', 'approval-store', (mongo) => {
  describeApprovalStoreContract('MongoDB', async () => {
    const db = mongo.freshDatabase();
    const opened: MongoApprovalStore[] = [];
    const open = async (connection: Parameters<typeof openMongoApprovalStore>[0]) => {
      const store = await openMongoApprovalStore(connection);
      opened.push(store);
      return store;
    };
    return {
      store: await open(db.connection),
      openAgain: async () => open(await db.connectAgain()),
      cleanup: async () => {
        for (const store of opened) await store.close();
        await db.drop();
      },
    };
  });
});
