import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  createFts5SearchIndex,
  createSqliteAttachmentStore,
  createSqliteApprovalStore,
  createSqliteAssessmentStatsStore,
  createSqliteAuditLog,
  createSqliteCaseStore,
  createSqliteReviewStore,
  createSqliteIdentityStore,
  createSqliteJobQueue,
  createSqliteQualityStore,
  createSqliteReportStore,
  createSqliteSavedSearchStore,
} from '@mottak/adapters-embedded';
import type { RuleSetSource } from '@mottak/core';
import { type Config, type Logger, systemClock } from '@mottak/runtime';
import { assembleCoreDeps, probeAll } from './assemble-core-deps';
import { loadCheckpointKey } from './checkpoint-key';
import type { OpenedCore } from './opened-core';

/** The embedded profile: every engine a SQLite file in MOTTAK_DATA_DIR. */
export function openEmbedded(config: Config, logger: Logger, ruleSets: RuleSetSource, fastHashing: boolean): OpenedCore {
  const dir = path.resolve(config.MOTTAK_DATA_DIR);
  mkdirSync(dir, { recursive: true });
  const checkpointKey = loadCheckpointKey(config, logger, dir);
  const store = createSqliteReportStore(path.join(dir, 'mottak.db'), { clock: systemClock });
  // After the report store: it reads the `reports` table that store creates.
  const quality = createSqliteQualityStore(path.join(dir, 'mottak.db'));
  const assessmentStats = createSqliteAssessmentStatsStore(path.join(dir, 'mottak.db'));
  const identity = createSqliteIdentityStore(path.join(dir, 'mottak.db'));
  const approvals = createSqliteApprovalStore(path.join(dir, 'mottak.db'));
  const cases = createSqliteCaseStore(path.join(dir, 'mottak.db'));
  const reviews = createSqliteReviewStore(path.join(dir, 'mottak.db'));
  const savedSearches = createSqliteSavedSearchStore(path.join(dir, 'mottak.db'));
  const audit = createSqliteAuditLog(path.join(dir, 'audit.db'));
  const queue = createSqliteJobQueue(path.join(dir, 'queue.db'), {
    visibilityTimeoutMs: config.MOTTAK_QUEUE_VISIBILITY_TIMEOUT_MS,
    maxAttempts: config.MOTTAK_QUEUE_MAX_ATTEMPTS,
    backoffBaseMs: config.MOTTAK_QUEUE_BACKOFF_MS,
    onError: (error) => logger.error({ err: error }, 'jobbkøen feilet'),
  });
  const index = createFts5SearchIndex(path.join(dir, 'search.db'));
  // Content can be large: its own file, beside the report database.
  const attachments = createSqliteAttachmentStore(path.join(dir, 'attachments.db'));
  const deps = { ...assembleCoreDeps({ store, queue, index, audit, identity, approvals, cases, checkpointKey, assessmentStats }, config, ruleSets, fastHashing), quality, attachments, reviews, savedSearches };
  return {
    deps,
    readiness: () =>
      probeAll({
        store: () => store.pendingOutboxCount(),
        queue: () => queue.counts(),
        audit: () => audit.list({ limit: 1 }),
        index: () => index.search({ text: 'klar', identifiers: [], access: { kind: 'none' }, limit: 1, offset: 0 }),
      }),
    async close() {
      await queue.close();
      await index.close();
      await audit.close();
      await approvals.close();
      await cases.close();
      await reviews.close();
      await savedSearches.close();
      await identity.close();
      await quality.close();
      await attachments.close();
      await assessmentStats.close();
      await store.close();
    },
  };
}
