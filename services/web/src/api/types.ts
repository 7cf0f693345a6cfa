// The API's shapes as the browser sees them. Domain types are imported as types only (erased from
// the bundle); shapes the API defines itself (search hits, jobs, chain verification) are written
// here to match services/api/src/routes/*.ts.
import type { ChainedEntry, Gradering, InformationCredibility, Priority, Report as StoredReport, ReviewSample, SeenBefore, SourceReliability, User } from '@mottak/domain';

export type { Channel, ChainedEntry, Entity, EntityOverlap, EntityType, FiredRule, Gradering, InformationCredibility, NearDuplicate, Priority, ReportStatus, Role, SourceReliability, User } from '@mottak/domain';

/**
 * How the first assessment of a report still `mottatt` is going (services/api reports.routes.ts):
 * a failure is retried, then left as a dead letter for a supervisor to replay.
 */
export interface AssessmentProgress {
  state: 'waiting' | 'running' | 'retrying' | 'failed' | 'missing';
  attempts: number;
  maxAttempts: number;
  lastError?: string;
}

/** A report as the API shows it to one user: personal data may be masked for them. */
export type Report = StoredReport & { personalDataMasked?: true; assessmentProgress?: AssessmentProgress };

/**
 * GET /api/v1/reports/{id}: the report with what was seen before it. Optional here because other
 * answers (registration, a status change) return the plain report into the same cache entry.
 */
export type OpenedReport = Report & Partial<SeenBefore>;

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
  sourceGrading?: { reliability: SourceReliability; credibility: InformationCredibility };
  note?: string;
  expectedVersion?: number;
}

/** GET /api/v1/reports/{id}/source-grading: the Admiralty suggestion, over what this user may read. */
export interface SourceSuggestion {
  reportId: string;
  sources: Array<{ kind: 'partner' | 'e-post' | 'telefon'; label: string }>;
  suggestion: {
    reliability: SourceReliability;
    reason: string;
    known: boolean;
    history: { earlier: number; graded: number; confirmed: number };
  };
  grading?: { reliability: SourceReliability; credibility: InformationCredibility; gradedAt: string; gradedBy: string };
}

/** GET /api/v1/rule-set and POST /api/v1/rule-set/reload */
export interface RuleSetStatus {
  version: string;
  file: string;
  loadedAt: string;
  sha256: string;
  ruleCount: number;
  defaults: { priority: string; category: string };
}

/** GET /api/v1/quality/rule-overrides */
export interface RuleOverrideReport {
  from: string;
  to: string;
  ruleSetVersion: string;
  registered: number;
  overriddenReports: number;
  rules: Array<{
    ruleId: string;
    description?: string;
    inCurrentRuleSet: boolean;
    fired: number;
    overridden: number;
    priorityOverridden: number;
    categoryOverridden: number;
    overrideRate: number;
  }>;
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

// Data quality and four-eyes review (services/api/src/routes/quality.routes.ts and review.routes.ts).
export type { ReviewItem, ReviewSample, ReviewStratification, ReviewVerdictKind } from '@mottak/domain';

export const DQ_DIMENSIONS = ['completeness', 'validity', 'consistency', 'timeliness', 'uniqueness'] as const;
export type DqDimension = (typeof DQ_DIMENSIONS)[number];
export const DQ_SEVERITIES = ['blocking', 'warning'] as const;
export type DqSeverity = (typeof DQ_SEVERITIES)[number];

export interface DqRuleScore {
  ruleId: string;
  dimension: DqDimension;
  severity: DqSeverity;
  applicable: number;
  passed: number;
  failed: number;
  /** Share of applicable reports passing, 0–100. */
  score: number;
}

/** One category, coordinator or ISO week (`2026-W10`): mean report score, findings by severity. */
export interface DqGroupScore {
  key: string;
  reports: number;
  score: number;
  blockingFindings: number;
  warningFindings: number;
}

/** POST /api/v1/quality/runs and GET /api/v1/quality/summary (the latest run). */
export interface DqRun {
  id: string;
  startedAt: string;
  finishedAt: string;
  startedBy: string;
  catalogueVersion: string;
  summary: { reports: number; score: number; byRule: DqRuleScore[]; byCategory: DqGroupScore[]; byCoordinator: DqGroupScore[]; byWeek: DqGroupScore[] };
}

/** GET /api/v1/quality/findings */
export interface DqFindingPage {
  total: number;
  items: Array<{ reportId: string; journalNumber?: string; ruleId: string; dimension: DqDimension; severity: DqSeverity; message: string; evaluatedAt: string }>;
}

export const SLA_BREACH_STAGES = ['vurdering', 'registrering'] as const;
export type SlaBreachStage = (typeof SLA_BREACH_STAGES)[number];

/** GET /api/v1/quality/sla-breaches */
export interface SlaBreachList {
  asOf: string;
  from: string;
  to: string;
  total: number;
  items: Array<{
    reportId: string;
    journalNumber?: string;
    ruleId: string;
    priority: Priority;
    /** Not assessed yet: the clock runs as for P1. */
    priorityAssumed: boolean;
    stage: SlaBreachStage;
    receivedAt: string;
    deadline: string;
    /** Absent while the step is still not done. */
    doneAt?: string;
    minutesLate: number;
  }>;
}

/** GET /api/v1/quality/review-samples: a sample without its items, with progress. */
export type ReviewSampleSummary = Omit<ReviewSample, 'items'> & { items: number; decided: number; deviations: number };
