import { describeCaseStoreContract } from '@mottak/test-kit';
import { type MongoCaseStore, openMongoCaseStore } from './case-store.mongo';
import { describeWithMongo } from './mongo-test-env';

describeWithMongo('MongoCaseStore', 'case-store', (mongo) => {
  describeCaseStoreContract('MongoDB', async () => {
    const db = mongo.freshDatabase();
    const opened: MongoCaseStore[] = [];
    const open = async (connection: Parameters<typeof openMongoCaseStore>[0]) => {
      const store = await openMongoCaseStore(connection);
      opened.push(store);
      return store;
    };
    return {
      store: await open(db.connection),
      // Another handle on its own connection pool, as another process would have.
      openAgain: async () => open(await db.connectAgain()),
      cleanup: async () => {
        for (const store of opened) await store.close();
        await db.drop();
      },
    };
  });
});
