import { mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  createFts5SearchIndex,
  createSqliteAuditLog,
  createSqliteIdentityStore,
  createSqliteJobQueue,
  createSqliteReportStore,
} from '@mottak/adapters-embedded';
import type { RuleSet } from '@mottak/assessment';
import { type Config, type Logger, systemClock } from '@mottak/runtime';
import { assembleCoreDeps, probeAll } from './assemble-core-deps';
import type { OpenedCore } from './opened-core';

/** The embedded profile: every engine a SQLite file in MOTTAK_DATA_DIR. */
export function openEmbedded(config: Config, logger: Logger, ruleSet: RuleSet, fastHashing: boolean): OpenedCore {
  const dir = path.resolve(config.MOTTAK_DATA_DIR);
  mkdirSync(dir, { recursive: true });
  const store = createSqliteReportStore(path.join(dir, 'mottak.db'), { clock: systemClock });
  const identity = createSqliteIdentityStore(path.join(dir, 'mottak.db'));
  const audit = createSqliteAuditLog(path.join(dir, 'audit.db'));
  const queue = createSqliteJobQueue(path.join(dir, 'queue.db'), {
    visibilityTimeoutMs: config.MOTTAK_QUEUE_VISIBILITY_TIMEOUT_MS,
    maxAttempts: config.MOTTAK_QUEUE_MAX_ATTEMPTS,
    backoffBaseMs: config.MOTTAK_QUEUE_BACKOFF_MS,
    onError: (error) => logger.error({ err: error }, 'jobbkøen feilet'),
  });
  const index = createFts5SearchIndex(path.join(dir, 'search.db'));
  const deps = assembleCoreDeps({ store, queue, index, audit, identity }, config, ruleSet, fastHashing);
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
      await identity.close();
      await store.close();
    },
  };
}
