import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { connectMongo } from '@mottak/adapters-mongo';
import { deleteKeysWithPrefix } from '@mottak/adapters-redis';
import { out, REPO_ROOT } from './bench-kit';
import { deleteElasticIndices } from '../support/production-engines';
import { testCheckpointKeyFile } from '../support/production-engines';

/** Said in the output and the JSON of every production run: the figures are not MongoDB's. */
export const MONGO_CAVEAT =
  'MongoDB here is mongo-java-server (an in-memory, wire-compatible test server from scripts/provision-mongo.sh), not MongoDB: ' +
  'no durability, its own query engine; store figures are not MongoDB figures';

/** The engines of one production-profile run, each in a namespace of its own (cleaned up by `cleanup`). */
export interface ProductionEngines {
  redisUrl: string;
  /** Server URL without a database. */
  mongoServerUrl: string;
  elasticsearchUrl: string;
  /** Unique per run: `bench<tag>`. */
  tag: string;
  /** The product's config overrides (MOTTAK_PROFILE=production and the engine namespaces). */
  overrides: Record<string, string>;
  /** A further namespace on the same engines (for a baseline): Mongo URL with its own database, Redis prefix, ES alias. */
  namespace(suffix: string): { mongoUrl: string; redisPrefix: string; indexAlias: string };
  /** What to put into the JSON's details. */
  describe(): Record<string, unknown>;
  /** Deletes the Redis keys and Elasticsearch indices of every namespace handed out. */
  cleanup(): Promise<void>;
}

/** The URL a provision script prints on its last stdout line (its log goes to stderr). */
function provision(script: string): string {
  const stdout = execFileSync('bash', [path.join(REPO_ROOT, 'scripts', script)], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], timeout: 180_000 });
  const url = stdout.trim().split('\n').pop()?.trim();
  if (!url) throw new Error(`${script} printed no URL`);
  return url;
}

async function dropDatabase(mongoUrl: string): Promise<void> {
  const connection = await connectMongo(mongoUrl, { serverSelectionTimeoutMS: 5_000, maxPoolSize: 1 });
  try {
    await connection.db?.dropDatabase();
  } finally {
    await connection.close();
  }
}

/** REDIS_URL / MONGO_URL / ELASTICSEARCH_URL when set, otherwise the provision scripts (idempotent; they reuse a running engine). */
export function locateProductionEngines(): ProductionEngines {
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const mongoServerUrl = (process.env.MONGO_URL ?? provision('provision-mongo.sh')).replace(/\/+$/, '');
  const elasticsearchUrl = (process.env.ELASTICSEARCH_URL ?? provision('provision-elasticsearch.sh')).replace(/\/+$/, '');
  const tag = `bench${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  const namespaces: Array<{ mongoUrl: string; redisPrefix: string; indexAlias: string }> = [];
  const namespace = (suffix: string) => {
    const name = suffix ? `${tag}-${suffix}` : tag;
    // A database in the URL path; a URL with query options keeps them after the path.
    const u = new URL(mongoServerUrl);
    u.pathname = `/${name.replace(/-/g, '_')}`;
    const ns = { mongoUrl: u.toString(), redisPrefix: name, indexAlias: name };
    namespaces.push(ns);
    return ns;
  };
  const main = namespace('');
  const overrides = {
    MOTTAK_PROFILE: 'production',
    REDIS_URL: redisUrl,
    MONGO_URL: main.mongoUrl,
    ELASTICSEARCH_URL: elasticsearchUrl,
    MOTTAK_REDIS_PREFIX: main.redisPrefix,
    ELASTICSEARCH_INDEX_ALIAS: main.indexAlias,
    ELASTICSEARCH_ANALYZER: 'auto',
    MOTTAK_CHECKPOINT_KEY_FILE: testCheckpointKeyFile(),
  };
  out(`production engines: Redis ${redisUrl}, Elasticsearch ${elasticsearchUrl}, Mongo ${mongoServerUrl}; namespace ${tag}`);
  out(`  note: ${MONGO_CAVEAT}`);
  return {
    redisUrl,
    mongoServerUrl,
    elasticsearchUrl,
    tag,
    overrides,
    namespace,
    describe: () => ({ redisUrl, mongoServerUrl, elasticsearchUrl, namespace: tag, mongo: MONGO_CAVEAT }),
    async cleanup() {
      for (const ns of namespaces) {
        const keys = await deleteKeysWithPrefix(redisUrl, ns.redisPrefix).catch((error: unknown) => {
          process.stderr.write(`  cleanup: Redis keys ${ns.redisPrefix}:* not deleted (${(error as Error).message})\n`);
          return 0;
        });
        const es = await deleteElasticIndices(elasticsearchUrl, `${ns.indexAlias}-v*`).catch((error: unknown) => `failed (${(error as Error).message})`);
        // mongo-java-server keeps every database in memory until it stops: drop ours.
        const mongo = await dropDatabase(ns.mongoUrl).then(
          () => 'dropped',
          (error: unknown) => `not dropped (${(error as Error).message})`,
        );
        // stderr: the BENCH lines stay the last lines of stdout.
        process.stderr.write(`  cleanup ${ns.redisPrefix}: ${keys} Redis keys deleted; Elasticsearch ${es}; Mongo database ${mongo}\n`);
      }
    },
  };
}
