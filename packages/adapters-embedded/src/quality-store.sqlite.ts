import type { DqEvaluation, DqFindingQuery, DqFindingRow, DqRun, QualityStore, ReportPageQuery, StoredDqResult } from '@mottak/core';
import type { Report } from '@mottak/domain';
import type { AccessCondition } from '@mottak/policies';
import { type AccessColumns, accessConditionToSql } from './access-condition.sql';
import { migrate, openSqliteDatabase, type SqliteDatabase } from './sqlite-database';

/** The report store's columns (table alias `r`); the quality store reads the same `reports` table. */
const REPORT_COLUMNS: AccessColumns = { id: 'r.id', gradering: 'r.gradering', compartments: 'r.compartments', status: 'r.status' };

const QUALITY_MIGRATIONS: ReadonlyArray<{ name: string; statements: string[] }> = [
  {
    name: 'quality-store/001-initial',
    statements: [
      `CREATE TABLE dq_runs (
        id TEXT PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT NOT NULL,
        doc TEXT NOT NULL
      )`,
      'CREATE INDEX dq_runs_finished ON dq_runs (finished_at)',
      // One row per report: its latest evaluation. Findings beside it, for filtering.
      `CREATE TABLE dq_results (
        report_id TEXT PRIMARY KEY,
        run_id TEXT NOT NULL,
        evaluated_at TEXT NOT NULL,
        score INTEGER NOT NULL
      )`,
      `CREATE TABLE dq_findings (
        report_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        rule_id TEXT NOT NULL,
        dimension TEXT NOT NULL,
        severity TEXT NOT NULL,
        message TEXT NOT NULL,
        PRIMARY KEY (report_id, position)
      )`,
      'CREATE INDEX dq_findings_rule ON dq_findings (rule_id, severity)',
    ],
  },
];

interface FindingRow {
  report_id: string;
  rule_id: string;
  dimension: string;
  severity: string;
  message: string;
  evaluated_at: string;
  doc_journal: string | null;
}

/**
 * QualityStore on SQLite, in the same file as the report store (it reads `reports` for batch runs
 * and joins it for access to findings). Open it after the report store, which creates that table.
 */
export class SqliteQualityStore implements QualityStore {
  private readonly db: SqliteDatabase;
  private readonly ownsDatabase: boolean;
  private readonly statements;

