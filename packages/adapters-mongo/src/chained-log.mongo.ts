import { type ChainFilter, chainHash, createChainVerifier, SHOWN_REPORT_ID_FIELDS } from '@mottak/core';
import { type ChainedEntry, type ChainedEntryInput, type ChainVerification, GENESIS_HASH } from '@mottak/domain';
import { type Connection, type Model, Schema } from 'mongoose';
import { isDuplicateKeyError } from './mongo-connection';
import { backoff, SerialQueue } from './serial-queue';

/** Collections holding a hash chain. */
export type ChainedCollection = 'journal_entries' | 'audit_entries';

/** One stored entry; `_id` is the sequence number, so the unique _id index forbids two entries with one seq. */
interface ChainedDoc {
  _id: number;
  at: string;
  actor: string;
  action: string;
  subjectId?: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
  /** Report journal only: which pending draft this entry came from, so a draft is never appended twice. */
  draftKey?: string;
}

/** The newest entry's seq and hash, per chain: the high-water mark appenders compare-and-set. */
interface ChainHeadDoc {
  _id: ChainedCollection;
  seq: number;
  hash: string;
}

const HASH = /^[0-9a-f]{64}$/;
const MAX_APPEND_ATTEMPTS = 1000;
export const DRAFT_KEY_INDEX = 'draftKey_unique';

const chainedEntrySchema = new Schema<ChainedDoc>(
  {
    _id: { type: Number, required: true, min: 1, validate: Number.isInteger },
    at: { type: String, required: true },
    actor: { type: String, required: true },
    action: { type: String, required: true },
    subjectId: { type: String },
    details: { type: Schema.Types.Mixed, required: true },
    prevHash: { type: String, required: true, match: HASH },
    hash: { type: String, required: true, match: HASH },
    draftKey: { type: String },
  },
  { versionKey: false, minimize: false, strict: 'throw', id: false },
);

const chainHeadSchema = new Schema<ChainHeadDoc>(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true, min: 0 },
    hash: { type: String, required: true, match: HASH },
  },
  { versionKey: false, strict: 'throw', id: false },
);

/** Index definitions per chain: auditors filter by actor and action, the journal by report. */
const CHAIN_INDEXES: Record<ChainedCollection, Array<[Record<string, 1>, { name: string; unique?: boolean; sparse?: boolean }]>> = {
  journal_entries: [
    [{ subjectId: 1, _id: 1 }, { name: 'subjectId_seq' }],
    [{ draftKey: 1 }, { name: DRAFT_KEY_INDEX, unique: true, sparse: true }],
  ],
  audit_entries: [
    [{ actor: 1, _id: 1 }, { name: 'actor_seq' }],
    [{ subjectId: 1, _id: 1 }, { name: 'subjectId_seq' }],
    [{ action: 1, _id: 1 }, { name: 'action_seq' }],
    // ChainFilter.mentions: the report ids an entry lists as shown (multikey indexes).
    ...SHOWN_REPORT_ID_FIELDS.map((field): [Record<string, 1>, { name: string }] => [{ [`details.${field}`]: 1, _id: 1 }, { name: `shown_${field}_seq` }]),
  ],
};

/** The model of `name` on `connection` (models are per connection, and per database with useDb). */
function modelOn<T>(connection: Connection, name: string, schema: Schema<T>): Model<T> {
  return (connection.models[name] as Model<T> | undefined) ?? connection.model<T>(name, schema, name);
}

/**
 * A hash-chained, append-only log in one collection (the report journal or the audit log).
 *
 * No multi-document transaction is needed: an entry's seq is its _id, so inserting seq N+1 is
 * itself the compare-and-set against the chain head. Two appenders that read the same head both
 * try N+1 and the unique _id lets one win; the other re-reads and links to the winner, so the chain
 * never forks, across any number of processes. The head document (seq and hash of the newest
 * entry) lets verify notice entries removed from the end, and appenders move a lagging head
 * forward themselves, so a process that dies between the insert and the head update blocks no one.
 */
export class MongoChainedLog {
  private readonly entries: Model<ChainedDoc>;
  private readonly heads: Model<ChainHeadDoc>;
  /** Appends from this process queue up instead of competing for the same seq. */
  private readonly serial = new SerialQueue();
  /** The entry this process appended last: the likely head for its next append (saves a read). */
  private lastHead: { seq: number; hash: string } | undefined;

  constructor(
    connection: Connection,
    private readonly name: ChainedCollection,
  ) {
    const schema = chainedEntrySchema.clone();
    for (const [fields, options] of CHAIN_INDEXES[name]) schema.index(fields, options);
    this.entries = modelOn(connection, name, schema);
    this.heads = modelOn(connection, 'chain_heads', chainHeadSchema);
  }

  /** Creates the collections and indexes if missing (idempotent). */
  async ensureIndexes(): Promise<void> {
    await this.entries.createIndexes();
    await this.heads.createCollection().catch(ignoreExistingCollection);
  }

  /**
   * Appends one entry linked to the newest one. With `draftKey`, appending the same draft again
   * returns the entry already made from it (the report journal's roll-forward relies on this).
   */
  append(input: ChainedEntryInput, draftKey?: string): Promise<ChainedEntry> {
    return this.serial.run(() => this.appendNow(input, draftKey));
  }

