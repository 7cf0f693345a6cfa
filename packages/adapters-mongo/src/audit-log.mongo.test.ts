import { anAuditEntry, describeAuditLogContract } from '@mottak/test-kit';
import { type MongoAuditLog, openMongoAuditLog } from './audit-log.mongo';
import { describeWithMongo } from './mongo-test-env';

describeWithMongo('MongoAuditLog', 'audit-log', (mongo) => {
  describeAuditLogContract('MongoDB', async () => {
    const db = mongo.freshDatabase();
    const opened: MongoAuditLog[] = [];
    const open = async (connection: Parameters<typeof openMongoAuditLog>[0]) => {
      const log = await openMongoAuditLog(connection);
      opened.push(log);
      return log;
    };
    const entries = () => db.connection.collection('audit_entries');
    return {
      log: await open(db.connection),
      openAgain: async () => open(await db.connectAgain()),
      // What someone with write access to the database could do.
      tamper: async (seq) => {
        await entries().updateOne({ _id: seq as never }, { $set: { 'details.tampered': 1 } });
      },
      remove: async (seq) => {
        await entries().deleteOne({ _id: seq as never });
      },
      cleanup: async () => {
        for (const log of opened) await log.close();
        await db.drop();
      },
    };
  });

  describe('on MongoDB without transactions', () => {
    let db: ReturnType<typeof mongo.freshDatabase>;
    beforeEach(() => {
      db = mongo.freshDatabase();
    });
    afterEach(async () => {
      await db.drop();
    });

    it('keeps one chain when three separate connections append at the same time', async () => {
      const logs = [await openMongoAuditLog(await db.connectAgain()), await openMongoAuditLog(await db.connectAgain()), await openMongoAuditLog(await db.connectAgain())];
      const appended = await Promise.all(Array.from({ length: 60 }, (_, i) => logs[i % 3]!.append(anAuditEntry({ details: { i } }))));
      expect(appended.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
      expect(await logs[0]!.verify()).toEqual({ ok: true, entries: 60 });
    });

    it('names entries removed from the end of the log (the chain head remembers them)', async () => {
      const log = await openMongoAuditLog(db.connection);
      for (let i = 0; i < 5; i += 1) await log.append(anAuditEntry({ details: { i } }));
      await db.connection.collection('audit_entries').deleteMany({ _id: { $gte: 4 } as never });
      expect(await log.verify()).toMatchObject({ ok: false, entries: 3, firstBrokenSeq: 4 });
    });

    it('carries on after an appender died between writing an entry and moving the chain head', async () => {
      const log = await openMongoAuditLog(db.connection);
      await log.append(anAuditEntry());
      const second = await log.append(anAuditEntry());
      // The head as a process that died right after inserting entry 2 would have left it.
      await db.connection.collection('chain_heads').updateOne({ _id: 'audit_entries' as never }, { $set: { seq: 1, hash: (await log.list({ limit: 1 }))[0]!.hash } });
      const third = await log.append(anAuditEntry());
      expect(third).toMatchObject({ seq: 3, prevHash: second.hash });
      expect(await log.verify()).toEqual({ ok: true, entries: 3 });
    });
  });
});
