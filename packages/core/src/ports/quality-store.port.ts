import type { Report, ReportStatus } from '@mottak/domain';
import type { AccessCondition } from '@mottak/policies';
import type { DqDimension, DqEvaluation, DqFinding, DqSeverity, DqSummary } from '@mottak/quality';

// Adapters see the quality engine's types only through this port.
export type { DqDimension, DqEvaluation, DqFinding, DqSeverity, DqSummary };
export { DQ_DIMENSIONS, DQ_SEVERITIES } from '@mottak/quality';

/** One batch run of the data-quality rules. */
export interface DqRun {
  id: string;
  startedAt: string;
  finishedAt: string;
  startedBy: string;
  catalogueVersion: string;
  summary: DqSummary;
}

/** A report's latest evaluation as stored: score, findings and the keys supervisors group by. */
export interface StoredDqResult {
  reportId: string;
  runId: string;
  evaluatedAt: string;
  score: number;
  findings: DqFinding[];
}

/** Filters for the findings list; all optional. */
export interface DqFindingQuery {
  ruleId?: string;
  severity?: DqSeverity;
  dimension?: DqDimension;
  limit: number;
  offset: number;
}

/** A finding with the report it is about. */
export interface DqFindingRow extends DqFinding {
  reportId: string;
  journalNumber?: string;
  evaluatedAt: string;
}

/** A page of reports read by keyset (id order), for streaming over everything without holding it. */
export interface ReportPageQuery {
  statuses?: ReportStatus[];
  /** Only reports with an id greater than this. */
  afterId?: string;
  /** Only reports received at or after this instant (ISO 8601, UTC). */
  receivedFrom?: string;
  /** Only reports received before this instant (ISO 8601, UTC). */
  receivedBefore?: string;
  limit: number;
}

/**
 * Stores data-quality runs and each report's latest evaluation, and reads reports page by page for
 * batch runs and exports. Reads of reports and of findings take an AccessCondition applied inside
 * the query (findings are about reports: a supervisor sees findings only for reports they may read).
 */
export interface QualityStore {
  /** Reports `access` allows, in id order after `afterId`. */
  reportPage(access: AccessCondition, query: ReportPageQuery): Promise<Report[]>;
  /** Replaces the stored evaluations of these reports (one transaction per call). */
  saveEvaluations(runId: string, evaluatedAt: string, items: Array<{ reportId: string; evaluation: DqEvaluation }>): Promise<void>;
  saveRun(run: DqRun): Promise<void>;
  /** The most recent run, if any. */
  latestRun(): Promise<DqRun | undefined>;
  /** Stored findings of reports `access` allows, newest evaluation first, with their total. */
  findings(access: AccessCondition, query: DqFindingQuery): Promise<{ total: number; items: DqFindingRow[] }>;
  /** A report's stored evaluation, if `access` allows the report. */
  resultFor(reportId: string, access: AccessCondition): Promise<StoredDqResult | undefined>;
  close(): Promise<void>;
}
