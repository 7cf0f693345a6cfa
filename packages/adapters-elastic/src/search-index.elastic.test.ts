import { Client } from '@elastic/elasticsearch';
import type { SearchDocument, SearchQuery } from '@mottak/core';
import type { AccessCondition } from '@mottak/policies';
import { aSearchDocument, describeSearchIndexContract } from '@mottak/test-kit';
import { hasNorwegianAnalyzer } from './index-template.elastic';
import { createElasticSearchIndex, type ElasticSearchIndex, SearchIndexBulkError } from './index';

/**
 * Runs against a real Elasticsearch at ELASTICSEARCH_URL (scripts/provision-elasticsearch.sh starts
 * one). Without it the suite is skipped locally and fails in CI. Every index and template this
 * file creates is named `mottak-test-<pid>-<time>-<n>` and deleted afterwards.
 */
const url = process.env.ELASTICSEARCH_URL;
const PREFIX = `mottak-test-${process.pid}-${Date.now().toString(36)}`;
let fixtureCount = 0;

if (!url) {
  if (process.env.CI === 'true') {
    describe('ElasticSearchIndex', () => {
      it('has an Elasticsearch to test against', () => {
        throw new Error('ELASTICSEARCH_URL is not set: CI must provision Elasticsearch (bash scripts/provision-elasticsearch.sh)');
      });
    });
  } else {
    process.stdout.write(
      'ElasticSearchIndex tests skipped: ELASTICSEARCH_URL is not set (start one with `bash scripts/provision-elasticsearch.sh`).\n',
    );
    describe.skip('ElasticSearchIndex (ELASTICSEARCH_URL is not set)', () => {
      it('needs a server', () => undefined);
    });
  }
} else {
  describeAgainst(url);
}

