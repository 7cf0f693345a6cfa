import { randomUUID } from 'node:crypto';
import type { ReviewStore } from '@mottak/core';
import { DomainError, type ReviewSample, type ReviewVerdict } from '@mottak/domain';

/** One review store under test, on fresh, empty storage. */
export interface ReviewStoreFixture {
  store: ReviewStore;
  /** Another handle on the same storage (a second API process). */
  openAgain(): Promise<ReviewStore>;
  cleanup(): Promise<void>;
}

export type ReviewStoreFactory = () => Promise<ReviewStoreFixture>;

/** A sample of three reports in two strata, drawn by frida. */
export function aReviewSample(overrides: Partial<ReviewSample> = {}): ReviewSample {
  return {
    id: randomUUID(),
    drawnAt: '2026-11-02T08:00:00.000Z',
    drawnBy: 'frida',
    from: '2026-10-01T00:00:00.000Z',
    to: '2026-11-01T00:00:00.000Z',
    percentage: 10,
    stratifyBy: 'category',
    minPerStratum: 1,
    population: 30,
    strata: [
      { stratum: 'sabotasje', population: 20, drawn: 2 },
      { stratum: 'trussel', population: 10, drawn: 1 },
    ],
    items: [
      { reportId: `report-${randomUUID()}`, journalNumber: '2026/000010', stratum: 'sabotasje', registeredBy: 'kari' },
      { reportId: `report-${randomUUID()}`, journalNumber: '2026/000014', stratum: 'sabotasje', registeredBy: 'kim' },
      { reportId: `report-${randomUUID()}`, journalNumber: '2026/000003', stratum: 'trussel', registeredBy: 'kari' },
    ],
    ...overrides,
  };
}

const verdict = (overrides: Partial<ReviewVerdict> = {}): ReviewVerdict => ({ verdict: 'godkjent', comment: '', reviewer: 'fiona', at: '2026-11-03T09:00:00.000Z', ...overrides });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  throw new Error('expected a DomainError');
}

/** The behaviour every ReviewStore must show: samples round-trip in order, a verdict lands once and survives a restart. */
export function describeReviewStoreContract(name: string, makeStore: ReviewStoreFactory): void {
  describe(`ReviewStore contract: ${name}`, () => {
    let fixture: ReviewStoreFixture;
    beforeEach(async () => {
      fixture = await makeStore();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('returns a sample as created, items in their order, and lists the newest first with progress', async () => {
      const older = aReviewSample({ drawnAt: '2026-10-01T08:00:00.000Z' });
      const newer = aReviewSample();
      await fixture.store.create(older);
      await fixture.store.create(newer);
      expect(await fixture.store.get(newer.id)).toEqual(newer);
      expect(await fixture.store.get(randomUUID())).toBeUndefined();
      const listed = await fixture.store.list(10);
      expect(listed.map((s) => s.id)).toEqual([newer.id, older.id]);
      const { items: _items, ...summary } = newer;
      expect(listed[0]).toEqual({ ...summary, items: 3, decided: 0, deviations: 0 });
      expect(await fixture.store.list(1)).toHaveLength(1);
    });

    it('records a verdict once; the second is refused and changes nothing; unknown items are NOT_FOUND', async () => {
      const sample = aReviewSample();
      await fixture.store.create(sample);
      const target = sample.items[1]!;
      const decided = await fixture.store.recordVerdict(sample.id, target.reportId, verdict({ verdict: 'avvik', comment: 'Feil kategori' }));
      expect(decided).toEqual({ ...target, verdict: verdict({ verdict: 'avvik', comment: 'Feil kategori' }) });
      expect(await codeOf(fixture.store.recordVerdict(sample.id, target.reportId, verdict()))).toBe('REVIEW_ALREADY_DECIDED');
      expect(await codeOf(fixture.store.recordVerdict(sample.id, 'report-missing', verdict()))).toBe('NOT_FOUND');
      expect(await codeOf(fixture.store.recordVerdict(randomUUID(), target.reportId, verdict()))).toBe('NOT_FOUND');

      const again = await fixture.openAgain();
      const stored = await again.get(sample.id);
      expect(stored?.items.map((i) => i.verdict?.verdict)).toEqual([undefined, 'avvik', undefined]);
      expect((await again.list(10))[0]).toMatchObject({ items: 3, decided: 1, deviations: 1 });
    });

    it('lets exactly one of two simultaneous reviewers decide an item', async () => {
      const sample = aReviewSample();
      await fixture.store.create(sample);
      const other = await fixture.openAgain();
      const target = sample.items[0]!.reportId;
      const outcomes = await Promise.allSettled([
        fixture.store.recordVerdict(sample.id, target, verdict({ reviewer: 'fiona' })),
        other.recordVerdict(sample.id, target, verdict({ reviewer: 'frida', verdict: 'avvik', comment: 'Mangler hjemmel' })),
      ]);
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
      expect((refused.reason as DomainError).code).toBe('REVIEW_ALREADY_DECIDED');
      const winner = (outcomes.find((o) => o.status === 'fulfilled') as PromiseFulfilledResult<{ verdict?: ReviewVerdict }>).value.verdict;
      expect((await fixture.store.get(sample.id))?.items[0]?.verdict).toEqual(winner);
    });
  });
}
