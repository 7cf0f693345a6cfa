import type { SavedSearch, SavedSearchStore } from '@mottak/core';
import { domainErrorOf } from './report-store.fixture';

/** One saved-search store under test, on fresh storage; `openAgain` is another handle on the same storage. */
export interface SavedSearchStoreFixture {
  store: SavedSearchStore;
  openAgain(): Promise<SavedSearchStore>;
  cleanup(): Promise<void>;
}

const SAVED_AT = '2026-03-02T09:00:00.000Z';
let counter = 0;

function aSavedSearch(overrides: Partial<SavedSearch> = {}): SavedSearch {
  counter += 1;
  return {
    id: `saved-${Date.now()}-${counter}`,
    owner: 'siri',
    name: `Søk ${counter}`,
    q: 'drone kraftstasjon',
    filters: { category: ['sabotasje'], gradering: ['BEGRENSET', 'KONFIDENSIELT'] },
    createdAt: SAVED_AT,
    seenAt: SAVED_AT,
    ...overrides,
  };
}

/**
 * The contract every SavedSearchStore adapter must pass: a round trip of query and filters, an
 * owner sees only their own searches (someone else's id is missing), the limit per owner and unique
 * names hold under concurrency, and `seenAt` only moves forward.
 */
export function describeSavedSearchStoreContract(name: string, makeStore: () => Promise<SavedSearchStoreFixture>): void {
  describe(`SavedSearchStore contract: ${name}`, () => {
    let fixture: SavedSearchStoreFixture;
    beforeEach(async () => {
      fixture = await makeStore();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('stores a search with its query and filters, durably: another handle reads it back unchanged', async () => {
      const search = aSavedSearch({ name: 'Droner ved kraftverk', q: '+47 922 33 444 drone', filters: { entityType: ['phone'], status: ['registrert'] } });
      expect(await fixture.store.create(search, { maxPerOwner: 10 })).toEqual(search);
      const again = await fixture.openAgain();
      expect(await again.get('siri', search.id)).toEqual(search);
      expect(await again.list('siri')).toEqual([search]);
      const empty = aSavedSearch({ filters: {} });
      await fixture.store.create(empty, { maxPerOwner: 10 });
      expect((await fixture.store.get('siri', empty.id))?.filters).toEqual({});
    });

    it("never shows one owner another's search: get, list, markSeen and delete all answer as for a missing id", async () => {
      const siris = await fixture.store.create(aSavedSearch({ owner: 'siri' }), { maxPerOwner: 10 });
      const sanders = await fixture.store.create(aSavedSearch({ owner: 'sander' }), { maxPerOwner: 10 });
      expect(await fixture.store.get('sander', siris.id)).toBeUndefined();
      expect(await fixture.store.get('siri', 'missing')).toBeUndefined();
      expect((await fixture.store.list('sander')).map((s) => s.id)).toEqual([sanders.id]);
      expect(await fixture.store.markSeen('sander', siris.id, '2026-03-05T00:00:00.000Z')).toBeUndefined();
      expect(await fixture.store.delete('sander', siris.id)).toBe(false);
      // Untouched by the other owner's attempts.
      expect(await fixture.store.get('siri', siris.id)).toEqual(siris);
      expect(await fixture.store.list('nobody')).toEqual([]);
    });

    it('lists by name, case-insensitively, and refuses a second search of the same name for the same owner only', async () => {
      const b = await fixture.store.create(aSavedSearch({ name: 'bravo' }), { maxPerOwner: 10 });
      const a = await fixture.store.create(aSavedSearch({ name: 'Alfa' }), { maxPerOwner: 10 });
      const c = await fixture.store.create(aSavedSearch({ name: 'Charlie' }), { maxPerOwner: 10 });
      expect((await fixture.store.list('siri')).map((s) => s.name)).toEqual(['Alfa', 'bravo', 'Charlie']);
      const taken = await domainErrorOf(fixture.store.create(aSavedSearch({ name: '  ALFA ' }), { maxPerOwner: 10 }));
      expect(taken.code).toBe('SAVED_SEARCH_NAME_TAKEN');
      // Another owner may use the name.
      await fixture.store.create(aSavedSearch({ owner: 'sander', name: 'Alfa' }), { maxPerOwner: 10 });
      expect((await fixture.store.list('siri')).map((s) => s.id)).toEqual([a.id, b.id, c.id]);
      // A deleted name is free again.
      expect(await fixture.store.delete('siri', a.id)).toBe(true);
      expect(await fixture.store.delete('siri', a.id)).toBe(false);
      await fixture.store.create(aSavedSearch({ name: 'alfa' }), { maxPerOwner: 10 });
    });

    it('keeps at most the limit per owner, also when creations race through two handles', async () => {
      const other = await fixture.openAgain();
      const attempts = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? fixture.store : other).create(aSavedSearch({ name: `Kappløp ${i}` }), { maxPerOwner: 5 })),
      );
      expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(5);
      for (const attempt of attempts) {
        if (attempt.status === 'rejected') expect(attempt.reason).toMatchObject({ code: 'SAVED_SEARCH_LIMIT_REACHED', details: { limit: 5 } });
      }
      expect(await fixture.store.list('siri')).toHaveLength(5);
      // Another owner has a limit of their own.
      await fixture.store.create(aSavedSearch({ owner: 'sander' }), { maxPerOwner: 5 });
      // Deleting one makes room for one.
      const [first] = await fixture.store.list('siri');
      await fixture.store.delete('siri', first!.id);
      await fixture.store.create(aSavedSearch(), { maxPerOwner: 5 });
      expect((await domainErrorOf(fixture.store.create(aSavedSearch(), { maxPerOwner: 5 }))).code).toBe('SAVED_SEARCH_LIMIT_REACHED');
    });

    it('marks a search seen, answering the time it was seen before, and never moves that time back', async () => {
      const search = await fixture.store.create(aSavedSearch(), { maxPerOwner: 10 });
      const opened = await fixture.store.markSeen('siri', search.id, '2026-03-03T12:00:00.000Z');
      expect(opened).toEqual({ search: { ...search, seenAt: '2026-03-03T12:00:00.000Z' }, previousSeenAt: SAVED_AT });
      const late = await fixture.store.markSeen('siri', search.id, '2026-03-03T11:00:00.000Z');
      expect(late).toEqual({ search: { ...search, seenAt: '2026-03-03T12:00:00.000Z' }, previousSeenAt: '2026-03-03T12:00:00.000Z' });
      expect((await (await fixture.openAgain()).get('siri', search.id))?.seenAt).toBe('2026-03-03T12:00:00.000Z');
    });
  });
}
