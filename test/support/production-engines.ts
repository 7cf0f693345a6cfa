import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deleteKeysWithPrefix } from '@mottak/adapters-redis';

let testKeyFile: string | undefined;
/** A throwaway Ed25519 checkpoint key (the production profile requires MOTTAK_CHECKPOINT_KEY_FILE). */
export function testCheckpointKeyFile(): string {
  if (!testKeyFile) {
    testKeyFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'mottak-key-')), 'checkpoint-key.pem');
    writeFileSync(testKeyFile, generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), { mode: 0o600 });
  }
  return testKeyFile;
}

/** The production engines `npm test` provisions (see scripts/test.sh), from the environment. */
export const ENGINE_URLS = {
  mongo: process.env.MONGO_URL,
  redis: process.env.REDIS_URL,
  elasticsearch: process.env.ELASTICSEARCH_URL,
};
export const productionEnginesPresent = Boolean(ENGINE_URLS.mongo && ENGINE_URLS.redis && ENGINE_URLS.elasticsearch);

/**
 * `describe` when the engines are there or CI demands them (the suite then fails in beforeAll via
 * requireProductionEngines), otherwise `describe.skip` with the reason printed.
 */
export function describeWithProductionEngines(what: string): jest.Describe {
  if (productionEnginesPresent || process.env.CI === 'true') return describe;
  console.warn(`${what} skipped: MONGO_URL, REDIS_URL and ELASTICSEARCH_URL are not all set (npm test provisions them)`);
  return describe.skip;
}

/** Throws under CI=true when the engines were not provisioned: such a run must fail, not skip. */
export function requireProductionEngines(): void {
  if (!productionEnginesPresent) throw new Error('CI=true but the production engines are not provisioned (MONGO_URL, REDIS_URL, ELASTICSEARCH_URL)');
}

export interface IsolatedProduction {
  /** Config overrides for the production profile in a namespace of its own. */
  config: Record<string, string>;
  /** Removes the namespace's Redis keys and Elasticsearch indices (the Mongo test server is in memory). */
  cleanup(): Promise<void>;
}

/**
 * The production profile with its own Mongo database, Redis key prefix and Elasticsearch alias, so
 * test files running at the same time never see each other's data. Engines default to the shared
 * ones; a test may pass its own (a claimed Redis database, a private Elasticsearch node).
 */
export function isolatedProduction(tag: string, own: { redisUrl?: string; elasticsearchUrl?: string } = {}): IsolatedProduction {
  requireProductionEngines();
  const redisUrl = own.redisUrl ?? ENGINE_URLS.redis!;
  const elasticsearchUrl = own.elasticsearchUrl ?? ENGINE_URLS.elasticsearch!;
  const namespace = `mottak-${tag}`;
  const mongo = new URL(ENGINE_URLS.mongo!);
  mongo.pathname = `/${namespace}`;
  return {
    config: {
      MOTTAK_PROFILE: 'production',
      MONGO_URL: mongo.toString(),
      REDIS_URL: redisUrl,
      MOTTAK_REDIS_PREFIX: namespace,
      ELASTICSEARCH_URL: elasticsearchUrl,
      ELASTICSEARCH_INDEX_ALIAS: namespace,
      ELASTICSEARCH_ANALYZER: 'auto',
      MOTTAK_CHECKPOINT_KEY_FILE: testCheckpointKeyFile(),
    },
    async cleanup() {
      await deleteKeysWithPrefix(redisUrl, namespace);
      await deleteElasticIndices(elasticsearchUrl, `${namespace}-v*`).catch(() => undefined);
    },
  };
}

/** Deletes the indices matching `pattern` by name (Elasticsearch 8 refuses wildcard deletes). */
export async function deleteElasticIndices(node: string, pattern: string): Promise<string> {
  const listed = await fetch(`${node}/_cat/indices/${pattern}?h=index&format=json&expand_wildcards=all`);
  if (!listed.ok) return `listing ${pattern} answered ${listed.status}`;
  const names = ((await listed.json()) as Array<{ index: string }>).map((i) => i.index);
  if (names.length === 0) return `no indices ${pattern}`;
  const res = await fetch(`${node}/${names.join(',')}`, { method: 'DELETE' });
  return `DELETE ${names.join(',')} → ${res.status}`;
}
