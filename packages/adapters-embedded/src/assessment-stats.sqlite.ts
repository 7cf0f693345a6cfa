import type BetterSqlite3 from 'better-sqlite3';
import type { AssessmentStatsStore, RuleOverrideCounts, RuleOverrideQuery, SourceHistory, SourceHistoryQuery } from '@mottak/core';
import { CONFIRMED_CREDIBILITIES } from '@mottak/domain';
import type { AccessCondition } from '@mottak/policies';
import { type AccessColumns, accessConditionToSql } from './access-condition.sql';
import { migrate, openSqliteDatabase, type SqliteDatabase, StatementCache } from './sqlite-database';

/** The report store's columns (table alias `r`); this store reads the same `reports` table. */
const REPORT_COLUMNS: AccessColumns = { id: 'r.id', gradering: 'r.gradering', compartments: 'r.compartments', status: 'r.status' };
/** Access conditions per user differ; their compiled statements are cached up to this many. */
const STATEMENT_CACHE_SIZE = 100;

/**
 * `report_source_keys` indexes each report's assessment.sourceKeys (a JSON array inside `doc`,
 * which SQLite cannot index directly). Triggers keep it in step inside the very transaction that
 * writes the report, whichever code writes it, and the migration fills it for reports stored before.
 */
const ASSESSMENT_STATS_MIGRATIONS: ReadonlyArray<{ name: string; statements: string[] }> = [
  {
    name: 'assessment-stats/001-source-keys',
    statements: [
      `CREATE TABLE report_source_keys (
        source_key TEXT NOT NULL,
        report_id TEXT NOT NULL REFERENCES reports (id),
        PRIMARY KEY (source_key, report_id)
      ) WITHOUT ROWID`,
      'CREATE INDEX report_source_keys_report ON report_source_keys (report_id)',
      `CREATE TRIGGER report_source_keys_on_insert AFTER INSERT ON reports BEGIN
        INSERT OR IGNORE INTO report_source_keys (source_key, report_id)
          SELECT value, NEW.id FROM json_each(NEW.doc, '$.assessment.sourceKeys');
      END`,
      // Only when the keys changed: most updates (indexedAt, status) leave them alone.
      `CREATE TRIGGER report_source_keys_on_update AFTER UPDATE OF doc ON reports
        WHEN json_extract(OLD.doc, '$.assessment.sourceKeys') IS NOT json_extract(NEW.doc, '$.assessment.sourceKeys') BEGIN
        DELETE FROM report_source_keys WHERE report_id = NEW.id;
        INSERT OR IGNORE INTO report_source_keys (source_key, report_id)
          SELECT value, NEW.id FROM json_each(NEW.doc, '$.assessment.sourceKeys');
      END`,
      `INSERT OR IGNORE INTO report_source_keys (source_key, report_id)
         SELECT j.value, r.id FROM reports r, json_each(r.doc, '$.assessment.sourceKeys') j`,
    ],
  },
];

const REGISTERED_AT = `json_extract(r.doc, '$.registration.registeredAt')`;
/** 1 when the rule in `f` gave the suggested priority and the coordinator registered another, else 0. */
const PRIORITY_OVERRIDDEN = `IFNULL(json_extract(f.value, '$.priority') = json_extract(w.doc, '$.assessment.priority')
  AND json_extract(w.doc, '$.registration.priorityOverridden') = 1, 0)`;
const CATEGORY_OVERRIDDEN = `IFNULL(json_extract(f.value, '$.category') = json_extract(w.doc, '$.assessment.category')
  AND json_extract(w.doc, '$.registration.categoryOverridden') = 1, 0)`;

/**
 * AssessmentStatsStore on SQLite, in the same file as the report store (open it after the report
 * store, which creates `reports`). A source's history is found through `report_source_keys`; the
 * override counts through the partial index on registration time. Access is part of every query.
 */
export class SqliteAssessmentStatsStore implements AssessmentStatsStore {
  private readonly db: SqliteDatabase;
  private readonly ownsDatabase: boolean;
  private readonly statements: StatementCache;

  /** Takes an open database (shared with other adapters; not closed by `close`) or a file path. */
  constructor(database: SqliteDatabase | string) {
    this.ownsDatabase = typeof database === 'string';
    this.db = typeof database === 'string' ? openSqliteDatabase(database) : database;
    this.statements = new StatementCache(this.db, STATEMENT_CACHE_SIZE);
    for (const migration of ASSESSMENT_STATS_MIGRATIONS) migrate(this.db, migration.name, migration.statements);
  }

