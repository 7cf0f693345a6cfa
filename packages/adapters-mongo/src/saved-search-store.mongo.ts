import { type SavedSearch, type SavedSearchOpened, type SavedSearchStore, savedSearchNameKey, type SearchFilters } from '@mottak/core';
import { DomainError } from '@mottak/domain';
import { type Connection, type Model, Schema } from 'mongoose';
import { isDuplicateKeyError } from './mongo-connection';
import { backoff } from './serial-queue';

interface SavedSearchDoc {
  _id: string;
  owner: string;
  name: string;
  nameKey: string;
  q: string;
  filters: SearchFilters;
  createdAt: string;
  seenAt: string;
  /** 0 … limit-1, unique per owner: how the limit holds without transactions (see create). */
  slot: number;
}

const OWNER_NAME_INDEX = 'owner_name_unique';
const OWNER_SLOT_INDEX = 'owner_slot_unique';
/** Attempts at taking a free slot while other processes keep taking the one chosen. */
const MAX_SLOT_ATTEMPTS = 50;

const savedSearchSchema = new Schema<SavedSearchDoc>(
  {
    _id: { type: String, required: true },
    owner: { type: String, required: true },
    name: { type: String, required: true },
    nameKey: { type: String, required: true },
    q: { type: String, required: true },
    filters: { type: Schema.Types.Mixed, required: true },
    createdAt: { type: String, required: true },
    seenAt: { type: String, required: true },
    slot: { type: Number, required: true, min: 0 },
  },
  { versionKey: false, minimize: false, strict: 'throw', id: false },
);
savedSearchSchema.index({ owner: 1, nameKey: 1 }, { name: OWNER_NAME_INDEX, unique: true });
savedSearchSchema.index({ owner: 1, slot: 1 }, { name: OWNER_SLOT_INDEX, unique: true });

function toSavedSearch(doc: SavedSearchDoc): SavedSearch {
  return { id: doc._id, owner: doc.owner, name: doc.name, q: doc.q, filters: doc.filters ?? {}, createdAt: doc.createdAt, seenAt: doc.seenAt };
}

/**
 * SavedSearchStore on MongoDB without transactions. The limit per owner holds across processes by
 * slots: each saved search takes a free slot number below the limit, and the unique (owner, slot)
 * index refuses a slot another creation took meanwhile, so there is no count-then-insert race.
 * Names are unique per owner by a unique (owner, name key) index.
 */
export class MongoSavedSearchStore implements SavedSearchStore {
  private readonly searches: Model<SavedSearchDoc>;

  constructor(
    private readonly connection: Connection,
    private readonly ownsConnection = false,
  ) {
    this.searches =
      (connection.models['saved_searches'] as Model<SavedSearchDoc> | undefined) ?? connection.model<SavedSearchDoc>('saved_searches', savedSearchSchema, 'saved_searches');
  }

  /** Creates the collection's indexes (idempotent). */
  async open(): Promise<this> {
    await this.searches.createIndexes();
    return this;
  }

  async create(search: SavedSearch, limits: { maxPerOwner: number }): Promise<SavedSearch> {
    const nameKey = savedSearchNameKey(search.name);
    const limitReached = () =>
      new DomainError('SAVED_SEARCH_LIMIT_REACHED', `Du kan ha høyst ${limits.maxPerOwner} lagrede søk; slett et du ikke bruker`, { limit: limits.maxPerOwner });
    for (let attempt = 0; attempt < MAX_SLOT_ATTEMPTS; attempt += 1) {
      const used = new Set((await this.searches.find({ owner: search.owner }, { slot: 1 }).lean<Array<Pick<SavedSearchDoc, 'slot'>>>()).map((d) => d.slot));
      if (used.size >= limits.maxPerOwner) throw limitReached();
      let slot = 0;
      while (used.has(slot)) slot += 1;
      if (slot >= limits.maxPerOwner) throw limitReached();
      try {
        await this.searches.create({ _id: search.id, owner: search.owner, name: search.name, nameKey, q: search.q, filters: search.filters, createdAt: search.createdAt, seenAt: search.seenAt, slot });
        return { ...search };
      } catch (error) {
        if (isDuplicateKeyError(error, OWNER_NAME_INDEX)) {
          throw new DomainError('SAVED_SEARCH_NAME_TAKEN', `Du har allerede et lagret søk som heter «${search.name}»`, { name: search.name });
        }
        if (!isDuplicateKeyError(error, OWNER_SLOT_INDEX)) throw error;
        await backoff(attempt);
      }
    }
    throw limitReached();
  }

  async get(owner: string, id: string): Promise<SavedSearch | undefined> {
    const doc = await this.searches.findOne({ _id: id, owner }).lean<SavedSearchDoc>();
    return doc ? toSavedSearch(doc) : undefined;
  }

  async list(owner: string): Promise<SavedSearch[]> {
    const docs = await this.searches.find({ owner }).sort({ nameKey: 1, _id: 1 }).lean<SavedSearchDoc[]>();
    return docs.map(toSavedSearch);
  }

  async markSeen(owner: string, id: string, at: string): Promise<SavedSearchOpened | undefined> {
    // Moves forward only: the filter matches only while the stored time is earlier.
    const before = await this.searches.findOneAndUpdate({ _id: id, owner, seenAt: { $lt: at } }, { $set: { seenAt: at } }, { new: false }).lean<SavedSearchDoc>();
    if (before) return { search: { ...toSavedSearch(before), seenAt: at }, previousSeenAt: before.seenAt };
    const unchanged = await this.searches.findOne({ _id: id, owner }).lean<SavedSearchDoc>();
    return unchanged ? { search: toSavedSearch(unchanged), previousSeenAt: unchanged.seenAt } : undefined;
  }

  async delete(owner: string, id: string): Promise<boolean> {
    const result = await this.searches.deleteOne({ _id: id, owner });
    return result.deletedCount > 0;
  }

  /** Closes the connection if this store opened it. */
  async close(): Promise<void> {
    if (this.ownsConnection) await this.connection.close();
  }
}

/** A saved-search store on an open connection, its indexes ensured. */
export async function openMongoSavedSearchStore(connection: Connection): Promise<MongoSavedSearchStore> {
  return new MongoSavedSearchStore(connection).open();
}
