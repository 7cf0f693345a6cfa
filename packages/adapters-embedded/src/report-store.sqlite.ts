import type BetterSqlite3 from 'better-sqlite3';
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
  type StoredLogRow,
  type VerifiedLeafPage,
  applyRegistration,
  fieldChanges,
  redactReportContent,
} from '@mottak/core';
import {
  type ChainedEntry,
  type ChainVerification,
  DISPOSED_TITLE,
  DomainError,
  formatJournalNumber,
  parseJournalNumber,
  type Report,
} from '@mottak/domain';
import type { AccessCondition } from '@mottak/policies';
import { type AccessColumns, accessConditionToSql } from './access-condition.sql';
import { SqliteChainedLog } from './journal-chain.sqlite';
import { SqliteReportOutbox } from './report-outbox.sqlite';
import { REPORT_STORE_MIGRATIONS } from './report-store.schema.sql';
import { GroupCommit } from './group-commit';
import { SqliteSeenBeforeIndex } from './seen-before-index.sqlite';
import { isSqliteConstraintError, migrate, openSqliteDatabase, type SqliteDatabase, StatementCache } from './sqlite-database';

const ACCESS_COLUMNS: AccessColumns = { id: 'id', gradering: 'gradering', compartments: 'compartments', status: 'status' };
/** The report as it is now (`r`) and one of its stored versions (`v`), for version reads. */
const CURRENT_COLUMNS = prefixed('r', ACCESS_COLUMNS);
const VERSION_COLUMNS: AccessColumns = { ...prefixed('v', ACCESS_COLUMNS), id: 'v.report_id' };
const SYSTEM_CLOCK: Clock = { now: () => new Date() };
/** Access conditions per user differ; their compiled statements are cached up to this many. */
const STATEMENT_CACHE_SIZE = 200;

interface ReportRow {
  id: string;
  status: string;
  gradering: string;
  compartments: string;
  content_hash: string;
  received_at: string;
  journal_year: number | null;
  journal_seq: number | null;
  case_id: string | null;
  version: number;
  doc: string;
}

interface RetentionRow {
  id: string;
  journalNumber: string;
  registeredAt: string;
  category: string;
  status: Report['status'];
  gradering: Report['gradering'];
  caseId: string | null;
  disposed: number;
}

export interface SqliteReportStoreOptions {
  /** Time source for the outbox's leases and retries. */
  clock?: Clock;
}

/**
 * ReportStore on SQLite. Every read compiles the caller's AccessCondition into its WHERE clause;
 * every write is one savepoint inside a group-committed `BEGIN IMMEDIATE` transaction (see
 * GroupCommit) holding the state change, its journal entry and
 * its outbox rows, so SQLite's single writer serialises registrations across processes.
 */
/** ReportListQuery order `triage`: suggested priority (unassessed last), then longest waiting. 'P1' < … < 'P4' < 'P5' as text. */
const TRIAGE_ORDER_SQL = "coalesce(json_extract(doc, '$.assessment.priority'), 'P5'), received_at, id";

export class SqliteReportStore implements ReportStore {
  private readonly db: SqliteDatabase;
  private readonly ownsDatabase: boolean;
  private readonly journal: SqliteChainedLog;
  private readonly outbox: SqliteReportOutbox;
  private readonly writes: GroupCommit;
  private readonly seenBefore: SqliteSeenBeforeIndex;
  private readonly statements: StatementCache;
  private readonly selectDoc;
  private readonly insertReport;
  private readonly updateReport;
  private readonly findIdempotency;
  private readonly insertIdempotency;
  private readonly nextSequence;
  private readonly setIndexedAt;
  private readonly staleReceived;
  private readonly insertVersion;
  private readonly selectVersionDocs;
  private readonly redactVersion;

