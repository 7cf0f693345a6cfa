import {
  type Clock,
  type IdempotencyRecord,
  type JournalDraft,
  type OutboxEntry,
  type ReceiveOutcome,
  type RegistrationCommand,
  type ReportChange,
  type RegisteredQuery,
  type ReportListQuery,
  type ReportStore,
  type ReportVersionSummary,
  type DisposalCommand,
  type EntityOverlapCount,
  type EntityOverlapQuery,
  type NearDuplicateMatch,
  type NearDuplicateQuery,
  type RetentionCandidate,
  type RetentionCandidateQuery,
  applyRegistration,
  fieldChanges,
  redactReportContent,
} from '@mottak/core';
import { type ChainedEntry, type ChainVerification, DISPOSED_TITLE, DomainError, formatJournalNumber, type Report } from '@mottak/domain';
import { type AccessCondition, bindAccessId } from '@mottak/policies';
import type { Connection, Model } from 'mongoose';
import { accessConditionToMongo } from './access-condition.mongo';
import { MongoChainedLog } from './chained-log.mongo';
import { connectMongo, type ConnectMongoOptions, isDuplicateKeyError } from './mongo-connection';
import {
  counterModel,
  draftKey,
  type EmbeddedOutboxEntry,
  JOURNAL_NUMBER_INDEX,
  type PendingJournalDraft,
  reportFields,
  type ReportDoc,
  reportModel,
  reportUpdate,
  type ReportVersionDoc,
  reportVersionModel,
  toReport,
  versionDoc,
} from './report-document';
import { backfillSeenBefore, findEntityOverlapsIn, findNearDuplicatesIn, seenBeforeFields } from './seen-before.mongo';
import { ReportJournalWriter } from './report-journal.mongo';
import { MongoReportOutbox } from './report-outbox.mongo';
import { backoff, SerialQueue } from './serial-queue';

const SYSTEM_CLOCK: Clock = { now: () => new Date() };
/** Only the Report's own fields are read back; the bookkeeping stays in the database. */
const REPORT_PROJECTION = { pendingJournal: 0, outbox: 0, idempotencyKey: 0, idempotencyRequestHash: 0, journalYear: 0, journalSeq: 0, simhashBands: 0, entityKeys: 0 };
/** Attempts at taking the next journal number when other processes keep taking it first. */
const MAX_NUMBER_ATTEMPTS = 200;

export interface MongoReportStoreOptions {
  /** Time source for the outbox's leases and retries. */
  clock?: Clock;
  /** Test-only fault injection: runs after a change is stored and before its journal entry is appended. */
  afterStateWrite?: (reportId: string) => Promise<void>;
}

/**
 * ReportStore on MongoDB, correct without multi-document transactions (a standalone server, or
 * mongo-java-server in tests, has none):
 * - a report, its pending journal drafts and its outbox entries are one document, so a change,
 *   its journal draft and its outbox entries are written by one atomic update that also checks
 *   the version (optimistic concurrency);
 * - a journal number is taken by that same update: the next number is the year's highest plus one,
 *   and a unique index on (year, seq) rejects a number someone else took meanwhile (then we try
 *   the next). A number exists only on the report that got it, so a failed or interrupted
 *   registration uses up none: the sequence has no gaps;
 * - drafts move into the hash-chained journal right after (ReportJournalWriter), and anything
 *   left behind by a crash is rolled forward by `recover()` (run on open) or by the next writer;
 * - idempotency keys are a unique field of the report itself: insert first, and on a duplicate
 *   key answer with the report that has it.
 * Every read compiles the caller's AccessCondition into its filter.
 */
export class MongoReportStore implements ReportStore {
  private readonly reports: Model<ReportDoc>;
  private readonly versions: Model<ReportVersionDoc>;
  private readonly journal: MongoChainedLog;
  private readonly journalWriter: ReportJournalWriter;
  private readonly outbox: MongoReportOutbox;
  /** Registrations of this process take numbers one at a time (per store), so they do not collide with each other. */
  private readonly numbering = new SerialQueue();
  private readonly afterStateWrite: (reportId: string) => Promise<void>;

  /** Takes an open connection; `close` closes it only if `ownsConnection`. Call `open()` (or use openMongoReportStore) before use. */
  constructor(
    private readonly connection: Connection,
    options: MongoReportStoreOptions = {},
    private readonly ownsConnection = false,
  ) {
    this.reports = reportModel(connection);
    this.versions = reportVersionModel(connection);
    this.journal = new MongoChainedLog(connection, 'journal_entries');
    this.journalWriter = new ReportJournalWriter(this.reports, this.journal);
    this.outbox = new MongoReportOutbox(this.reports, counterModel(connection), options.clock ?? SYSTEM_CLOCK);
    this.afterStateWrite = options.afterStateWrite ?? (async () => undefined);
  }

