import { createElasticSearchIndex } from '@mottak/adapters-elastic';
import { openMongoAdapters, openMongoAttachmentStore } from '@mottak/adapters-mongo';
import { createBullMqJobQueue, createRedisReportEvents, readRedisServerInfo, redactRedisUrl } from '@mottak/adapters-redis';
import type { RuleSetSource } from '@mottak/core';
import { type Config, type Logger, systemClock } from '@mottak/runtime';
import { assembleCoreDeps, probeAll } from './assemble-core-deps';
import { loadCheckpointKey } from './checkpoint-key';
import type { OpenedCore } from './opened-core';

/**
 * The production profile: MongoDB (store, journal, audit log, users, data quality), Redis (BullMQ
 * queue, pub/sub for live events between processes) and Elasticsearch (search). Each engine is
 * checked at start so that a wrong URL fails fast with the engine's name; secrets in URLs are
 * redacted from logs.
 */
export async function openProduction(config: Config, logger: Logger, ruleSets: RuleSetSource, fastHashing: boolean): Promise<OpenedCore> {
  const { MONGO_URL, REDIS_URL, ELASTICSEARCH_URL } = config;
  if (!MONGO_URL || !REDIS_URL || !ELASTICSEARCH_URL) throw new Error('production profile without engine URLs (loadConfig checks this)');
  // Before any engine is opened: a missing or unreadable key fails fast, naming the variable.
  const checkpointKey = loadCheckpointKey(config, logger, undefined);

  const redis = await readRedisServerInfo(REDIS_URL).catch((error: unknown) => {
    throw new Error(`REDIS_URL: Redis svarer ikke på ${redactRedisUrl(REDIS_URL)} (${(error as Error).message})`);
  });
  logger.info({ redis }, 'Redis');
  const mongo = await openMongoAdapters(MONGO_URL, { clock: systemClock }).catch((error: unknown) => {
    throw new Error(`MONGO_URL: MongoDB svarer ikke (${(error as Error).message})`);
  });
  logger.info({ mongo: mongo.server.description }, 'MongoDB');
  const queue = createBullMqJobQueue({
    redisUrl: REDIS_URL,
    prefix: config.MOTTAK_REDIS_PREFIX,
    visibilityTimeoutMs: config.MOTTAK_QUEUE_VISIBILITY_TIMEOUT_MS,
    maxAttempts: config.MOTTAK_QUEUE_MAX_ATTEMPTS,
    backoffBaseMs: config.MOTTAK_QUEUE_BACKOFF_MS,
    onError: (error) => logger.warn({ err: error }, 'jobbkøen feilet'),
  });
  const index = createElasticSearchIndex({
    node: ELASTICSEARCH_URL,
    indexAlias: config.ELASTICSEARCH_INDEX_ALIAS,
    analyzer: config.ELASTICSEARCH_ANALYZER,
    ...(config.ELASTICSEARCH_API_KEY ? { apiKey: config.ELASTICSEARCH_API_KEY } : {}),
  });
  // Search may come up after the API: a failure here is retried on first use, not fatal.
  await index.ensureIndex().then(
    (analyzer) => logger.info({ analyzer }, 'Elasticsearch'),
    (error: unknown) => logger.warn({ err: error }, 'søkeindeksen er ikke klar ennå'),
  );

  // The API runs apart from workers and indexers: their changes and P1 alerts reach its live streams through Redis.
  const events = createRedisReportEvents({
    redisUrl: REDIS_URL,
    prefix: config.MOTTAK_REDIS_PREFIX,
    onError: (error) => logger.warn({ err: error }, 'hendelser via Redis feilet'),
    onInvalidMessage: (reason, excerpt) => logger.warn({ reason, excerpt }, 'ugyldig hendelse fra Redis forkastet'),
  });
  const deps = {
    ...assembleCoreDeps(
      { store: mongo.store, queue, index, audit: mongo.audit, identity: mongo.identity, approvals: mongo.approvals, cases: mongo.cases, checkpointKey, assessmentStats: mongo.assessmentStats },
      config,
      ruleSets,
      fastHashing,
      events,
    ),
    quality: mongo.quality,
    reviews: mongo.reviews,
    savedSearches: mongo.savedSearches,
    // Attachments and original messages, chunked beside the reports on the same connection.
    attachments: await openMongoAttachmentStore(mongo.connection),
  };
  return {
    deps,
    readiness: () =>
      probeAll({
        store: () => mongo.ping(),
        queue: () => queue.counts(),
        index: () => index.assertReady(),
      }),
    async close() {
      await events.close();
      await queue.close();
      await index.close();
      await mongo.close();
    },
  };
}
