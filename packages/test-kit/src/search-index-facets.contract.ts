import fc from 'fast-check';
import {
  emptyFacets,
  FACET_FIELDS,
  type FacetField,
  orderFacetBuckets,
  type SearchDocument,
  type SearchFacets,
  type SearchFilters,
  type SearchIndex,
  type SearchQuery,
} from '@mottak/core';
import { CHANNELS, ENTITY_TYPES, GRADERINGER, PRIORITIES, REPORT_STATUSES } from '@mottak/domain';
import { defineAbilityFor, matchesAccessCondition, reportAccessCondition, type AccessCondition } from '@mottak/policies';
import { aSearchDocument, aUserWith, COMPARTMENTS, searchUserArbitrary } from './search-index.fixtures';

const SEES_ALL: AccessCondition = { kind: 'all' };
const CATEGORIES = ['observasjon', 'sabotasje', 'spionasje', 'ærekrenkelse'];

/** The values a document has for a facet field (entityType is multi-valued; duplicates count once). */
function valuesOf(doc: SearchDocument, field: FacetField): string[] {
  return field === 'entityType' ? [...new Set(doc.entityTypes)] : [doc[field]];
}

/** Whether a document passes the filters: OR within a field, AND across fields, empty narrows nothing. */
function passesFilters(doc: SearchDocument, filters: SearchFilters): boolean {
  return FACET_FIELDS.every((field) => {
    const wanted = filters[field] ?? [];
    return wanted.length === 0 || valuesOf(doc, field).some((value) => wanted.includes(value));
  });
}

/** Facets counted by brute force over documents already known to be hits. */
function bruteForceFacets(hits: SearchDocument[]): SearchFacets {
  const facets = emptyFacets();
  for (const field of FACET_FIELDS) {
    const counts = new Map<string, number>();
    for (const doc of hits) for (const value of valuesOf(doc, field)) counts.set(value, (counts.get(value) ?? 0) + 1);
    facets[field] = orderFacetBuckets([...counts].map(([value, count]) => ({ value, count })));
  }
  return facets;
}

/**
 * The facet half of the SearchIndex contract: counts per category, priority, gradering, channel,
 * entity type and status come from the same access-filtered query as the hits, and filters narrow
 * hits, total and counts alike. Called inside describeSearchIndexContract; `index` is that test's index.
 */