  /** Takes an open database (shared with other adapters; not closed by `close`) or a file path. */
  constructor(database: SqliteDatabase | string, options: SqliteReportStoreOptions = {}) {
    this.ownsDatabase = typeof database === 'string';
    this.db = typeof database === 'string' ? openSqliteDatabase(database) : database;
    this.statements = new StatementCache(this.db, STATEMENT_CACHE_SIZE);
    for (const migration of REPORT_STORE_MIGRATIONS) migrate(this.db, migration.name, migration.statements);
    this.journal = new SqliteChainedLog(this.db, 'journal_entries');
    this.outbox = new SqliteReportOutbox(this.db, options.clock ?? SYSTEM_CLOCK);
    this.writes = new GroupCommit(this.db);
    this.seenBefore = new SqliteSeenBeforeIndex(this.db, (sql) => this.prepareCached(sql));
    this.selectDoc = this.db.prepare<[string], { doc: string }>('SELECT doc FROM reports WHERE id = ?');
    this.insertReport = this.db.prepare<[ReportRow]>(
      `INSERT INTO reports (id, status, gradering, compartments, content_hash, received_at, journal_year, journal_seq, case_id, version, doc)
       VALUES (@id, @status, @gradering, @compartments, @content_hash, @received_at, @journal_year, @journal_seq, @case_id, @version, @doc)`,
    );
    this.updateReport = this.db.prepare<[ReportRow & { expected_version: number }]>(
      `UPDATE reports SET status = @status, gradering = @gradering, compartments = @compartments,
         content_hash = @content_hash, received_at = @received_at, journal_year = @journal_year,
         journal_seq = @journal_seq, case_id = @case_id, version = @version, doc = @doc
       WHERE id = @id AND version = @expected_version`,
    );
    this.findIdempotency = this.db.prepare<[string, string], { request_hash: string; report_id: string }>(
      'SELECT request_hash, report_id FROM idempotency_keys WHERE scope = ? AND key = ?',
    );
    this.insertIdempotency = this.db.prepare<[string, string, string, string]>(
      'INSERT INTO idempotency_keys (scope, key, request_hash, report_id) VALUES (?, ?, ?, ?)',
    );
    this.nextSequence = this.db
      .prepare<[number], number>(
        `INSERT INTO journal_sequences (year, last_seq) VALUES (?, 1)
         ON CONFLICT (year) DO UPDATE SET last_seq = last_seq + 1
         RETURNING last_seq`,
      )
      .pluck();
    this.setIndexedAt = this.db.prepare<[string, string]>(
      `UPDATE reports SET doc = json_set(doc, '$.indexedAt', ?) WHERE id = ?`,
    );
    this.staleReceived = this.db
      .prepare<[string, number], string>(
        `SELECT id FROM reports WHERE status = 'mottatt' AND received_at < ? ORDER BY received_at, id LIMIT ?`,
      )
      .pluck();
    this.insertVersion = this.db.prepare<[ReportRow]>(
      `INSERT OR IGNORE INTO report_versions (report_id, version, status, gradering, compartments, title, updated_at, doc)
       VALUES (@id, @version, @status, @gradering, @compartments, json_extract(@doc, '$.title'), json_extract(@doc, '$.updatedAt'), @doc)`,
    );
    this.selectVersionDocs = this.db.prepare<[string], { version: number; doc: string }>('SELECT version, doc FROM report_versions WHERE report_id = ?');
    this.redactVersion = this.db.prepare<[string, string, string, number]>('UPDATE report_versions SET doc = ?, title = ? WHERE report_id = ? AND version = ?');
  }

  async listRetentionCandidates(access: AccessCondition, query: RetentionCandidateQuery): Promise<RetentionCandidate[]> {
    const where = accessConditionToSql(access, ACCESS_COLUMNS);
    const registeredAt = `json_extract(doc, '$.registration.registeredAt')`;
    const statement = this.prepareCached(
      `SELECT id, json_extract(doc, '$.registration.journalNumber') AS journalNumber, ${registeredAt} AS registeredAt,
              json_extract(doc, '$.registration.category') AS category, status, gradering, case_id AS caseId,
              json_type(doc, '$.disposal') IS NOT NULL AS disposed
         FROM reports
        WHERE journal_year IS NOT NULL AND ${registeredAt} <= ? AND (${registeredAt}, id) > (?, ?) AND ${where.sql}
        ORDER BY ${registeredAt}, id LIMIT ?`,
    );
    const rows = statement.all(query.registeredBefore, query.after?.registeredAt ?? '', query.after?.id ?? '', ...where.params, query.limit) as RetentionRow[];
    return rows.map(({ caseId, disposed, ...row }) => ({ ...row, ...(caseId ? { caseId } : {}), disposed: disposed === 1 }));
  }

  async receive(report: Report, journal: JournalDraft, idempotency?: IdempotencyRecord): Promise<ReceiveOutcome> {
    return this.writes.run((): ReceiveOutcome => {
        if (idempotency) {
          const seen = this.findIdempotency.get(idempotency.scope, idempotency.key);
          if (seen) {
            if (seen.request_hash !== idempotency.requestHash) return { kind: 'idempotency-conflict' };
            return { kind: 'replayed', report: this.requireReport(seen.report_id) };
          }
        }
        this.insertReport.run(toRow(report));
        this.seenBefore.sync(report, true);
        this.appendJournal(report.id, journal);
        if (idempotency) {
          this.insertIdempotency.run(idempotency.scope, idempotency.key, idempotency.requestHash, report.id);
        }
        return { kind: 'created', report };
      });
  }

