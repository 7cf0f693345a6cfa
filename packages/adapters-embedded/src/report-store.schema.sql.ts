import { chainedTableStatements } from './journal-chain.sqlite';

/**
 * The report store's tables. `doc` holds the whole Report as JSON (the source of truth); the scalar
 * columns beside it exist for the queries and constraints: access fields for the compiled
 * AccessCondition, content_hash for duplicate lookups, journal_year/journal_seq so the database
 * itself refuses a journal number given twice.
 */
export const REPORT_STORE_MIGRATIONS: ReadonlyArray<{ name: string; statements: string[] }> = [
  {
    name: 'report-store/001-initial',
    statements: [
      `CREATE TABLE reports (
        id TEXT PRIMARY KEY,
        status TEXT NOT NULL,
        gradering TEXT NOT NULL,
        compartments TEXT NOT NULL CHECK (json_type(compartments) = 'array'),
        content_hash TEXT NOT NULL,
        received_at TEXT NOT NULL,
        journal_year INTEGER,
        journal_seq INTEGER,
        version INTEGER NOT NULL,
        doc TEXT NOT NULL,
        UNIQUE (journal_year, journal_seq)
      )`,
      'CREATE INDEX reports_content_hash ON reports (content_hash)',
      'CREATE INDEX reports_received ON reports (received_at DESC, id DESC)',
      'CREATE INDEX reports_status_received ON reports (status, received_at)',
      `CREATE TABLE journal_sequences (
        year INTEGER PRIMARY KEY,
        last_seq INTEGER NOT NULL
      )`,
      ...chainedTableStatements('journal_entries'),
      // Times in the outbox are epoch milliseconds: they are compared, never shown.
      `CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        report_id TEXT NOT NULL REFERENCES reports (id),
        kind TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        available_at INTEGER NOT NULL,
        leased_until INTEGER,
        last_error TEXT,
        completed_at INTEGER
      )`,
      'CREATE INDEX outbox_pending ON outbox (available_at, id) WHERE completed_at IS NULL',
      `CREATE TABLE idempotency_keys (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        request_hash TEXT NOT NULL,
        report_id TEXT NOT NULL REFERENCES reports (id),
        PRIMARY KEY (scope, key)
      )`,
    ],
  },
  {
    // Life cycle: superseded versions kept whole (corrections never destroy earlier text), the case
    // a report belongs to, and registrations by time for the daily journal.
    name: 'report-store/002-versions-and-cases',
    statements: [
      `CREATE TABLE report_versions (
        report_id TEXT NOT NULL REFERENCES reports (id),
        version INTEGER NOT NULL,
        status TEXT NOT NULL,
        gradering TEXT NOT NULL,
        compartments TEXT NOT NULL CHECK (json_type(compartments) = 'array'),
        title TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        doc TEXT NOT NULL,
        PRIMARY KEY (report_id, version)
      )`,
      'ALTER TABLE reports ADD COLUMN case_id TEXT',
      'CREATE INDEX reports_case ON reports (case_id, received_at) WHERE case_id IS NOT NULL',
      `CREATE INDEX reports_registered_at ON reports (json_extract(doc, '$.registration.registeredAt'))
         WHERE journal_year IS NOT NULL`,
    ],
  },
];
