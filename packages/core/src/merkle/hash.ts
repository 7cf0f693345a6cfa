import { hash } from 'node:crypto';
import type { ChainedEntry } from '@mottak/domain';
import { entryContent } from '../hash-chain';

/** SHA-256 of nothing: RFC 6962's hash of the empty tree. */
export const EMPTY_ROOT = hash('sha256', Buffer.alloc(0), 'buffer');

const LEAF_PREFIX = Buffer.from([0x00]);
const NODE_PREFIX = Buffer.from([0x01]);

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ data). The prefix keeps a leaf from posing as an inner node. */
export function leafHash(data: Buffer | string): Buffer {
  // A string is hashed as UTF-8, and U+0000 encodes as the single byte 0x00: the same bytes as the
  // Buffer branch, without copying the data twice (this runs once per entry of a verified log).
  if (typeof data === 'string') return hash('sha256', `\u0000${data}`, 'buffer');
  return hash('sha256', Buffer.concat([LEAF_PREFIX, data]), 'buffer');
}

/** One buffer for every node hash's input (0x01 ‖ left ‖ right): hashing is synchronous, so reuse is safe. */
const NODE_INPUT = Buffer.alloc(65, NODE_PREFIX);

/** RFC 6962 node hash: SHA-256(0x01 ‖ left ‖ right). Without an allocation: it runs once per leaf of a verified log. */
export function nodeHash(left: Buffer, right: Buffer): Buffer {
  if (left.length !== 32 || right.length !== 32) return hash('sha256', Buffer.concat([NODE_PREFIX, left, right]), 'buffer');
  left.copy(NODE_INPUT, 1, 0, 32);
  right.copy(NODE_INPUT, 33, 0, 32);
  return hash('sha256', NODE_INPUT, 'buffer');
}

/** The bytes a log entry contributes as a Merkle leaf: the canonical JSON of its content (not its chain hashes). */
export const entryLeafData = entryContent;

/** The Merkle leaf hash of a log entry. */
export function entryLeafHash(entry: Omit<ChainedEntry, 'hash' | 'prevHash'>): Buffer {
  return leafHash(entryLeafData(entry));
}

/** Lower-case hex of a hash. */
export function toHex(bytes: Buffer): string {
  return bytes.toString('hex');
}

/** A 32-byte hash from hex; undefined if `text` is not exactly 64 hex digits. */
export function fromHex(text: string): Buffer | undefined {
  return /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, 'hex') : undefined;
}
