import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { api } from '../api/client';
import { subscribeReportEvents } from '../api/event-stream';
import type { SavedSearch } from '../api/saved-search-types';

export const SAVED_SEARCHES_KEY = ['saved-searches'] as const;

/** New matches over all saved searches (those that cannot be counted add nothing). */
export function newMatchTotal(searches: readonly SavedSearch[] | undefined): number {
  return (searches ?? []).reduce((sum, search) => sum + (search.newCount ?? 0), 0);
}

/**
 * The user's saved searches with their new matches, kept current without polling: the server
 * recounts them under the user's rights when the search index changes and sends a `saved-search`
 * event only when the user's own counts changed (at most once a second however much was indexed);
 * those counts are merged here. A (re)connected stream may have missed some, so the list is read again then.
 */
export function useSavedSearches(enabled: boolean) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: SAVED_SEARCHES_KEY,
    queryFn: ({ signal }) => api<{ items: SavedSearch[] }>('/api/v1/saved-searches', { signal }).then((page) => page.items),
    enabled,
    staleTime: 60_000,
  });

  useEffect(() => {
    if (!enabled) return undefined;
    return subscribeReportEvents({
      // A refetch under way is joined, not restarted (the first open comes right after the first read).
      onOpen: () => void queryClient.refetchQueries({ queryKey: SAVED_SEARCHES_KEY }, { cancelRefetch: false }),
      onChange: () => undefined,
      onSavedSearches: (counts) => {
        const known = queryClient.getQueryData<SavedSearch[]>(SAVED_SEARCHES_KEY);
        // A search this tab does not know yet (saved in another tab): read the list instead.
        if (!known || counts.searches.some((count) => !known.some((search) => search.id === count.id))) {
          void queryClient.invalidateQueries({ queryKey: SAVED_SEARCHES_KEY });
          return;
        }
        const byId = new Map(counts.searches.map((count) => [count.id, count]));
        queryClient.setQueryData<SavedSearch[]>(SAVED_SEARCHES_KEY, (searches) =>
          searches?.map((search) => {
            const count = byId.get(search.id);
            if (!count) return search;
            const { unavailable: _old, ...rest } = search;
            return { ...rest, newCount: count.newCount, ...(count.unavailable === 'PERSONAL_DATA_NEED_REQUIRED' ? { unavailable: count.unavailable } : {}) };
          }),
        );
      },
    });
  }, [enabled, queryClient]);

  return query;
}
