import {
  emptyFacets,
  FACET_FIELDS,
  type FacetField,
  markedSnippet,
  orderFacetBuckets,
  type SearchDocument,
  type SearchFacets,
  type SearchFilters,
  type SearchIndex,
  type SearchIndexResult,
  type SearchQuery,
  SNIPPET_MARK_END,
  SNIPPET_MARK_START,
} from '@mottak/core';
import type { Gradering, Priority } from '@mottak/domain';
import { accessConditionToSql, type AccessColumns } from './access-condition.sql';
import { migrate, openSqliteDatabase, type SqliteDatabase } from './sqlite-database';

/**
 * `documents` holds what the index knows about each registered report; `documents_fts` is an
 * external-content FTS5 table over its text columns, kept in step by triggers so a re-index or a
 * removal can never leave stale terms behind. `remove_diacritics 0`: æ, ø and å are letters of
 * their own in Norwegian, not decorated a and o.
 */
const MIGRATION = [
  `CREATE TABLE documents (
     doc_rowid INTEGER PRIMARY KEY,
     id TEXT NOT NULL UNIQUE,
     journal_number TEXT NOT NULL,
     title TEXT NOT NULL,
     body TEXT NOT NULL,
     channel TEXT NOT NULL,
     category TEXT NOT NULL,
     priority TEXT NOT NULL,
     gradering TEXT NOT NULL,
     compartments TEXT NOT NULL,
     status TEXT NOT NULL,
     registered_at TEXT NOT NULL,
     identifiers TEXT NOT NULL,
     entity_types TEXT NOT NULL
   )`,
  'CREATE INDEX documents_registered_at ON documents (registered_at DESC)',
  `CREATE VIRTUAL TABLE documents_fts USING fts5(
     title, body, identifiers,
     content = 'documents', content_rowid = 'doc_rowid',
     tokenize = 'unicode61 remove_diacritics 0'
   )`,
  `CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
     INSERT INTO documents_fts (rowid, title, body, identifiers) VALUES (new.doc_rowid, new.title, new.body, new.identifiers);
   END`,
  `CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
     INSERT INTO documents_fts (documents_fts, rowid, title, body, identifiers)
     VALUES ('delete', old.doc_rowid, old.title, old.body, old.identifiers);
   END`,
  `CREATE TRIGGER documents_fts_update AFTER UPDATE ON documents BEGIN
     INSERT INTO documents_fts (documents_fts, rowid, title, body, identifiers)
     VALUES ('delete', old.doc_rowid, old.title, old.body, old.identifiers);
     INSERT INTO documents_fts (rowid, title, body, identifiers) VALUES (new.doc_rowid, new.title, new.body, new.identifiers);
   END`,
];

const ACCESS_COLUMNS: AccessColumns = { id: 'd.id', gradering: 'd.gradering', compartments: 'd.compartments', status: 'd.status' };
/** Column weights for bm25 (title, body, identifiers): a word in the title says more. */
const BM25 = 'bm25(documents_fts, 3.0, 1.0, 1.0)';
/** Control characters FTS5 wraps matches in; stripped from indexed text so only FTS5 can place them. */
const MARK_START = SNIPPET_MARK_START;
const MARK_END = SNIPPET_MARK_END;
const SNIPPET_TOKENS = 24;
/** More terms than this add nothing to precision and only make the MATCH expression deep. */
const MAX_TERMS = 64;
const REMOVE_BATCH = 500;
/** The column of each single-valued facet field; `entityType` is a JSON array, read with json_each. */
const FACET_COLUMNS: Record<Exclude<FacetField, 'entityType'>, string> = {
  category: 'd.category',
  priority: 'd.priority',
  gradering: 'd.gradering',
  channel: 'd.channel',
  status: 'd.status',
};

interface HitRow {
  id: string;
  journal_number: string;
  title: string;
  category: string;
  priority: Priority;
  gradering: Gradering;
  registered_at: string;
  snippet: string | null;
}

/** Full-text and identifier search in SQLite FTS5, with access rules compiled into the same SQL. */
export class Fts5SearchIndex implements SearchIndex {
  private readonly upsertOne;
  private closed = false;