  async sourceHistory(query: SourceHistoryQuery, access: AccessCondition): Promise<SourceHistory> {
    if (query.sourceKeys.length === 0) return { earlier: 0, graded: 0, confirmed: 0 };
    const where = accessConditionToSql(access, REPORT_COLUMNS);
    const row = this.prepareCached(sourceHistorySql(query.sourceKeys.length, where.sql)).get(
      ...CONFIRMED_CREDIBILITIES,
      ...query.sourceKeys,
      query.reportId,
      query.receivedBefore,
      ...where.params,
    ) as SourceHistory;
    return { earlier: row.earlier, graded: row.graded, confirmed: row.confirmed };
  }

  async ruleOverrides(query: RuleOverrideQuery, access: AccessCondition): Promise<RuleOverrideCounts> {
    const where = accessConditionToSql(access, REPORT_COLUMNS);
    const params = [query.from, query.to, ...where.params];
    const sql = ruleOverridesSql(where.sql);
    // One read transaction: the totals and the rows come from the same snapshot.
    return this.db.transaction((): RuleOverrideCounts => {
      const totals = this.prepareCached(sql.totals).get(...params) as { registered: number; overriddenReports: number };
      const rules = this.prepareCached(sql.rules).all(...params) as RuleOverrideCounts['rules'];
      return { registered: totals.registered, overriddenReports: totals.overriddenReports, rules: rules.map((row) => ({ ...row })) };
    })();
  }

  /** The query plans of both queries (for everything), so a test can check that they use their indexes. */
  explainQueryPlans(): { sourceHistory: string; ruleOverrides: string } {
    const plan = (sql: string, params: unknown[]) =>
      (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as Array<{ detail: string }>).map((r) => r.detail).join('\n');
    return {
      sourceHistory: plan(sourceHistorySql(2, '1'), [...CONFIRMED_CREDIBILITIES, 'k1', 'k2', 'id', '2026']),
      ruleOverrides: plan(ruleOverridesSql('1').rules, ['2026-01-01', '2027-01-01']),
    };
  }

  /** Closes the database if this store opened it. */
  async close(): Promise<void> {
    this.statements.clear();
    if (this.ownsDatabase && this.db.open) this.db.close();
  }

  private prepareCached(sql: string): BetterSqlite3.Statement<unknown[]> {
    return this.statements.prepare(sql);
  }
}

/** Counts of a source's earlier reports; parameters: confirmed credibilities, keys, report id, receivedBefore, access. */
function sourceHistorySql(keyCount: number, accessSql: string): string {
  const credibility = `json_extract(r.doc, '$.sourceGrading.credibility')`;
  return `SELECT COUNT(*) AS earlier,
                 COUNT(${credibility}) AS graded,
                 IFNULL(SUM(${credibility} IN (${CONFIRMED_CREDIBILITIES.map(() => '?').join(',')})), 0) AS confirmed
            FROM reports r
           WHERE r.id IN (SELECT report_id FROM report_source_keys WHERE source_key IN (${Array.from({ length: keyCount }, () => '?').join(',')}))
             AND r.id <> ? AND r.received_at < ? AND ${accessSql}`;
}

/** Totals and per-rule counts over registrations in [from, to); parameters: from, to, access. */
function ruleOverridesSql(accessSql: string): { totals: string; rules: string } {
  const window = `WITH w AS (
      SELECT r.doc AS doc FROM reports r
       WHERE r.journal_year IS NOT NULL AND ${REGISTERED_AT} >= ? AND ${REGISTERED_AT} < ? AND ${accessSql}
    )`;
  return {
    totals: `${window}
      SELECT COUNT(*) AS registered,
             IFNULL(SUM(json_extract(w.doc, '$.registration.priorityOverridden') = 1 OR json_extract(w.doc, '$.registration.categoryOverridden') = 1), 0) AS overriddenReports
        FROM w`,
    rules: `${window}
      SELECT json_extract(f.value, '$.ruleId') AS ruleId,
             COUNT(*) AS fired,
             SUM(${PRIORITY_OVERRIDDEN} OR ${CATEGORY_OVERRIDDEN}) AS overridden,
             SUM(${PRIORITY_OVERRIDDEN}) AS priorityOverridden,
             SUM(${CATEGORY_OVERRIDDEN}) AS categoryOverridden
        FROM w, json_each(w.doc, '$.assessment.firedRules') f
       GROUP BY 1 ORDER BY 1`,
  };
}

/** Opens (or creates) a SQLite file and returns an assessment-stats store that owns it. */
export function createSqliteAssessmentStatsStore(filePath: string): SqliteAssessmentStatsStore {
  return new SqliteAssessmentStatsStore(filePath);
}