function describeAgainst(node: string): void {
  const admin = new Client({ node });

  beforeAll(async () => {
    const info = await admin.nodes.info({ node_id: '_local', metric: '_none' });
    const version = Object.values(info.nodes)[0]?.version ?? 'unknown';
    const norwegian = await hasNorwegianAnalyzer(admin);
    process.stdout.write(
      `Search engine: Elasticsearch ${version} at ${node}; text analyzer: ${norwegian ? 'norwegian' : 'standard (this server has no analysis-common)'}\n`,
    );
  });
  afterAll(async () => {
    await dropPrefixed(admin, PREFIX);
    await admin.close();
  });

  /** A fresh alias (and its template and indices) for one test; refresh per write keeps the tests quick. */
  function openIndex(): { index: ElasticSearchIndex; alias: string; cleanup(): Promise<void> } {
    const alias = `${PREFIX}-${++fixtureCount}`;
    const index = createElasticSearchIndex({ node, indexAlias: alias, analyzer: 'auto', refresh: true });
    return {
      index,
      alias,
      cleanup: async () => {
        await index.close();
        await dropPrefixed(admin, alias);
      },
    };
  }

  describeSearchIndexContract('Elasticsearch', async () => {
    const { index, cleanup } = openIndex();
    await index.ensureIndex();
    return { subject: index, cleanup };
  });

  describe('ElasticSearchIndex', () => {
    let opened: ReturnType<typeof openIndex>;
    let index: ElasticSearchIndex;
    beforeEach(() => {
      opened = openIndex();
      index = opened.index;
    });
    afterEach(() => opened.cleanup());

    function search(text: string, overrides: Partial<SearchQuery> = {}) {
      return index.search({ text, identifiers: [], access: { kind: 'all' }, limit: 50, offset: 0, ...overrides });
    }
    async function idsFor(text: string): Promise<string[]> {
      return (await search(text)).hits.map((hit) => hit.id).sort();
    }

    it('creates a versioned index behind the alias with the mappings of the template in infra/', async () => {
      await index.ensureIndex();
      await index.ensureIndex();
      const aliases = await admin.indices.getAlias({ name: opened.alias });
      expect(Object.keys(aliases)).toEqual([`${opened.alias}-v1`]);
      const mapping = await admin.indices.getMapping({ index: opened.alias });
      const properties = mapping[`${opened.alias}-v1`]?.mappings.properties ?? {};
      expect(properties).toMatchObject({
        identifiers: { type: 'keyword' },
        compartments: { type: 'keyword' },
        compartmentCount: { type: 'integer' },
        registeredAt: { type: 'date' },
        gradering: { type: 'keyword' },
        bodyWords: { type: 'text', analyzer: 'mottak_text' },
      });
      await expect(index.assertReady()).resolves.toBeUndefined();
      expect(await index.serverVersion()).toMatch(/^\d+\.\d+\.\d+/);
    });

    it('splits words as the FTS5 twin does, so an address or an abbreviation is found by its parts', async () => {
      const doc = aSearchDocument({ body: 'Skrev fra Ola.Nordmann@Example.no (f.nr. oppgitt), saks_nummer 42.' });
      await index.upsert([doc, aSearchDocument({ body: 'noe annet' })]);
      expect(await idsFor('nordmann')).toEqual([doc.id]);
      expect(await idsFor('example no')).toEqual([doc.id]);
      expect(await idsFor('nr')).toEqual([doc.id]);
      expect(await idsFor('nummer 42')).toEqual([doc.id]);
      const [hit] = (await search('nordmann')).hits;
      expect(hit?.snippet).toContain('Ola.<mark>Nordmann</mark>@Example.no');
    });

    it('cuts a long body to the words around the match, escaped, and shows the start when only the title matched', async () => {
      const before = Array.from({ length: 40 }, (_, i) => `før${i}`).join(' ');
      const after = Array.from({ length: 40 }, (_, i) => `etter${i}`).join(' ');
      const doc = aSearchDocument({ title: 'Sak om båt', body: `${before} <b>ubåt</b> & \u0002ubåt\u0003 ${after}` });
      await index.upsert([doc]);

      const [hit] = (await search('ubåt')).hits;
      expect(hit?.snippet).toMatch(/^…før\d+ /);
      expect(hit?.snippet).toMatch(/ etter\d+…$/);
      expect(hit?.snippet).toContain('&lt;b&gt;<mark>ubåt</mark>&lt;/b&gt; &amp;  <mark>ubåt</mark> ');
      expect(hit?.snippet.match(/<mark>/g)).toHaveLength(2);
      expect(hit?.snippet).not.toContain('\u0002');
      expect(hit?.snippet).not.toContain('\u0003');

      const [byTitle] = (await search('båt')).hits;
      expect(byTitle?.snippet).toMatch(/^før0 før1 .* før23…$/);
      expect(byTitle?.snippet).not.toContain('<mark>');
    });

    it('hides a report with any compartment outside the user’s, and counts duplicates once', async () => {
      const docs = {
        none: aSearchDocument({ body: 'felles', compartments: [] }),
        inside: aSearchDocument({ body: 'felles', compartments: ['alfa'] }),
        twice: aSearchDocument({ body: 'felles', compartments: ['alfa', 'alfa'] }),
        oneOutside: aSearchDocument({ body: 'felles', compartments: ['alfa', 'bravo'] }),
        outside: aSearchDocument({ body: 'felles', compartments: ['bravo'] }),
      };
      await index.upsert(Object.values(docs));
      const access: AccessCondition = { kind: 'not', condition: { kind: 'hasElementOutside', field: 'compartments', values: ['alfa'] } };
      const result = await search('felles', { access });
      expect(result.hits.map((hit) => hit.id).sort()).toEqual([docs.none.id, docs.inside.id, docs.twice.id].sort());
      expect(result.total).toBe(3);
      const noCompartments: AccessCondition = { kind: 'not', condition: { kind: 'hasElementOutside', field: 'compartments', values: [] } };
      expect((await search('felles', { access: noCompartments })).hits.map((hit) => hit.id)).toEqual([docs.none.id]);
    });

    it('reports every document the server rejected by id, without its field values, and keeps the rest', async () => {
      const good = aSearchDocument({ body: 'godkjent dokument' });
      const bad = aSearchDocument({ body: 'godkjent dokument', registeredAt: 'hemmelig-verdi-1' });
      const alsoBad = aSearchDocument({ body: 'godkjent dokument', registeredAt: 'hemmelig-verdi-2' });
      const error = await index.upsert([bad, good, alsoBad]).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SearchIndexBulkError);
      const bulkError = error as SearchIndexBulkError;
      expect(bulkError.failedIds).toEqual([bad.id, alsoBad.id]);
      expect(bulkError.failures.map((f) => f.status)).toEqual([400, 400]);
      expect(bulkError.message).toContain(bad.id);
      expect(bulkError.message).toContain(alsoBad.id);
      expect(bulkError.message).not.toContain('hemmelig-verdi');
      expect(await idsFor('godkjent')).toEqual([good.id]);
    });

    it('reindexes from the store into a new version and swaps the alias, answering searches all along', async () => {
      const kept = aSearchDocument({ body: 'felles beholdt' });
      const changed = aSearchDocument({ body: 'felles gammel' });
      const gone = aSearchDocument({ body: 'felles fjernet' });
      await index.upsert([kept, changed, gone]);
      const onlyInStore = aSearchDocument({ body: 'felles fra lageret' });
      const addedDuring = aSearchDocument({ body: 'felles lagt til underveis' });

      let reachedGate!: () => void;
      let openGate!: () => void;
      const atGate = new Promise<void>((resolve) => (reachedGate = resolve));
      const gate = new Promise<void>((resolve) => (openGate = resolve));
      // The store as the reindex reads it: `changed` and `gone` are read before they change.
      async function* store(): AsyncGenerator<SearchDocument> {
        yield kept;
        yield onlyInStore;
        reachedGate();
        await gate;
        yield changed;
        yield gone;
      }
      const reindexing = index.reindexFromDocuments(store(), { batchSize: 1 });
      await atGate;

      // Mid-build the alias still points at the old index, which answers in full.
      expect(await idsFor('felles')).toEqual([kept.id, changed.id, gone.id].sort());
      await index.upsert([{ ...changed, body: 'felles ny' }, addedDuring]);
      await index.remove([gone.id]);
      openGate();
      const result = await reindexing;

      expect(result).toEqual({ index: `${opened.alias}-v2`, previous: [`${opened.alias}-v1`], indexed: 4 });
      expect(Object.keys(await admin.indices.getAlias({ name: opened.alias }))).toEqual([`${opened.alias}-v2`]);
      expect(await admin.indices.exists({ index: `${opened.alias}-v1` })).toBe(false);
      expect(await idsFor('felles')).toEqual([kept.id, changed.id, onlyInStore.id, addedDuring.id].sort());
      expect(await idsFor('gammel')).toEqual([]);
      expect(await idsFor('ny')).toEqual([changed.id]);
      // Writes after the swap land in the new index.
      await index.upsert([aSearchDocument({ body: 'etter byttet' })]);
      expect((await search('byttet')).total).toBe(1);
    });

    it('removes a half-built index when the reindex source fails, and keeps serving the old one', async () => {
      const doc = aSearchDocument({ body: 'stabil' });
      await index.upsert([doc]);
      async function* failing(): AsyncGenerator<SearchDocument> {
        yield aSearchDocument({ body: 'stabil' });
        throw new Error('lageret svarte ikke');
      }
      await expect(index.reindexFromDocuments(failing(), { batchSize: 1 })).rejects.toThrow('lageret svarte ikke');
      expect(await admin.indices.exists({ index: `${opened.alias}-v2` })).toBe(false);
      expect(await idsFor('stabil')).toEqual([doc.id]);
    });

    it('answers a page past the result window with the total and no hits', async () => {
      await index.upsert([aSearchDocument({ body: 'dyp side' })]);
      expect(await search('dyp', { offset: 20_000, limit: 10 })).toEqual({ total: 1, hits: [] });
    });

    it('chooses the analyzer the server has, and refuses norwegian where it is missing', async () => {
      const norwegian = await hasNorwegianAnalyzer(admin);
      expect(await index.ensureIndex()).toBe(norwegian ? 'norwegian' : 'standard');
      const strict = createElasticSearchIndex({ node, indexAlias: `${opened.alias}-nb`, analyzer: 'norwegian' });
      try {
        if (norwegian) await expect(strict.ensureIndex()).resolves.toBe('norwegian');
        else await expect(strict.ensureIndex()).rejects.toThrow(/no "norwegian" analyzer/);
      } finally {
        await strict.close();
        await dropPrefixed(admin, `${opened.alias}-nb`);
      }
    });

    it('refuses to work once closed', async () => {
      await index.close();
      await expect(search('noe')).rejects.toThrow('closed');
    });
  });
}

/** Deletes the indices and index templates whose names start with `prefix` (by name: wildcard deletes are refused). */
async function dropPrefixed(client: Client, prefix: string): Promise<void> {
  const indices = await client.cat.indices({ index: `${prefix}*`, h: 'index', format: 'json', expand_wildcards: 'all' });
  const names = indices.flatMap((row) => (row.index ? [row.index] : []));
  if (names.length > 0) await client.indices.delete({ index: names });
  const templates = await client.indices.getIndexTemplate({ name: `${prefix}*` }).catch(() => ({ index_templates: [] }));
  for (const { name } of templates.index_templates) await client.indices.deleteIndexTemplate({ name });
}