  constructor(private readonly db: SqliteDatabase) {
    migrate(db, 'search-index/001-initial', MIGRATION);
    // ON CONFLICT DO UPDATE keeps the rowid and fires the update trigger: one row per id, always.
    this.upsertOne = db.prepare<Record<string, string>>(
      `INSERT INTO documents (id, journal_number, title, body, channel, category, priority, gradering,
         compartments, status, registered_at, identifiers, entity_types)
       VALUES (@id, @journalNumber, @title, @body, @channel, @category, @priority, @gradering,
         @compartments, @status, @registeredAt, @identifiers, @entityTypes)
       ON CONFLICT (id) DO UPDATE SET
         journal_number = excluded.journal_number, title = excluded.title, body = excluded.body,
         channel = excluded.channel, category = excluded.category, priority = excluded.priority,
         gradering = excluded.gradering, compartments = excluded.compartments, status = excluded.status,
         registered_at = excluded.registered_at, identifiers = excluded.identifiers,
         entity_types = excluded.entity_types`,
    );
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    this.assertOpen();
    this.db.transaction(() => {
      for (const doc of documents) {
        this.upsertOne.run({
          id: doc.id,
          journalNumber: doc.journalNumber,
          title: indexableText(doc.title),
          body: indexableText(doc.body),
          channel: doc.channel,
          category: doc.category,
          priority: doc.priority,
          gradering: doc.gradering,
          compartments: JSON.stringify(doc.compartments),
          status: doc.status,
          registeredAt: doc.registeredAt,
          identifiers: [...new Set(doc.identifiers.map(identifierToken))].join(' '),
          entityTypes: JSON.stringify([...new Set(doc.entityTypes)]),
        });
      }
    })();
  }

  async remove(ids: string[]): Promise<void> {
    this.assertOpen();
    this.db.transaction(() => {
      for (let i = 0; i < ids.length; i += REMOVE_BATCH) {
        const batch = ids.slice(i, i + REMOVE_BATCH);
        this.db.prepare(`DELETE FROM documents WHERE id IN (${batch.map(() => '?').join(',')})`).run(...batch);
      }
    })();
  }

  /**
   * Hits, total and facets come from one MATCH joined to `documents` with the access condition and
   * the filters in the same WHERE, so a hidden report can show up neither as a hit, nor in the
   * count, nor in a facet. A query with no words and no identifiers finds nothing (the API never
   * lists "everything" through search).
   */
  async search(query: SearchQuery): Promise<SearchIndexResult> {
    this.assertOpen();
    const nothing = (): SearchIndexResult => ({ total: 0, hits: [], ...(query.facets ? { facets: emptyFacets() } : {}) });
    const match = matchExpression(query.text, query.identifiers);
    if (match === undefined) return nothing();
    const access = accessConditionToSql(query.access, ACCESS_COLUMNS);
    if (access.sql === '0') return nothing();
    const filters = filtersToSql(query.filters ?? {});
    if (query.registeredAfter !== undefined) {
      // ISO instants of one format compare as text; the registered_at index serves the range.
      filters.sql += ' AND d.registered_at > ?';
      filters.params.push(query.registeredAfter);
    }
    if (query.registeredFrom !== undefined) {
      filters.sql += ' AND d.registered_at >= ?';
      filters.params.push(query.registeredFrom);
    }
    if (query.registeredBefore !== undefined) {
      filters.sql += ' AND d.registered_at < ?';
      filters.params.push(query.registeredBefore);
    }

    const from = `FROM documents_fts JOIN documents d ON d.doc_rowid = documents_fts.rowid
      WHERE documents_fts MATCH ? AND ${access.sql}${filters.sql}`;
    const params = [match, ...access.params, ...filters.params];
    const limit = Math.max(0, Math.floor(query.limit));
    const offset = Math.max(0, Math.floor(query.offset));

    const read = this.db.transaction(() => {
      const { total } = this.db.prepare<unknown[], { total: number }>(`SELECT count(*) AS total ${from}`).get(...params)!;
      const rows =
        limit === 0
          ? []
          : this.db
              .prepare<unknown[], HitRow>(
                `SELECT d.id, d.journal_number, d.title, d.category, d.priority, d.gradering, d.registered_at,
                   snippet(documents_fts, 1, '${MARK_START}', '${MARK_END}', '…', ${SNIPPET_TOKENS}) AS snippet
                 ${from}
                 ORDER BY ${BM25}, d.registered_at DESC, d.id
                 LIMIT ? OFFSET ?`,
              )
              .all(...params, limit, offset);
      const facets = query.facets ? (total === 0 ? emptyFacets() : this.facets(from, params)) : undefined;
      return { total, rows, facets };
    });
    // One read transaction: the page, the total and the facets see the same snapshot.
    const { total, rows, facets } = read.deferred();
    return {
      total,
      hits: rows.map((row) => ({
        id: row.id,
        journalNumber: row.journal_number,
        title: row.title,
        snippet: markedSnippet(row.snippet ?? ''),
        category: row.category,
        priority: row.priority,
        gradering: row.gradering,
        registeredAt: row.registered_at,
      })),
      ...(facets ? { facets } : {}),
    };
  }