export function describeSearchFacetsContract(index: () => SearchIndex): void {
  function search(text: string, overrides: Partial<SearchQuery> = {}) {
    return index().search({ text, identifiers: [], access: SEES_ALL, limit: 50, offset: 0, facets: true, ...overrides });
  }
  async function idsFor(text: string, overrides: Partial<SearchQuery> = {}): Promise<string[]> {
    return (await search(text, overrides)).hits.map((hit) => hit.id).sort();
  }

  describe('facets', () => {
    it('counts hits per category, priority, gradering, channel, entity type and status, most first', async () => {
      const a = aSearchDocument({ body: 'felles', category: 'sabotasje', priority: 'P1', channel: 'telefon', entityTypes: ['phone', 'email'] });
      const b = aSearchDocument({
        body: 'felles',
        category: 'sabotasje',
        priority: 'P2',
        gradering: 'BEGRENSET',
        entityTypes: ['phone', 'phone'],
        status: 'under_behandling',
      });
      const c = aSearchDocument({ body: 'felles', category: 'observasjon', priority: 'P2' });
      await index().upsert([a, b, c, aSearchDocument({ body: 'annet', category: 'sabotasje', entityTypes: ['url'] })]);

      const result = await search('felles');
      expect(result.total).toBe(3);
      expect(result.facets).toEqual({
        category: [
          { value: 'sabotasje', count: 2 },
          { value: 'observasjon', count: 1 },
        ],
        priority: [
          { value: 'P2', count: 2 },
          { value: 'P1', count: 1 },
        ],
        gradering: [
          { value: 'UGRADERT', count: 2 },
          { value: 'BEGRENSET', count: 1 },
        ],
        channel: [
          { value: 'tipsskjema', count: 2 },
          { value: 'telefon', count: 1 },
        ],
        entityType: [
          { value: 'phone', count: 2 },
          { value: 'email', count: 1 },
        ],
        status: [
          { value: 'registrert', count: 2 },
          { value: 'under_behandling', count: 1 },
        ],
      });
      // Facets are counted on request only, and a page of no hits still counts them.
      expect((await search('felles', { facets: false })).facets).toBeUndefined();
      expect((await search('felles', { limit: 0 })).facets).toEqual(result.facets);
    });

    it('narrows hits, total and facets by filters: any value within a field, every field', async () => {
      const a = aSearchDocument({ body: 'felles', category: 'sabotasje', priority: 'P1', channel: 'telefon', entityTypes: ['phone', 'email'] });
      const b = aSearchDocument({ body: 'felles', category: 'sabotasje', priority: 'P2', entityTypes: ['phone'] });
      const c = aSearchDocument({ body: 'felles', category: 'observasjon', priority: 'P2' });
      await index().upsert([a, b, c]);

      const sabotage = await search('felles', { filters: { category: ['sabotasje'] } });
      expect(sabotage.total).toBe(2);
      expect(sabotage.hits.map((hit) => hit.id).sort()).toEqual([a.id, b.id].sort());
      expect(sabotage.facets?.priority).toEqual([
        { value: 'P1', count: 1 },
        { value: 'P2', count: 1 },
      ]);
      expect(sabotage.facets?.category).toEqual([{ value: 'sabotasje', count: 2 }]);

      // A report with two of the wanted entity types is one hit.
      expect(await search('felles', { filters: { entityType: ['email', 'phone'] }, limit: 0 })).toMatchObject({ total: 2 });
      expect(await idsFor('felles', { filters: { priority: ['P2'], channel: ['tipsskjema'] } })).toEqual([b.id, c.id].sort());
      expect(await idsFor('felles', { filters: { priority: ['P1', 'P2'], category: ['observasjon'] } })).toEqual([c.id]);
      expect(await search('felles', { filters: { category: ['sabotasje'], priority: ['P3'] } })).toEqual({ total: 0, hits: [], facets: emptyFacets() });
      expect(await idsFor('felles', { filters: { category: [], entityType: [] } })).toEqual([a.id, b.id, c.id].sort());
      // Filter values are values, never syntax.
      expect(await idsFor('felles', { filters: { category: ["sabotasje' OR '1'='1", '*'] } })).toEqual([]);
    });

    it('never lets a report the user may not see contribute to any facet', async () => {
      const visible = aSearchDocument({ body: 'felles ord', category: 'observasjon', entityTypes: ['phone'] });
      const hidden = [
        aSearchDocument({ body: 'felles ord', category: 'skjult-gradert', priority: 'P1', gradering: 'HEMMELIG', channel: 'partner', entityTypes: ['ipv6'] }),
        aSearchDocument({ body: 'felles ord', category: 'skjult-rom', priority: 'P2', compartments: ['charlie'], channel: 'e-post', entityTypes: ['url'] }),
        aSearchDocument({ body: 'felles ord', category: 'skjult-uregistrert', priority: 'P4', status: 'vurdert', channel: 'manuell', entityTypes: ['fodselsnummer'] }),
      ];
      await index().upsert([visible, ...hidden]);
      const access = reportAccessCondition(defineAbilityFor(aUserWith({ klarering: 'KONFIDENSIELT', compartments: ['alfa'] })));

      const result = await search('felles', { access });
      expect(result.hits.map((hit) => hit.id)).toEqual([visible.id]);
      expect(result.facets).toEqual({
        category: [{ value: 'observasjon', count: 1 }],
        priority: [{ value: 'P3', count: 1 }],
        gradering: [{ value: 'UGRADERT', count: 1 }],
        channel: [{ value: 'tipsskjema', count: 1 }],
        entityType: [{ value: 'phone', count: 1 }],
        status: [{ value: 'registrert', count: 1 }],
      });
      // Filtering for what only hidden reports have finds nothing, and says nothing about them.
      for (const filters of [{ category: ['skjult-gradert'] }, { entityType: ['ipv6', 'url'] }, { status: ['vurdert'] }, { gradering: ['HEMMELIG'] }]) {
        expect(await search('felles', { access, filters })).toEqual({ total: 0, hits: [], facets: emptyFacets() });
      }
      expect(await search('felles', { access: { kind: 'none' } })).toEqual({ total: 0, hits: [], facets: emptyFacets() });
    });

    it('counts exactly what a brute-force count over the readable, filtered reports gives, for random users, reports and filters', async () => {
      let run = 0;
      const userArb = searchUserArbitrary;
      const docArb = fc.record({
        gradering: fc.constantFrom(...GRADERINGER),
        compartments: fc.subarray(COMPARTMENTS),
        status: fc.constantFrom(...REPORT_STATUSES),
        category: fc.constantFrom(...CATEGORIES),
        priority: fc.constantFrom(...PRIORITIES),
        channel: fc.constantFrom(...CHANNELS),
        entityTypes: fc.array(fc.constantFrom(...ENTITY_TYPES), { maxLength: 3 }),
        matches: fc.boolean(),
      });
      const filtersArb = fc.record(
        {
          category: fc.subarray(CATEGORIES, { maxLength: 2 }),
          priority: fc.subarray([...PRIORITIES], { maxLength: 2 }),
          gradering: fc.subarray([...GRADERINGER], { maxLength: 3 }),
          channel: fc.subarray([...CHANNELS], { maxLength: 3 }),
          entityType: fc.subarray([...ENTITY_TYPES], { maxLength: 2 }),
          status: fc.subarray([...REPORT_STATUSES], { maxLength: 3 }),
        },
        { requiredKeys: [] },
      );
      await fc.assert(
        fc.asyncProperty(userArb, fc.array(docArb, { minLength: 1, maxLength: 12 }), filtersArb, async (userFields, specs, filters) => {
          // Each run gets its own word, so earlier runs' documents never match.
          const word = `fasett${++run}`;
          const docs = specs.map(({ matches, ...fields }, i) =>
            aSearchDocument({ id: `facet${run}-${i}`, body: matches ? `tekst med ${word}` : 'annen tekst', ...fields }),
          );
          await index().upsert(docs);
          const access = reportAccessCondition(defineAbilityFor(aUserWith(userFields)));
          const readable = docs.filter((doc, i) => specs[i]!.matches && matchesAccessCondition(access, doc));

          const unfiltered = await search(word, { access, limit: 100 });
          expect(unfiltered.facets).toEqual(bruteForceFacets(readable));
          expect(unfiltered.total).toBe(readable.length);
          // Every facet bucket is a number of hits the same user can see.
          for (const field of FACET_FIELDS) {
            for (const bucket of unfiltered.facets![field]) expect(bucket.count).toBeLessThanOrEqual(unfiltered.total);
          }

          const expected = readable.filter((doc) => passesFilters(doc, filters));
          const filtered = await search(word, { access, filters, limit: 100 });
          expect(filtered.total).toBe(expected.length);
          expect(filtered.hits.map((hit) => hit.id).sort()).toEqual(expected.map((doc) => doc.id).sort());
          expect(filtered.facets).toEqual(bruteForceFacets(expected));
        }),
        { numRuns: 50 },
      );
    });
  });
}
