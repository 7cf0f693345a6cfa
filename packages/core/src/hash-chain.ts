import { hash } from 'node:crypto';
import type { ChainedEntry, ChainVerification } from '@mottak/domain';
import { GENESIS_HASH } from '@mottak/domain';

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  // Plain loops and string building: this runs for every entry of a log being verified.
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i += 1) out += (i === 0 ? '' : ',') + canonicalJson(value[i]);
    return `${out}]`;
  }
  const object = value as Record<string, unknown>;
  // The default sort compares UTF-16 code units, the same order as `<` on strings.
  const keys = Object.keys(object).sort();
  let out = '{';
  let first = true;
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(v)}`;
    first = false;
  }
  return `${out}}`;
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
  return chainHashOfContent(prevHash, content);
}

/** The chain hash given the canonical content already serialised (see chainHash). */
export function chainHashOfContent(prevHash: string, content: string): string {
  return hash('sha256', `${prevHash}\n${content}`, 'hex');
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
    /**
     * Feeds the next entry; returns false once the chain is known to be broken. `content` may
     * carry the entry's canonical content if the caller computed it already (the Merkle leaf data).
     */
    next(entry: ChainedEntry, content?: string): boolean {
      if (failure) return false;
      count += 1;
      if (entry.seq !== expectedSeq) {
        failure = { firstBrokenSeq: expectedSeq, reason: `entry ${expectedSeq} is missing (found ${entry.seq})` };
      } else if (entry.prevHash !== expectedPrev) {
        failure = { firstBrokenSeq: entry.seq, reason: `entry ${entry.seq} does not link to the previous entry` };
      } else if ((content === undefined ? chainHash(entry.prevHash, entry) : chainHashOfContent(entry.prevHash, content)) !== entry.hash) {
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
