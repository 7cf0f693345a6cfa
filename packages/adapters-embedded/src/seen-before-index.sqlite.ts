import type BetterSqlite3 from 'better-sqlite3';
import {
  type EntityOverlapCount,
  type EntityOverlapQuery,
  entityKey,
  type NearDuplicateMatch,
  type NearDuplicateQuery,
  nearDuplicateProbeKeys,
  seenBeforeKeys,
} from '@mottak/core';
import { formatJournalNumber, type Report } from '@mottak/domain';
import type { AccessCondition } from '@mottak/policies';
import { type AccessColumns, accessConditionToSql } from './access-condition.sql';
import { migrate, type SqliteDatabase } from './sqlite-database';

/**
 * Side tables of the report store for "seen before": the SimHash band keys and the identifier keys
 * of every report, each with the index its lookup needs. Written in the same transaction as the
 * report row they derive from (receive, applyChange, register, disposeContent all pass through
 * `sync`), so they never disagree with `reports.doc`.
 */
export const SEEN_BEFORE_MIGRATION = {
  name: 'report-store-seen-before/001-band-and-entity-keys',
  statements: [
    // Keyed by band first: a lookup is one index seek per probe key. The SimHash sits in the row, as
    // two unsigned 32-bit halves, so candidates are re-ranked without parsing and without touching
    // `reports`; only close ones are joined for access.
    `CREATE TABLE report_simhash_bands (
      band_key TEXT NOT NULL,
      report_id TEXT NOT NULL REFERENCES reports (id),
      simhash_hi INTEGER NOT NULL,
      simhash_lo INTEGER NOT NULL,
      PRIMARY KEY (band_key, report_id)
    ) WITHOUT ROWID`,
    'CREATE INDEX report_simhash_bands_report ON report_simhash_bands (report_id)',
    `CREATE TABLE report_entity_keys (
      entity_key TEXT NOT NULL,
      report_id TEXT NOT NULL REFERENCES reports (id),
      PRIMARY KEY (entity_key, report_id)
    ) WITHOUT ROWID`,
    'CREATE INDEX report_entity_keys_report ON report_entity_keys (report_id)',
  ],
} as const;

/**
 * Registered on the connection: Hamming distance of two SimHashes given as 32-bit halves
 * (hi, lo, query hi, query lo), for re-ranking inside the query. Integers, not hex: this runs once
 * per candidate (hundreds per lookup at 100,000 reports), so it must not parse.
 */
const DISTANCE_FUNCTION = 'mottak_simhash_distance';
/** Reports backfilled per read when the tables are first created on an existing database. */
const BACKFILL_PAGE = 1000;

const ACCESS_COLUMNS: AccessColumns = { id: 'r.id', gradering: 'r.gradering', compartments: 'r.compartments', status: 'r.status' };

interface BackfillRow {
  id: string;
  assessment: string | null;
  disposed: number;
}

interface SideTableStatements {
  deleteBands: BetterSqlite3.Statement<[string]>;
  deleteEntities: BetterSqlite3.Statement<[string]>;
  insertBand: BetterSqlite3.Statement<[string, string, number, number]>;
  insertEntity: BetterSqlite3.Statement<[string, string]>;
}

/** The seen-before side tables of one report store (see SEEN_BEFORE_MIGRATION). */
export class SqliteSeenBeforeIndex {
  private readonly writes: SideTableStatements;

