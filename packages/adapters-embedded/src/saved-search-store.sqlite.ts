import { type SavedSearch, type SavedSearchOpened, type SavedSearchStore, savedSearchNameKey, type SearchFilters } from '@mottak/core';
import { DomainError } from '@mottak/domain';
import { isSqliteConstraintError, migrate, openSqliteDatabase, type SqliteDatabase } from './sqlite-database';

const SAVED_SEARCH_MIGRATIONS: ReadonlyArray<{ name: string; statements: string[] }> = [
  {
    name: 'saved-search-store/001-initial',
    statements: [
      `CREATE TABLE saved_searches (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        q TEXT NOT NULL,
        filters TEXT NOT NULL,
        created_at TEXT NOT NULL,
        seen_at TEXT NOT NULL,
        UNIQUE (owner, name_key)
      )`,
    ],
  },
];

interface SavedSearchRow {
  id: string;
  owner: string;
  name: string;
  q: string;
  filters: string;
  created_at: string;
  seen_at: string;
}

function toSavedSearch(row: SavedSearchRow): SavedSearch {
  return { id: row.id, owner: row.owner, name: row.name, q: row.q, filters: JSON.parse(row.filters) as SearchFilters, createdAt: row.created_at, seenAt: row.seen_at };
}

/**
 * SavedSearchStore on SQLite. The limit per owner is checked and the row inserted in one
 * `BEGIN IMMEDIATE` transaction (writers queue on the file's lock, also across processes), and a
 * unique (owner, name key) index refuses a second search of the same name.
 */
export class SqliteSavedSearchStore implements SavedSearchStore {
  private readonly db: SqliteDatabase;
  private readonly ownsDatabase: boolean;
  private readonly countOwned;
  private readonly insert;
  private readonly selectOne;
  private readonly selectOwned;
  private readonly updateSeen;
  private readonly deleteOne;

  /** Takes an open database (not closed by `close`) or a file path. */
  constructor(database: SqliteDatabase | string) {
    this.ownsDatabase = typeof database === 'string';
    this.db = typeof database === 'string' ? openSqliteDatabase(database) : database;
    for (const migration of SAVED_SEARCH_MIGRATIONS) migrate(this.db, migration.name, migration.statements);
    this.countOwned = this.db.prepare<[string], number>('SELECT COUNT(*) FROM saved_searches WHERE owner = ?').pluck();
    this.insert = this.db.prepare<[Record<string, string>]>(
      `INSERT INTO saved_searches (id, owner, name, name_key, q, filters, created_at, seen_at)
       VALUES (@id, @owner, @name, @nameKey, @q, @filters, @createdAt, @seenAt)`,
    );
    this.selectOne = this.db.prepare<[string, string], SavedSearchRow>('SELECT * FROM saved_searches WHERE owner = ? AND id = ?');
    // The unique (owner, name_key) index serves this order too.
    this.selectOwned = this.db.prepare<[string], SavedSearchRow>('SELECT * FROM saved_searches WHERE owner = ? ORDER BY name_key, id');
    this.updateSeen = this.db.prepare<[string, string, string]>('UPDATE saved_searches SET seen_at = ? WHERE owner = ? AND id = ?');
    this.deleteOne = this.db.prepare<[string, string]>('DELETE FROM saved_searches WHERE owner = ? AND id = ?');
  }

  async create(search: SavedSearch, limits: { maxPerOwner: number }): Promise<SavedSearch> {
    return this.db
      .transaction((): SavedSearch => {
        if ((this.countOwned.get(search.owner) ?? 0) >= limits.maxPerOwner) {
          throw new DomainError('SAVED_SEARCH_LIMIT_REACHED', `Du kan ha høyst ${limits.maxPerOwner} lagrede søk; slett et du ikke bruker`, { limit: limits.maxPerOwner });
        }
        try {
          this.insert.run({
            id: search.id,
            owner: search.owner,
            name: search.name,
            nameKey: savedSearchNameKey(search.name),
            q: search.q,
            filters: JSON.stringify(search.filters),
            createdAt: search.createdAt,
            seenAt: search.seenAt,
          });
        } catch (error) {
          if (isSqliteConstraintError(error, 'SQLITE_CONSTRAINT_UNIQUE', 'saved_searches.name_key')) {
            throw new DomainError('SAVED_SEARCH_NAME_TAKEN', `Du har allerede et lagret søk som heter «${search.name}»`, { name: search.name });
          }
          throw error;
        }
        return { ...search };
      })
      .immediate();
  }

  async get(owner: string, id: string): Promise<SavedSearch | undefined> {
    const row = this.selectOne.get(owner, id);
    return row ? toSavedSearch(row) : undefined;
  }

  async list(owner: string): Promise<SavedSearch[]> {
    return this.selectOwned.all(owner).map(toSavedSearch);
  }

  async markSeen(owner: string, id: string, at: string): Promise<SavedSearchOpened | undefined> {
    return this.db
      .transaction((): SavedSearchOpened | undefined => {
        const row = this.selectOne.get(owner, id);
        if (!row) return undefined;
        const before = toSavedSearch(row);
        const seenAt = at > before.seenAt ? at : before.seenAt;
        if (seenAt !== before.seenAt) this.updateSeen.run(seenAt, owner, id);
        return { search: { ...before, seenAt }, previousSeenAt: before.seenAt };
      })
      .immediate();
  }

  async delete(owner: string, id: string): Promise<boolean> {
    return this.deleteOne.run(owner, id).changes > 0;
  }

  /** Closes the database if this store opened it. */
  async close(): Promise<void> {
    if (this.ownsDatabase && this.db.open) this.db.close();
  }
}

/** Opens (or creates) a SQLite file and returns a saved-search store that owns it. */
export function createSqliteSavedSearchStore(filePath: string): SqliteSavedSearchStore {
  return new SqliteSavedSearchStore(filePath);
}