  async get(id: string, access: AccessCondition): Promise<Report | undefined> {
    const where = accessConditionToSql(access, ACCESS_COLUMNS);
    const row = this.prepareCached(`SELECT doc FROM reports WHERE id = ? AND ${where.sql}`).get(id, ...where.params) as
      | { doc: string }
      | undefined;
    return row ? parseDoc(row.doc) : undefined;
  }

  /** Newest first by received time. An empty `statuses` list means no status filter. */
  async list(access: AccessCondition, query: ReportListQuery): Promise<{ total: number; items: Report[] }> {
    const where = accessConditionToSql(access, ACCESS_COLUMNS);
    let sql = where.sql;
    const params: Array<string | number> = [...where.params];
    if (query.statuses && query.statuses.length > 0) {
      sql += ` AND status IN (${query.statuses.map(() => '?').join(',')})`;
      params.push(...query.statuses);
    }
    if (query.caseId !== undefined) {
      sql += ' AND case_id = ?';
      params.push(query.caseId);
    }
    if (query.withHandoverNotes) sql += " AND json_array_length(doc, '$.handoverNotes') > 0";
    const count = this.prepareCached(`SELECT COUNT(*) AS n FROM reports WHERE ${sql}`);
    const page = this.prepareCached(
      `SELECT doc FROM reports WHERE ${sql} ORDER BY ${query.order === 'triage' ? TRIAGE_ORDER_SQL : 'received_at DESC, id DESC'} LIMIT ? OFFSET ?`,
    );
    // One read transaction: total and page come from the same snapshot.
    return this.db.transaction(() => {
      const total = (count.get(...params) as { n: number }).n;
      const rows = page.all(...params, query.limit, query.offset) as Array<{ doc: string }>;
      return { total, items: rows.map((row) => parseDoc(row.doc)) };
    })();
  }

  async findNearDuplicates(query: NearDuplicateQuery, access: AccessCondition): Promise<NearDuplicateMatch[]> {
    return this.seenBefore.findNearDuplicates(query, access);
  }

  async findEntityOverlaps(query: EntityOverlapQuery, access: AccessCondition): Promise<EntityOverlapCount[]> {
    return this.seenBefore.findEntityOverlaps(query, access);
  }

  async findIdsByContentHash(contentHash: string, excludeId: string, access: AccessCondition): Promise<string[]> {
    const where = accessConditionToSql(access, ACCESS_COLUMNS);
    const statement = this.prepareCached(
      `SELECT id FROM reports WHERE content_hash = ? AND id <> ? AND ${where.sql} ORDER BY received_at, id`,
    );
    return (statement.all(contentHash, excludeId, ...where.params) as Array<{ id: string }>).map((row) => row.id);
  }

  async listVersions(id: string, access: AccessCondition): Promise<ReportVersionSummary[]> {
    const current = accessConditionToSql(access, CURRENT_COLUMNS);
    const version = accessConditionToSql(access, VERSION_COLUMNS);
    return this.prepareCached(
      `SELECT v.version AS version, v.updated_at AS updatedAt, v.status AS status, v.title AS title
         FROM report_versions v JOIN reports r ON r.id = v.report_id
        WHERE v.report_id = ? AND ${current.sql} AND ${version.sql}
       UNION ALL
       SELECT r.version, json_extract(r.doc, '$.updatedAt'), r.status, json_extract(r.doc, '$.title')
         FROM reports r WHERE r.id = ? AND ${current.sql}
       ORDER BY version`,
    ).all(id, ...current.params, ...version.params, id, ...current.params) as ReportVersionSummary[];
  }

  async getVersion(id: string, versionNumber: number, access: AccessCondition): Promise<Report | undefined> {
    const current = accessConditionToSql(access, CURRENT_COLUMNS);
    const version = accessConditionToSql(access, VERSION_COLUMNS);
    const row = this.prepareCached(
      `SELECT v.doc AS doc FROM report_versions v JOIN reports r ON r.id = v.report_id
        WHERE v.report_id = ? AND v.version = ? AND ${current.sql} AND ${version.sql}
       UNION ALL
       SELECT r.doc FROM reports r WHERE r.id = ? AND r.version = ? AND ${current.sql}`,
    ).get(id, versionNumber, ...current.params, ...version.params, id, versionNumber, ...current.params) as { doc: string } | undefined;
    return row ? parseDoc(row.doc) : undefined;
  }