  /**
   * Creates the tables if needed and, on a database that had reports before them, fills them from
   * the stored assessments — in the one transaction that records the migration, so a crash
   * mid-backfill leaves neither tables nor a half index behind, and a second process opening the
   * file at the same time waits and then finds the work done.
   */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly prepare: (sql: string) => BetterSqlite3.Statement<unknown[]>,
  ) {
    db.function(DISTANCE_FUNCTION, { deterministic: true }, (hi: unknown, lo: unknown, queryHi: unknown, queryLo: unknown) =>
      popcount32(((hi as number) ^ (queryHi as number)) >>> 0) + popcount32(((lo as number) ^ (queryLo as number)) >>> 0),
    );
    this.writes = db
      .transaction((): SideTableStatements => {
        const applied = migrate(db, SEEN_BEFORE_MIGRATION.name, SEEN_BEFORE_MIGRATION.statements);
        const writes = {
          deleteBands: db.prepare<[string]>('DELETE FROM report_simhash_bands WHERE report_id = ?'),
          deleteEntities: db.prepare<[string]>('DELETE FROM report_entity_keys WHERE report_id = ?'),
          insertBand: db.prepare<[string, string, number, number]>(
            'INSERT OR IGNORE INTO report_simhash_bands (band_key, report_id, simhash_hi, simhash_lo) VALUES (?, ?, ?, ?)',
          ),
          insertEntity: db.prepare<[string, string]>('INSERT OR IGNORE INTO report_entity_keys (entity_key, report_id) VALUES (?, ?)'),
        };
        if (applied) this.backfill(writes);
        return writes;
      })
      .immediate();
  }

  /**
   * Makes the side tables match `report` as it is being written; call inside the write's
   * transaction. `isNew`: a report just inserted has no rows to remove.
   */
  sync(report: Pick<Report, 'id' | 'assessment' | 'disposal'>, isNew = false): void {
    syncKeys(this.writes, report, isNew);
  }

  findNearDuplicates(query: NearDuplicateQuery, access: AccessCondition): NearDuplicateMatch[] {
    const where = accessConditionToSql(access, ACCESS_COLUMNS);
    // The distance test depends on the band row only, so SQLite applies it before joining `reports`:
    // a chance band collision costs an index entry and a function call, never a report row.
    const statement = this.prepare(
      `SELECT r.id AS id, MIN(${DISTANCE_FUNCTION}(b.simhash_hi, b.simhash_lo, ?, ?)) AS distance, r.received_at AS receivedAt,
              r.journal_year AS journalYear, r.journal_seq AS journalSeq
         FROM report_simhash_bands b JOIN reports r ON r.id = b.report_id
        WHERE b.band_key IN (SELECT value FROM json_each(?))
          AND ${DISTANCE_FUNCTION}(b.simhash_hi, b.simhash_lo, ?, ?) <= ?
          AND (r.received_at, r.id) < (?, ?)
          AND ${where.sql}
        GROUP BY r.id
        ORDER BY distance, r.received_at, r.id
        LIMIT ?`,
    );
    const probes = JSON.stringify(nearDuplicateProbeKeys(query.simhash, query.maxDistance));
    const [hi, lo] = halves(query.simhash);
    const rows = statement.all(
      hi,
      lo,
      probes,
      hi,
      lo,
      query.maxDistance,
      query.before.receivedAt,
      query.before.id,
      ...where.params,
      query.limit,
    ) as Array<{ id: string; distance: number; receivedAt: string; journalYear: number | null; journalSeq: number | null }>;
    return rows.map((row) => ({
      id: row.id,
      distance: row.distance,
      receivedAt: row.receivedAt,
      ...(row.journalYear !== null && row.journalSeq !== null ? { journalNumber: formatJournalNumber({ year: row.journalYear, sequence: row.journalSeq }) } : {}),
    }));
  }

  findEntityOverlaps(query: EntityOverlapQuery, access: AccessCondition): EntityOverlapCount[] {
    const where = accessConditionToSql(access, ACCESS_COLUMNS);
    const matching = `FROM report_entity_keys k JOIN reports r ON r.id = k.report_id
        WHERE k.entity_key = ? AND (r.received_at, r.id) < (?, ?) AND ${where.sql}`;
    const count = this.prepare(`SELECT COUNT(*) AS count, COUNT(r.journal_year) AS registeredCount ${matching}`);
    const registered = this.prepare(
      `SELECT r.id AS id, r.journal_year AS year, r.journal_seq AS sequence ${matching} AND r.journal_year IS NOT NULL
        ORDER BY r.journal_year DESC, r.journal_seq DESC LIMIT ?`,
    );
    const seen = new Set<string>();
    const overlaps: EntityOverlapCount[] = [];
    // One read transaction: every count comes from the same snapshot.
    this.db.transaction(() => {
      for (const { type, value } of query.entities) {
        const key = entityKey(type, value);
        if (seen.has(key)) continue;
        seen.add(key);
        const params = [key, query.before.receivedAt, query.before.id, ...where.params];
        const counted = count.get(...params) as { count: number; registeredCount: number };
        if (counted.count === 0) continue;
        const rows = counted.registeredCount === 0 ? [] : (registered.all(...params, query.registeredLimit) as Array<{ id: string; year: number; sequence: number }>);
        overlaps.push({
          type,
          value,
          count: counted.count,
          registeredCount: counted.registeredCount,
          registered: rows.map((row) => ({ id: row.id, journalNumber: formatJournalNumber(row) })),
        });
      }
    })();
    return overlaps;
  }

  /** Indexes every stored report (a new table on an old database); runs inside the migration's transaction. */
  private backfill(writes: SideTableStatements): void {
    const page = this.db.prepare<[string, number], BackfillRow>(
      `SELECT id, json_extract(doc, '$.assessment') AS assessment, json_type(doc, '$.disposal') IS NOT NULL AS disposed
         FROM reports WHERE id > ? ORDER BY id LIMIT ?`,
    );
    let after = '';
    for (;;) {
      const rows = page.all(after, BACKFILL_PAGE);
      for (const row of rows) {
        if (row.assessment === null || row.disposed === 1) continue;
        syncKeys(writes, { id: row.id, assessment: JSON.parse(row.assessment) as Report['assessment'] }, true);
      }
      if (rows.length < BACKFILL_PAGE) return;
      after = rows[rows.length - 1]!.id;
    }
  }
}

function syncKeys(writes: SideTableStatements, report: Pick<Report, 'id' | 'assessment' | 'disposal'>, isNew: boolean): void {
  const keys = seenBeforeKeys(report);
  if (!isNew) {
    writes.deleteBands.run(report.id);
    writes.deleteEntities.run(report.id);
  }
  if (keys.simhash) {
    const [hi, lo] = halves(keys.simhash);
    for (const band of keys.bandKeys) writes.insertBand.run(band, report.id, hi, lo);
  }
  for (const key of keys.entityKeys) writes.insertEntity.run(key, report.id);
}

/** A SimHash (16 hex digits, as seenBeforeKeys checked) as unsigned 32-bit halves. */
function halves(simhash: string): [number, number] {
  return [parseInt(simhash.slice(0, 8), 16), parseInt(simhash.slice(8), 16)];
}

function popcount32(n: number): number {
  let v = n - ((n >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}
