import fc from 'fast-check';
import type { SearchIndex, SearchQuery } from '@mottak/core';
import { GRADERINGER, REPORT_STATUSES } from '@mottak/domain';
import { asReportSubject, defineAbilityFor, reportAccessCondition, type AccessCondition } from '@mottak/policies';
import { describeSearchFacetsContract } from './search-index-facets.contract';
import { aSearchDocument, aUserWith, COMPARTMENTS, searchUserArbitrary } from './search-index.fixtures';

export { aSearchDocument } from './search-index.fixtures';

export interface SearchIndexFixture {
  /** An empty index. After `upsert` resolves, `search` must see the documents. */
  subject: SearchIndex;
  /** Closes the index and removes what it stored. */
  cleanup(): Promise<void>;
}

export type MakeSearchIndex = () => Promise<SearchIndexFixture>;

const SEES_ALL: AccessCondition = { kind: 'all' };

/** Injection attempts that must be read as plain words and never raise. */
const HOSTILE_QUERIES = [
  '"',
  '""',
  'NEAR(a b)',
  'NEAR(alfa bravo, 2)',
  'title:x',
  '{title body}: alfa',
  'a OR b',
  'alfa AND NOT bravo',
  '*',
  'alf*',
  '^alfa',
  '-alfa',
  '(alfa',
  "'; DROP TABLE documents; --",
  '\u0000\u0002\u0003',
  '{"query":{"match_all":{}}}',
];

/**
 * The behaviour every SearchIndex adapter must show: words and identifiers with AND semantics,
 * paging with an exact total, safe snippets, query text never read as syntax, and access rules
 * applied inside the query so hidden reports show up neither as hits nor in counts.
 */
