import type { ApprovalDecision, ApprovalListQuery, ApprovalStore } from '@mottak/core';
import { type ApprovalRequest, DomainError } from '@mottak/domain';
import { migrate, openSqliteDatabase, type SqliteDatabase } from './sqlite-database';

const APPROVAL_STORE_MIGRATIONS: ReadonlyArray<{ name: string; statements: string[] }> = [
  {
    name: 'approval-store/001-initial',
    statements: [
      // The request as JSON, plus the columns queries filter on. Rows are never deleted.
      `CREATE TABLE approvals (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        report_id TEXT NOT NULL,
        requested_by TEXT NOT NULL,
        requested_at TEXT NOT NULL,
        status TEXT NOT NULL,
        grantee TEXT,
        expires_at TEXT,
        request TEXT NOT NULL CHECK (json_valid(request))
      )`,
      'CREATE INDEX approvals_status ON approvals (status, requested_at)',
      'CREATE INDEX approvals_grants ON approvals (grantee, kind, status, expires_at)',
      'CREATE INDEX approvals_report ON approvals (report_id)',
    ],
  },
];

interface ApprovalRow {
  request: string;
}

/** ApprovalStore on SQLite; a decision is a conditional UPDATE, so only the first of two racing approvers wins. */
export class SqliteApprovalStore implements ApprovalStore {
  private readonly db: SqliteDatabase;
  private readonly ownsDatabase: boolean;

  /** Takes an open database (shared with other adapters; not closed by `close`) or a file path. */
  constructor(database: SqliteDatabase | string) {
    this.ownsDatabase = typeof database === 'string';
    this.db = typeof database === 'string' ? openSqliteDatabase(database) : database;
    for (const migration of APPROVAL_STORE_MIGRATIONS) migrate(this.db, migration.name, migration.statements);
  }

  async create(request: ApprovalRequest): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO approvals (id, kind, report_id, requested_by, requested_at, status, grantee, expires_at, request)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        request.id,
        request.kind,
        request.reportId,
        request.requestedBy,
        request.requestedAt,
        request.status,
        request.grantee ?? null,
        request.expiresAt ?? null,
        JSON.stringify(request),
      );
  }

  async get(id: string): Promise<ApprovalRequest | undefined> {
    const row = this.db.prepare<[string], ApprovalRow>('SELECT request FROM approvals WHERE id = ?').get(id);
    return row ? (JSON.parse(row.request) as ApprovalRequest) : undefined;
  }

  async list(query: ApprovalListQuery): Promise<ApprovalRequest[]> {
    // Column names come from this fixed list; values are always bound parameters.
    const filters: Array<[string, string | undefined]> = [
      ['status', query.status],
      ['kind', query.kind],
      ['requested_by', query.requestedBy],
      ['report_id', query.reportId],
    ];
    const used = filters.filter((f): f is [string, string] => f[1] !== undefined);
    const where = used.map(([column]) => `${column} = ?`);
    const params: Array<string | number> = used.map(([, value]) => value);
    const sql = `SELECT request FROM approvals ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
                 ORDER BY requested_at DESC, id DESC LIMIT ?`;
    return this.db
      .prepare<Array<string | number>, ApprovalRow>(sql)
      .all(...params, query.limit)
      .map((row) => JSON.parse(row.request) as ApprovalRequest);
  }

  async decide(id: string, decision: ApprovalDecision): Promise<ApprovalRequest> {
    const apply = this.db.transaction((): ApprovalRequest => {
      const row = this.db.prepare<[string], ApprovalRow & { status: string }>('SELECT request, status FROM approvals WHERE id = ?').get(id);
      if (!row) throw new DomainError('NOT_FOUND', 'Forespørselen finnes ikke');
      if (row.status !== 'venter') throw new DomainError('APPROVAL_ALREADY_DECIDED', 'Forespørselen er allerede avgjort', { status: row.status });
      const decided: ApprovalRequest = { ...(JSON.parse(row.request) as ApprovalRequest), ...withoutUndefined(decision) };
      this.db
        .prepare("UPDATE approvals SET status = ?, expires_at = ?, request = ? WHERE id = ? AND status = 'venter'")
        .run(decided.status, decided.expiresAt ?? null, JSON.stringify(decided), id);
      return decided;
    });
    return apply.immediate();
  }

  async activeGrantReportIds(grantee: string, now: string): Promise<string[]> {
    return this.db
      .prepare<[string, string], { report_id: string }>(
        `SELECT DISTINCT report_id FROM approvals
         WHERE grantee = ? AND kind = 'tilgang' AND status = 'godkjent' AND expires_at > ?`,
      )
      .all(grantee, now)
      .map((row) => row.report_id);
  }

  async close(): Promise<void> {
    if (this.ownsDatabase) this.db.close();
  }
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Opens (and migrates) the approval store in `database`. */
export function createSqliteApprovalStore(database: SqliteDatabase | string): SqliteApprovalStore {
  return new SqliteApprovalStore(database);
}