  /**
   * Facet counts by GROUP BY over the matching rows, evaluated once (a materialised CTE) for
   * every field: the same MATCH, access condition and filters as the hits.
   */
  private facets(from: string, params: unknown[]): SearchFacets {
    const single = (Object.entries(FACET_COLUMNS) as Array<[FacetField, string]>).map(
      ([field]) => `SELECT '${field}' AS field, ${field} AS value, count(*) AS count FROM m GROUP BY ${field}`,
    );
    const rows = this.db
      .prepare<unknown[], { field: FacetField; value: string; count: number }>(
        `WITH m AS MATERIALIZED (
           SELECT d.category AS category, d.priority AS priority, d.gradering AS gradering, d.channel AS channel,
             d.status AS status, d.entity_types AS entity_types
           ${from}
         )
         ${single.join('\n         UNION ALL ')}
         UNION ALL SELECT 'entityType' AS field, e.value AS value, count(*) AS count
           FROM m, json_each(m.entity_types) e GROUP BY e.value`,
      )
      .all(...params);
    const facets = emptyFacets();
    for (const row of rows) facets[row.field].push({ value: row.value, count: row.count });
    for (const field of FACET_FIELDS) facets[field] = orderFacetBuckets(facets[field]);
    return facets;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error('Search index is closed');
  }
}

/**
 * The MATCH expression for a query, built only from quoted tokens so nothing a user types is read
 * as FTS5 syntax: words must each occur in title or body, identifiers in the identifiers column.
 * Undefined when there is nothing to search for.
 */
function matchExpression(text: string, identifiers: string[]): string | undefined {
  const words = [...new Set(text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}\p{Co}]+/gu) ?? [])];
  const ids = [...new Set(identifiers.map(identifierToken).filter((token) => token.length > 0))];
  const terms = [
    // Identifiers first: they are the most selective terms and must survive the cap.
    ...ids.map((token) => `identifiers : ${quote(token)}`),
    ...words.map((word) => `{title body} : ${quote(word)}`),
  ].slice(0, MAX_TERMS);
  return terms.length === 0 ? undefined : terms.join(' AND ');
}

/** The filters as extra WHERE clauses (with a leading AND), values always bound as parameters. */
function filtersToSql(filters: SearchFilters): { sql: string; params: string[] } {
  let sql = '';
  const params: string[] = [];
  for (const field of FACET_FIELDS) {
    const values = [...new Set(filters[field] ?? [])];
    if (values.length === 0) continue;
    const marks = values.map(() => '?').join(', ');
    sql +=
      field === 'entityType'
        ? ` AND EXISTS (SELECT 1 FROM json_each(d.entity_types) f WHERE f.value IN (${marks}))`
        : ` AND ${FACET_COLUMNS[field]} IN (${marks})`;
    params.push(...values);
  }
  return { sql, params };
}

/** An FTS5 string literal; the tokens never contain `"`, but doubling keeps that an invariant. */
function quote(token: string): string {
  return `"${token.replaceAll('"', '""')}"`;
}

/**
 * One FTS token per normalised identifier. unicode61 would split `name@example.no` into three
 * tokens and drop the `+` of `+4792233444`, so every character other than a–y and 0–9 is written
 * as `z` plus six hex digits. The mapping is injective: different identifiers never share a token.
 */
export function identifierToken(identifier: string): string {
  let token = '';
  for (const char of identifier.normalize('NFC').toLowerCase()) {
    token += /^[a-y0-9]$/.test(char) ? char : `z${char.codePointAt(0)!.toString(16).padStart(6, '0')}`;
  }
  return token;
}

/** NFC so composed and decomposed æøå index alike; snippet delimiters cannot come from the text. */
function indexableText(text: string): string {
  // eslint-disable-next-line no-control-regex -- the delimiters are control characters on purpose
  return text.normalize('NFC').replace(/[\u0002\u0003]/g, ' ');
}


/** Opens (creating if needed) an FTS5 search index in the SQLite file at `filePath`. */
export function createFts5SearchIndex(filePath: string): Fts5SearchIndex {
  const db = openSqliteDatabase(filePath, { durability: 'derived' });
  try {
    return new Fts5SearchIndex(db);
  } catch (error) {
    db.close();
    throw error;
  }
}
