import type { CaseStatusCommand, CaseStore, NewCaseCommand } from '@mottak/core';
import { type Case, type CaseStatus, DomainError, formatCaseNumber } from '@mottak/domain';
import { migrate, openSqliteDatabase, type SqliteDatabase } from './sqlite-database';

const CASE_STORE_MIGRATIONS: ReadonlyArray<{ name: string; statements: string[] }> = [
  {
    name: 'case-store/001-initial',
    statements: [
      `CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        case_year INTEGER NOT NULL,
        case_seq INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        created_at TEXT NOT NULL,
        version INTEGER NOT NULL,
        doc TEXT NOT NULL,
        UNIQUE (case_year, case_seq)
      )`,
      'CREATE INDEX cases_created ON cases (created_at DESC, id DESC)',
      `CREATE TABLE case_sequences (
        year INTEGER PRIMARY KEY,
        last_seq INTEGER NOT NULL
      )`,
    ],
  },
];

/**
 * CaseStore on SQLite. A case and the bump of its year's sequence commit in one `BEGIN IMMEDIATE`
 * transaction, so a number is never used up by a case that was not stored: case numbers are
 * gap-free per year across processes and restarts, like journal numbers.
 */
export class SqliteCaseStore implements CaseStore {
  private readonly db: SqliteDatabase;
  private readonly ownsDatabase: boolean;
  private readonly nextSequence;
  private readonly insert;
  private readonly update;
  private readonly selectDoc;

  /** Takes an open database (not closed by `close`) or a file path. */
  constructor(database: SqliteDatabase | string) {
    this.ownsDatabase = typeof database === 'string';
    this.db = typeof database === 'string' ? openSqliteDatabase(database) : database;
    for (const migration of CASE_STORE_MIGRATIONS) migrate(this.db, migration.name, migration.statements);
    this.nextSequence = this.db
      .prepare<[number], number>(
        `INSERT INTO case_sequences (year, last_seq) VALUES (?, 1)
         ON CONFLICT (year) DO UPDATE SET last_seq = last_seq + 1
         RETURNING last_seq`,
      )
      .pluck();
    this.insert = this.db.prepare<[{ id: string; year: number; seq: number; status: string; created_at: string; version: number; doc: string }]>(
      `INSERT INTO cases (id, case_year, case_seq, status, created_at, version, doc)
       VALUES (@id, @year, @seq, @status, @created_at, @version, @doc)`,
    );
    this.update = this.db.prepare<[{ id: string; status: string; version: number; expected: number; doc: string }]>(
      'UPDATE cases SET status = @status, version = @version, doc = @doc WHERE id = @id AND version = @expected',
    );
    this.selectDoc = this.db.prepare<[string], { doc: string }>('SELECT doc FROM cases WHERE id = ?');
  }

  async create(command: NewCaseCommand): Promise<Case> {
    return this.db
      .transaction((): Case => {
        const sequence = this.nextSequence.get(command.year);
        if (sequence === undefined) throw new Error('case_sequences returned no row');
        const created: Case = {
          id: command.id,
          caseNumber: formatCaseNumber(command.year, sequence),
          title: command.title,
          status: 'open',
          createdAt: command.event.at,
          createdBy: command.event.actor,
          updatedAt: command.event.at,
          version: 1,
          history: [command.event],
        };
        this.insert.run({ id: created.id, year: command.year, seq: sequence, status: created.status, created_at: created.createdAt, version: 1, doc: JSON.stringify(created) });
        return created;
      })
      .immediate();
  }

  async get(id: string): Promise<Case | undefined> {
    const row = this.selectDoc.get(id);
    return row ? (JSON.parse(row.doc) as Case) : undefined;
  }

  async list(query: { status?: CaseStatus; limit: number; offset: number }): Promise<{ total: number; items: Case[] }> {
    const where = query.status ? 'WHERE status = ?' : '';
    const params = query.status ? [query.status] : [];
    return this.db.transaction(() => {
      const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM cases ${where}`).get(...params) as { n: number }).n;
      const rows = this.db
        .prepare(`SELECT doc FROM cases ${where} ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`)
        .all(...params, query.limit, query.offset) as Array<{ doc: string }>;
      return { total, items: rows.map((row) => JSON.parse(row.doc) as Case) };
    })();
  }

  async setStatus(command: CaseStatusCommand): Promise<Case> {
    return this.db
      .transaction((): Case => {
        const row = this.selectDoc.get(command.id);
        if (!row) throw new DomainError('NOT_FOUND', 'Saken finnes ikke');
        const current = JSON.parse(row.doc) as Case;
        if (current.version !== command.expectedVersion) {
          throw new DomainError('VERSION_CONFLICT', 'Saken er endret siden du åpnet den', { currentVersion: current.version });
        }
        const next: Case = {
          ...current,
          status: command.status,
          updatedAt: command.event.at,
          version: current.version + 1,
          history: [...current.history, command.event],
        };
        this.update.run({ id: next.id, status: next.status, version: next.version, expected: current.version, doc: JSON.stringify(next) });
        return next;
      })
      .immediate();
  }

  /** Closes the database if this store opened it. */
  async close(): Promise<void> {
    if (this.ownsDatabase && this.db.open) this.db.close();
  }
}

/** Opens (or creates) a SQLite file and returns a case store that owns it. */
export function createSqliteCaseStore(filePath: string): SqliteCaseStore {
  return new SqliteCaseStore(filePath);
}