export function describeSearchIndexContract(name: string, makeIndex: MakeSearchIndex): void {
  describe(`SearchIndex contract: ${name}`, () => {
    let fixture: SearchIndexFixture | undefined;
    let index: SearchIndex;

    beforeEach(async () => {
      fixture = await makeIndex();
      index = fixture.subject;
    });
    afterEach(async () => {
      await fixture?.cleanup();
      fixture = undefined;
    });

    describeSearchFacetsContract(() => index);

    function search(text: string, overrides: Partial<SearchQuery> = {}) {
      return index.search({ text, identifiers: [], access: SEES_ALL, limit: 50, offset: 0, ...overrides });
    }
    async function idsFor(text: string, overrides: Partial<SearchQuery> = {}): Promise<string[]> {
      return (await search(text, overrides)).hits.map((hit) => hit.id).sort();
    }

    it('finds a document by a word in its body or title and returns its fields', async () => {
      const doc = aSearchDocument({ title: 'Drone over havna', body: 'Vakten så en ubåt ved kaia.', priority: 'P1' });
      await index.upsert([doc, aSearchDocument({ body: 'Ingenting å melde.' })]);

      const byBody = await search('ubåt');
      expect(byBody.total).toBe(1);
      expect(byBody.hits[0]).toMatchObject({
        id: doc.id,
        journalNumber: doc.journalNumber,
        title: 'Drone over havna',
        category: doc.category,
        priority: 'P1',
        gradering: 'UGRADERT',
        registeredAt: doc.registeredAt,
      });
      expect(await idsFor('DRONE')).toEqual([doc.id]);
      expect(await idsFor('helikopter')).toEqual([]);
    });

    it('keeps æ, ø and å distinct from a, o and ae', async () => {
      const doc = aSearchDocument({ body: 'Blåbær og brød på Bodø' });
      await index.upsert([doc]);
      expect(await idsFor('BLÅBÆR bodø')).toEqual([doc.id]);
      expect(await idsFor('blabaer')).toEqual([]);
      expect(await idsFor('bodo')).toEqual([]);
    });

    it('finds a phone number written differently in the text through its normalised identifier', async () => {
      const doc = aSearchDocument({ body: 'Ring meg på 922 33 444 etter kl 16.', identifiers: ['+4792233444'], entityTypes: ['phone'] });
      await index.upsert([doc, aSearchDocument({ body: 'Nummeret var 922 33 445.', identifiers: ['+4792233445'] })]);
      expect(await idsFor('', { identifiers: ['+4792233444'] })).toEqual([doc.id]);
      expect(await idsFor('', { identifiers: ['+4799999999'] })).toEqual([]);
      // Identifiers match whole normalised values, not pieces of them.
      expect(await idsFor('', { identifiers: ['4792233444'] })).toEqual([]);
    });

    it('finds a fødselsnummer and an e-mail address by identifier, exactly', async () => {
      const doc = aSearchDocument({
        body: 'Personen (f.nr. 010199 12345) skrev fra Ola.Nordmann@Example.no.',
        identifiers: ['01019912345', 'ola.nordmann@example.no'],
        entityTypes: ['fodselsnummer', 'email'],
      });
      await index.upsert([doc]);
      expect(await idsFor('', { identifiers: ['01019912345'] })).toEqual([doc.id]);
      expect(await idsFor('', { identifiers: ['ola.nordmann@example.no'] })).toEqual([doc.id]);
      expect(await idsFor('', { identifiers: ['example.no'] })).toEqual([]);
      expect(await idsFor('', { identifiers: ['01019912346'] })).toEqual([]);
    });

    it('requires every word and every identifier (AND)', async () => {
      const both = aSearchDocument({ body: 'ubåt ved havna', identifiers: ['+4792233444', '01019912345'] });
      const onlyBoat = aSearchDocument({ body: 'ubåt i fjorden', identifiers: ['+4792233444'] });
      const onlyHarbour = aSearchDocument({ body: 'havna er stengt' });
      await index.upsert([both, onlyBoat, onlyHarbour]);
      expect(await idsFor('ubåt havna')).toEqual([both.id]);
      expect(await idsFor('ubåt')).toEqual([both.id, onlyBoat.id].sort());
      expect(await idsFor('', { identifiers: ['+4792233444', '01019912345'] })).toEqual([both.id]);
      expect(await idsFor('', { identifiers: ['+4792233444'] })).toEqual([both.id, onlyBoat.id].sort());
      expect(await idsFor('fjorden', { identifiers: ['+4792233444'] })).toEqual([onlyBoat.id]);
      expect(await idsFor('havna', { identifiers: ['+4792233444'] })).toEqual([both.id]);
    });

    it('pages through hits with an exact total, equal scores newest first', async () => {
      const docs = Array.from({ length: 12 }, () => aSearchDocument({ body: 'samme tekst om rørleggeren' }));
      await index.upsert([...docs, aSearchDocument({ body: 'noe annet' })]);
      const pages = await Promise.all([0, 5, 10].map((offset) => search('rørleggeren', { limit: 5, offset })));
      expect(pages.map((page) => page.total)).toEqual([12, 12, 12]);
      expect(pages.map((page) => page.hits.length)).toEqual([5, 5, 2]);
      const ids = pages.flatMap((page) => page.hits.map((hit) => hit.id));
      const newestFirst = [...docs].sort((a, b) => b.registeredAt.localeCompare(a.registeredAt)).map((doc) => doc.id);
      expect(ids).toEqual(newestFirst);
      expect((await search('rørleggeren', { limit: 5, offset: 40 })).hits).toEqual([]);
    });

    it('ranks a document about the word above one that mentions it in passing', async () => {
      const filler = Array.from({ length: 60 }, (_, i) => `ord${i}`).join(' ');
      const passing = aSearchDocument({ title: 'Rapport', body: `${filler} ubåt ${filler}` });
      const about = aSearchDocument({ title: 'Ubåt observert', body: 'En ubåt lå i overflaten. Ubåt igjen.' });
      await index.upsert([passing, about]);
      expect((await search('ubåt')).hits.map((hit) => hit.id)).toEqual([about.id, passing.id]);
    });

    it('marks matches in the snippet and HTML-escapes everything else', async () => {
      const doc = aSearchDocument({ body: 'Hei <script>alert("x")</script> & <mark>falsk</mark> ubåt sett' });
      await index.upsert([doc]);
      const [hit] = (await search('ubåt')).hits;
      expect(hit?.snippet).toContain('<mark>ubåt</mark>');
      expect(hit?.snippet).toContain('&lt;script&gt;');
      expect(hit?.snippet).toContain('&amp;');
      expect(hit?.snippet).not.toContain('<script>');
      expect(hit?.snippet.match(/<mark>/g)).toHaveLength(1);
      expect(hit?.snippet).toContain('&lt;mark&gt;falsk&lt;/mark&gt;');
    });

    it('shows the start of the body as snippet when only an identifier matched', async () => {
      const doc = aSearchDocument({ body: 'Anonym tipser ringte fra 922 33 444 om en bil.', identifiers: ['+4792233444'] });
      await index.upsert([doc]);
      const [hit] = (await search('', { identifiers: ['+4792233444'] })).hits;
      expect(hit?.snippet).toContain('Anonym tipser ringte');
    });

    it('reads query syntax as plain words and never fails on hostile input', async () => {
      const plain = aSearchDocument({ body: 'alfa bravo' });
      const withOr = aSearchDocument({ body: 'alfa or bravo near charlie' });
      await index.upsert([plain, withOr]);
      for (const text of HOSTILE_QUERIES) {
        await expect(search(text)).resolves.toEqual(expect.objectContaining({ total: expect.any(Number) }));
        await expect(search('alfa', { identifiers: [text] })).resolves.toBeDefined();
      }
      expect(await idsFor('alfa OR bravo')).toEqual([withOr.id]);
      expect(await idsFor('NEAR(alfa bravo)')).toEqual([withOr.id]);
      expect(await idsFor('"alfa bravo"')).toEqual([plain.id, withOr.id].sort());
      expect(await idsFor('-alfa')).toEqual([plain.id, withOr.id].sort());
      expect(await idsFor('alf*')).toEqual([]);
      expect(await idsFor('title:alfa')).toEqual([]);
      expect(await idsFor('bravo')).toEqual([plain.id, withOr.id].sort());
    });

    it('never fails on arbitrary text', async () => {
      await index.upsert([aSearchDocument({ body: 'alfa bravo' })]);
      await fc.assert(
        fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 40 }), async (text) => {
          const result = await search(text);
          expect(result.total).toBeGreaterThanOrEqual(0);
        }),
        { numRuns: 100 },
      );
    });

    it('finds nothing for a query with no words and no identifiers', async () => {
      await index.upsert([aSearchDocument({ body: 'alfa' })]);
      expect(await search('')).toEqual({ total: 0, hits: [] });
      expect(await search(' !!! ... ')).toEqual({ total: 0, hits: [] });
    });

    it('counts only reports registered after an instant (new matches of a saved search), under the same access rule', async () => {
      const old = aSearchDocument({ body: 'nytt ord', registeredAt: '2026-03-01T10:00:00.000Z' });
      const atTheInstant = aSearchDocument({ body: 'nytt ord', registeredAt: '2026-03-02T10:00:00.000Z' });
      const newer = aSearchDocument({ body: 'nytt ord', registeredAt: '2026-03-02T10:00:00.001Z' });
      const newerSecret = aSearchDocument({ body: 'nytt ord', registeredAt: '2026-03-03T10:00:00.000Z', gradering: 'HEMMELIG' });
      await index.upsert([old, atTheInstant, newer, newerSecret]);
      const after = { registeredAfter: '2026-03-02T10:00:00.000Z' };
      expect(await idsFor('nytt', after)).toEqual([newer.id, newerSecret.id].sort());
      expect((await search('nytt', { ...after, limit: 0 })).total).toBe(2);
      const access = reportAccessCondition(defineAbilityFor(aUserWith({ klarering: 'KONFIDENSIELT', compartments: [] })));
      expect(await search('nytt', { ...after, access, limit: 0 })).toMatchObject({ total: 1, hits: [] });
      expect((await search('nytt', { registeredAfter: '2026-03-04T00:00:00.000Z' })).total).toBe(0);
    });

    it('filters by a period [registeredFrom, registeredBefore) on registration time, hits and facets alike', async () => {
      const before = aSearchDocument({ body: 'periode ord', registeredAt: '2026-02-28T23:59:59.999Z', category: 'sabotasje' });
      const first = aSearchDocument({ body: 'periode ord', registeredAt: '2026-03-01T00:00:00.000Z', category: 'trussel' });
      const last = aSearchDocument({ body: 'periode ord', registeredAt: '2026-03-31T23:59:59.999Z', category: 'trussel' });
      const after = aSearchDocument({ body: 'periode ord', registeredAt: '2026-04-01T00:00:00.000Z', category: 'sabotasje' });
      await index.upsert([before, first, last, after]);
      const march = { registeredFrom: '2026-03-01T00:00:00.000Z', registeredBefore: '2026-04-01T00:00:00.000Z' };
      expect(await idsFor('periode', march)).toEqual([first.id, last.id].sort());
      const counted = await search('periode', { ...march, facets: true, limit: 0 });
      expect(counted.total).toBe(2);
      expect(counted.facets?.category).toEqual([{ value: 'trussel', count: 2 }]);
      expect(await idsFor('periode', { registeredFrom: '2026-04-01T00:00:00.000Z' })).toEqual([after.id]);
      expect(await idsFor('periode', { registeredBefore: '2026-03-01T00:00:00.000Z' })).toEqual([before.id]);
    });

    it('hides reports above the klarering or outside the compartments, from hits and from the total', async () => {
      const open = aSearchDocument({ body: 'felles ord' });
      const secret = aSearchDocument({ body: 'felles ord', gradering: 'HEMMELIG' });
      const compartment = aSearchDocument({ body: 'felles ord', compartments: ['alfa'] });
      const unregistered = aSearchDocument({ body: 'felles ord', status: 'vurdert' });
      await index.upsert([open, secret, compartment, unregistered]);
      const user = aUserWith({ klarering: 'KONFIDENSIELT', compartments: ['bravo'] });
      const access = reportAccessCondition(defineAbilityFor(user));
      expect(await search('felles', { access })).toEqual({ total: 1, hits: [expect.objectContaining({ id: open.id })] });
      expect((await search('felles', { access, limit: 0 })).total).toBe(1);
      expect(await search('felles', { access: { kind: 'none' } })).toEqual({ total: 0, hits: [] });
    });

    it('returns exactly the matching reports the user may read, for random users and reports', async () => {
      let run = 0;
      const userArb = searchUserArbitrary;
      const docArb = fc.record({
        gradering: fc.constantFrom(...GRADERINGER),
        compartments: fc.subarray(COMPARTMENTS),
        status: fc.constantFrom(...REPORT_STATUSES),
        matches: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(userArb, fc.array(docArb, { minLength: 1, maxLength: 10 }), fc.integer({ min: 1, max: 4 }), fc.uniqueArray(fc.nat({ max: 9 }), { maxLength: 3 }), async (userFields, specs, limit, grantPicks) => {
          // Each run gets its own word, so earlier runs' documents never match.
          const word = `kjoring${++run}`;
          const docs = specs.map(({ matches, ...fields }, i) =>
            aSearchDocument({ id: `run${run}-${i}`, body: matches ? `tekst med ${word}` : 'annen tekst', ...fields }),
          );
          await index.upsert(docs);
          // Need-to-know grants on a few of this run's documents (some picks name no document).
          const ability = defineAbilityFor(aUserWith(userFields), { grantedReportIds: grantPicks.map((i) => `run${run}-${i}`) });
          const expected = docs
            .filter((doc, i) => specs[i]!.matches && ability.can('read', asReportSubject(doc)))
            .map((doc) => doc.id)
            .sort();
          const access = reportAccessCondition(ability);

          const all = await search(word, { access, limit: 100 });
          expect(all.total).toBe(expected.length);
          expect(all.hits.map((hit) => hit.id).sort()).toEqual(expected);
          const page = await search(word, { access, limit });
          expect(page.total).toBe(expected.length);
          expect(page.hits).toHaveLength(Math.min(limit, expected.length));
          expect(page.hits.every((hit) => expected.includes(hit.id))).toBe(true);
        }),
        { numRuns: 60 },
      );
    });

    it('re-indexing a document replaces it: one hit, new words and new access fields', async () => {
      const doc = aSearchDocument({ body: 'gammel tekst' });
      await index.upsert([doc]);
      await index.upsert([doc]);
      await index.upsert([doc]);
      expect((await search('gammel')).total).toBe(1);

      await index.upsert([{ ...doc, body: 'ny tekst', gradering: 'HEMMELIG' }]);
      expect(await idsFor('gammel')).toEqual([]);
      expect(await idsFor('ny')).toEqual([doc.id]);
      const access = reportAccessCondition(defineAbilityFor(aUserWith({ klarering: 'BEGRENSET' })));
      expect(await search('ny', { access })).toEqual({ total: 0, hits: [] });
    });

    it('removes documents, and ignores ids it does not hold', async () => {
      const keep = aSearchDocument({ body: 'felles' });
      const drop = aSearchDocument({ body: 'felles', identifiers: ['+4792233444'] });
      await index.upsert([keep, drop]);
      await index.remove([drop.id, 'no-such-doc']);
      await index.remove([]);
      await index.upsert([]);
      expect(await idsFor('felles')).toEqual([keep.id]);
      expect(await idsFor('', { identifiers: ['+4792233444'] })).toEqual([]);
    });
  });
}
