import { hash, verify } from '@node-rs/argon2';

/** Algorithm id 2 is argon2id in @node-rs/argon2 (const enum not exported under isolatedModules). */
const ARGON2ID = 2;

/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 iterations, 1 lane). Fast mode (for tests
 * and demo seeding only) lowers the cost so suites with many users stay quick.
 */
export function createArgon2idHasher(options: { fast?: boolean } = {}) {
  const cost = options.fast
    ? { memoryCost: 1024, timeCost: 1, parallelism: 1 }
    : { memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 };
  return {
    hash: (password: string) => hash(password, { algorithm: ARGON2ID, ...cost }),
    async verify(stored: string, password: string): Promise<boolean> {
      try {
        return await verify(stored, password);
      } catch {
        return false;
      }
    },
  };
}
