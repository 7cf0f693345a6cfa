import type { Clock } from '@mottak/core';
import type { Connection } from 'mongoose';
import { type MongoApprovalStore, openMongoApprovalStore } from './approval-store.mongo';
import { type MongoAssessmentStatsStore, openMongoAssessmentStatsStore } from './assessment-stats.mongo';
import { type MongoAuditLog, openMongoAuditLog } from './audit-log.mongo';
import { type MongoCaseStore, openMongoCaseStore } from './case-store.mongo';
import { type MongoIdentityStore, openMongoIdentityStore } from './identity-store.mongo';
import { connectMongo, type ConnectMongoOptions, describeMongoServer, type MongoServerInfo } from './mongo-connection';
import { type MongoQualityStore, openMongoQualityStore } from './quality-store.mongo';
import { type MongoReportStore, openMongoReportStore } from './report-store.mongo';
import { type MongoReviewStore, openMongoReviewStore } from './review-store.mongo';
import { type MongoSavedSearchStore, openMongoSavedSearchStore } from './saved-search-store.mongo';

/** The MongoDB adapters of one process, sharing one connection pool. */
export interface MongoAdapters {
  store: MongoReportStore;
  audit: MongoAuditLog;
  identity: MongoIdentityStore;
  approvals: MongoApprovalStore;
  cases: MongoCaseStore;
  /** Data-quality runs and results, beside the reports they are about. */
  quality: MongoQualityStore;
  /** Source histories and override counts per rule, over the reports. */
  assessmentStats: MongoAssessmentStatsStore;
  /** Four-eyes review samples (stikkprøver) and their verdicts. */
  reviews: MongoReviewStore;
  /** Users' saved searches (their new matches are counted in the search index, not here). */
  savedSearches: MongoSavedSearchStore;
  /** What answers at the URL (real MongoDB, or the mongo-java-server test server), for the start-up log. */
  server: MongoServerInfo;
  connection: Connection;
  /** Whether the server answers `ping` (for /readyz). */
  ping(): Promise<boolean>;
  /** Closes the connection; call after servers and consumers have stopped. */
  close(): Promise<void>;
}

/**
 * Connects to `url` once and opens the report store (indexes, roll-forward of half-done changes),
 * the audit log, the identity, approval, case and quality stores on that connection. For a composition root.
 */
export async function openMongoAdapters(url: string, options: { clock?: Clock; connect?: ConnectMongoOptions } = {}): Promise<MongoAdapters> {
  const connection = await connectMongo(url, options.connect);
  try {
    const server = await describeMongoServer(connection);
    const store = await openMongoReportStore(connection, options.clock ? { clock: options.clock } : {});
    const audit = await openMongoAuditLog(connection);
    const identity = await openMongoIdentityStore(connection);
    const approvals = await openMongoApprovalStore(connection);
    const cases = await openMongoCaseStore(connection);
    const quality = await openMongoQualityStore(connection);
    const assessmentStats = await openMongoAssessmentStatsStore(connection);
    const reviews = await openMongoReviewStore(connection);
    const savedSearches = await openMongoSavedSearchStore(connection);
    return {
      store,
      audit,
      identity,
      approvals,
      cases,
      quality,
      assessmentStats,
      reviews,
      savedSearches,
      server,
      connection,
      ping: async () =>
        connection.db
          ?.admin()
          .command({ ping: 1 })
          .then(() => true, () => false) ?? false,
      close: async () => {
        await connection.close();
      },
    };
  } catch (error) {
    await connection.close();
    throw error;
  }
}