  private async appendNow(input: ChainedEntryInput, draftKey: string | undefined): Promise<ChainedEntry> {
    // Hash exactly what a reader will get back: the JSON round trip drops undefined, turns Dates
    // into strings and so on, and the hash must survive it.
    const details = JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>;
    for (let attempt = 0; attempt < MAX_APPEND_ATTEMPTS; attempt += 1) {
      // The head this process last wrote is usually still the head; if not, the insert says so.
      const head = this.lastHead ?? (await this.readHead());
      const content = {
        seq: head.seq + 1,
        at: input.at,
        actor: input.actor,
        action: input.action,
        ...(input.subjectId !== undefined ? { subjectId: input.subjectId } : {}),
        details,
      };
      const entry: ChainedEntry = { ...content, prevHash: head.hash, hash: chainHash(head.hash, content) };
      try {
        await this.entries.create({ ...toDoc(entry), ...(draftKey !== undefined ? { draftKey } : {}) });
      } catch (error) {
        this.lastHead = undefined;
        if (isDuplicateKeyError(error, '_id_')) {
          // Someone else appended seq N+1: move the head to the newest entry, then try again.
          await this.catchUpHead(head);
          await backoff(attempt);
          continue;
        }
        if (draftKey !== undefined && isDuplicateKeyError(error, DRAFT_KEY_INDEX)) {
          // This draft is in the journal already (appended by another writer or an earlier try).
          const existing = await this.entries.findOne({ draftKey }).lean<ChainedDoc>();
          if (existing) return toEntry(existing);
          continue;
        }
        throw error;
      }
      await this.advanceHead(head.seq, entry.seq, entry.hash);
      this.lastHead = { seq: entry.seq, hash: entry.hash };
      return entry;
    }
    throw new Error(`${this.name}: gave up appending after ${MAX_APPEND_ATTEMPTS} attempts`);
  }

  /** Entries matching every given filter, in sequence order. */
  async list(filter: ChainFilter): Promise<ChainedEntry[]> {
    const query: Record<string, unknown> = {};
    if (filter.actor !== undefined) query['actor'] = filter.actor;
    if (filter.subjectId !== undefined) query['subjectId'] = filter.subjectId;
    if (filter.action !== undefined) query['action'] = filter.action;
    if (filter.mentions !== undefined) {
      query['$or'] = [
        { subjectId: filter.mentions },
        ...(this.name === 'audit_entries' ? SHOWN_REPORT_ID_FIELDS.map((field) => ({ [`details.${field}`]: filter.mentions })) : []),
      ];
    }
    // Timestamps are stored as toISOString() text, so string order is time order.
    if (filter.from !== undefined || filter.to !== undefined) {
      query['at'] = { ...(filter.from !== undefined ? { $gte: filter.from } : {}), ...(filter.to !== undefined ? { $lt: filter.to } : {}) };
    }
    if (filter.afterSeq !== undefined) query['_id'] = { $gt: filter.afterSeq };
    let cursor = this.entries.find(query).sort({ _id: filter.order === 'desc' ? -1 : 1 });
    if (filter.limit !== undefined) cursor = cursor.limit(filter.limit);
    const docs = await cursor.lean<ChainedDoc[]>();
    return docs.map(toEntry);
  }

  /** Recomputes the chain entry by entry (streamed), then checks nothing is missing after the last one. */
  async verify(): Promise<ChainVerification> {
    const head = await this.readHead();
    const verifier = createChainVerifier();
    const cursor = this.entries.find().sort({ _id: 1 }).lean<ChainedDoc>().cursor();
    try {
      for await (const doc of cursor) {
        if (!verifier.next(toEntry(doc as ChainedDoc))) break;
      }
    } finally {
      await cursor.close();
    }
    const result = verifier.result();
    // An intact run 1..n ends at seq n; the head remembers the highest seq ever appended.
    if (result.ok && head.seq > result.entries) {
      const missing = result.entries + 1;
      return {
        ok: false,
        entries: result.entries,
        firstBrokenSeq: missing,
        reason: `entries ${missing}–${head.seq} are missing (the chain head is at ${head.seq})`,
      };
    }
    return result;
  }

  private async readHead(): Promise<{ seq: number; hash: string }> {
    const head = await this.heads.findById(this.name).lean<ChainHeadDoc>();
    return head ? { seq: head.seq, hash: head.hash } : { seq: 0, hash: GENESIS_HASH };
  }

  /** Compare-and-set of the head from `fromSeq`; losing means someone else already moved it on. */
  private async advanceHead(fromSeq: number, toSeq: number, hash: string): Promise<void> {
    try {
      await this.heads.updateOne({ _id: this.name, seq: fromSeq }, { $set: { seq: toSeq, hash } }, { upsert: fromSeq === 0 });
    } catch (error) {
      // Two first appends racing to create the head: the other one created it.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Moves a head that lags behind the newest entry (its appender died or is slow) up to it. */
  private async catchUpHead(stale: { seq: number }): Promise<void> {
    const newest = await this.entries.findOne({}, { _id: 1, hash: 1 }).sort({ _id: -1 }).lean<Pick<ChainedDoc, '_id' | 'hash'>>();
    if (newest && newest._id > stale.seq) await this.advanceHead(stale.seq, newest._id, newest.hash);
  }
}

function toDoc(entry: ChainedEntry): ChainedDoc {
  return {
    _id: entry.seq,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    ...(entry.subjectId !== undefined ? { subjectId: entry.subjectId } : {}),
    details: entry.details,
    prevHash: entry.prevHash,
    hash: entry.hash,
  };
}

function toEntry(doc: ChainedDoc): ChainedEntry {
  return {
    seq: doc._id,
    at: doc.at,
    actor: doc.actor,
    action: doc.action,
    ...(doc.subjectId !== undefined && doc.subjectId !== null ? { subjectId: doc.subjectId } : {}),
    details: doc.details,
    prevHash: doc.prevHash,
    hash: doc.hash,
  };
}

/** createCollection on an existing collection fails with NamespaceExists (48) on real MongoDB. */
export function ignoreExistingCollection(error: unknown): void {
  if ((error as { code?: unknown }).code === 48) return;
  throw error;
}
