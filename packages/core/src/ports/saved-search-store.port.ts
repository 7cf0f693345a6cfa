import type { SearchFilters } from './search-index.port';

/**
 * A search a user saved to come back to: the query text and facet filters as they searched, a name,
 * and when they last opened it. Matches registered after `seenAt` are its new matches, counted on
 * demand under the owner's rights at that moment (never stored: rights change, reports are disposed).
 */
export interface SavedSearch {
  id: string;
  /** Username of the only user who may see, open or delete it. */
  owner: string;
  name: string;
  q: string;
  filters: SearchFilters;
  createdAt: string;
  /** When the owner last opened it (at first, when it was saved). Only ever moves forward. */
  seenAt: string;
}

/** The outcome of opening a saved search: it as it is now, and when it had been seen before. */
export interface SavedSearchOpened {
  search: SavedSearch;
  previousSeenAt: string;
}

/**
 * Users' saved searches. Every call is scoped to an owner: another owner's id answers exactly like a
 * missing one, so one user can neither read nor learn of another's searches.
 */
export interface SavedSearchStore {
  /**
   * Stores `search` unless its owner already has `maxPerOwner` saved searches
   * (SAVED_SEARCH_LIMIT_REACHED, details.limit) or one with the same name, compared without regard to
   * case (SAVED_SEARCH_NAME_TAKEN). Both checks hold under concurrent creations, also across processes.
   */
  create(search: SavedSearch, limits: { maxPerOwner: number }): Promise<SavedSearch>;
  /** The owner's saved search with this id; undefined for a missing id or someone else's. */
  get(owner: string, id: string): Promise<SavedSearch | undefined>;
  /** The owner's saved searches, by name (then id). */
  list(owner: string): Promise<SavedSearch[]>;
  /**
   * Moves `seenAt` forward to `at` (never back: of two openings racing, the later time stays) and
   * answers the search with the `seenAt` it had before; undefined for a missing id or someone else's.
   */
  markSeen(owner: string, id: string, at: string): Promise<SavedSearchOpened | undefined>;
  /** Deletes the owner's saved search; false if there was none with this id for this owner. */
  delete(owner: string, id: string): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * What two names of saved searches must differ in to be different: letters case-insensitively
 * (Norwegian rules), composed and decomposed æøå alike, white space runs as one. Every adapter
 * compares names by this key.
 */
export function savedSearchNameKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('nb');
}
