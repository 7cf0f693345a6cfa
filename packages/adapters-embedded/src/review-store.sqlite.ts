import type { ReviewSampleSummary, ReviewStore } from '@mottak/core';
import { DomainError, type ReviewItem, type ReviewSample, type ReviewVerdict } from '@mottak/domain';
import { migrate, openSqliteDatabase, type SqliteDatabase } from './sqlite-database';

const REVIEW_STORE_MIGRATIONS: ReadonlyArray<{ name: string; statements: string[] }> = [
  {
    name: 'review-store/001-initial',
    statements: [
      // The sample without its items as JSON; items in their own rows so a verdict is one conditional UPDATE.
      `CREATE TABLE review_samples (
        id TEXT PRIMARY KEY,
        drawn_at TEXT NOT NULL,
        sample TEXT NOT NULL CHECK (json_valid(sample))
      )`,
      'CREATE INDEX review_samples_drawn ON review_samples (drawn_at)',
      `CREATE TABLE review_items (
        sample_id TEXT NOT NULL REFERENCES review_samples (id),
        position INTEGER NOT NULL,
        report_id TEXT NOT NULL,
        item TEXT NOT NULL CHECK (json_valid(item)),
        verdict TEXT CHECK (verdict IS NULL OR json_valid(verdict)),
        PRIMARY KEY (sample_id, report_id)
      )`,
    ],
  },
];

/** ReviewStore on SQLite: a verdict is recorded by `UPDATE … WHERE verdict IS NULL`, so only the first of two reviewers wins. */
export class SqliteReviewStore implements ReviewStore {
  private readonly db: SqliteDatabase;
  private readonly ownsDatabase: boolean;

  /** Takes an open database (shared with other adapters; not closed by `close`) or a file path. */
  constructor(database: SqliteDatabase | string) {
    this.ownsDatabase = typeof database === 'string';
    this.db = typeof database === 'string' ? openSqliteDatabase(database) : database;
    for (const migration of REVIEW_STORE_MIGRATIONS) migrate(this.db, migration.name, migration.statements);
  }

  async create(sample: ReviewSample): Promise<void> {
    const { items, ...rest } = sample;
    const insertItem = this.db.prepare('INSERT INTO review_items (sample_id, position, report_id, item, verdict) VALUES (?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      this.db.prepare('INSERT INTO review_samples (id, drawn_at, sample) VALUES (?, ?, ?)').run(sample.id, sample.drawnAt, JSON.stringify(rest));
      items.forEach(({ verdict, ...item }, position) => insertItem.run(sample.id, position, item.reportId, JSON.stringify(item), verdict ? JSON.stringify(verdict) : null));
    })();
  }

  async list(limit: number): Promise<ReviewSampleSummary[]> {
    const rows = this.db
      .prepare<[number], { sample: string; items: number; decided: number; deviations: number }>(
        `SELECT s.sample,
                (SELECT COUNT(*) FROM review_items i WHERE i.sample_id = s.id) AS items,
                (SELECT COUNT(*) FROM review_items i WHERE i.sample_id = s.id AND i.verdict IS NOT NULL) AS decided,
                (SELECT COUNT(*) FROM review_items i WHERE i.sample_id = s.id AND json_extract(i.verdict, '$.verdict') = 'avvik') AS deviations
           FROM review_samples s ORDER BY s.drawn_at DESC, s.id DESC LIMIT ?`,
      )
      .all(limit);
    return rows.map((row) => ({ ...(JSON.parse(row.sample) as Omit<ReviewSample, 'items'>), items: row.items, decided: row.decided, deviations: row.deviations }));
  }

  async get(id: string): Promise<ReviewSample | undefined> {
    const row = this.db.prepare<[string], { sample: string }>('SELECT sample FROM review_samples WHERE id = ?').get(id);
    if (!row) return undefined;
    const items = this.db
      .prepare<[string], { item: string; verdict: string | null }>('SELECT item, verdict FROM review_items WHERE sample_id = ? ORDER BY position')
      .all(id)
      .map((r) => toItem(r.item, r.verdict));
    return { ...(JSON.parse(row.sample) as Omit<ReviewSample, 'items'>), items };
  }

  async recordVerdict(sampleId: string, reportId: string, verdict: ReviewVerdict): Promise<ReviewItem> {
    const changed = this.db
      .prepare('UPDATE review_items SET verdict = ? WHERE sample_id = ? AND report_id = ? AND verdict IS NULL')
      .run(JSON.stringify(verdict), sampleId, reportId).changes;
    const row = this.db.prepare<[string, string], { item: string; verdict: string | null }>('SELECT item, verdict FROM review_items WHERE sample_id = ? AND report_id = ?').get(sampleId, reportId);
    if (!row) throw new DomainError('NOT_FOUND', 'Rapporten finnes ikke i stikkprøven');
    if (changed === 0) throw new DomainError('REVIEW_ALREADY_DECIDED', 'Rapporten er allerede kontrollert', { item: toItem(row.item, row.verdict) });
    return toItem(row.item, row.verdict);
  }

  async close(): Promise<void> {
    if (this.ownsDatabase && this.db.open) this.db.close();
  }
}

function toItem(item: string, verdict: string | null): ReviewItem {
  return { ...(JSON.parse(item) as ReviewItem), ...(verdict ? { verdict: JSON.parse(verdict) as ReviewVerdict } : {}) };
}

/** Opens (or creates) a SQLite file and returns a review store that owns it. */
export function createSqliteReviewStore(filePath: string): SqliteReviewStore {
  return new SqliteReviewStore(filePath);
}
