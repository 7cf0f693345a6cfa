import { Client, type estypes } from '@elastic/elasticsearch';
import {
  emptyFacets,
  FACET_FIELDS,
  type FacetField,
  MAX_FACET_BUCKETS,
  type SearchDocument,
  type SearchFacets,
  type SearchFilters,
  type SearchIndex,
  type SearchIndexResult,
  type SearchQuery,
} from '@mottak/core';
import type { EntityType, Gradering, Priority, ReportStatus } from '@mottak/domain';
import { accessConditionToQuery } from './access-condition.elastic';
import { applyBulk, type BulkItem } from './bulk.elastic';
import {
  aliasedIndices,
  DEFAULT_TEMPLATE_PATH,
  ensureIndexBehindAlias,
  hasNorwegianAnalyzer,
  indexTemplateFor,
  listVersions,
  versionedIndexName,
  type TextAnalyzer,
} from './index-template.elastic';
import { MARK_END, MARK_START, indexableText, indexWords, normaliseIdentifier, searchTerms } from './search-text';
import { buildSnippet } from './snippet';

export interface ElasticSearchIndexOptions {
  /** Elasticsearch URL, e.g. http://127.0.0.1:9200 (basic-auth credentials may be in the URL). */
  node: string;
  /** Alias searched and written; versioned indices `<alias>-v1`, `-v2` … live behind it. */
  indexAlias?: string;
  /** `auto` picks norwegian when the server has it and standard otherwise (tests). Default norwegian. */
  analyzer?: TextAnalyzer | 'auto';
  /**
   * How writes become visible. `wait_for` (default) returns once a periodic refresh has made them
   * searchable; `true` forces a refresh per bulk request (lower latency, more segments).
   */
  refresh?: 'wait_for' | true;
  /** An API key for a secured cluster. */
  apiKey?: string;
  /** Index template file (defaults to infra/elasticsearch/mottak-reports.template.json). */
  templatePath?: string;
  /** Per-request timeout in ms (default 30 s). */
  requestTimeoutMs?: number;
}

/** What one report looks like in the index (see the template in infra/elasticsearch). */
interface IndexedReport {
  id: string;
  journalNumber: string;
  title: string;
  body: string;
  titleWords: string;
  bodyWords: string;
  channel: string;
  category: string;
  priority: Priority;
  gradering: Gradering;
  compartments: string[];
  compartmentCount: number;
  status: ReportStatus;
  registeredAt: string;
  identifiers: string[];
  entityTypes: EntityType[];
}

type HitSource = Pick<IndexedReport, 'id' | 'journalNumber' | 'title' | 'body' | 'category' | 'priority' | 'gradering' | 'registeredAt'>;
const HIT_FIELDS: (keyof HitSource)[] = ['id', 'journalNumber', 'title', 'body', 'category', 'priority', 'gradering', 'registeredAt'];

/** Elasticsearch's default index.max_result_window: from + size beyond it is refused. */
const MAX_RESULT_WINDOW = 10_000;
/** Characters the highlighter analyses; a longer body is highlighted in its first part only. */
const MAX_HIGHLIGHT_CHARS = 1_000_000;
const REINDEX_BATCH = 500;
const ALIAS_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;
/** The keyword field behind each facet (the indexed names; see the template in infra/elasticsearch). */
const FACET_INDEX_FIELDS: Record<FacetField, keyof IndexedReport> = {
  category: 'category',
  priority: 'priority',
  gradering: 'gradering',
  channel: 'channel',
  entityType: 'entityTypes',
  status: 'status',
};

/**
 * Full-text and identifier search in Elasticsearch: the production twin of the FTS5 index, held to
 * the same contract. Access rules are compiled into the query's filter clauses, so hidden reports
 * count neither as hits nor in the total.
 */
export class ElasticSearchIndex implements SearchIndex {
  readonly alias: string;
  private readonly refresh: 'wait_for' | true;
  private readonly configuredAnalyzer: TextAnalyzer | 'auto';
  private readonly templatePath: string;
  private ensured: Promise<TextAnalyzer> | undefined;
  /** The index a reindex in this process is building: writes go there too, so none is lost in the swap. */
  private building: { index: string; removed: Set<string> } | undefined;
  private reindexing = false;
  private closed = false;

