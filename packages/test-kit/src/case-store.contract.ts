import type { CaseStore } from '@mottak/core';
import type { CaseEvent } from '@mottak/domain';
import { domainErrorOf } from './report-store.fixture';

/** One case store under test, on fresh storage; `openAgain` is another handle on the same storage. */
export interface CaseStoreFixture {
  store: CaseStore;
  openAgain(): Promise<CaseStore>;
  cleanup(): Promise<void>;
}

const CREATED: CaseEvent = { at: '2026-03-02T09:00:00.000Z', actor: 'user:kari', action: 'case.created' };

let counter = 0;
function newCase(year: number, title = 'Sak') {
  counter += 1;
  return { id: `case-${Date.now()}-${counter}`, year, title, event: CREATED };
}

/** The contract every CaseStore adapter must pass: gap-free numbers per year, status with optimistic concurrency. */
export function describeCaseStoreContract(name: string, makeStore: () => Promise<CaseStoreFixture>): void {
  describe(`CaseStore contract: ${name}`, () => {
    let fixture: CaseStoreFixture;
    beforeEach(async () => {
      fixture = await makeStore();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('numbers cases SAK-YYYY-NNNN, sequentially per year', async () => {
      const a = await fixture.store.create(newCase(2026, 'Første'));
      const b = await fixture.store.create(newCase(2026, 'Andre'));
      const c = await fixture.store.create(newCase(2027, 'Neste år'));
      expect([a.caseNumber, b.caseNumber, c.caseNumber]).toEqual(['SAK-2026-0001', 'SAK-2026-0002', 'SAK-2027-0001']);
      expect(a).toMatchObject({ title: 'Første', status: 'open', version: 1, createdBy: 'user:kari', createdAt: CREATED.at, history: [CREATED] });
      expect(await fixture.store.get(a.id)).toEqual(a);
      expect(await fixture.store.get('missing')).toBeUndefined();
    });

    it('gives concurrent creations through two handles consecutive numbers with no gaps or repeats', async () => {
      const other = await fixture.openAgain();
      const created = await Promise.all(Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? fixture.store : other).create(newCase(2026, `Sak ${i}`))));
      const sequences = created.map((c) => Number(c.caseNumber.split('-')[2])).sort((x, y) => x - y);
      expect(sequences).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    });

    it('continues the sequence after a restart', async () => {
      await fixture.store.create(newCase(2026));
      const again = await fixture.openAgain();
      expect((await again.create(newCase(2026))).caseNumber).toBe('SAK-2026-0002');
    });

    it('lists newest first, filtered by status, with the total', async () => {
      const a = await fixture.store.create({ ...newCase(2026, 'A'), event: { ...CREATED, at: '2026-03-02T09:00:00.000Z' } });
      const b = await fixture.store.create({ ...newCase(2026, 'B'), event: { ...CREATED, at: '2026-03-02T10:00:00.000Z' } });
      await fixture.store.setStatus({ id: a.id, expectedVersion: 1, status: 'closed', event: { at: '2026-03-03T09:00:00.000Z', actor: 'user:frida', action: 'case.closed', reason: 'Ferdig' } });
      const all = await fixture.store.list({ limit: 10, offset: 0 });
      expect(all.total).toBe(2);
      expect(all.items.map((c) => c.id)).toEqual([b.id, a.id]);
      expect(await fixture.store.list({ status: 'closed', limit: 10, offset: 0 })).toEqual({ total: 1, items: [expect.objectContaining({ id: a.id, status: 'closed' })] });
      expect((await fixture.store.list({ limit: 1, offset: 1 })).items.map((c) => c.id)).toEqual([a.id]);
    });

    it('changes status with its event, refusing a stale version with the current one', async () => {
      const created = await fixture.store.create(newCase(2026));
      const closing: CaseEvent = { at: '2026-03-03T09:00:00.000Z', actor: 'user:frida', action: 'case.closed', reason: 'Ferdig' };
      const closed = await fixture.store.setStatus({ id: created.id, expectedVersion: 1, status: 'closed', event: closing });
      expect(closed).toMatchObject({ status: 'closed', version: 2, updatedAt: closing.at, history: [CREATED, closing] });
      expect(await fixture.store.get(created.id)).toEqual(closed);
      const stale = await domainErrorOf(fixture.store.setStatus({ id: created.id, expectedVersion: 1, status: 'open', event: { ...closing, action: 'case.reopened' } }));
      expect(stale.code).toBe('VERSION_CONFLICT');
      expect(stale.details).toEqual({ currentVersion: 2 });
      expect((await fixture.store.get(created.id))?.status).toBe('closed');
      const missing = await domainErrorOf(fixture.store.setStatus({ id: 'missing', expectedVersion: 1, status: 'closed', event: closing }));
      expect(missing.code).toBe('NOT_FOUND');
    });
  });
}
