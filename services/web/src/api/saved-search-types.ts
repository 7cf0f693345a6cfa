// Shapes of the saved-search and handover routes (services/api/src/routes/saved-searches.routes.ts,
// handover.routes.ts) as the browser sees them.
import type { FacetField } from './types';

export type { HandoverNote } from '@mottak/domain';

/** One of the user's saved searches, with its new matches counted under their rights now. */
export interface SavedSearch {
  id: string;
  name: string;
  q: string;
  filters: Partial<Record<FacetField, string[]>>;
  createdAt: string;
  /** When the user last opened it; matches registered after this are new. */
  seenAt: string;
  /** Null when it cannot be counted for the user now (see `unavailable`). */
  newCount: number | null;
  unavailable?: 'PERSONAL_DATA_NEED_REQUIRED';
}

/** What POST /api/v1/saved-searches/{id}/open answers. */
export interface OpenedSavedSearch {
  search: SavedSearch;
  previousSeenAt: string;
}

/** The `saved-search` event: the user's own new-match counts changed. */
export interface SavedSearchCounts {
  newTotal: number;
  searches: Array<{ id: string; newCount: number | null; unavailable?: string }>;
}

/** One open report in the «Overlevering» view (its shape is defined with the domain's handover notes). */
export type { HandoverItem } from '@mottak/domain';