  constructor(
    private readonly client: Client,
    options: Omit<ElasticSearchIndexOptions, 'node' | 'apiKey' | 'requestTimeoutMs'> = {},
  ) {
    this.alias = options.indexAlias ?? 'mottak-reports';
    if (!ALIAS_PATTERN.test(this.alias)) throw new Error(`Invalid Elasticsearch index alias: "${this.alias}"`);
    this.refresh = options.refresh ?? 'wait_for';
    this.configuredAnalyzer = options.analyzer ?? 'norwegian';
    this.templatePath = options.templatePath ?? DEFAULT_TEMPLATE_PATH;
  }

  /**
   * Installs the index template and creates the first versioned index behind the alias if there is
   * none. Every operation awaits this; call it at start to fail fast. A failure (e.g. the server is
   * down) is not remembered, so the next call tries again. Resolves to the analyzer in use for new indices.
   */
  ensureIndex(): Promise<TextAnalyzer> {
    this.ensured ??= this.install().catch((error: unknown) => {
      this.ensured = undefined;
      throw error;
    });
    return this.ensured;
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    await this.ready();
    if (documents.length === 0) return;
    const items: BulkItem[] = documents.map((doc) => ({ op: 'index', id: doc.id, document: toIndexed(doc) }));
    const building = this.building;
    for (const doc of documents) building?.removed.delete(doc.id);
    await applyBulk(this.target(this.alias, true), 'upsert', items);
    if (building) await applyBulk(this.target(building.index, false), 'upsert', items);
  }

  async remove(ids: string[]): Promise<void> {
    await this.ready();
    if (ids.length === 0) return;
    const items: BulkItem[] = [...new Set(ids)].map((id) => ({ op: 'delete', id }));
    const building = this.building;
    for (const id of ids) building?.removed.add(id);
    await applyBulk(this.target(this.alias, true), 'remove', items);
    if (building) await applyBulk(this.target(building.index, false), 'remove', items);
  }

  /**
   * One request returns the page, the exact total and the facets (terms aggregations) under the
   * same query, so the access filter in `bool.filter` bounds the aggregations too. Words must each
   * occur in title or body (AND), identifiers must each be present; a query with neither finds nothing.
   */
  async search(query: SearchQuery): Promise<SearchIndexResult> {
    await this.ready();
    const nothing = (): SearchIndexResult => ({ total: 0, hits: [], ...(query.facets ? { facets: emptyFacets() } : {}) });
    const terms = searchTerms(query.text, query.identifiers);
    if (terms.words.length === 0 && terms.identifiers.length === 0) return nothing();
    if (query.access.kind === 'none') return nothing();

    const from = Math.max(0, Math.floor(query.offset));
    // Deep pages beyond the result window would need search_after; they answer with the total only.
    const size = Math.max(0, Math.min(Math.floor(query.limit), MAX_RESULT_WINDOW - from));
    const filter: estypes.QueryDslQueryContainer[] = terms.identifiers.map((id) => ({ term: { identifiers: id } }));
    if (query.access.kind !== 'all') filter.push(accessConditionToQuery(query.access));
    filter.push(...filtersToQuery(query.filters ?? {}));
    if (query.registeredAfter !== undefined) filter.push({ range: { registeredAt: { gt: query.registeredAfter } } });
    if (query.registeredFrom !== undefined || query.registeredBefore !== undefined) {
      filter.push({ range: { registeredAt: { ...(query.registeredFrom !== undefined ? { gte: query.registeredFrom } : {}), ...(query.registeredBefore !== undefined ? { lt: query.registeredBefore } : {}) } } });
    }
    const must: estypes.QueryDslQueryContainer[] =
      terms.words.length === 0
        ? []
        : [
            {
              multi_match: {
                query: terms.words.join(' '),
                // A word in the title says more (the FTS5 twin weighs it 3:1 too).
                fields: ['titleWords^3', 'bodyWords'],
                type: 'cross_fields',
                operator: 'and',
              },
            },
          ];

    const response = await this.client.search<HitSource>({
      index: this.alias,
      query: { bool: { must, filter } },
      track_total_hits: true,
      from: size === 0 ? 0 : from,
      size,
      sort: [{ _score: { order: 'desc' } }, { registeredAt: { order: 'desc' } }, { id: { order: 'asc' } }],
      _source: HIT_FIELDS,
      highlight:
        size === 0 || terms.words.length === 0
          ? undefined
          : {
              type: 'unified',
              max_analyzed_offset: MAX_HIGHLIGHT_CHARS,
              fields: { bodyWords: { number_of_fragments: 0, pre_tags: [MARK_START], post_tags: [MARK_END] } },
            },
      aggs: query.facets ? FACET_AGGREGATIONS : undefined,
    });
    const total = typeof response.hits.total === 'number' ? response.hits.total : (response.hits.total?.value ?? 0);
    return {
      total,
      hits: response.hits.hits.map((hit) => {
        const source = hit._source!;
        return {
          id: source.id,
          journalNumber: source.journalNumber,
          title: source.title,
          snippet: buildSnippet(source.body, hit.highlight?.bodyWords?.[0]),
          category: source.category,
          priority: source.priority,
          gradering: source.gradering,
          registeredAt: source.registeredAt,
        };
      }),
      ...(query.facets ? { facets: facetsFrom(response.aggregations) } : {}),
    };
  }

