import type { DqEvaluation, DqFinding, DqFindingQuery, DqFindingRow, DqRun, QualityStore, ReportPageQuery, StoredDqResult } from '@mottak/core';
import type { Report } from '@mottak/domain';
import type { AccessCondition } from '@mottak/policies';
import { type Connection, type Model, type PipelineStage, Schema } from 'mongoose';
import { accessConditionToMongo, type MongoFilter } from './access-condition.mongo';
import { type ReportDoc, reportModel, toReport } from './report-document';

/** Only the Report's own fields are read; the store's bookkeeping stays in the database. */
const REPORT_PROJECTION = { pendingJournal: 0, outbox: 0, idempotencyKey: 0, idempotencyRequestHash: 0, journalYear: 0, journalSeq: 0 };

/** A finding as stored inside its result, with its place in the evaluation (findings keep their order). */
interface StoredFinding extends DqFinding {
  position: number;
}

/**
 * A report's latest evaluation: one document per report (`_id` is the report's id), its findings
 * embedded, so replacing an evaluation is one atomic write without a transaction.
 */
interface DqResultDoc {
  _id: string;
  runId: string;
  evaluatedAt: string;
  score: number;
  findings: StoredFinding[];
}

/** A batch run; `savedAt` orders runs that finished in the same millisecond. */
interface DqRunDoc {
  _id: string;
  finishedAt: string;
  savedAt: Date;
  run: DqRun;
}

const findingSchema = new Schema<StoredFinding>(
  {
    position: { type: Number, required: true, min: 0 },
    ruleId: { type: String, required: true },
    dimension: { type: String, required: true },
    severity: { type: String, required: true },
    message: { type: String, required: true },
  },
  { _id: false, strict: 'throw' },
);

const resultSchema = new Schema<DqResultDoc>(
  {
    _id: { type: String, required: true },
    runId: { type: String, required: true },
    evaluatedAt: { type: String, required: true },
    score: { type: Number, required: true, min: 0, max: 100 },
    findings: { type: [findingSchema], default: [] },
  },
  { versionKey: false, minimize: false, strict: 'throw', id: false },
);
// The findings list: newest evaluation first; filters by rule and severity (multikey).
resultSchema.index({ evaluatedAt: -1, _id: 1 }, { name: 'evaluatedAt' });
resultSchema.index({ 'findings.ruleId': 1, 'findings.severity': 1 }, { name: 'findings_rule_severity' });

const runSchema = new Schema<DqRunDoc>(
  {
    _id: { type: String, required: true },
    finishedAt: { type: String, required: true },
    savedAt: { type: Date, required: true },
    run: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, minimize: false, strict: 'throw', id: false },
);
runSchema.index({ finishedAt: -1, savedAt: -1 }, { name: 'finishedAt' });

/**
 * The access filter for a document whose report sits under `path` (after a $lookup): every field
 * name gets the prefix, operators ($and, $or, $nor, $in, $elemMatch…) keep theirs.
 */
function underPath(filter: MongoFilter, path: string): MongoFilter {
  const prefixed: MongoFilter = {};
  for (const [key, value] of Object.entries(filter)) {
    if (key.startsWith('$')) prefixed[key] = Array.isArray(value) ? value.map((clause: MongoFilter) => underPath(clause, path)) : value;
    else prefixed[`${path}.${key}`] = value;
  }
  return prefixed;
}

/**
 * QualityStore on MongoDB, in the report store's database (it reads `reports` for batch runs and
 * checks access on it for findings). Access is always decided by the reports as they are now:
 * findings are joined to their report ($lookup) and the caller's AccessCondition is matched on the
 * joined report inside the same pipeline, so a report whose gradering was raised since the run
 * hides its findings at once, and nothing hidden is fetched.
 */
export class MongoQualityStore implements QualityStore {
  private readonly reports: Model<ReportDoc>;
  private readonly results: Model<DqResultDoc>;
  private readonly runs: Model<DqRunDoc>;

  constructor(
    private readonly connection: Connection,
    private readonly ownsConnection = false,
  ) {
    this.reports = reportModel(connection);
    this.results =
      (connection.models['dq_results'] as Model<DqResultDoc> | undefined) ?? connection.model<DqResultDoc>('dq_results', resultSchema, 'dq_results');
    this.runs = (connection.models['dq_runs'] as Model<DqRunDoc> | undefined) ?? connection.model<DqRunDoc>('dq_runs', runSchema, 'dq_runs');
  }

  /** Creates the collections' indexes (idempotent). */
  async open(): Promise<this> {
    await this.results.createIndexes();
    await this.runs.createIndexes();
    return this;
  }

