/**
 * Test support for the *.mongo.test.ts files (not exported from the package): the server at
 * MONGO_URL, a fresh database per fixture, and what happens when there is no MONGO_URL.
 *
 * MONGO_URL names a real MongoDB, or the wire-compatible mongo-java-server that
 * scripts/provision-mongo.sh starts (mongodb://127.0.0.1:27117/mottak-test). Without it the tests
 * fail when CI=true (CI must test this adapter) and are skipped, saying why, otherwise.
 */
import type { Connection } from 'mongoose';
import { connectMongo, describeMongoServer, type MongoServerInfo } from './mongo-connection';

/** One fresh database for one fixture; dropped by `drop`. */
export interface TestDatabase {
  name: string;
  /** A connection (the suite's pool) to this database. */
  connection: Connection;
  /** A separate connection with its own pool, as another process would have. */
  connectAgain(): Promise<Connection>;
  /** Closes the extra connections and drops the database. */
  drop(): Promise<void>;
}

export interface MongoTestContext {
  readonly url: string;
  readonly server: MongoServerInfo;
  /** A new, empty database named after the test file. */
  freshDatabase(): TestDatabase;
}

/** The database named in a MongoDB URL (`mongodb://host:port/<db>?…`), if any. */
function databaseIn(url: string): string | undefined {
  const match = /^mongodb(?:\+srv)?:\/\/[^/]+\/([^?]+)/.exec(url);
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

/** The URL without its password, for test output. */
function redacted(url: string): string {
  return url.replace(/^(mongodb(?:\+srv)?:\/\/[^:@/]+):[^@/]*@/, '$1:***@');
}

/**
 * Declares `body`'s tests against the server at MONGO_URL, each database in it named
 * `<url database>-<tag>-<pid>-<n>` and dropped afterwards. Prints the engine and version first.
 */
export function describeWithMongo(title: string, tag: string, body: (mongo: MongoTestContext) => void): void {
  const url = process.env['MONGO_URL'];
  if (!url) {
    const why =
      'MONGO_URL is not set. Start the test server with `bash scripts/provision-mongo.sh` and run with ' +
      'MONGO_URL=mongodb://127.0.0.1:27117/mottak-test (or point MONGO_URL at a real MongoDB).';
    if (process.env['CI'] === 'true') {
      describe(title, () => {
        it('runs against a MongoDB server (CI must not skip the MongoDB adapter)', () => {
          throw new Error(why);
        });
      });
    } else {
      process.stdout.write(`Skipping ${title}: ${why}\n`);
      describe.skip(title, () => {
        it('needs MONGO_URL', () => undefined);
      });
    }
    return;
  }

  const prefix = `${databaseIn(url) ?? 'mottak-test'}-${tag}-${process.pid}-`;
  let main: Connection | undefined;
  let server: MongoServerInfo | undefined;
  let count = 0;
  const context: MongoTestContext = {
    url,
    get server() {
      if (!server) throw new Error('MongoDB test context used before beforeAll connected');
      return server;
    },
    freshDatabase() {
      if (!main) throw new Error('MongoDB test context used before beforeAll connected');
      count += 1;
      const name = `${prefix}${count}`;
      const connection = main.useDb(name, { useCache: false });
      const extra: Connection[] = [];
      return {
        name,
        connection,
        async connectAgain() {
          const again = await connectMongo(url, { dbName: name });
          extra.push(again);
          return again;
        },
        async drop() {
          for (const again of extra.splice(0)) await again.close();
          await connection.dropDatabase();
        },
      };
    },
  };

  describe(title, () => {
    beforeAll(async () => {
      main = await connectMongo(url);
      server = await describeMongoServer(main);
      process.stdout.write(`${title}: running against ${server.description} at ${redacted(url)}\n`);
    });
    afterAll(async () => {
      if (!main) return;
      // Databases a failed test did not drop (listing them needs a privilege a real server may deny).
      const listed = await main.db
        ?.admin()
        .listDatabases({ nameOnly: true })
        .catch(() => undefined);
      for (const { name } of listed?.databases ?? []) {
        if (name.startsWith(prefix)) await main.useDb(name, { useCache: false }).dropDatabase();
      }
      await main.close();
    });
    body(context);
  });
}

/** A contract-suite fixture: stores opened by `open` on a fresh database, another handle on its own pool, all closed and the database dropped at cleanup. */
export async function storesOnFreshDatabase<S extends { close(): Promise<void> }>(
  mongo: MongoTestContext,
  open: (connection: Connection) => Promise<S>,
): Promise<{ store: S; openAgain(): Promise<S>; cleanup(): Promise<void> }> {
  const db = mongo.freshDatabase();
  const opened: S[] = [];
  const openOne = async (connection: Connection) => {
    const store = await open(connection);
    opened.push(store);
    return store;
  };
  return {
    store: await openOne(db.connection),
    // Another handle on its own connection pool, as another process would have.
    openAgain: async () => openOne(await db.connectAgain()),
    cleanup: async () => {
      for (const store of opened) await store.close();
      await db.drop();
    },
  };
}
