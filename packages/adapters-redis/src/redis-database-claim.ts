import { Redis } from 'ioredis';

/** Marks this process's claims, so a release never frees another run's claim. */
const CLAIM_OWNER = `pid-${process.pid}-${Date.now().toString(36)}`;

/**
 * Claims an empty logical database for a test that runs FLUSHDB, so the flush cannot touch keys of
 * other tests (which use database 0 or their own claim). The claim lives in database 0 with an
 * expiry, so a crashed run frees it by itself. Test support (also used by the cross-service
 * process tests in test/), not used by the product.
 */
export async function claimEmptyDatabase(redisUrl: string, options: { claimMs?: number } = {}): Promise<{ url: string; release(): Promise<void> }> {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const databases = Number(((await redis.config('GET', 'databases')) as string[])[1] ?? '16');
    for (let db = databases - 1; db >= 1; db--) {
      const claimKey = `mottak-test:flushdb-claim:${db}`;
      if ((await redis.set(claimKey, CLAIM_OWNER, 'PX', options.claimMs ?? 120_000, 'NX')) !== 'OK') continue;
      const probe = redis.duplicate({ db });
      const size = await probe.dbsize();
      probe.disconnect();
      if (size > 0) {
        await redis.del(claimKey);
        continue;
      }
      const url = new URL(redisUrl);
      url.pathname = `/${db}`;
      return {
        url: url.toString(),
        async release() {
          const owner = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
          try {
            if ((await owner.get(claimKey)) === CLAIM_OWNER) await owner.del(claimKey);
          } finally {
            owner.disconnect();
          }
        },
      };
    }
    throw new Error('Fant ingen tom Redis-database å kjøre FLUSHDB i');
  } finally {
    redis.disconnect();
  }
}