  /** Creates collections and indexes (idempotent) and rolls forward what a crashed process left half done. */
  async open(): Promise<this> {
    await this.reports.createIndexes();
    await this.versions.createIndexes();
    await this.journal.ensureIndexes();
    await backfillSeenBefore(this.reports);
    await this.recover();
    return this;
  }

  /** Appends journal drafts left behind by a process that died mid-change; returns how many reports it completed. */
  async recover(): Promise<number> {
    const completed = await this.journalWriter.recover();
    await this.redactVersionsOfDisposed();
    return completed;
  }

  async receive(report: Report, journal: JournalDraft, idempotency?: IdempotencyRecord): Promise<ReceiveOutcome> {
    const idempotencyKey = idempotency ? JSON.stringify([idempotency.scope, idempotency.key]) : undefined;
    const draft = { key: draftKey(report.id, report.version), ...journal };
    try {
      await this.reports.create({
        ...reportFields(report),
        ...seenBeforeFields(report),
        ...(idempotency ? { idempotencyKey, idempotencyRequestHash: idempotency.requestHash } : {}),
        pendingJournal: [draft],
        outbox: [],
      });
    } catch (error) {
      // Whichever unique index the server names first (the key's, or _id for a retried report id),
      // a stored report with this key means the request was seen before.
      if (!idempotency || !isDuplicateKeyError(error)) throw error;
      const first = await this.reports.findOne({ idempotencyKey }).lean<ReportDoc>();
      if (!first) throw error;
      if (first.idempotencyRequestHash !== idempotency.requestHash) return { kind: 'idempotency-conflict' };
      // The first request may have died before its journal entry: finish that before answering.
      await this.journalWriter.flush(first._id);
      return { kind: 'replayed', report: toReport(first) };
    }
    await this.afterStateWrite(report.id);
    await this.journalWriter.append(report.id, [draft]);
    return { kind: 'created', report };
  }

  async get(id: string, access: AccessCondition): Promise<Report | undefined> {
    const doc = await this.reports
      .findOne({ $and: [{ _id: id }, accessConditionToMongo(access)] }, REPORT_PROJECTION)
      .lean<ReportDoc>();
    return doc ? toReport(doc) : undefined;
  }

  /** Newest first by received time. An empty `statuses` list means no status filter. */
  async list(access: AccessCondition, query: ReportListQuery): Promise<{ total: number; items: Report[] }> {
    const clauses = [accessConditionToMongo(access)];
    if (query.statuses && query.statuses.length > 0) clauses.push({ status: { $in: query.statuses } });
    if (query.caseId !== undefined) clauses.push({ caseId: query.caseId });
    // Notes are only ever added (disposal removes the field), so present means at least one.
    if (query.withHandoverNotes) clauses.push({ handoverNotes: { $exists: true } });
    const filter = { $and: clauses };
    // Two queries, not one snapshot: a report arriving in between can make total and page differ by it.
    const page =
      query.order === 'triage'
        ? // Unassessed reports have no priority and must sort after P4: a computed key ('P5'), so an aggregation.
          this.reports
            .aggregate<ReportDoc>([
              { $match: filter },
              { $addFields: { triageRank: { $ifNull: ['$assessment.priority', 'P5'] } } },
              { $sort: { triageRank: 1, receivedAt: 1, _id: 1 } },
              { $skip: query.offset },
              { $limit: query.limit },
              { $project: { triageRank: 0, ...REPORT_PROJECTION } },
            ])
            .exec()
        : this.reports.find(filter, REPORT_PROJECTION).sort({ receivedAt: -1, _id: -1 }).skip(query.offset).limit(query.limit).lean<ReportDoc[]>();
    const [total, docs] = await Promise.all([this.reports.countDocuments(filter), page]);
    return { total, items: docs.map(toReport) };
  }

  async findNearDuplicates(query: NearDuplicateQuery, access: AccessCondition): Promise<NearDuplicateMatch[]> {
    return findNearDuplicatesIn(this.reports, query, access);
  }

  async findEntityOverlaps(query: EntityOverlapQuery, access: AccessCondition): Promise<EntityOverlapCount[]> {
    return findEntityOverlapsIn(this.reports, query, access);
  }

  async findIdsByContentHash(contentHash: string, excludeId: string, access: AccessCondition): Promise<string[]> {
    const docs = await this.reports
      .find({ $and: [{ contentHash, _id: { $ne: excludeId } }, accessConditionToMongo(access)] }, { _id: 1 })
      .sort({ receivedAt: 1, _id: 1 })
      .lean<Array<{ _id: string }>>();
    return docs.map((doc) => doc._id);
  }