  /**
   * Rebuilds the index from `documents` (read from the store, the source of truth; the integ-test-zip
   * has no _reindex) into the next versioned index, then moves the alias there in one atomic
   * request and deletes the old indices. Searches answer from the old index until the swap. Writes
   * made through this instance meanwhile go to both indices; a reindex item never overwrites them.
   */
  /** SearchIndex.rebuild: a new versioned index from the store, then the alias swap. */
  async rebuild(documents: AsyncIterable<SearchDocument>): Promise<number> {
    return (await this.reindexFromDocuments(documents)).indexed;
  }

  async reindexFromDocuments(
    documents: AsyncIterable<SearchDocument> | Iterable<SearchDocument>,
    options: { batchSize?: number; keepOldIndices?: boolean } = {},
  ): Promise<{ index: string; previous: string[]; indexed: number }> {
    await this.ready();
    if (this.reindexing) throw new Error(`A reindex of ${this.alias} is already running in this process`);
    this.reindexing = true;
    let index: string | undefined;
    let swapped = false;
    try {
      const versions = await listVersions(this.client, this.alias);
      const target = versionedIndexName(this.alias, (versions.at(-1)?.version ?? 0) + 1);
      // The template applies by name; no refreshes while building, one at the end.
      await this.client.indices.create({ index: target, settings: { refresh_interval: '-1' } });
      index = target;
      const building = { index: target, removed: new Set<string>() };
      this.building = building;

      let indexed = 0;
      let batch: SearchDocument[] = [];
      const flush = async () => {
        const items: BulkItem[] = batch
          .filter((doc) => !building.removed.has(doc.id))
          .map((doc) => ({ op: 'create', id: doc.id, document: toIndexed(doc) }));
        indexed += batch.length;
        batch = [];
        if (items.length > 0) await applyBulk({ client: this.client, index: target, requireAlias: false, refresh: false }, 'upsert', items);
      };
      for await (const doc of documents) {
        batch.push(doc);
        if (batch.length >= (options.batchSize ?? REINDEX_BATCH)) await flush();
      }
      await flush();
      // null restores the template's refresh interval.
      await this.client.indices.putSettings({ index: target, settings: { 'index.refresh_interval': null } });
      await this.client.indices.refresh({ index: target });

      const previous = await aliasedIndices(this.client, this.alias);
      await this.client.indices.updateAliases({
        actions: [...previous.map((old) => ({ remove: { index: old, alias: this.alias } })), { add: { index: target, alias: this.alias } }],
      });
      swapped = true;
      this.building = undefined;
      if (!options.keepOldIndices && previous.length > 0) await this.client.indices.delete({ index: previous });
      return { index: target, previous, indexed };
    } catch (error) {
      // A half-built index goes; once the alias has moved, the new index is the live one and stays.
      if (index !== undefined && !swapped) await this.client.indices.delete({ index }).catch(() => undefined);
      throw error;
    } finally {
      this.building = undefined;
      this.reindexing = false;
    }
  }

  /** Ready when the cluster is at least yellow and the alias exists (for /readyz). Throws otherwise. */
  async assertReady(): Promise<void> {
    await this.ready();
    const health = await this.client.cluster.health({ index: this.alias, wait_for_status: 'yellow', timeout: '2s' });
    if (health.timed_out || health.status === 'red') throw new Error(`Elasticsearch is ${health.status}`);
  }

