import { identifiersInQuery } from '@mottak/assessment';
import { DomainError, type User } from '@mottak/domain';
import { snippetFromText } from '../access/masked-snippet';
import { maskPersonalData, personalIdentifierTypesIn } from '../access/personal-data-mask';
import { type ReadAccess, readAccessFor } from '../access/read-access';
import type { CoreDeps } from '../deps';
import { osloDayWindow } from './daily-journal.use-case';
import { actorName } from '../principal';
import { emptyFacets, type SearchFacets, type SearchFilters, type SearchHit, type SearchIndexResult } from '../ports';

export interface SearchRequest {
  q: string;
  /** Facet filters: any value within a field, every field. */
  filters?: SearchFilters;
  /** The period filter: registered from this Norwegian date to that one, both days included (YYYY-MM-DD). */
  period?: { from?: string; to?: string };
  limit: number;
  offset: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  /** Counts per facet value over the same query, filters and access as the hits. */
  facets: SearchFacets;
  /** Identifiers recognised in the query (normalised), so the user sees what was searched for. */
  identifiers: string[];
}

/**
 * Full-text and identifier search over registered reports, with the user's access rules inside the
 * index query (hits, total, facets and snippets alike). Every search is audited with its filters and the ids shown.
 */
export async function searchReports(deps: CoreDeps, user: User, request: SearchRequest): Promise<SearchResult> {
  const { identifiers, remainingText } = identifiersInQuery(request.q);
  const readAccess = await readAccessFor(deps, user);
  const { access } = readAccess;
  if (readAccess.masked) await refusePersonalIdentifierSearch(deps, user, request.q);
  const filters = request.filters ?? {};
  let result: SearchIndexResult;
  try {
    result =
      access.kind === 'none'
        ? { total: 0, hits: [] }
        : await deps.index.search({ text: remainingText, identifiers, access, filters, ...periodWindow(request.period), facets: true, limit: request.limit, offset: request.offset });
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw new DomainError('SEARCH_UNAVAILABLE', 'Søket er ikke tilgjengelig akkurat nå; prøv igjen');
  }
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'search',
    details: {
      q: request.q,
      identifiers,
      filters,
      ...(request.period ? { period: request.period } : {}),
      offset: request.offset,
      total: result.total,
      ids: result.hits.map((h) => h.id),
      ...(readAccess.masked ? { masked: true } : {}),
    },
  });
  if (readAccess.masked) result = { ...result, hits: await Promise.all(result.hits.map((hit) => maskedHit(deps, readAccess, hit, remainingText))) };
  return { total: result.total, hits: result.hits, facets: result.facets ?? emptyFacets(), identifiers };
}

/**
 * Searching by a person's identifier is processing that person's data: without the
 * personopplysninger need it is refused (and the attempt audited), rather than answered with
 * masked hits that would still tell which reports mention the person.
 */
export async function refusePersonalIdentifierSearch(deps: CoreDeps, user: User, q: string): Promise<void> {
  const types = personalIdentifierTypesIn(q);
  if (types.length === 0) return;
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'search.refused',
    details: { reason: 'personal_identifier_without_need', types },
  });
  throw new DomainError('PERSONAL_DATA_NEED_REQUIRED', 'Søk på personidentifikatorer krever tjenstlig behov for personopplysninger', { types });
}

/** A hit rebuilt from the masked report text: the engine's snippet and title come from unmasked text. */
async function maskedHit(deps: CoreDeps, readAccess: ReadAccess, hit: SearchHit, queryText: string): Promise<SearchHit> {
  const report = await deps.store.get(hit.id, readAccess.access);
  if (!report) return { ...hit, title: maskPersonalData(hit.title), snippet: '' };
  return { ...hit, title: maskPersonalData(report.title), snippet: snippetFromText(maskPersonalData(report.body), queryText) };
}

/** A period of Norwegian dates as the index's instants: from the first day's start to the day after the last. */
function periodWindow(period: SearchRequest['period']): { registeredFrom?: string; registeredBefore?: string } {
  return {
    ...(period?.from ? { registeredFrom: osloDayWindow(period.from).from } : {}),
    ...(period?.to ? { registeredBefore: osloDayWindow(period.to).to } : {}),
  };
}
