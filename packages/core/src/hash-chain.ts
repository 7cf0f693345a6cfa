import { hash } from 'node:crypto';
import type { ChainedEntry, ChainVerification } from '@mottak/domain';
import { GENESIS_HASH } from '@mottak/domain';
import type { StoredLogRow, VerifiedLeafPage } from './ports/audit-log.port';

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

/** An entry's canonical content: everything but its hashes. Hashed into the chain and, as is, a Merkle leaf. */
export function entryContent(entry: Omit<ChainedEntry, 'hash' | 'prevHash'>): string {
  return canonicalJson({
    seq: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    subjectId: entry.subjectId,
    details: entry.details,
  });
}

/**
 * The content of a stored row, built from the stored text without parsing it: equal to
 * entryContent of the parsed entry whenever the stored details are canonical JSON (as every
 * adapter that offers stored rows writes them). Keys in canonical order: action, actor, at,
 * details, seq, subjectId.
 */
export function storedRowContent(row: StoredLogRow): string {
  const subject = row.subjectId === null ? '' : `,"subjectId":${JSON.stringify(row.subjectId)}`;
  return `{"action":${JSON.stringify(row.action)},"actor":${JSON.stringify(row.actor)},"at":${JSON.stringify(row.at)},"details":${row.detailsJson},"seq":${row.seq}${subject}}`;
}

/**
 * The content of a stored row the slow way: parse the details and serialise canonically. For rows
 * written before details were stored canonically; details that are not JSON at all (only
 * tampering makes them so) become content no hash made by Mottak can match.
 */
export function storedRowCanonicalContent(row: StoredLogRow): string {
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(row.detailsJson) as Record<string, unknown>;
  } catch {
    details = { unparseableDetails: row.detailsJson };
  }
  return entryContent({ seq: row.seq, at: row.at, actor: row.actor, action: row.action, ...(row.subjectId !== null ? { subjectId: row.subjectId } : {}), details });
}

/** SHA-256 over the previous hash and the entry's canonical content (everything but the hashes). */
export function chainHash(prevHash: string, entry: Omit<ChainedEntry, 'hash' | 'prevHash'>): string {
  return chainHashOfContent(prevHash, entryContent(entry));
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

  /**
   * Feeds the next entry; returns false once the chain is known to be broken. `content` may
   * carry the entry's canonical content if the caller computed it already (the Merkle leaf data).
   */
  const next = (entry: Pick<ChainedEntry, 'seq' | 'prevHash' | 'hash'> & Partial<ChainedEntry>, content?: string): boolean => {
    if (failure) return false;
    count += 1;
    if (entry.seq !== expectedSeq) {
      failure = { firstBrokenSeq: expectedSeq, reason: `entry ${expectedSeq} is missing (found ${entry.seq})` };
    } else if (entry.prevHash !== expectedPrev) {
      failure = { firstBrokenSeq: entry.seq, reason: `entry ${entry.seq} does not link to the previous entry` };
    } else if ((content === undefined ? chainHash(entry.prevHash, entry as ChainedEntry) : chainHashOfContent(entry.prevHash, content)) !== entry.hash) {
      failure = { firstBrokenSeq: entry.seq, reason: `entry ${entry.seq} content does not match its hash` };
    }
    expectedPrev = entry.hash;
    expectedSeq = entry.seq + 1;
    return !failure;
  };

  /**
   * Feeds the next stored row and returns its canonical content (the Merkle leaf data). Hashes the
   * stored bytes as they are first; only when they do not match (rows written before details were
   * stored canonically, or tampered ones) is the row parsed and re-serialised — so an intact log
   * costs one SHA-256 per entry and no JSON parsing.
   */
  const nextStored = (row: StoredLogRow): string => {
    if (!failure && row.seq === expectedSeq && row.prevHash === expectedPrev) {
      const fast = storedRowContent(row);
      if (chainHashOfContent(row.prevHash, fast) === row.hash) {
        count += 1;
        expectedPrev = row.hash;
        expectedSeq = row.seq + 1;
        return fast;
      }
    }
    const canonical = storedRowCanonicalContent(row);
    // After a break `next` compares nothing more; the leaf data must still be the canonical content.
    next({ seq: row.seq, prevHash: row.prevHash, hash: row.hash }, canonical);
    return canonical;
  };

  /**
   * Accepts a page its adapter verified (every entry hashed and linked inside it) if it continues
   * the chain; false, changing nothing, if it does not or is not intact — the caller then reads
   * those rows one by one to find what is wrong.
   */
  const nextPage = (page: Pick<VerifiedLeafPage, 'firstSeq' | 'count' | 'firstPrevHash' | 'lastHash' | 'intact'>): boolean => {
    if (failure || !page.intact || page.firstSeq !== expectedSeq || page.firstPrevHash !== expectedPrev) return false;
    count += page.count;
    expectedSeq = page.firstSeq + page.count;
    expectedPrev = page.lastHash;
    return true;
  };

  return {
    next,
    nextStored,
    nextPage,
    /** The next sequence number the chain expects (the first entry not yet verified). */
    get expectedSeq() {
      return expectedSeq;
    },
    result(): ChainVerification {
      return failure ? { ok: false, entries: count, ...failure } : { ok: true, entries: count };
    },
  };
}
