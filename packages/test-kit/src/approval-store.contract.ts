import { randomUUID } from 'node:crypto';
import type { ApprovalStore } from '@mottak/core';
import type { ApprovalRequest } from '@mottak/domain';

/** One approval store under test, on fresh, empty storage. */
export interface ApprovalStoreFixture {
  store: ApprovalStore;
  /** Another handle on the same storage (a second API process). */
  openAgain(): Promise<ApprovalStore>;
  cleanup(): Promise<void>;
}

export type ApprovalStoreFactory = () => Promise<ApprovalStoreFixture>;

/** A pending need-to-know request by siri for one report. */
export function anApprovalRequest(overrides: Partial<ApprovalRequest> = {}): ApprovalRequest {
  return {
    id: randomUUID(),
    kind: 'tilgang',
    reportId: `report-${randomUUID()}`,
    requestedBy: 'siri',
    requestedAt: '2026-03-02T08:00:00.000Z',
    reason: 'Analyse av sak om kraftforsyning',
    grantee: 'siri',
    grantHours: 8,
    status: 'venter',
    ...overrides,
  };
}

/** The behaviour every ApprovalStore must show: requests round-trip, a decision lands once, grants lapse by time. */
export function describeApprovalStoreContract(name: string, makeStore: ApprovalStoreFactory): void {
  describe(`ApprovalStore contract: ${name}`, () => {
    let fixture: ApprovalStoreFixture;
    beforeEach(async () => {
      fixture = await makeStore();
    });
    afterEach(async () => {
      await fixture.cleanup();
    });

    it('stores a request and finds it by id and in filtered lists, newest first', async () => {
      const grant = anApprovalRequest({ requestedAt: '2026-03-02T08:00:00.000Z' });
      const lowering = anApprovalRequest({
        kind: 'nedgradering',
        requestedBy: 'kari',
        requestedAt: '2026-03-02T09:00:00.000Z',
        change: { gradering: 'UGRADERT', compartments: [] },
      });
      delete lowering.grantee;
      delete lowering.grantHours;
      await fixture.store.create(grant);
      await fixture.store.create(lowering);
      expect(await fixture.store.get(grant.id)).toEqual(grant);
      expect(await fixture.store.get(lowering.id)).toEqual(lowering);
      expect(await fixture.store.get('no-such-request')).toBeUndefined();
      expect((await fixture.store.list({ limit: 10 })).map((r) => r.id)).toEqual([lowering.id, grant.id]);
      expect((await fixture.store.list({ kind: 'tilgang', limit: 10 })).map((r) => r.id)).toEqual([grant.id]);
      expect((await fixture.store.list({ requestedBy: 'kari', limit: 10 })).map((r) => r.id)).toEqual([lowering.id]);
      expect((await fixture.store.list({ reportId: grant.reportId, limit: 10 })).map((r) => r.id)).toEqual([grant.id]);
      expect((await fixture.store.list({ status: 'godkjent', limit: 10 }))).toEqual([]);
      expect(await fixture.store.list({ limit: 1 })).toHaveLength(1);
    });

    it('records a decision once: of two racing deciders on two handles exactly one wins', async () => {
      const request = anApprovalRequest();
      await fixture.store.create(request);
      const other = await fixture.openAgain();
      const results = await Promise.allSettled([
        fixture.store.decide(request.id, { status: 'godkjent', decidedBy: 'frida', decidedAt: '2026-03-02T10:00:00.000Z', expiresAt: '2026-03-02T18:00:00.000Z' }),
        other.decide(request.id, { status: 'avslatt', decidedBy: 'fiona', decidedAt: '2026-03-02T10:00:00.000Z' }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected?.reason).toMatchObject({ code: 'APPROVAL_ALREADY_DECIDED' });
      const stored = await fixture.store.get(request.id);
      const winner = (results.find((r) => r.status === 'fulfilled') as PromiseFulfilledResult<ApprovalRequest>).value;
      expect(stored).toEqual(winner);
      expect(['godkjent', 'avslatt']).toContain(stored?.status);
    });

    it('answers NOT_FOUND when deciding a request that does not exist', async () => {
      await expect(fixture.store.decide('no-such-request', { status: 'godkjent', decidedBy: 'frida', decidedAt: '2026-03-02T10:00:00.000Z' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('lists a grant as active only when approved, for its grantee, and until it expires', async () => {
      const approved = anApprovalRequest();
      const rejected = anApprovalRequest();
      const pending = anApprovalRequest();
      const forKim = anApprovalRequest({ requestedBy: 'kim', grantee: 'kim' });
      for (const request of [approved, rejected, pending, forKim]) await fixture.store.create(request);
      const decidedAt = '2026-03-02T10:00:00.000Z';
      const expiresAt = '2026-03-02T18:00:00.000Z';
      await fixture.store.decide(approved.id, { status: 'godkjent', decidedBy: 'frida', decidedAt, expiresAt });
      await fixture.store.decide(rejected.id, { status: 'avslatt', decidedBy: 'frida', decidedAt });
      await fixture.store.decide(forKim.id, { status: 'godkjent', decidedBy: 'frida', decidedAt, expiresAt });
      expect(await fixture.store.activeGrantReportIds('siri', '2026-03-02T12:00:00.000Z')).toEqual([approved.reportId]);
      expect(await fixture.store.activeGrantReportIds('siri', '2026-03-02T17:59:59.999Z')).toEqual([approved.reportId]);
      expect(await fixture.store.activeGrantReportIds('siri', expiresAt)).toEqual([]);
      expect(await fixture.store.activeGrantReportIds('nobody', '2026-03-02T12:00:00.000Z')).toEqual([]);
    });
  });
}
