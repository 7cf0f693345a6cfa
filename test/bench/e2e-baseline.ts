import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFts5SearchIndex, createSqliteReportStore, openSqliteDatabase } from '@mottak/adapters-embedded';
import { assessContent, defaultRuleSet, identifierValues } from '@mottak/assessment';
import { createElasticSearchIndex } from '@mottak/adapters-elastic';
import { openMongoAdapters } from '@mottak/adapters-mongo';
import type { JournalDraft, ReportStore, SearchDocument, SearchIndex } from '@mottak/core';
import { DEFAULT_INTAKE_GRADERING, type Report } from '@mottak/domain';
import { markerToken, partnerReport } from './report-text';

/** Outbox entries the indexer takes per batch by default (MOTTAK_INDEXER_BATCH). */
const INDEX_BATCH = 500;

export interface RawEngineResult {
  reportsPerS: number;
  seconds: number;
  count: number;
  indexBatch: number;
  /** Mean time of one single-row write transaction in a WAL file with synchronous=FULL (mostly fsync); NaN on the production engines. */
  commitMs: number;
  engines: 'sqlite+fts5' | 'mongo+elasticsearch';
}

/** The production profile's engines for the baseline: a Mongo URL with its own database, and an ES alias of its own. */
export interface ProductionBaselineTarget {
  mongoUrl: string;
  elasticsearchUrl: string;
  indexAlias: string;
}

interface Item {
  report: Report;
  journal: JournalDraft;
  document: SearchDocument;
}

/**
 * The raw engine cost of the same reports, in this process, no HTTP and no queue: each report is
 * received durably by the SQLite report store (one transaction, as the 202 requires), and the
 * search documents go into the FTS5 index in batches of the indexer's default size. Reports and
 * documents (assessment included) are built before the clock starts: only engine work is timed.
 */
export async function rawEngineBaseline(count: number, warmup: number, salt: string, production?: ProductionBaselineTarget): Promise<RawEngineResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mottak-bench-raw-'));
  let store: ReportStore;
  let index: SearchIndex;
  if (production) {
    // Production: the Mongo report store's receive (the product's write concern) and ES bulk upserts with the adapter's default refresh.
    const mongo = await openMongoAdapters(production.mongoUrl);
    store = mongo.store;
    const closeStore = store.close.bind(store);
    store.close = async () => {
      await closeStore();
      await mongo.close();
    };
    const es = createElasticSearchIndex({ node: production.elasticsearchUrl, indexAlias: production.indexAlias, analyzer: 'auto' });
    await es.ensureIndex();
    index = es;
  } else {
    store = createSqliteReportStore(path.join(dir, 'mottak.db'));
    index = createFts5SearchIndex(path.join(dir, 'search.db'));
  }
  try {
    const ruleSet = defaultRuleSet();
    const year = new Date().getFullYear();
    const build = (i: number): Item => {
      const input = partnerReport(i, markerToken(salt, i));
      const assessed = assessContent(input, ruleSet);
      const now = new Date().toISOString();
      const report: Report = {
        id: randomUUID(),
        channel: input.channel,
        title: input.title,
        body: input.body,
        receivedAt: now,
        source: { kind: 'partner', partnerId: 'bench', name: 'Benchmark partner' },
        status: 'mottatt',
        contentHash: assessed.contentHash,
        gradering: DEFAULT_INTAKE_GRADERING,
        compartments: [],
        version: 1,
        updatedAt: now,
      };
      const document: SearchDocument = {
        id: report.id,
        journalNumber: `${year}/${String(i + 1).padStart(6, '0')}`,
        title: report.title,
        body: report.body,
        channel: report.channel,
        category: assessed.category,
        priority: assessed.priority,
        gradering: 'BEGRENSET',
        compartments: [],
        status: 'registrert',
        registeredAt: now,
        identifiers: identifierValues(assessed.entities),
        entityTypes: [...new Set(assessed.entities.map((e) => e.type))],
      };
      return { report, document, journal: { at: now, actor: 'partner:bench', action: 'report.received', details: { channel: 'partner' } } };
    };
    const warm = Array.from({ length: warmup }, (_, i) => build(1_000_000 + i));
    const items = Array.from({ length: count }, (_, i) => build(i));

    const insert = async (batch: Item[]) => {
      let documents: SearchDocument[] = [];
      for (const item of batch) {
        await store.receive(item.report, item.journal);
        documents.push(item.document);
        if (documents.length === INDEX_BATCH) {
          await index.upsert(documents);
          documents = [];
        }
      }
      if (documents.length > 0) await index.upsert(documents);
    };
    await insert(warm);
    const started = performance.now();
    await insert(items);
    const seconds = (performance.now() - started) / 1000;
    return {
      reportsPerS: count / seconds,
      seconds,
      count,
      indexBatch: INDEX_BATCH,
      commitMs: production ? Number.NaN : commitCost(path.join(dir, 'commit.db')),
      engines: production ? 'mongo+elasticsearch' : 'sqlite+fts5',
    };
  } finally {
    await index.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Times single-row commits with the product's pragmas: the floor under every durable write. */
function commitCost(file: string, commits = 300): number {
  const db = openSqliteDatabase(file);
  try {
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    const insert = db.prepare<[string]>('INSERT INTO t (v) VALUES (?)');
    const value = 'x'.repeat(1000);
    const started = performance.now();
    for (let i = 0; i < commits; i += 1) insert.run(value);
    return (performance.now() - started) / commits;
  } finally {
    db.close();
  }
}
