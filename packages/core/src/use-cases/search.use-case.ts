import { identifiersInQuery } from '@mottak/assessment';
import { DomainError, type User } from '@mottak/domain';
import { defineAbilityFor, reportAccessCondition } from '@mottak/policies';
import type { CoreDeps } from '../deps';
import { actorName } from '../principal';
import type { SearchHit } from '../ports';

export interface SearchRequest {
  q: string;
  limit: number;
  offset: number;
}

export interface SearchResult {
  total: number;
  hits: SearchHit[];
  /** Identifiers recognised in the query (normalised), so the user sees what was searched for. */
  identifiers: string[];
}

/**
 * Full-text and identifier search over registered reports, with the user's access rules inside the
 * index query (hits, total and snippets alike). Every search is audited with the ids shown.
 */
export async function searchReports(deps: CoreDeps, user: User, request: SearchRequest): Promise<SearchResult> {
  const { identifiers, remainingText } = identifiersInQuery(request.q);
  const access = reportAccessCondition(defineAbilityFor(user));
  let result: { total: number; hits: SearchHit[] };
  try {
    result =
      access.kind === 'none'
        ? { total: 0, hits: [] }
        : await deps.index.search({ text: remainingText, identifiers, access, limit: request.limit, offset: request.offset });
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
      offset: request.offset,
      total: result.total,
      ids: result.hits.map((h) => h.id),
    },
  });
  return { ...result, identifiers };
}
