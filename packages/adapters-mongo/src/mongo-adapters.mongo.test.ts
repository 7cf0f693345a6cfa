import { aJournalDraft, anAuditEntry, aReport, aUser } from '@mottak/test-kit';
import { openMongoAdapters } from './mongo-adapters';
import { describeWithMongo } from './mongo-test-env';

describeWithMongo('openMongoAdapters', 'adapters', (mongo) => {
  it('opens the store, audit log and identity store on one connection, and says what it talks to', async () => {
    const db = mongo.freshDatabase();
    const adapters = await openMongoAdapters(mongo.url, { connect: { dbName: db.name } });
    try {
      expect(adapters.server).toEqual(mongo.server);
      const report = aReport();
      await adapters.store.receive(report, aJournalDraft());
      await adapters.audit.append(anAuditEntry({ subjectId: report.id }));
      await adapters.identity.createUser(aUser({ username: 'kari' }), 'hash');
      expect((await db.connection.listCollections()).map((c) => c.name).sort()).toEqual(
        expect.arrayContaining(['audit_entries', 'chain_heads', 'journal_entries', 'reports', 'users']),
      );
      expect(await adapters.ping()).toBe(true);
    } finally {
      await adapters.close();
      await db.drop();
    }
    expect(await adapters.ping()).toBe(false);
  });
});