  /** By registration time; the partial expression index on registeredAt serves the window. */
  async listRegistered(access: AccessCondition, query: RegisteredQuery): Promise<Report[]> {
    const where = accessConditionToSql(access, ACCESS_COLUMNS);
    const rows = this.prepareCached(
      `SELECT doc FROM reports
        WHERE journal_year IS NOT NULL
          AND json_extract(doc, '$.registration.registeredAt') >= ? AND json_extract(doc, '$.registration.registeredAt') < ?
          AND ${where.sql}
        ORDER BY journal_year, journal_seq LIMIT ?`,
    ).all(query.from, query.to, ...where.params, query.limit) as Array<{ doc: string }>;
    return rows.map((row) => parseDoc(row.doc));
  }

  async applyChange(change: ReportChange): Promise<Report> {
    return this.writes.run((): Report => {
        const current = this.requireVersion(change.reportId, change.expectedVersion);
        const set = withoutManagedFields(change.set);
        if (set.registration && set.registration.journalNumber !== current.registration?.journalNumber) {
          // Journal numbers come only from register(); anything else could leave a gap or a duplicate.
          throw new DomainError('JOURNAL_NUMBER_CONFLICT', 'Journalnummer kan bare tildeles ved registrering', {
            journalNumber: current.registration?.journalNumber ?? null,
          });
        }
        const next: Report = { ...current, ...set, version: current.version + 1, updatedAt: change.journal.at };
        this.insertVersion.run(toRow(current));
        this.writeUpdate(next, change.expectedVersion);
        const changes = fieldChanges(current, next, Object.keys(set));
        this.appendJournal(next.id, { ...change.journal, details: { ...change.journal.details, version: next.version, changes } });
        if (change.outbox && change.outbox.length > 0) this.outbox.add(next.id, change.outbox);
        return next;
      });
  }

  async register(command: RegistrationCommand): Promise<Report> {
    // Everything below, the sequence bump included, commits or rolls back together: a number is
    // never used up by a registration that failed, so the sequence has no gaps.
    return this.writes.run((): Report => {
        const current = this.requireVersion(command.reportId, command.expectedVersion);
        if (current.registration) {
          throw new DomainError('INVALID_STATE_TRANSITION', 'Rapporten er allerede registrert', {
            currentStatus: current.status,
            journalNumber: current.registration.journalNumber,
          });
        }
        const sequence = this.nextSequence.get(command.year);
        if (sequence === undefined) throw new Error('journal_sequences returned no row');
        const journalNumber = formatJournalNumber({ year: command.year, sequence });
        const { next, journal } = applyRegistration(current, command, journalNumber);
        this.insertVersion.run(toRow(current));
        this.writeUpdate(next, command.expectedVersion);
        this.appendJournal(next.id, journal);
        this.outbox.add(next.id, ['index']);
        return next;
      });
  }

  /** One transaction: the report, every stored version, the journal entry and the outbox entry. */
  async disposeContent(command: DisposalCommand): Promise<Report> {
    return this.writes.run((): Report => {
      const current = this.requireVersion(command.reportId, command.expectedVersion);
      if (current.disposal) {
        throw new DomainError('INVALID_STATE_TRANSITION', 'Rapporten er allerede kassert', { disposedAt: current.disposal.disposedAt });
      }
      for (const row of this.selectVersionDocs.all(current.id)) {
        this.redactVersion.run(JSON.stringify(redactReportContent(parseDoc(row.doc))), DISPOSED_TITLE, current.id, row.version);
      }
      const redacted = redactReportContent(current);
      this.insertVersion.run(toRow(redacted));
      const next: Report = { ...redacted, status: command.status, disposal: command.disposal, version: current.version + 1, updatedAt: command.journal.at };
      this.writeUpdate(next, command.expectedVersion);
      // Only the status is logged as a change: the journal must not receive the text it removes.
      const changes = fieldChanges(current, next, ['status']);
      this.appendJournal(next.id, { ...command.journal, details: { ...command.journal.details, version: next.version, changes } });
      this.outbox.add(next.id, ['index']);
      return next;
    });
  }

  async markIndexed(reportId: string, at: string): Promise<void> {
    await this.writes.run(() => this.setIndexedAt.run(at, reportId));
  }

  async findStaleReceived(receivedBefore: string, limit: number): Promise<string[]> {
    return this.staleReceived.all(receivedBefore, limit);
  }

