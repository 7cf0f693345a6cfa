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

export interface SearchQuery {
  /** Free-text words; treated as text, never as query syntax. */
  text: string;
  /** Normalised identifiers that must all be present. */
  identifiers: string[];
  access: AccessCondition;
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

/** Full-text and identifier search; access is applied inside the query, counts included. */
export interface SearchIndex {
  upsert(documents: SearchDocument[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  search(query: SearchQuery): Promise<{ total: number; hits: SearchHit[] }>;
  /**
   * Builds a fresh index from `documents` and swaps it in atomically, where the engine can
   * (Elasticsearch: a new versioned index behind the alias). Without it, a rebuild upserts in place.
   */
  rebuild?(documents: AsyncIterable<SearchDocument>): Promise<number>;
  close(): Promise<void>;
}