  async reportPage(access: AccessCondition, query: ReportPageQuery): Promise<Report[]> {
    const clauses: MongoFilter[] = [accessConditionToMongo(access)];
    if (query.statuses && query.statuses.length > 0) clauses.push({ status: { $in: query.statuses } });
    if (query.afterId !== undefined) clauses.push({ _id: { $gt: query.afterId } });
    if (query.receivedFrom !== undefined) clauses.push({ receivedAt: { $gte: query.receivedFrom } });
    if (query.receivedBefore !== undefined) clauses.push({ receivedAt: { $lt: query.receivedBefore } });
    const docs = await this.reports.find({ $and: clauses }, REPORT_PROJECTION).sort({ _id: 1 }).limit(query.limit).lean<ReportDoc[]>();
    return docs.map(toReport);
  }

  async saveEvaluations(runId: string, evaluatedAt: string, items: Array<{ reportId: string; evaluation: DqEvaluation }>): Promise<void> {
    if (items.length === 0) return;
    // One replace per report: each report's result and findings change together (single-document
    // atomicity); a batch interrupted half-way leaves every report either old or new, never mixed.
    await this.results.bulkWrite(
      items.map(({ reportId, evaluation }) => ({
        replaceOne: {
          filter: { _id: reportId },
          replacement: {
            _id: reportId,
            runId,
            evaluatedAt,
            score: evaluation.score,
            findings: evaluation.findings.map((f, position) => ({ position, ruleId: f.ruleId, dimension: f.dimension, severity: f.severity, message: f.message })),
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  async saveRun(run: DqRun): Promise<void> {
    await this.runs.create({ _id: run.id, finishedAt: run.finishedAt, savedAt: new Date(), run });
  }

  async latestRun(): Promise<DqRun | undefined> {
    const doc = await this.runs.findOne({}).sort({ finishedAt: -1, savedAt: -1 }).lean<DqRunDoc>();
    return doc?.run;
  }

  async findings(access: AccessCondition, query: DqFindingQuery): Promise<{ total: number; items: DqFindingRow[] }> {
    const findingFilter: MongoFilter = {};
    if (query.ruleId !== undefined) findingFilter['ruleId'] = query.ruleId;
    if (query.severity !== undefined) findingFilter['severity'] = query.severity;
    if (query.dimension !== undefined) findingFilter['dimension'] = query.dimension;
    const hasFilter = Object.keys(findingFilter).length > 0;
    const visible: PipelineStage[] = [
      // Results without a matching finding never reach the join.
      { $match: hasFilter ? { findings: { $elemMatch: findingFilter } } : { 'findings.0': { $exists: true } } },
      { $lookup: { from: this.reports.collection.name, localField: '_id', foreignField: '_id', as: 'report' } },
      // A result whose report is gone (or hidden) drops out here.
      { $unwind: '$report' },
      { $match: underPath(accessConditionToMongo(access), 'report') },
      { $unwind: '$findings' },
      ...(hasFilter ? [{ $match: underPath(findingFilter, 'findings') }] : []),
    ];
    // Two reads, not one snapshot: a run saving in between can make total and page differ by it.
    const [counted, rows] = await Promise.all([
      this.results.aggregate<{ n: number }>([...visible, { $count: 'n' }]),
      this.results.aggregate<{ _id: string; evaluatedAt: string; findings: StoredFinding; journalNumber?: string | null }>([
        ...visible,
        { $sort: { evaluatedAt: -1, _id: 1, 'findings.position': 1 } },
        { $skip: query.offset },
        { $limit: query.limit },
        { $project: { _id: 1, evaluatedAt: 1, findings: 1, journalNumber: '$report.registration.journalNumber' } },
      ]),
    ]);
    return {
      total: counted[0]?.n ?? 0,
      items: rows.map((row) => ({
        reportId: row._id,
        ...(row.journalNumber ? { journalNumber: row.journalNumber } : {}),
        ruleId: row.findings.ruleId,
        dimension: row.findings.dimension,
        severity: row.findings.severity,
        message: row.findings.message,
        evaluatedAt: row.evaluatedAt,
      })),
    };
  }

  async resultFor(reportId: string, access: AccessCondition): Promise<StoredDqResult | undefined> {
    // Access first, decided by the report's query: a hidden report's result is never read.
    const readable = await this.reports.exists({ $and: [{ _id: reportId }, accessConditionToMongo(access)] });
    if (!readable) return undefined;
    const doc = await this.results.findById(reportId).lean<DqResultDoc>();
    if (!doc) return undefined;
    return {
      reportId,
      runId: doc.runId,
      evaluatedAt: doc.evaluatedAt,
      score: doc.score,
      findings: [...doc.findings]
        .sort((a, b) => a.position - b.position)
        .map(({ ruleId, dimension, severity, message }) => ({ ruleId, dimension, severity, message })),
    };
  }

  /** Closes the connection if this store opened it. */
  async close(): Promise<void> {
    if (this.ownsConnection) await this.connection.close();
  }
}

/** A quality store on an open connection (the report store's database), its indexes ensured. */
export async function openMongoQualityStore(connection: Connection): Promise<MongoQualityStore> {
  return new MongoQualityStore(connection).open();
}
