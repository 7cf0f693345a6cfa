import type { AuditLog, AuditQuery } from '@mottak/core';
import type { ChainedEntry, ChainedEntryInput, ChainVerification } from '@mottak/domain';
import type { Connection } from 'mongoose';
import { MongoChainedLog } from './chained-log.mongo';
import { connectMongo, type ConnectMongoOptions } from './mongo-connection';

/**
 * AuditLog on MongoDB: the same hash-chain scheme as the report journal, in its own collection.
 * Concurrent appends from any number of processes form one unbroken chain (see MongoChainedLog).
 */
export class MongoAuditLog implements AuditLog {
  private readonly log: MongoChainedLog;

  /** Takes an open connection; `close` closes it only if `ownsConnection`. Call `open()` (or use openMongoAuditLog) before use. */
  constructor(
    private readonly connection: Connection,
    private readonly ownsConnection = false,
  ) {
    this.log = new MongoChainedLog(connection, 'audit_entries');
  }

  /** Creates the collection and its indexes (idempotent). */
  async open(): Promise<this> {
    await this.log.ensureIndexes();
    return this;
  }

  async append(entry: ChainedEntryInput): Promise<ChainedEntry> {
    return this.log.append(entry);
  }

  /** Entries matching every given filter, in sequence order (page with `afterSeq`). */
  async list(query: AuditQuery): Promise<ChainedEntry[]> {
    return this.log.list(query);
  }

  async verify(): Promise<ChainVerification> {
    return this.log.verify();
  }

  /** Closes the connection if this log opened it. */
  async close(): Promise<void> {
    if (this.ownsConnection) await this.connection.close();
  }
}

/** Connects to `url` (or uses an open connection) and prepares the collection; the log owns a connection it opened. */
export async function openMongoAuditLog(target: Connection | string, options: { connect?: ConnectMongoOptions } = {}): Promise<MongoAuditLog> {
  const owns = typeof target === 'string';
  const connection = typeof target === 'string' ? await connectMongo(target, options.connect) : target;
  const log = new MongoAuditLog(connection, owns);
  try {
    return await log.open();
  } catch (error) {
    await log.close();
    throw error;
  }
}
