import { createHash } from 'node:crypto';
import type { AttachmentStore, StoredContent, StoredExtraction } from '@mottak/core';
import { migrate, openSqliteDatabase, type SqliteDatabase } from './sqlite-database';

const MIGRATIONS: ReadonlyArray<{ name: string; statements: string[] }> = [
  {
    name: 'attachment-store/001-initial',
    statements: [
      `CREATE TABLE attachment_blobs (
        sha256 TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        size INTEGER NOT NULL,
        content BLOB NOT NULL,
        stored_at TEXT NOT NULL
      )`,
      `CREATE TABLE attachment_refs (
        report_id TEXT NOT NULL,
        sha256 TEXT NOT NULL REFERENCES attachment_blobs (sha256),
        PRIMARY KEY (report_id, sha256)
      )`,
      'CREATE INDEX attachment_refs_sha256 ON attachment_refs (sha256)',
      // Kept apart from the content so that saving a result never rewrites a large blob row.
      `CREATE TABLE attachment_extractions (
        sha256 TEXT PRIMARY KEY REFERENCES attachment_blobs (sha256),
        result TEXT NOT NULL
      )`,
    ],
  },
];

/**
 * AttachmentStore on SQLite: content in one row per SHA-256, a reference row per report that
 * carries it, extraction results beside it. A put (content and reference) and a release
 * (references, then content no one refers to) are each one `BEGIN IMMEDIATE` transaction, so
 * concurrent processes cannot release content another report is being given. `secure_delete`
 * overwrites released content in the file, since disposal (kassasjon) must remove it.
 */
export class SqliteAttachmentStore implements AttachmentStore {
  private readonly db: SqliteDatabase;
  private readonly ownsDatabase: boolean;
  private readonly insertBlob;
  private readonly insertRef;
  private readonly selectContent;
  private readonly selectExtraction;
  private readonly upsertExtraction;
  private readonly selectRefs;
  private readonly deleteRefs;
  private readonly countRefs;
  private readonly deleteExtraction;
  private readonly deleteBlob;

  /** Takes an open database (not closed by `close`) or a file path. */
  constructor(database: SqliteDatabase | string) {
    this.ownsDatabase = typeof database === 'string';
    this.db = typeof database === 'string' ? openSqliteDatabase(database) : database;
    this.db.pragma('secure_delete = ON');
    for (const migration of MIGRATIONS) migrate(this.db, migration.name, migration.statements);
    this.insertBlob = this.db.prepare<[string, number, Buffer, string]>('INSERT OR IGNORE INTO attachment_blobs (sha256, size, content, stored_at) VALUES (?, ?, ?, ?)');
    this.insertRef = this.db.prepare<[string, string]>('INSERT OR IGNORE INTO attachment_refs (report_id, sha256) VALUES (?, ?)');
    this.selectContent = this.db.prepare<[string], { content: Buffer }>('SELECT content FROM attachment_blobs WHERE sha256 = ?');
    this.selectExtraction = this.db.prepare<[string], { result: string }>('SELECT result FROM attachment_extractions WHERE sha256 = ?');
    this.upsertExtraction = this.db.prepare<[string, string, string]>(
      `INSERT INTO attachment_extractions (sha256, result) SELECT ?, ? WHERE EXISTS (SELECT 1 FROM attachment_blobs WHERE sha256 = ?)
       ON CONFLICT (sha256) DO UPDATE SET result = excluded.result`,
    );
    this.selectRefs = this.db.prepare<[string], { sha256: string }>('SELECT sha256 FROM attachment_refs WHERE report_id = ?');
    this.deleteRefs = this.db.prepare<[string]>('DELETE FROM attachment_refs WHERE report_id = ?');
    this.countRefs = this.db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM attachment_refs WHERE sha256 = ?');
    this.deleteExtraction = this.db.prepare<[string]>('DELETE FROM attachment_extractions WHERE sha256 = ?');
    this.deleteBlob = this.db.prepare<[string]>('DELETE FROM attachment_blobs WHERE sha256 = ?');
  }

  async put(reportId: string, content: Uint8Array): Promise<StoredContent> {
    const sha256 = createHash('sha256').update(content).digest('hex');
    const buffer = Buffer.from(content.buffer, content.byteOffset, content.byteLength);
    const write = this.db.transaction((): boolean => {
      const created = this.insertBlob.run(sha256, buffer.length, buffer, new Date().toISOString()).changes === 1;
      this.insertRef.run(reportId, sha256);
      return created;
    });
    return { sha256, size: buffer.length, created: write.immediate() };
  }

  async get(sha256: string): Promise<Buffer | undefined> {
    return this.selectContent.get(sha256)?.content;
  }

  async getExtraction(sha256: string): Promise<StoredExtraction | undefined> {
    const row = this.selectExtraction.get(sha256);
    return row ? (JSON.parse(row.result) as StoredExtraction) : undefined;
  }

  async saveExtraction(sha256: string, extraction: StoredExtraction): Promise<void> {
    this.upsertExtraction.run(sha256, JSON.stringify(extraction), sha256);
  }

  async listFor(reportId: string): Promise<string[]> {
    return this.selectRefs.all(reportId).map((row) => row.sha256);
  }

  async release(reportId: string): Promise<{ deleted: string[] }> {
    const run = this.db.transaction((): string[] => {
      const digests = this.selectRefs.all(reportId).map((row) => row.sha256);
      this.deleteRefs.run(reportId);
      const deleted: string[] = [];
      for (const sha256 of digests) {
        if ((this.countRefs.get(sha256)?.n ?? 0) > 0) continue;
        this.deleteExtraction.run(sha256);
        this.deleteBlob.run(sha256);
        deleted.push(sha256);
      }
      return deleted;
    });
    return { deleted: run.immediate() };
  }

  async close(): Promise<void> {
    if (this.ownsDatabase && this.db.open) this.db.close();
  }
}

/** An attachment store in its own SQLite file (content can be large; it stays out of the report database). */
export function createSqliteAttachmentStore(database: SqliteDatabase | string): SqliteAttachmentStore {
  return new SqliteAttachmentStore(database);
}
