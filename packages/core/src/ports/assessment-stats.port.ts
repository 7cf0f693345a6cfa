import type { SourceHistory } from '@mottak/assessment';
import type { AccessCondition } from '@mottak/policies';

export type { SourceHistory };

/** A source's history before one report: the reports from the same source received earlier. */
export interface SourceHistoryQuery {
  /** The source's keys (assessment.sourceKeys); a report sharing any of them is from the same source. */
  sourceKeys: string[];
  /** The report asked about; it is never its own history. */
  reportId: string;
  /** Only reports received strictly before this instant (ISO 8601). */
  receivedBefore: string;
}

/** Registrations in a time window, [from, to) on registration.registeredAt. */
export interface RuleOverrideQuery {
  from: string;
  to: string;
}

/**
 * One rule's record over registered reports. `fired`: registered reports whose assessment lists the
 * rule. Its suggestion was **overridden** when the rule gave the value the assessment suggested
 * (its priority was the suggested priority, or its category the suggested category) and the
 * coordinator registered another value for that field. A rule that fired but decided nothing (a
 * less urgent priority, or only a reason) is never counted as overridden.
 */
export interface RuleOverrideCount {
  ruleId: string;
  fired: number;
  overridden: number;
  priorityOverridden: number;
  categoryOverridden: number;
}

export interface RuleOverrideCounts {
  /** Registered reports in the window. */
  registered: number;
  /** Of those, reports whose priority or category the coordinator changed. */
  overriddenReports: number;
  /** By rule id. */
  rules: RuleOverrideCount[];
}

/**
 * Aggregates over stored assessments for supervisors and coordinators: a source's history (for the
 * Admiralty suggestion) and override counts per rule. Both count only reports `access` allows,
 * decided inside the query, and both are served by an index (source keys; registration time).
 */
export interface AssessmentStatsStore {
  /** Counts of the source's earlier reports that `access` allows: all, graded, confirmed. */
  sourceHistory(query: SourceHistoryQuery, access: AccessCondition): Promise<SourceHistory>;
  /** Fired and overridden counts per rule over the registered reports in the window that `access` allows. */
  ruleOverrides(query: RuleOverrideQuery, access: AccessCondition): Promise<RuleOverrideCounts>;
  close(): Promise<void>;
}
