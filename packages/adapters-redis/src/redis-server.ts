import { Redis } from 'ioredis';

export interface RedisServerInfo {
  /** `redis` or, for a wire-compatible fork that says so in INFO, e.g. `valkey`. */
  engine: string;
  version: string;
}

/** The URL with any password masked, for logs and test output. */
export function redactRedisUrl(redisUrl: string): string {
  try {
    const url = new URL(redisUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(ugyldig Redis-URL)';
  }
}

/** Reads the engine and version from INFO server, for start-up logs and test output; rejects naming the URL if none answers. */
export async function readRedisServerInfo(redisUrl: string): Promise<RedisServerInfo> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
  let connectionError: Error | undefined;
  redis.on('error', (error: Error) => (connectionError ??= error));
  try {
    await redis.connect().catch((error: unknown) => {
      const cause = connectionError?.message ?? (error instanceof Error ? error.message : String(error));
      throw new Error(`Redis på ${redactRedisUrl(redisUrl)} svarer ikke: ${cause}`);
    });
    const info = await redis.info('server');
    const field = (name: string) => new RegExp(`^${name}:(.*)$`, 'm').exec(info)?.[1]?.trim();
    const valkey = field('valkey_version');
    return valkey ? { engine: 'valkey', version: valkey } : { engine: 'redis', version: field('redis_version') ?? 'unknown' };
  } finally {
    redis.disconnect();
  }
}

/**
 * Deletes every key under `<prefix>:` with SCAN + UNLINK (never KEYS, which blocks the server).
 * Tests and operators use it to remove one queue namespace without touching others on the server.
 */
export async function deleteKeysWithPrefix(redisUrl: string, prefix: string): Promise<number> {
  if (!prefix || /[*?[\]\\]/.test(prefix)) throw new Error(`Refusing to delete keys for prefix ${JSON.stringify(prefix)}`);
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, lazyConnect: true, retryStrategy: () => null });
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  } finally {
    redis.disconnect();
  }
}
