import { type AuditLog, type AuditQuery, SHOWN_REPORT_ID_FIELDS, type StoredLogRow, type VerifiedLeafPage } from '@mottak/core';
import type { ChainedEntry, ChainedEntryInput, ChainVerification } from '@mottak/domain';
import { chainedTableStatements, SqliteChainedLog } from './journal-chain.sqlite';
import { GroupCommit } from './group-commit';
import { migrate, openSqliteDatabase, type SqliteDatabase } from './sqlite-database';

const AUDIT_LOG_MIGRATIONS: ReadonlyArray<{ name: string; statements: string[] }> = [
  {
    name: 'audit-log/001-initial',
    statements: [
      ...chainedTableStatements('audit_entries'),
      // Auditors ask "what did this person do" and "what happened to this report".
      'CREATE INDEX audit_entries_actor ON audit_entries (actor, seq)',
      'CREATE INDEX audit_entries_action ON audit_entries (action, seq)',
    ],
  },
  {
    // "Who saw report X" must find the searches and lists that showed it, not only direct reads:
    // an index of the report ids each entry lists as shown, backfilled from the entries so far.
    name: 'audit-log/002-mentions',
    statements: [
      'CREATE TABLE audit_mentions (report_id TEXT NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (report_id, seq)) WITHOUT ROWID',
      ...SHOWN_REPORT_ID_FIELDS.map(
        (field) => `INSERT OR IGNORE INTO audit_mentions (report_id, seq)
          SELECT shown.value, entry.seq FROM (SELECT seq, details FROM audit_entries WHERE json_valid(details)) AS entry, json_each(entry.details, '$.${field}') AS shown
          WHERE shown.type = 'text'`,
      ),
    ],
  },
];

/**
 * AuditLog on SQLite: the same hash-chain scheme as the report journal, in its own table. Each
 * append is a savepoint in a group-committed `BEGIN IMMEDIATE` transaction (GroupCommit), so concurrent
 * appends from several processes still
 * form one unbroken chain.
 */
export class SqliteAuditLog implements AuditLog {
  private readonly db: SqliteDatabase;
  private readonly ownsDatabase: boolean;
  private readonly log: SqliteChainedLog;
  private readonly writes: GroupCommit;

  /** Takes an open database (shared with other adapters; not closed by `close`) or a file path. */
  constructor(database: SqliteDatabase | string) {
    this.ownsDatabase = typeof database === 'string';
    this.db = typeof database === 'string' ? openSqliteDatabase(database) : database;
    for (const migration of AUDIT_LOG_MIGRATIONS) migrate(this.db, migration.name, migration.statements);
    this.log = new SqliteChainedLog(this.db, 'audit_entries', 'audit_mentions');
    this.writes = new GroupCommit(this.db);
  }

  async append(entry: ChainedEntryInput): Promise<ChainedEntry> {
    return this.writes.run(() => this.log.append(entry));
  }

  /** Entries matching every given filter, in sequence order (page with `afterSeq`). */
  async list(query: AuditQuery): Promise<ChainedEntry[]> {
    return this.log.list(query);
  }

  async listStoredRows(afterSeq: number, limit: number): Promise<StoredLogRow[]> {
    return this.log.listStoredRows(afterSeq, limit);
  }

  verifiedLeafPages(): AsyncIterable<VerifiedLeafPage> {
    return this.log.verifiedPages() ?? emptyPages();
  }

  async verify(): Promise<ChainVerification> {
    return this.log.verify();
  }

  /** Closes the database if this log opened it. */
  async close(): Promise<void> {
    if (this.ownsDatabase && this.db.open) this.db.close();
  }
}

/** Opens (or creates) a SQLite file and returns an audit log that owns it. */
export function createSqliteAuditLog(filePath: string): SqliteAuditLog {
  return new SqliteAuditLog(filePath);
}

/** No verified pages (an in-memory database): the verifier reads the rows itself. */
async function* emptyPages(): AsyncGenerator<VerifiedLeafPage> {}
