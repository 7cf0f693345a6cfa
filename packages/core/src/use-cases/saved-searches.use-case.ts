import { identifiersInQuery } from '@mottak/assessment';
import { DomainError, type User } from '@mottak/domain';
import { defineAbilityFor } from '@mottak/policies';
import { personalIdentifierTypesIn } from '../access/personal-data-mask';
import { type ReadAccess, readAccessFor } from '../access/read-access';
import type { CoreDeps } from '../deps';
import type { SavedSearch, SavedSearchStore, SearchFilters } from '../ports';
import { actorName } from '../principal';
import { refusePersonalIdentifierSearch } from './search.use-case';

/** Saved searches one user may keep: enough for a working set, few enough to recount on every change. */
export const MAX_SAVED_SEARCHES_PER_USER = 50;
/** Saved searches counted at once (the index answers each count as a query of its own). */
const COUNT_CONCURRENCY = 5;

export interface SavedSearchInput {
  name: string;
  q: string;
  filters: SearchFilters;
}

/** Why a saved search cannot be counted for its owner now (their rights changed since they saved it). */
export type SavedSearchUnavailable = 'PERSONAL_DATA_NEED_REQUIRED';

/** The new matches of one saved search, as its owner may count them now. */
export interface SavedSearchCount {
  id: string;
  /** Reports registered since the owner last opened it that they may see now; null when it cannot be counted. */
  newCount: number | null;
  unavailable?: SavedSearchUnavailable;
}

/** A saved search as its owner sees it: with its new matches counted under their rights now. */
export type SavedSearchView = Omit<SavedSearch, 'owner'> & Omit<SavedSearchCount, 'id'>;

function savedSearchStore(deps: CoreDeps): SavedSearchStore {
  if (!deps.savedSearches) throw new DomainError('SEARCH_UNAVAILABLE', 'Lagrede søk er ikke tilgjengelige i denne profilen');
  return deps.savedSearches;
}

/** Only users who read reports search, so only they save searches. */
function assertSearcher(user: User): void {
  if (!defineAbilityFor(user).can('read', 'Report')) throw new DomainError('FORBIDDEN', 'Bare brukere som leser rapporter kan lagre søk');
}

function view(search: SavedSearch, count: Omit<SavedSearchCount, 'id'>): SavedSearchView {
  const { owner: _owner, ...rest } = search;
  return { ...rest, ...count };
}

/**
 * Saves a search for the user. The same rule as searching applies: a user who sees personal data
 * masked may not save a search by a personal identifier (refused and audited as the search would be).
 * Audited with the query, as searches are.
 */
export async function createSavedSearch(deps: CoreDeps, user: User, input: SavedSearchInput): Promise<SavedSearchView> {
  const store = savedSearchStore(deps);
  assertSearcher(user);
  const readAccess = await readAccessFor(deps, user);
  if (readAccess.masked) await refusePersonalIdentifierSearch(deps, user, input.q);
  const now = deps.clock.now().toISOString();
  const created = await store.create(
    { id: deps.ids.newId(), owner: user.username, name: input.name, q: input.q, filters: input.filters, createdAt: now, seenAt: now },
    { maxPerOwner: MAX_SAVED_SEARCHES_PER_USER },
  );
  await deps.audit.append({
    at: now,
    actor: actorName({ kind: 'user', user }),
    action: 'saved-search.create',
    details: { id: created.id, name: created.name, q: created.q, filters: created.filters, ...(readAccess.masked ? { masked: true } : {}) },
  });
  return view(created, { newCount: 0 });
}

/**
 * The user's saved searches with their new matches counted now, under the user's rights now (a
 * report they may not see is never counted). Audited with the counts (no report ids are shown).
 */
export async function listSavedSearches(deps: CoreDeps, user: User): Promise<SavedSearchView[]> {
  const store = savedSearchStore(deps);
  assertSearcher(user);
  const searches = await store.list(user.username);
  const counts = await countWith(deps, await readAccessFor(deps, user), searches);
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'saved-search.list',
    details: { counts: counts.map(({ id, newCount }) => ({ id, newCount })) },
  });
  return searches.map((search, i) => view(search, withoutId(counts[i] ?? { id: search.id, newCount: null })));
}

/**
 * Counts the new matches of every saved search of the user, under their rights now; not audited
 * by itself (the caller audits what it shows: see listSavedSearches and auditSavedSearchAlert).
 * Empty for a user without saved searches or where none are wired.
 */