  async listVersions(id: string, access: AccessCondition): Promise<ReportVersionSummary[]> {
    const current = await this.get(id, access);
    if (!current) return [];
    const older = await this.versions
      .find({ $and: [{ reportId: id, version: { $lt: current.version } }, accessConditionToMongo(bindAccessId(access, id))] }, { doc: 0 })
      .sort({ version: 1 })
      .lean<ReportVersionDoc[]>();
    return [...older, current].map((v) => ({ version: v.version, updatedAt: v.updatedAt, status: v.status, title: v.title }));
  }

  async getVersion(id: string, version: number, access: AccessCondition): Promise<Report | undefined> {
    const current = await this.get(id, access);
    if (!current || version > current.version) return undefined;
    if (version === current.version) return current;
    const stored = await this.versions
      .findOne({ $and: [{ reportId: id, version }, accessConditionToMongo(bindAccessId(access, id))] })
      .lean<ReportVersionDoc>();
    return stored?.doc;
  }

  async listRegistered(access: AccessCondition, query: RegisteredQuery): Promise<Report[]> {
    const docs = await this.reports
      .find(
        { $and: [{ journalSeq: { $exists: true }, 'registration.registeredAt': { $gte: query.from, $lt: query.to } }, accessConditionToMongo(access)] },
        REPORT_PROJECTION,
      )
      .sort({ journalYear: 1, journalSeq: 1 })
      .limit(query.limit)
      .lean<ReportDoc[]>();
    return docs.map(toReport);
  }

  async applyChange(change: ReportChange): Promise<Report> {
    const current = await this.requireVersion(change.reportId, change.expectedVersion);
    const set = withoutManagedFields(change.set);
    if ('registration' in set && set.registration?.journalNumber !== current.registration?.journalNumber) {
      // Journal numbers come only from register(); anything else could leave a gap or a duplicate.
      throw new DomainError('JOURNAL_NUMBER_CONFLICT', 'Journalnummer kan bare tildeles ved registrering', {
        journalNumber: current.registration?.journalNumber ?? null,
      });
    }
    const next: Report = { ...current, ...set, version: current.version + 1, updatedAt: change.journal.at };
    const changes = fieldChanges(current, next, Object.keys(set));
    const draft = { ...change.journal, details: { ...change.journal.details, version: next.version, changes } };
    const entries = await this.outbox.newEntries(change.outbox ?? []);
    await this.keepVersion(current);
    const drafts = await this.writeChange(current, next, draft, entries, {});
    await this.afterStateWrite(next.id);
    await this.journalWriter.append(next.id, drafts);
    return next;
  }

  async register(command: RegistrationCommand): Promise<Report> {
    const current = await this.requireVersion(command.reportId, command.expectedVersion);
    if (current.registration) throw alreadyRegistered(current);
    const [entry] = await this.outbox.newEntries(['index']);
    await this.keepVersion(current);
    const { registered: next, drafts } = await this.numbering.run(async () => {
      for (let attempt = 0; attempt < MAX_NUMBER_ATTEMPTS; attempt += 1) {
        const sequence = (await this.highestSequence(command.year)) + 1;
        const journalNumber = formatJournalNumber({ year: command.year, sequence });
        const { next: registered, journal: draft } = applyRegistration(current, command, journalNumber);
        try {
          const extra = { journalYear: command.year, journalSeq: sequence };
          return { registered, drafts: await this.writeChange(current, registered, draft, entry ? [entry] : [], extra) };
        } catch (error) {
          if (!isDuplicateKeyError(error, JOURNAL_NUMBER_INDEX)) throw error;
          // Another process took this number between our read and our write: take the next one.
          await backoff(attempt);
        }
      }
      throw new DomainError('JOURNAL_NUMBER_CONFLICT', 'Fant ikke ledig journalnummer; prøv igjen', { year: command.year });
    });
    await this.afterStateWrite(next.id);
    await this.journalWriter.append(next.id, drafts);
    return next;
  }

