import { aUser, describeIdentityStoreContract } from '@mottak/test-kit';
import { type MongoIdentityStore, openMongoIdentityStore } from './identity-store.mongo';
import { describeWithMongo } from './mongo-test-env';

describeWithMongo('MongoIdentityStore', 'identity-store', (mongo) => {
  describeIdentityStoreContract('MongoDB', async () => {
    const db = mongo.freshDatabase();
    const opened: MongoIdentityStore[] = [];
    const open = async (connection: Parameters<typeof openMongoIdentityStore>[0]) => {
      const store = await openMongoIdentityStore(connection);
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

  it('lets exactly one of two connections creating the same username at once succeed', async () => {
    const db = mongo.freshDatabase();
    try {
      const a = await openMongoIdentityStore(await db.connectAgain());
      const b = await openMongoIdentityStore(await db.connectAgain());
      const results = await Promise.allSettled([a.createUser(aUser({ username: 'kari' }), 'h1'), b.createUser(aUser({ username: 'kari' }), 'h2')]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason).toMatchObject({ code: 'USER_EXISTS' });
      expect(await a.listUsers()).toHaveLength(1);
    } finally {
      await db.drop();
    }
  });
});
