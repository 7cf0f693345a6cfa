import mongoose, { type Connection } from 'mongoose';

export type { Connection as MongoConnection } from 'mongoose';

export interface ConnectMongoOptions {
  /** Database to use instead of the one named in the URL. */
  dbName?: string;
  /** How long to wait for a server before failing (default 10 s): an absent engine fails fast at start. */
  serverSelectionTimeoutMS?: number;
  /** Connections per pool (default 20). */
  maxPoolSize?: number;
}

/**
 * Opens a mongoose connection of its own (not mongoose's global default), ready to use. Writes are
 * acknowledged by a majority and journaled: a report is acknowledged only once it is durably stored.
 */
export async function connectMongo(url: string, options: ConnectMongoOptions = {}): Promise<Connection> {
  const connection = mongoose.createConnection(url, {
    ...(options.dbName ? { dbName: options.dbName } : {}),
    serverSelectionTimeoutMS: options.serverSelectionTimeoutMS ?? 10_000,
    maxPoolSize: options.maxPoolSize ?? 20,
    // Optional report fields are left out, never stored as null.
    ignoreUndefined: true,
    // Collections and indexes are created explicitly when an adapter opens (ensureIndexes).
    autoIndex: false,
    autoCreate: false,
    writeConcern: { w: 'majority', journal: true },
  });
  await connection.asPromise();
  return connection;
}

/** What answers at the other end: real MongoDB, or the mongo-java-server used in tests here. */
export interface MongoServerInfo {
  engine: 'mongodb' | 'mongo-java-server';
  /** The MongoDB version the server reports (mongo-java-server reports the version it emulates). */
  version: string;
  /** mongo-java-server's own version, when it is that. */
  testServerVersion?: string;
  /** One line for logs and test output. */
  description: string;
}

/**
 * Identifies the server from `buildInfo`. Our mongo-java-server launcher (scripts/mongo-test-server)
 * marks its answer with `mongoJavaServer`; real MongoDB reports a `gitVersion`.
 */
export async function describeMongoServer(connection: Connection): Promise<MongoServerInfo> {
  const db = connection.db;
  if (!db) throw new Error('describeMongoServer: the connection is not open');
  const info = (await db.admin().command({ buildInfo: 1 })) as { version?: string; mongoJavaServer?: string; gitVersion?: string };
  const version = info.version ?? 'unknown';
  if (info.mongoJavaServer || !info.gitVersion) {
    const testServerVersion = info.mongoJavaServer ?? 'unknown';
    return {
      engine: 'mongo-java-server',
      version,
      testServerVersion,
      description: `mongo-java-server ${testServerVersion} (wire-compatible test server, NOT MongoDB; reports MongoDB ${version})`,
    };
  }
  return { engine: 'mongodb', version, description: `MongoDB ${version}` };
}

/**
 * True for a duplicate-key error (E11000), optionally only for the index `indexName`. Real MongoDB
 * also sets `keyPattern`, mongo-java-server does not; both name the index in the message.
 */
export function isDuplicateKeyError(error: unknown, indexName?: string): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (code !== 11000) return false;
  if (indexName === undefined) return true;
  return typeof message === 'string' && new RegExp(`index: ${escapeRegExp(indexName)} dup key`).test(message);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