  async listRetentionCandidates(access: AccessCondition, query: RetentionCandidateQuery): Promise<RetentionCandidate[]> {
    const registeredAt = 'registration.registeredAt';
    const after = query.after
      ? { $or: [{ [registeredAt]: { $gt: query.after.registeredAt } }, { [registeredAt]: query.after.registeredAt, _id: { $gt: query.after.id } }] }
      : {};
    const docs = await this.reports
      .find(
        { $and: [{ journalSeq: { $exists: true }, [registeredAt]: { $lte: query.registeredBefore } }, after, accessConditionToMongo(access)] },
        { _id: 1, registration: 1, status: 1, gradering: 1, caseId: 1, 'disposal.disposedAt': 1 },
      )
      .sort({ [registeredAt]: 1, _id: 1 })
      .limit(query.limit)
      .lean<Array<Pick<ReportDoc, '_id' | 'registration' | 'status' | 'gradering' | 'caseId' | 'disposal'>>>();
    return docs.flatMap((doc) =>
      doc.registration
        ? [
            {
              id: doc._id,
              journalNumber: doc.registration.journalNumber,
              registeredAt: doc.registration.registeredAt,
              category: doc.registration.category,
              status: doc.status,
              gradering: doc.gradering,
              ...(doc.caseId ? { caseId: doc.caseId } : {}),
              disposed: doc.disposal !== undefined && doc.disposal !== null,
            },
          ]
        : [],
    );
  }

  /**
   * Without multi-document transactions: the report (with its journal draft and outbox entry) is
   * written in one atomic update first, then every stored version is redacted. A crash between the
   * two leaves versions with content of a report marked disposed; `recover()` (run on open) finds
   * and redacts them, and nothing serves a version of a report without also reading the report.
   */
  async disposeContent(command: DisposalCommand): Promise<Report> {
    const current = await this.requireVersion(command.reportId, command.expectedVersion);
    if (current.disposal) {
      throw new DomainError('INVALID_STATE_TRANSITION', 'Rapporten er allerede kassert', { disposedAt: current.disposal.disposedAt });
    }
    const next: Report = { ...redactReportContent(current), status: command.status, disposal: command.disposal, version: current.version + 1, updatedAt: command.journal.at };
    // Only the status is logged as a change: the journal must not receive the text it removes.
    const changes = fieldChanges(current, next, ['status']);
    const draft = { ...command.journal, details: { ...command.journal.details, version: next.version, changes } };
    const entries = await this.outbox.newEntries(['index']);
    // Kept whole first, as for any change, so a disposal that loses a race leaves a true snapshot.
    await this.keepVersion(current);
    const drafts = await this.writeChange(current, next, draft, entries, {});
    await this.redactVersions([current.id]);
    await this.afterStateWrite(next.id);
    await this.journalWriter.append(next.id, drafts);
    return next;
  }

  async markIndexed(reportId: string, at: string): Promise<void> {
    await this.reports.updateOne({ _id: reportId }, { $set: { indexedAt: at } });
  }

  async findStaleReceived(receivedBefore: string, limit: number): Promise<string[]> {
    const docs = await this.reports
      .find({ status: 'mottatt', receivedAt: { $lt: receivedBefore } }, { _id: 1 })
      .sort({ receivedAt: 1, _id: 1 })
      .limit(limit)
      .lean<Array<{ _id: string }>>();
    return docs.map((doc) => doc._id);
  }

  async claimOutbox(limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    return this.outbox.claim(limit, leaseMs);
  }

  async completeOutbox(ids: number[]): Promise<void> {
    await this.outbox.complete(ids);
  }

  async failOutbox(id: number, error: string, retryAfterMs: number): Promise<void> {
    await this.outbox.retryLater(id, error, retryAfterMs);
  }

  async pendingOutboxCount(): Promise<number> {
    return this.outbox.pendingCount();
  }

  /** The report's journal, its drafts rolled forward first, so every stored change is in it. */
  async journalFor(reportId: string): Promise<ChainedEntry[]> {
    await this.journalWriter.flush(reportId);
    return this.journal.list({ subjectId: reportId });
  }

  async listJournal(query: { afterSeq?: number; limit: number }): Promise<ChainedEntry[]> {
    await this.recover();
    return this.journal.list(query);
  }

  async verifyJournal(): Promise<ChainVerification> {
    await this.recover();
    return this.journal.verify();
  }

  /** Closes the connection if this store opened it. */
  async close(): Promise<void> {
    if (this.ownsConnection) await this.connection.close();
  }

