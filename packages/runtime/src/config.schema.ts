import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * Every setting Mottak reads from the environment, with defaults and a description. The README's
 * configuration table is generated from this schema (and a test keeps them in step).
 */
export const configSchema = z.object({
  MOTTAK_PROFILE: z
    .enum(['embedded', 'production'])
    .default('embedded')
    .describe('Engines to use. `embedded`: SQLite store, queue and FTS5 index in one data directory; `production`: MongoDB, Redis/BullMQ and Elasticsearch'),
  PORT: int(0, 65535).default(8080).describe('HTTP port of the API'),
  HOST: z.string().min(1).default('127.0.0.1').describe('Interface the API listens on'),
  MOTTAK_DATA_DIR: z.string().min(1).default('.data').describe('Directory of the embedded databases (created if missing)'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info').describe('pino log level'),
  MOTTAK_BODY_LIMIT_BYTES: int(1024, 50 * 1024 * 1024).default(1024 * 1024).describe('Largest accepted request body; larger answers 413'),
  MOTTAK_ATTACHMENT_LIMIT_BYTES: int(1024, 1024 * 1024 * 1024).default(25 * 1024 * 1024).describe('Largest accepted attachment or imported e-mail message (.eml), in bytes; larger answers 413. Requests carrying attachments may be this much larger than MOTTAK_BODY_LIMIT_BYTES'),
  MOTTAK_RULES_FILE: z.string().min(1).optional().describe('Assessment rule set (YAML/JSON); the shipped default when unset'),
  MOTTAK_RULES_WATCH: bool.default(true).describe('Follow the rule-set file in the API, worker and all-in-one processes: a changed, valid file is put in force without a restart; an invalid one is logged (file, line, reason) and the running rule set stays'),
  MOTTAK_RETENTION_RULES_FILE: z.string().min(1).optional().describe('Retention and disposal rules per category (YAML/JSON); the shipped default (packages/core/rules/retention.yaml) when unset'),
  MOTTAK_RETENTION_SCAN_INTERVAL_MS: int(0, 7 * 86_400_000).default(86_400_000).describe('How often the worker lists what is due for review or disposal (and once at start) and records the counts in the audit log (0: off)'),
  MOTTAK_SESSION_TTL_MINUTES: int(1, 7 * 24 * 60).default(480).describe('Lifetime of a login session'),
  MOTTAK_TIP_RATE_LIMIT_PER_MINUTE: int(1, 100_000).default(10).describe('Public tip-form submissions per client IP per minute'),
  MOTTAK_LOGIN_RATE_LIMIT_PER_MINUTE: int(1, 100_000).default(10).describe('Login attempts per client IP per minute'),
  MOTTAK_TRUST_PROXY: bool.default(false).describe('Trust X-Forwarded-For (only behind a reverse proxy) for per-client limits'),
  MOTTAK_WORKER_CONCURRENCY: int(1, 64).default(16).describe('Assessment jobs processed at once per worker (more lets the embedded store commit them in larger groups)'),
  MOTTAK_QUEUE_VISIBILITY_TIMEOUT_MS: int(100, 3_600_000).default(30_000).describe('A job not finished in this time is delivered again'),
  MOTTAK_QUEUE_MAX_ATTEMPTS: int(1, 100).default(5).describe('Attempts before a job is dead-lettered'),
  MOTTAK_QUEUE_BACKOFF_MS: int(1, 3_600_000).default(500).describe('Base of the exponential retry backoff'),
  MOTTAK_RECONCILE_INTERVAL_MS: int(100, 3_600_000).default(10_000).describe('How often the reconciler looks for received reports without a job'),
  MOTTAK_RECONCILE_AFTER_MS: int(0, 86_400_000).default(30_000).describe('Age after which a still-received report is re-enqueued'),
  MOTTAK_INDEXER_BATCH: int(1, 10_000).default(500).describe('Outbox entries indexed per batch'),
  MOTTAK_INDEXER_POLL_MS: int(1, 60_000).default(50).describe('Indexer poll interval when the outbox is empty'),
  MOTTAK_DEMO_SEED: bool.default(false).describe('Create demo users and load demo reports at start (the README start command sets it)'),
  MONGO_URL: z.string().regex(/^mongodb(\+srv)?:\/\//, 'må være en mongodb://-URL').optional().describe('Production: MongoDB connection string (the store, journal, audit log and users)'),
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'må være en redis://-URL').optional().describe('Production: Redis for the BullMQ job queue and the live events between processes (pub/sub)'),
  MOTTAK_REDIS_PREFIX: z.string().min(1).max(50).default('mottak').describe('Production: prefix of every Redis key and of the event channel (`<prefix>:report-events`)'),
  ELASTICSEARCH_URL: z.url().optional().describe('Production: Elasticsearch 8 node URL'),
  ELASTICSEARCH_INDEX_ALIAS: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/).default('mottak-reports').describe('Production: alias the search index is served under'),
  ELASTICSEARCH_ANALYZER: z.enum(['norwegian', 'standard', 'auto']).default('norwegian').describe('Production: text analyzer (`standard` where the server lacks analysis-common; `auto` picks)'),
  ELASTICSEARCH_API_KEY: z.string().min(1).optional().describe('Production: Elasticsearch API key (secret; never logged)'),
  MOTTAK_CHECKPOINT_KEY_FILE: z
    .string()
    .min(1)
    .optional()
    .describe('Ed25519 private key (PKCS#8 PEM) that signs the Merkle checkpoints of the journal and audit log. Embedded: created once as `checkpoint-key.pem` in the data directory when unset; production: required'),
  MOTTAK_CHECKPOINT_INTERVAL_MS: int(0, 86_400_000).default(600_000).describe('How often the worker signs checkpoints of logs that grew (0: only on demand)'),
  MOTTAK_SHUTDOWN_GRACE_MS: int(0, 600_000).default(10_000).describe('Time in-flight work gets to finish on SIGTERM before it is returned to the queue'),
});

export type Config = z.infer<typeof configSchema>;
