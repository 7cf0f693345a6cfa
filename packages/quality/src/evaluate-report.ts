import type { Report } from '@mottak/domain';
import type { DqCatalogue, DqDimension, DqSeverity } from './dq-catalogue.schema';
import { type CheckOptions, ReportFacts, runCheck } from './dq-checks';

/** One thing wrong with a report, as a coordinator or supervisor reads it. */
export interface DqFinding {
  ruleId: string;
  dimension: DqDimension;
  severity: DqSeverity;
  message: string;
}

/** A rule's verdict on one report; `n/a` rules do not count towards the score. */
export interface DqRuleOutcome {
  ruleId: string;
  dimension: DqDimension;
  severity: DqSeverity;
  status: 'pass' | 'fail' | 'n/a';
}

/** The data quality of one report. */
export interface DqEvaluation {
  /** 0–100: 100 × (1 − failed weight / applicable weight); 100 when no rule applies. */
  score: number;
  findings: DqFinding[];
  outcomes: DqRuleOutcome[];
  /** True when a blocking rule failed: registration must stop. */
  blocked: boolean;
}

/**
 * Evaluates every rule of `catalogue` against `report` at time `now` (for deadlines still running).
 * Pure: the same inputs always give the same evaluation.
 */
export function evaluateReport(report: Report, catalogue: DqCatalogue, now: Date, options: CheckOptions = {}): DqEvaluation {
  const facts = new ReportFacts(report);
  const findings: DqFinding[] = [];
  const outcomes: DqRuleOutcome[] = [];
  let applicableWeight = 0;
  let failedWeight = 0;
  let blocked = false;
  for (const rule of catalogue.rules) {
    const result = runCheck(rule, facts, now, options);
    outcomes.push({ ruleId: rule.id, dimension: rule.dimension, severity: rule.severity, status: result.status });
    if (result.status === 'n/a') continue;
    applicableWeight += rule.weight;
    if (result.status === 'fail') {
      failedWeight += rule.weight;
      if (rule.severity === 'blocking') blocked = true;
      for (const message of result.messages) {
        findings.push({ ruleId: rule.id, dimension: rule.dimension, severity: rule.severity, message });
      }
    }
  }
  const score = applicableWeight === 0 ? 100 : Math.round((100 * (applicableWeight - failedWeight)) / applicableWeight);
  return { score, findings, outcomes, blocked };
}