  /** The server's version, e.g. "8.19.21" (read from the local node: the integ-test-zip has no `GET /`). */
  async serverVersion(): Promise<string> {
    const info = await this.client.nodes.info({ node_id: '_local', metric: '_none' });
    const node = Object.values(info.nodes)[0];
    if (!node) throw new Error('Elasticsearch returned no node information');
    return node.version;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
  }

  private async ready(): Promise<void> {
    if (this.closed) throw new Error('Search index is closed');
    await this.ensureIndex();
  }

  private target(index: string, requireAlias: boolean) {
    return { client: this.client, index, requireAlias, refresh: this.refresh };
  }

  private async install(): Promise<TextAnalyzer> {
    const analyzer =
      this.configuredAnalyzer === 'auto' ? ((await hasNorwegianAnalyzer(this.client)) ? 'norwegian' : 'standard') : this.configuredAnalyzer;
    if (analyzer === 'norwegian' && !(await hasNorwegianAnalyzer(this.client))) {
      throw new Error(
        'Elasticsearch has no "norwegian" analyzer (the analysis-common module is missing, as in the integ-test-zip); ' +
          'use a full distribution or set the analyzer to "standard"',
      );
    }
    await ensureIndexBehindAlias(this.client, this.alias, indexTemplateFor(this.alias, analyzer, this.templatePath));
    return analyzer;
  }
}

/**
 * One terms aggregation per facet. Exact on the template's single shard; ordered as the FTS5 twin
 * orders its buckets (count desc, then value), so both engines answer alike.
 */
const FACET_AGGREGATIONS: Record<string, estypes.AggregationsAggregationContainer> = Object.fromEntries(
  FACET_FIELDS.map((field) => [
    field,
    { terms: { field: FACET_INDEX_FIELDS[field], size: MAX_FACET_BUCKETS, order: [{ _count: 'desc' }, { _key: 'asc' }] } },
  ]),
);

/** The filters as `terms` clauses for filter context: values are terms, never parsed. */
function filtersToQuery(filters: SearchFilters): estypes.QueryDslQueryContainer[] {
  return FACET_FIELDS.flatMap((field) => {
    const values = [...new Set(filters[field] ?? [])];
    return values.length === 0 ? [] : [{ terms: { [FACET_INDEX_FIELDS[field]]: values } }];
  });
}

function facetsFrom(aggregations: Record<string, estypes.AggregationsAggregate> | undefined): SearchFacets {
  const facets = emptyFacets();
  for (const field of FACET_FIELDS) {
    const aggregate = aggregations?.[field] as estypes.AggregationsStringTermsAggregate | undefined;
    const buckets = Array.isArray(aggregate?.buckets) ? aggregate.buckets : [];
    facets[field] = buckets.map((bucket) => ({ value: String(bucket.key), count: bucket.doc_count }));
  }
  return facets;
}

/** The indexed form of a document: NFC text, its words copy for matching (see search-text), deduplicated keywords. */
function toIndexed(doc: SearchDocument): IndexedReport {
  const title = indexableText(doc.title);
  const body = indexableText(doc.body);
  const compartments = [...new Set(doc.compartments)];
  return {
    id: doc.id,
    journalNumber: doc.journalNumber,
    title,
    body,
    titleWords: indexWords(title).words,
    bodyWords: indexWords(body).words,
    channel: doc.channel,
    category: doc.category,
    priority: doc.priority,
    gradering: doc.gradering,
    compartments,
    // terms_set compares this with how many of a user's compartments match (see access-condition.elastic).
    compartmentCount: compartments.length,
    status: doc.status,
    registeredAt: doc.registeredAt,
    identifiers: [...new Set(doc.identifiers.map(normaliseIdentifier).filter((id) => id.length > 0))],
    entityTypes: [...new Set(doc.entityTypes)],
  };
}

/** Connects to Elasticsearch at `options.node`; the index itself is set up on first use or by `ensureIndex()`. */
export function createElasticSearchIndex(options: ElasticSearchIndexOptions): ElasticSearchIndex {
  const client = new Client({
    node: options.node,
    ...(options.apiKey ? { auth: { apiKey: options.apiKey } } : {}),
    requestTimeout: options.requestTimeoutMs ?? 30_000,
    // The client's own retries held a search for ~7 s against a node that refuses connections.
    // Retrying is ours to decide: the indexer retries through the outbox, bulk 429s are retried
    // here with backoff, and a search or readiness probe should answer 503 at once.
    maxRetries: 0,
  });
  return new ElasticSearchIndex(client, options);
}