  async claimOutbox(limit: number, leaseMs: number): Promise<OutboxEntry[]> {
    return this.outbox.claim(limit, leaseMs);
  }

  async completeOutbox(ids: number[]): Promise<void> {
    this.outbox.complete(ids);
  }

  async failOutbox(id: number, error: string, retryAfterMs: number): Promise<void> {
    this.outbox.retryLater(id, error, retryAfterMs);
  }

  async pendingOutboxCount(): Promise<number> {
    return this.outbox.pendingCount();
  }

  async journalFor(reportId: string): Promise<ChainedEntry[]> {
    return this.journal.list({ subjectId: reportId });
  }

  async listJournal(query: { afterSeq?: number; limit: number }): Promise<ChainedEntry[]> {
    return this.journal.list(query);
  }

  verifiedJournalLeafPages(): AsyncIterable<VerifiedLeafPage> {
    return this.journal.verifiedPages() ?? (async function* none(): AsyncGenerator<VerifiedLeafPage> {})();
  }

  async listStoredJournalRows(afterSeq: number, limit: number): Promise<StoredLogRow[]> {
    return this.journal.listStoredRows(afterSeq, limit);
  }

  async verifyJournal(): Promise<ChainVerification> {
    return this.journal.verify();
  }

  /** Closes the database if this store opened it. */
  async close(): Promise<void> {
    this.statements.clear();
    if (this.ownsDatabase && this.db.open) this.db.close();
  }

  private appendJournal(reportId: string, draft: JournalDraft): ChainedEntry {
    return this.journal.append({ ...draft, subjectId: reportId });
  }

  private requireReport(id: string): Report {
    const row = this.selectDoc.get(id);
    if (!row) throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
    return parseDoc(row.doc);
  }

  /** The stored report if its version is `expected`; REPORT_NOT_FOUND or VERSION_CONFLICT otherwise. */
  private requireVersion(id: string, expected: number): Report {
    const current = this.requireReport(id);
    if (current.version !== expected) {
      throw new DomainError('VERSION_CONFLICT', 'Rapporten er endret siden du åpnet den', {
        currentVersion: current.version,
      });
    }
    return current;
  }

  private writeUpdate(next: Report, expectedVersion: number): void {
    let changed: number;
    try {
      changed = this.updateReport.run({ ...toRow(next), expected_version: expectedVersion }).changes;
    } catch (error) {
      if (isSqliteConstraintError(error, 'SQLITE_CONSTRAINT_UNIQUE', 'reports.journal_year')) {
        throw new DomainError('JOURNAL_NUMBER_CONFLICT', 'Journalnummeret er allerede i bruk', {
          journalNumber: next.registration?.journalNumber ?? null,
        });
      }
      throw error;
    }
    // Checked under the write lock already; this guards the guard.
    if (changed !== 1) {
      throw new DomainError('VERSION_CONFLICT', 'Rapporten er endret siden du åpnet den', { currentVersion: null });
    }
    // Every change of a stored report passes here: its seen-before keys follow in the same transaction.
    this.seenBefore.sync(next);
  }

  private prepareCached(sql: string): BetterSqlite3.Statement<unknown[]> {
    return this.statements.prepare(sql);
  }
}

/** Opens (or creates) a SQLite file and returns a report store that owns it. */
export function createSqliteReportStore(filePath: string, options: SqliteReportStoreOptions = {}): SqliteReportStore {
  return new SqliteReportStore(filePath, options);
}

function toRow(report: Report): ReportRow {
  const journalNumber = report.registration ? parseJournalNumber(report.registration.journalNumber) : undefined;
  return {
    id: report.id,
    status: report.status,
    gradering: report.gradering,
    compartments: JSON.stringify(report.compartments),
    content_hash: report.contentHash,
    received_at: report.receivedAt,
    journal_year: journalNumber?.year ?? null,
    journal_seq: journalNumber?.sequence ?? null,
    case_id: report.caseId ?? null,
    version: report.version,
    doc: JSON.stringify(report),
  };
}

function parseDoc(doc: string): Report {
  return JSON.parse(doc) as Report;
}

function withoutManagedFields(set: ReportChange['set']): ReportChange['set'] {
  const { id: _id, version: _version, updatedAt: _updatedAt, ...rest } = set as Partial<Report>;
  return rest;
}

/** Access columns qualified by a table alias. */
function prefixed(alias: string, columns: AccessColumns): AccessColumns {
  return Object.fromEntries(Object.entries(columns).map(([field, column]) => [field, `${alias}.${column}`])) as AccessColumns;
}
