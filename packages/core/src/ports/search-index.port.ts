import type { AccessCondition } from '@mottak/policies';
import type { EntityType, Gradering, Priority, ReportStatus } from '@mottak/domain';

/** What the index holds for one registered report, including the fields access rules look at. */
export interface SearchDocument {
  id: string;
  journalNumber: string;
  title: string;
  body: string;
  channel: string;
  category: string;
  priority: Priority;
  gradering: Gradering;
  compartments: string[];
  status: ReportStatus;
  registeredAt: string;
  /** Normalised identifier values (E.164 phones, 11-digit fødselsnummer, lower-case e-mail…). */
  identifiers: string[];
  entityTypes: EntityType[];
}

/** Fields a search can be narrowed by and counted on (facets). `entityType` is multi-valued. */
export const FACET_FIELDS = ['category', 'priority', 'gradering', 'channel', 'entityType', 'status'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

/**
 * Per field, the values a hit must have one of: OR within a field, AND across fields; a report
 * matches `entityType` when any of its entity types is listed. A missing or empty list narrows nothing.
 */
export type SearchFilters = Partial<Record<FacetField, string[]>>;

/** One facet value and how many hits (under the same query, access and filters) have it. */
export interface FacetBucket {
  value: string;
  count: number;
}

/** Buckets per field, most hits first, equal counts by value; only values with hits, at most MAX_FACET_BUCKETS. */
export type SearchFacets = Record<FacetField, FacetBucket[]>;

/** More buckets than this per field are not returned (free-form categories could be many). */
export const MAX_FACET_BUCKETS = 50;

/** Facets with no buckets: what a search that finds nothing answers. */
export function emptyFacets(): SearchFacets {
  return { category: [], priority: [], gradering: [], channel: [], entityType: [], status: [] };
}

/** Orders buckets as SearchFacets promises (count desc, then value by code point) and caps them. */
export function orderFacetBuckets(buckets: FacetBucket[]): FacetBucket[] {
  return buckets
    .filter((bucket) => bucket.count > 0)
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, MAX_FACET_BUCKETS);
}

export interface SearchQuery {
  /** Free-text words; treated as text, never as query syntax. */
  text: string;
  /** Normalised identifiers that must all be present. */
  identifiers: string[];
  access: AccessCondition;
  /** Narrows hits, total and facets alike. */
  filters?: SearchFilters;
  /** Only reports registered after this ISO instant (exclusive): the new matches of a saved search. */
  registeredAfter?: string;
  /** The period filter: reports registered at or after this ISO instant … */
  registeredFrom?: string;
  /** … and before this one (exclusive). Hits, total and facets alike. */
  registeredBefore?: string;
  /** Count facets too, in the same access-filtered query as the hits. */
  facets?: boolean;
  limit: number;
  offset: number;
}

export interface SearchHit {
  id: string;
  journalNumber: string;
  title: string;
  /** Plain text with matches wrapped in `<mark>…</mark>`; everything else HTML-escaped. */
  snippet: string;
  category: string;
  priority: Priority;
  gradering: Gradering;
  registeredAt: string;
}

export interface SearchIndexResult {
  total: number;
  hits: SearchHit[];
  /** Present when the query asked for facets. */
  facets?: SearchFacets;
}

/** Full-text and identifier search; access is applied inside the query, counts and facets included. */
export interface SearchIndex {
  upsert(documents: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchIndexResult>;
  /**
   * Builds a fresh index from `documents` and swaps it in atomically, where the engine can
   * (Elasticsearch: a new versioned index behind the alias). Without it, a rebuild upserts in place.
   */
  rebuild?(documents: AsyncIterable<SearchDocument>): Promise<number>;
  close(): Promise<void>;
}