  /** Takes an open database (shared with other adapters; not closed by `close`) or a file path. */
  constructor(database: SqliteDatabase | string) {
    this.ownsDatabase = typeof database === 'string';
    this.db = typeof database === 'string' ? openSqliteDatabase(database) : database;
    for (const migration of QUALITY_MIGRATIONS) migrate(this.db, migration.name, migration.statements);
    this.statements = {
      upsertResult: this.db.prepare<[string, string, string, number]>(
        `INSERT INTO dq_results (report_id, run_id, evaluated_at, score) VALUES (?, ?, ?, ?)
         ON CONFLICT (report_id) DO UPDATE SET run_id = excluded.run_id, evaluated_at = excluded.evaluated_at, score = excluded.score`,
      ),
      deleteFindings: this.db.prepare<[string]>('DELETE FROM dq_findings WHERE report_id = ?'),
      insertFinding: this.db.prepare<[string, number, string, string, string, string]>(
        'INSERT INTO dq_findings (report_id, position, rule_id, dimension, severity, message) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insertRun: this.db.prepare<[string, string, string, string]>('INSERT INTO dq_runs (id, started_at, finished_at, doc) VALUES (?, ?, ?, ?)'),
      latestRun: this.db.prepare<[], { doc: string }>('SELECT doc FROM dq_runs ORDER BY finished_at DESC, rowid DESC LIMIT 1'),
    };
  }

  async reportPage(access: AccessCondition, query: ReportPageQuery): Promise<Report[]> {
    const where = accessConditionToSql(access, REPORT_COLUMNS);
    let sql = `SELECT r.doc AS doc FROM reports r WHERE ${where.sql}`;
    const params: Array<string | number> = [...where.params];
    if (query.statuses && query.statuses.length > 0) {
      sql += ` AND r.status IN (${query.statuses.map(() => '?').join(',')})`;
      params.push(...query.statuses);
    }
    if (query.afterId !== undefined) {
      sql += ' AND r.id > ?';
      params.push(query.afterId);
    }
    if (query.receivedFrom !== undefined) {
      sql += ' AND r.received_at >= ?';
      params.push(query.receivedFrom);
    }
    if (query.receivedBefore !== undefined) {
      sql += ' AND r.received_at < ?';
      params.push(query.receivedBefore);
    }
    sql += ' ORDER BY r.id LIMIT ?';
    params.push(query.limit);
    const rows = this.db.prepare<unknown[], { doc: string }>(sql).all(...params);
    return rows.map((row) => JSON.parse(row.doc) as Report);
  }

  async saveEvaluations(runId: string, evaluatedAt: string, items: Array<{ reportId: string; evaluation: DqEvaluation }>): Promise<void> {
    const s = this.statements;
    this.db.transaction(() => {
      for (const { reportId, evaluation } of items) {
        s.upsertResult.run(reportId, runId, evaluatedAt, evaluation.score);
        s.deleteFindings.run(reportId);
        evaluation.findings.forEach((f, i) => s.insertFinding.run(reportId, i, f.ruleId, f.dimension, f.severity, f.message));
      }
    }).immediate();
  }

  async saveRun(run: DqRun): Promise<void> {
    this.statements.insertRun.run(run.id, run.startedAt, run.finishedAt, JSON.stringify(run));
  }

  async latestRun(): Promise<DqRun | undefined> {
    const row = this.statements.latestRun.get();
    return row ? (JSON.parse(row.doc) as DqRun) : undefined;
  }

  async findings(access: AccessCondition, query: DqFindingQuery): Promise<{ total: number; items: DqFindingRow[] }> {
    const where = accessConditionToSql(access, REPORT_COLUMNS);
    let sql = `FROM dq_findings f JOIN dq_results d ON d.report_id = f.report_id JOIN reports r ON r.id = f.report_id WHERE ${where.sql}`;
    const params: Array<string | number> = [...where.params];
    for (const [column, value] of [
      ['f.rule_id', query.ruleId],
      ['f.severity', query.severity],
      ['f.dimension', query.dimension],
    ] as const) {
      if (value === undefined) continue;
      sql += ` AND ${column} = ?`;
      params.push(value);
    }
    return this.db.transaction(() => {
      const total = (this.db.prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n ${sql}`).get(...params) ?? { n: 0 }).n;
      const rows = this.db
        .prepare<unknown[], FindingRow>(
          `SELECT f.report_id, f.rule_id, f.dimension, f.severity, f.message, d.evaluated_at,
             json_extract(r.doc, '$.registration.journalNumber') AS doc_journal
           ${sql} ORDER BY d.evaluated_at DESC, f.report_id, f.position LIMIT ? OFFSET ?`,
        )
        .all(...params, query.limit, query.offset);
      return { total, items: rows.map(toFindingRow) };
    })();
  }

  async resultFor(reportId: string, access: AccessCondition): Promise<StoredDqResult | undefined> {
    const where = accessConditionToSql(access, REPORT_COLUMNS);
    const result = this.db
      .prepare<unknown[], { run_id: string; evaluated_at: string; score: number }>(
        `SELECT d.run_id, d.evaluated_at, d.score FROM dq_results d JOIN reports r ON r.id = d.report_id WHERE d.report_id = ? AND ${where.sql}`,
      )
      .get(reportId, ...where.params);
    if (!result) return undefined;
    const findings = this.db
      .prepare<[string], Omit<FindingRow, 'evaluated_at' | 'doc_journal'>>(
        'SELECT report_id, rule_id, dimension, severity, message FROM dq_findings WHERE report_id = ? ORDER BY position',
      )
      .all(reportId)
      .map((f) => ({ ruleId: f.rule_id, dimension: f.dimension, severity: f.severity, message: f.message }) as DqFindingRow);
    return {
      reportId,
      runId: result.run_id,
      evaluatedAt: result.evaluated_at,
      score: result.score,
      findings: findings.map(({ ruleId, dimension, severity, message }) => ({ ruleId, dimension, severity, message })),
    };
  }

  async close(): Promise<void> {
    if (this.ownsDatabase && this.db.open) this.db.close();
  }
}

function toFindingRow(row: FindingRow): DqFindingRow {
  return {
    reportId: row.report_id,
    ...(row.doc_journal ? { journalNumber: row.doc_journal } : {}),
    ruleId: row.rule_id,
    dimension: row.dimension as DqFindingRow['dimension'],
    severity: row.severity as DqFindingRow['severity'],
    message: row.message,
    evaluatedAt: row.evaluated_at,
  };
}

/** Opens (or creates) the SQLite file of the report store and returns a quality store that owns its connection. */
export function createSqliteQualityStore(filePath: string): SqliteQualityStore {
  return new SqliteQualityStore(filePath);
}
