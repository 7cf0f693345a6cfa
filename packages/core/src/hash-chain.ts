import { createHash } from 'node:crypto';
import type { ChainedEntry, ChainVerification } from '@mottak/domain';
import { GENESIS_HASH } from '@mottak/domain';

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 over the previous hash and the entry's canonical content (everything but the hashes). */
export function chainHash(prevHash: string, entry: Omit<ChainedEntry, 'hash' | 'prevHash'>): string {
  const content = canonicalJson({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    subjectId: entry.subjectId,
    details: entry.details,
  });
  return createHash('sha256').update(prevHash).update('\n').update(content).digest('hex');
}

/**
 * Verifies a chain given its entries in sequence order (streamed, so millions fit in memory).
 * Names the first entry whose hash, link or sequence number does not match.
 */
export function createChainVerifier() {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let failure: { firstBrokenSeq: number; reason: string } | undefined;
  return {
    /** Feeds the next entry; returns false once the chain is known to be broken. */
    next(entry: ChainedEntry): boolean {
      if (failure) return false;
      count += 1;
      if (entry.seq !== expectedSeq) {
        failure = { firstBrokenSeq: expectedSeq, reason: `entry ${expectedSeq} is missing (found ${entry.seq})` };
      } else if (entry.prevHash !== expectedPrev) {
        failure = { firstBrokenSeq: entry.seq, reason: `entry ${entry.seq} does not link to the previous entry` };
      } else if (chainHash(entry.prevHash, entry) !== entry.hash) {
        failure = { firstBrokenSeq: entry.seq, reason: `entry ${entry.seq} content does not match its hash` };
      }
      expectedPrev = entry.hash;
      expectedSeq = entry.seq + 1;
      return !failure;
    },
    result(): ChainVerification {
      return failure ? { ok: false, entries: count, ...failure } : { ok: true, entries: count };
    },
  };
}
