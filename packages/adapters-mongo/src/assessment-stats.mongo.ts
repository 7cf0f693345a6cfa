import type { AssessmentStatsStore, RuleOverrideCounts, RuleOverrideQuery, SourceHistory, SourceHistoryQuery } from '@mottak/core';
import { CONFIRMED_CREDIBILITIES } from '@mottak/domain';
import type { AccessCondition } from '@mottak/policies';
import type { Connection, Model } from 'mongoose';
import { accessConditionToMongo } from './access-condition.mongo';
import { type ReportDoc, reportModel } from './report-document';

/** The multikey index a source's history is found by (assessment.sourceKeys is an array). */
export const SOURCE_KEYS_INDEX = 'assessment_sourceKeys';

/** 1 when the rule under `$assessment.firedRules` gave the suggested value of `field` and the coordinator registered another. */
function overriddenBy(field: 'priority' | 'category'): Record<string, unknown> {
  return {
    $cond: [
      {
        $and: [
          { $eq: [`$assessment.firedRules.${field}`, `$assessment.${field}`] },
          { $eq: [`$registration.${field}Overridden`, true] },
        ],
      },
      1,
      0,
    ],
  };
}

/**
 * AssessmentStatsStore on MongoDB, over the report store's `reports` collection. Both queries are
 * aggregations that start with a $match on an index (the multikey index on assessment.sourceKeys;
 * the registeredAt index the report store declares) and the caller's access filter, so what a
 * user may not see is never read into the pipeline.
 */
export class MongoAssessmentStatsStore implements AssessmentStatsStore {
  private readonly reports: Model<ReportDoc>;

  constructor(connection: Connection) {
    this.reports = reportModel(connection);
  }

  /** Creates the source-key index (idempotent). Declared here, beside the only query that uses it. */
  async open(): Promise<this> {
    await this.reports.collection.createIndex({ 'assessment.sourceKeys': 1, receivedAt: 1 }, { name: SOURCE_KEYS_INDEX, sparse: true });
    return this;
  }

  async sourceHistory(query: SourceHistoryQuery, access: AccessCondition): Promise<SourceHistory> {
    if (query.sourceKeys.length === 0) return { earlier: 0, graded: 0, confirmed: 0 };
    const credibility = { $ifNull: ['$sourceGrading.credibility', 0] };
    const [row] = await this.reports.aggregate<SourceHistory>([
      {
        $match: {
          $and: [
            { 'assessment.sourceKeys': { $in: query.sourceKeys }, receivedAt: { $lt: query.receivedBefore }, _id: { $ne: query.reportId } },
            accessConditionToMongo(access),
          ],
        },
      },
      {
        $group: {
          _id: null,
          earlier: { $sum: 1 },
          graded: { $sum: { $cond: [{ $gt: [credibility, 0] }, 1, 0] } },
          confirmed: { $sum: { $cond: [{ $in: [credibility, [...CONFIRMED_CREDIBILITIES]] }, 1, 0] } },
        },
      },
    ]);
    return { earlier: row?.earlier ?? 0, graded: row?.graded ?? 0, confirmed: row?.confirmed ?? 0 };
  }

  async ruleOverrides(query: RuleOverrideQuery, access: AccessCondition): Promise<RuleOverrideCounts> {
    const match = {
      $match: {
        $and: [{ 'registration.registeredAt': { $gte: query.from, $lt: query.to } }, accessConditionToMongo(access)],
      },
    };
    const [totals] = await this.reports.aggregate<{ registered: number; overriddenReports: number }>([
      match,
      {
        $group: {
          _id: null,
          registered: { $sum: 1 },
          overriddenReports: {
            $sum: { $cond: [{ $or: [{ $eq: ['$registration.priorityOverridden', true] }, { $eq: ['$registration.categoryOverridden', true] }] }, 1, 0] },
          },
        },
      },
    ]);
    const rules = await this.reports.aggregate<{ _id: string; fired: number; overridden: number; priorityOverridden: number; categoryOverridden: number }>([
      match,
      { $project: { assessment: 1, registration: 1 } },
      { $unwind: '$assessment.firedRules' },
      {
        $group: {
          _id: '$assessment.firedRules.ruleId',
          fired: { $sum: 1 },
          overridden: {
            $sum: { $cond: [{ $or: [{ $eq: [overriddenBy('priority'), 1] }, { $eq: [overriddenBy('category'), 1] }] }, 1, 0] },
          },
          priorityOverridden: { $sum: overriddenBy('priority') },
          categoryOverridden: { $sum: overriddenBy('category') },
        },
      },
      { $sort: { _id: 1 } },
    ]);
    return {
      registered: totals?.registered ?? 0,
      overriddenReports: totals?.overriddenReports ?? 0,
      rules: rules.map(({ _id, ...counts }) => ({ ruleId: _id, ...counts })),
    };
  }

  /** Nothing to close: the connection belongs to whoever opened it. */
  async close(): Promise<void> {}
}

/** Opens the assessment-stats store on `connection`, creating its index. */
export async function openMongoAssessmentStatsStore(connection: Connection): Promise<MongoAssessmentStatsStore> {
  return new MongoAssessmentStatsStore(connection).open();
}
