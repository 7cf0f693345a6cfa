import { canonicalJson, type ChainFilter, chainHash, createChainVerifier, shownReportIds, type StoredLogRow, type VerifiedLeafPage } from '@mottak/core';
import { parallelVerifiedPages } from './parallel-leaf-hasher';
import { type ChainedEntry, type ChainedEntryInput, type ChainVerification, GENESIS_HASH } from '@mottak/domain';
import type { SqliteDatabase } from './sqlite-database';

/** Tables holding a hash chain. A fixed list: table names are spliced into SQL text. */
export type ChainedTable = 'journal_entries' | 'audit_entries';

/**
 * DDL for a chained log table. Triggers refuse UPDATE and DELETE so that no code path of ours can
 * rewrite history; someone with the file can drop them, which is what the hash chain detects.
 */
export function chainedTableStatements(table: ChainedTable): string[] {
  return [
    `CREATE TABLE ${table} (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      subject_id TEXT,
      details TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    )`,
    `CREATE INDEX ${table}_subject ON ${table} (subject_id, seq)`,
    `CREATE TRIGGER ${table}_append_only_update BEFORE UPDATE ON ${table}
       BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
    `CREATE TRIGGER ${table}_append_only_delete BEFORE DELETE ON ${table}
       BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
  ];
}

interface ChainedRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject_id: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

/** A hash-chained, append-only log in one SQLite table (the report journal or the audit log). */
export class SqliteChainedLog {
  private readonly lastEntry;
  private readonly insert;
  private readonly all;
  private readonly storedRows;
  private readonly insertMention;