  /**
   * The one atomic write of a change: the report's new fields, its journal draft and its outbox
   * entries, applied only if the stored version is still `current.version`. Returns the report's
   * pending drafts after the write (this one, and any an interrupted writer left before it).
   */
  private async writeChange(
    current: Report,
    next: Report,
    draft: JournalDraft,
    entries: EmbeddedOutboxEntry[],
    extra: Partial<Pick<ReportDoc, 'journalYear' | 'journalSeq'>>,
  ): Promise<PendingJournalDraft[]> {
    const { $set, $unset } = reportUpdate(current, next);
    const filter: Record<string, unknown> = { _id: current.id, version: current.version };
    // A registration also insists the report is still unregistered.
    if (extra.journalSeq !== undefined) filter['journalSeq'] = { $exists: false };
    const written = await this.reports
      .findOneAndUpdate(
        filter,
        {
          $set: { ...$set, ...extra, ...seenBeforeFields(next) },
          ...(Object.keys($unset).length > 0 ? { $unset } : {}),
          $push: {
            pendingJournal: { key: draftKey(next.id, next.version), ...draft },
            ...(entries.length > 0 ? { outbox: { $each: entries } } : {}),
          },
        },
        { new: true, runValidators: true },
      )
      .select({ pendingJournal: 1 })
      .lean<Pick<ReportDoc, 'pendingJournal'>>();
    if (!written) {
      // Someone changed or registered it since we read it (or it is gone): say which.
      const now = await this.reports.findById(current.id, REPORT_PROJECTION).lean<ReportDoc>();
      if (!now) throw notFound();
      if (now.version !== current.version) throw versionConflict(now.version);
      throw alreadyRegistered(toReport(now));
    }
    return written.pendingJournal;
  }

  /**
   * Keeps `current` as a version before a change supersedes it. Written first and idempotently:
   * a version's content never changes, so a change that then loses its race leaves a true
   * snapshot behind, and one that wins always has its predecessor kept.
   */
  private async keepVersion(current: Report): Promise<void> {
    const { _id, ...fields } = versionDoc(current);
    try {
      await this.versions.updateOne({ _id }, { $setOnInsert: fields }, { upsert: true });
    } catch (error) {
      // Two writers keeping the same version at once: the other one kept it.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Redacts every stored version of these reports that still holds content (idempotent). */
  private async redactVersions(reportIds: string[]): Promise<void> {
    const remaining = await this.versions.find({ reportId: { $in: reportIds }, 'doc.body': { $ne: '' } }).lean<ReportVersionDoc[]>();
    for (const version of remaining) {
      await this.versions.updateOne({ _id: version._id }, { $set: { title: DISPOSED_TITLE, doc: redactReportContent(version.doc) } });
    }
  }

  /** Finishes disposals a crash interrupted between the report and its versions. */
  private async redactVersionsOfDisposed(): Promise<void> {
    const disposed = await this.reports.find({ disposal: { $exists: true } }, { _id: 1 }).lean<Array<{ _id: string }>>();
    if (disposed.length > 0) await this.redactVersions(disposed.map((d) => d._id));
  }

  /** The stored report if its version is `expected`; REPORT_NOT_FOUND or VERSION_CONFLICT otherwise. */
  private async requireVersion(id: string, expected: number): Promise<Report> {
    const doc = await this.reports.findById(id, REPORT_PROJECTION).lean<ReportDoc>();
    if (!doc) throw notFound();
    if (doc.version !== expected) throw versionConflict(doc.version);
    return toReport(doc);
  }

  /** The highest sequence number given in `year` so far (0 if none), from the unique (year, seq) index. */
  private async highestSequence(year: number): Promise<number> {
    const top = await this.reports
      .findOne({ journalYear: year }, { journalSeq: 1 })
      .sort({ journalYear: -1, journalSeq: -1 })
      .lean<Pick<ReportDoc, 'journalSeq'>>();
    return top?.journalSeq ?? 0;
  }
}

/** Connects to `url` (or uses an open connection), prepares the collections and recovers; the store owns a connection it opened. */
export async function openMongoReportStore(
  target: Connection | string,
  options: MongoReportStoreOptions & { connect?: ConnectMongoOptions } = {},
): Promise<MongoReportStore> {
  const owns = typeof target === 'string';
  const connection = typeof target === 'string' ? await connectMongo(target, options.connect) : target;
  const store = new MongoReportStore(connection, options, owns);
  try {
    return await store.open();
  } catch (error) {
    await store.close();
    throw error;
  }
}

function notFound(): DomainError {
  return new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
}

function versionConflict(currentVersion: number): DomainError {
  return new DomainError('VERSION_CONFLICT', 'Rapporten er endret siden du åpnet den', { currentVersion });
}

function alreadyRegistered(report: Report): DomainError {
  return new DomainError('INVALID_STATE_TRANSITION', 'Rapporten er allerede registrert', {
    status: report.status,
    journalNumber: report.registration?.journalNumber ?? null,
  });
}

function withoutManagedFields(set: ReportChange['set']): ReportChange['set'] {
  const { id: _id, version: _version, updatedAt: _updatedAt, ...rest } = set as Partial<Report>;
  return rest;
}