export async function countNewMatches(deps: CoreDeps, user: User): Promise<SavedSearchCount[]> {
  if (!deps.savedSearches || !defineAbilityFor(user).can('read', 'Report')) return [];
  const searches = await deps.savedSearches.list(user.username);
  if (searches.length === 0) return [];
  return countWith(deps, await readAccessFor(deps, user), searches);
}

/** Records that the user was told of new counts without asking (a live alert on their event stream). */
export async function auditSavedSearchAlert(deps: CoreDeps, user: User, counts: SavedSearchCount[]): Promise<void> {
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'saved-search.alert',
    details: { counts: counts.map(({ id, newCount }) => ({ id, newCount })) },
  });
}

/**
 * Opens a saved search: marks it seen now and answers it with when it was seen before (so the
 * caller can point out what is new). Someone else's id is NOT_FOUND, like a missing one; the
 * attempt is audited either way. The search itself is then run (and audited) as any search.
 */
export async function openSavedSearch(deps: CoreDeps, user: User, id: string): Promise<{ search: SavedSearchView; previousSeenAt: string }> {
  const store = savedSearchStore(deps);
  assertSearcher(user);
  const readAccess = await readAccessFor(deps, user);
  const existing = await store.get(user.username, id);
  // Rights may have changed since it was saved: the same rule as searching, before it is marked seen.
  if (existing && readAccess.masked) await refusePersonalIdentifierSearch(deps, user, existing.q);
  const now = deps.clock.now().toISOString();
  const opened = existing ? await store.markSeen(user.username, id, now) : undefined;
  await deps.audit.append({
    at: now,
    actor: actorName({ kind: 'user', user }),
    action: 'saved-search.open',
    details: { id, outcome: opened ? 'shown' : 'not_found', ...(opened ? { name: opened.search.name, q: opened.search.q, previousSeenAt: opened.previousSeenAt } : {}) },
  });
  if (!opened) throw new DomainError('NOT_FOUND', 'Det lagrede søket finnes ikke');
  return { search: view(opened.search, { newCount: 0 }), previousSeenAt: opened.previousSeenAt };
}

/** Deletes one of the user's saved searches; someone else's id is NOT_FOUND. Audited. */
export async function deleteSavedSearch(deps: CoreDeps, user: User, id: string): Promise<void> {
  const store = savedSearchStore(deps);
  assertSearcher(user);
  const deleted = await store.delete(user.username, id);
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'saved-search.delete',
    details: { id, outcome: deleted ? 'deleted' : 'not_found' },
  });
  if (!deleted) throw new DomainError('NOT_FOUND', 'Det lagrede søket finnes ikke');
}

function withoutId(count: SavedSearchCount): Omit<SavedSearchCount, 'id'> {
  const { id: _id, ...rest } = count;
  return rest;
}

async function countWith(deps: CoreDeps, readAccess: ReadAccess, searches: SavedSearch[]): Promise<SavedSearchCount[]> {
  const counts: SavedSearchCount[] = [];
  for (let i = 0; i < searches.length; i += COUNT_CONCURRENCY) {
    counts.push(...(await Promise.all(searches.slice(i, i + COUNT_CONCURRENCY).map((search) => countOne(deps, readAccess, search)))));
  }
  return counts;
}

/**
 * The same query the search use case would run (access compiled into it, filters and identifiers
 * alike), narrowed to reports registered after the search was last seen, counting only.
 */
async function countOne(deps: CoreDeps, readAccess: ReadAccess, search: SavedSearch): Promise<SavedSearchCount> {
  // A search by a person's identifier is refused to a masked reader: its count would say as much as its hits.
  if (readAccess.masked && personalIdentifierTypesIn(search.q).length > 0) return { id: search.id, newCount: null, unavailable: 'PERSONAL_DATA_NEED_REQUIRED' };
  if (readAccess.access.kind === 'none') return { id: search.id, newCount: 0 };
  const { identifiers, remainingText } = identifiersInQuery(search.q);
  try {
    const result = await deps.index.search({
      text: remainingText,
      identifiers,
      access: readAccess.access,
      filters: search.filters,
      registeredAfter: search.seenAt,
      limit: 0,
      offset: 0,
    });
    return { id: search.id, newCount: result.total };
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('SEARCH_UNAVAILABLE', 'Søket er ikke tilgjengelig akkurat nå; prøv igjen');
  }
}
