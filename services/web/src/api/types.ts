// The API's shapes as the browser sees them. Domain types are imported as types only (erased from
// the bundle); shapes the API defines itself (search hits, jobs, chain verification) are written
// here to match services/api/src/routes/*.ts.
import type { ChainedEntry, Gradering, Priority, Report as StoredReport, User } from '@mottak/domain';

export type { Channel, ChainedEntry, Entity, EntityType, FiredRule, Gradering, Priority, ReportStatus, Role, User } from '@mottak/domain';

/** A report as the API shows it to one user: personal data may be masked for them. */
export type Report = StoredReport & { personalDataMasked?: true };

/** POST /api/v1/auth/login */
export interface LoginResponse {
  token: string;
  expiresAt: string;
  user: User;
}

/** GET /api/v1/reports */
export interface ReportPage {
  total: number;
  items: Report[];
}

/** POST /api/v1/reports */
export interface Receipt {
  id: string;
  status: Report['status'];
  receivedAt: string;
  statusUrl: string;
}

/** POST /api/v1/reports/{id}/registration */
export interface RegistrationRequest {
  priority?: Priority;
  category?: string;
  gradering: Gradering;
  compartments?: string[];
  skjerming?: { hjemmel: string };
  note?: string;
  expectedVersion?: number;
}

/** GET /api/v1/search */
export interface SearchHit {
  id: string;
  journalNumber: string;
  title: string;
  /** HTML-escaped text with matches in <mark>; checked before it is rendered as HTML. */
  snippet: string;
  category: string;
  priority: Priority;
  gradering: Gradering;
  registeredAt: string;
}

export const FACET_FIELDS = ['category', 'priority', 'gradering', 'channel', 'entityType', 'status'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

export interface FacetBucket {
  value: string;
  count: number;
}

/** Hits per value under the same query, filters and rights; most first. */
export type SearchFacets = Record<FacetField, FacetBucket[]>;

export interface SearchResult {
  total: number;
  identifiers: string[];
  facets: SearchFacets;
  hits: SearchHit[];
}

export const JOB_STATES = ['waiting', 'delayed', 'active', 'completed', 'dead'] as const;
export type JobState = (typeof JOB_STATES)[number];

/** GET /api/v1/jobs */
export interface Job {
  id: string;
  name: string;
  payload: Record<string, unknown>;
  attempt: number;
  state: JobState;
  maxAttempts: number;
  lastError?: string;
  createdAt: string;
  updatedAt: string;
}

export type JobCounts = Partial<Record<JobState, number>>;

export interface ChainVerification {
  ok: boolean;
  entries: number;
  firstBrokenSeq?: number;
  reason?: string;
}

/** POST /api/v1/journal/verify */
export interface VerifyResult {
  journal: ChainVerification;
  audit: ChainVerification;
}

export type LogEntry = ChainedEntry;

/** POST /api/v1/users */
export interface NewUserRequest {
  username: string;
  displayName: string;
  password: string;
  roles: User['roles'];
  klarering: Gradering;
  unit: string;
  compartments: string[];
}
