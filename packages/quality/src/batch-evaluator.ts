import type { Report } from '@mottak/domain';
import type { DqCatalogue, DqDimension, DqSeverity } from './dq-catalogue.schema';
import type { CheckOptions } from './dq-checks';
import { type DqEvaluation, evaluateReport } from './evaluate-report';
import { isoWeekOf } from './iso-week';

/** Per rule: of the reports it applied to, how many passed; score = passed share in percent. */
export interface DqRuleSummary {
  ruleId: string;
  dimension: DqDimension;
  severity: DqSeverity;
  applicable: number;
  passed: number;
  failed: number;
  /** 0–100 with one decimal; 100 when the rule applied to no report. */
  score: number;
}

/** A group of reports (one category, coordinator or week): mean report score and findings counted by severity. */
export interface DqGroupSummary {
  key: string;
  reports: number;
  /** Mean of the reports' scores, one decimal. */
  score: number;
  blockingFindings: number;
  warningFindings: number;
}

/** The aggregate of a batch run. */
export interface DqSummary {
  reports: number;
  score: number;
  byRule: DqRuleSummary[];
  byCategory: DqGroupSummary[];
  byCoordinator: DqGroupSummary[];
  byWeek: DqGroupSummary[];
}

/** Key for reports not yet registered (no coordinator) or without category. */
export const UNREGISTERED_KEY = '(ikke registrert)';
export const NO_CATEGORY_KEY = '(uten kategori)';

interface GroupCounter {
  reports: number;
  scoreSum: number;
  blocking: number;
  warning: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * Aggregates evaluations per rule, category, coordinator and ISO week. Memory grows with the number
 * of distinct keys (rules, categories, coordinators, weeks), never with the number of reports.
 */
export class DqAggregator {
  private reports = 0;
  private scoreSum = 0;
  private readonly rules = new Map<string, { ruleId: string; dimension: DqDimension; severity: DqSeverity; applicable: number; passed: number }>();
  private readonly groups = { category: new Map<string, GroupCounter>(), coordinator: new Map<string, GroupCounter>(), week: new Map<string, GroupCounter>() };

  constructor(catalogue: DqCatalogue) {
    for (const rule of catalogue.rules) {
      this.rules.set(rule.id, { ruleId: rule.id, dimension: rule.dimension, severity: rule.severity, applicable: 0, passed: 0 });
    }
  }

  /** Adds one report's evaluation. */
  add(report: Report, evaluation: DqEvaluation): void {
    this.reports++;
    this.scoreSum += evaluation.score;
    for (const outcome of evaluation.outcomes) {
      if (outcome.status === 'n/a') continue;
      const counter = this.rules.get(outcome.ruleId);
      if (!counter) continue;
      counter.applicable++;
      if (outcome.status === 'pass') counter.passed++;
    }
    let blocking = 0;
    for (const finding of evaluation.findings) if (finding.severity === 'blocking') blocking++;
    const warning = evaluation.findings.length - blocking;
    const category = report.registration?.category ?? report.assessment?.category ?? NO_CATEGORY_KEY;
    const coordinator = report.registration?.registeredBy ?? UNREGISTERED_KEY;
    const week = isoWeekOf(report.registration?.registeredAt ?? report.receivedAt);
    bump(this.groups.category, category, evaluation.score, blocking, warning);
    bump(this.groups.coordinator, coordinator, evaluation.score, blocking, warning);
    bump(this.groups.week, week, evaluation.score, blocking, warning);
  }

  /** The summary so far. */
  summary(): DqSummary {
    const groups = (map: Map<string, GroupCounter>): DqGroupSummary[] =>
      [...map.entries()]
        .map(([key, c]) => ({ key, reports: c.reports, score: round1(c.scoreSum / c.reports), blockingFindings: c.blocking, warningFindings: c.warning }))
        .sort((a, b) => a.key.localeCompare(b.key));
    return {
      reports: this.reports,
      score: this.reports === 0 ? 100 : round1(this.scoreSum / this.reports),
      byRule: [...this.rules.values()].map((r) => ({
        ...r,
        failed: r.applicable - r.passed,
        score: r.applicable === 0 ? 100 : round1((100 * r.passed) / r.applicable),
      })),
      byCategory: groups(this.groups.category),
      byCoordinator: groups(this.groups.coordinator),
      byWeek: groups(this.groups.week),
    };
  }
}

function bump(map: Map<string, GroupCounter>, key: string, score: number, blocking: number, warning: number): void {
  let counter = map.get(key);
  if (!counter) {
    counter = { reports: 0, scoreSum: 0, blocking: 0, warning: 0 };
    map.set(key, counter);
  }
  counter.reports++;
  counter.scoreSum += score;
  counter.blocking += blocking;
  counter.warning += warning;
}

export interface BatchOptions extends CheckOptions {
  /** Called with every evaluation (e.g. to store it); awaited, so a slow sink slows the reader instead of piling up. */
  onEvaluated?: (report: Report, evaluation: DqEvaluation) => void | Promise<void>;
}

/**
 * Evaluates a stream of reports one at a time and returns the aggregate. Nothing is kept per
 * report, so memory stays flat however long the stream.
 */
export async function evaluateBatch(reports: AsyncIterable<Report> | Iterable<Report>, catalogue: DqCatalogue, now: Date, options: BatchOptions = {}): Promise<DqSummary> {
  const aggregator = new DqAggregator(catalogue);
  for await (const report of reports) {
    const evaluation = evaluateReport(report, catalogue, now, options);
    aggregator.add(report, evaluation);
    if (options.onEvaluated) await options.onEvaluated(report, evaluation);
  }
  return aggregator.summary();
}