  /**
   * `mentionsTable` (the audit log's) indexes the report ids each entry lists as shown, for
   * ChainFilter.mentions; the append that writes an entry writes its rows there too.
   */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly table: ChainedTable,
    private readonly mentionsTable?: 'audit_mentions',
  ) {
    this.lastEntry = db.prepare<[], { seq: number; hash: string }>(
      `SELECT seq, hash FROM ${table} ORDER BY seq DESC LIMIT 1`,
    );
    this.insert = db.prepare<[ChainedRow]>(
      `INSERT INTO ${table} (seq, at, actor, action, subject_id, details, prev_hash, hash)
       VALUES (@seq, @at, @actor, @action, @subject_id, @details, @prev_hash, @hash)`,
    );
    this.all = db.prepare<[], ChainedRow>(`SELECT * FROM ${table} ORDER BY seq`);
    this.insertMention = mentionsTable ? db.prepare<[string, number]>(`INSERT OR IGNORE INTO ${mentionsTable} (report_id, seq) VALUES (?, ?)`) : undefined;
    this.storedRows = db
      .prepare<[number, number], [number, string, string, string, string | null, string, string, string]>(
        `SELECT seq, at, actor, action, subject_id, details, prev_hash, hash FROM ${table} WHERE seq > ? ORDER BY seq LIMIT ?`,
      )
      .raw();
  }

  /**
   * Appends one entry linked to the last one. Must run inside a write transaction (BEGIN IMMEDIATE)
   * so that no other connection can append between reading the last hash and inserting.
   */
  append(input: ChainedEntryInput): ChainedEntry {
    if (!this.db.inTransaction) throw new Error(`${this.table}: append must run inside a transaction`);
    const last = this.lastEntry.get();
    // Hash exactly what a reader will get back: the JSON round trip drops undefined, turns Dates
    // into strings and so on, and the hash must survive it.
    const details = JSON.parse(JSON.stringify(input.details ?? {})) as Record<string, unknown>;
    const content = {
      seq: (last?.seq ?? 0) + 1,
      at: input.at,
      actor: input.actor,
      action: input.action,
      ...(input.subjectId !== undefined ? { subjectId: input.subjectId } : {}),
      details,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const entry: ChainedEntry = { ...content, prevHash, hash: chainHash(prevHash, content) };
    this.insert.run({
      seq: entry.seq,
      at: entry.at,
      actor: entry.actor,
      action: entry.action,
      subject_id: entry.subjectId ?? null,
      // Canonical, so a verifier can hash the stored text as it is (see listStoredRows).
      details: canonicalJson(entry.details),
      prev_hash: entry.prevHash,
      hash: entry.hash,
    });
    if (this.mentionsTable) for (const id of shownReportIds(entry.details)) this.insertMention?.run(id, entry.seq);
    return entry;
  }

  /** Entries matching every given filter, in sequence order. */
  list(filter: ChainFilter): ChainedEntry[] {
    const where: string[] = [];
    const params: Array<string | number> = [];
    if (filter.actor !== undefined) {
      where.push('actor = ?');
      params.push(filter.actor);
    }
    if (filter.subjectId !== undefined) {
      where.push('subject_id = ?');
      params.push(filter.subjectId);
    }
    if (filter.action !== undefined) {
      where.push('action = ?');
      params.push(filter.action);
    }
    if (filter.mentions !== undefined) {
      if (this.mentionsTable) {
        where.push(`(subject_id = ? OR seq IN (SELECT seq FROM ${this.mentionsTable} WHERE report_id = ?))`);
        params.push(filter.mentions, filter.mentions);
      } else {
        where.push('subject_id = ?');
        params.push(filter.mentions);
      }
    }
    // Timestamps are stored as toISOString() text, so text order is time order.
    if (filter.from !== undefined) {
      where.push('at >= ?');
      params.push(filter.from);
    }
    if (filter.to !== undefined) {
      where.push('at < ?');
      params.push(filter.to);
    }
    if (filter.afterSeq !== undefined) {
      where.push('seq > ?');
      params.push(filter.afterSeq);
    }
    let sql = `SELECT * FROM ${this.table}`;
    if (where.length > 0) sql += ` WHERE ${where.join(' AND ')}`;
    sql += filter.order === 'desc' ? ' ORDER BY seq DESC' : ' ORDER BY seq';
    if (filter.limit !== undefined) {
      sql += ' LIMIT ?';
      params.push(filter.limit);
    }
    return this.db.prepare<unknown[], ChainedRow>(sql).all(...params).map((row) => rowToEntry(row));
  }

  /** Entries after `afterSeq` as stored (raw rows: no objects per column, no JSON parsing). */
  listStoredRows(afterSeq: number, limit: number): StoredLogRow[] {
    return this.storedRows.all(afterSeq, limit).map(([seq, at, actor, action, subjectId, detailsJson, prevHash, hash]) => ({
      seq,
      at,
      actor,
      action,
      subjectId,
      detailsJson,
      prevHash,
      hash,
    }));
  }

  /**
   * The whole log as pages verified by worker threads that read the file themselves; undefined for
   * an in-memory database (nothing else can open it).
   */
  verifiedPages(): AsyncIterable<VerifiedLeafPage> | undefined {
    if (this.db.memory) return undefined;
    const last = this.lastEntry.get()?.seq ?? 0;
    return parallelVerifiedPages(this.db.name, this.table, last);
  }

  /** Recomputes the chain row by row (streamed with iterate, so the log never has to fit in memory). */
  verify(): ChainVerification {
    const verifier = createChainVerifier();
    for (const row of this.all.iterate()) {
      // Leaving the loop early ends the statement (iterate's return()).
      if (!verifier.next(rowToEntry(row, { lenient: true }))) break;
    }
    return verifier.result();
  }
}

function rowToEntry(row: ChainedRow, options: { lenient?: boolean } = {}): ChainedEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    ...(row.subject_id !== null ? { subjectId: row.subject_id } : {}),
    details: parseDetails(row.details, options.lenient ?? false),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** Parses stored details; when verifying, unparseable (tampered) JSON becomes content that cannot match its hash. */
function parseDetails(text: string, lenient: boolean): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    if (!lenient) throw error;
    return { unparseableDetails: text };
  }
}
