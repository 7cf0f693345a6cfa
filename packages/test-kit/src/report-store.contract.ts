import { GRADERINGER, REPORT_STATUSES, ROLES, type Report } from '@mottak/domain';
import { asReportSubject, defineAbilityFor, reportAccessCondition } from '@mottak/policies';
import fc from 'fast-check';
import { aJournalDraft, anAssessment, aReport, aUser } from './builders';
import { describeReportStoreChanges } from './report-store-changes.contract';
import { describeReportStoreJournalAndOutbox } from './report-store-journal.contract';
import { describeReportStoreVersions } from './report-store-versions.contract';
import { describeReportStoreRetention } from './report-store-retention.contract';
import { describeReportStoreSeenBefore } from './report-store-seen-before.contract';
import { describeReportStoreHandoverNotes } from './report-store-handover.contract';
import { EVERYTHING, received, type ReportStoreFactory, useReportStore } from './report-store.fixture';

/**
 * The behaviour every ReportStore must show: durable, idempotent intake; reads that hide exactly
 * what the access rules hide; optimistic concurrency; gap-free journal numbers; a verifiable
 * journal; a leased outbox.
 */
export function describeReportStoreContract(name: string, makeStore: ReportStoreFactory): void {
  describe(`ReportStore contract: ${name}`, () => {
    describeReceive(makeStore);
    describeAccess(makeStore);
    describeListing(makeStore);
    describeReportStoreChanges(makeStore);
    describeReportStoreJournalAndOutbox(makeStore);
    describeReportStoreVersions(makeStore);
    describeReportStoreRetention(makeStore);
    describeReportStoreSeenBefore(makeStore);
    describeReportStoreHandoverNotes(makeStore);
  });
}

function describeReceive(makeStore: ReportStoreFactory): void {
  describe('receive', () => {
    const t = useReportStore(makeStore);
    const key = { scope: 'partner:p1', key: 'key-1', requestHash: 'hash-a' };

    it('stores the report durably: another handle on the same storage reads it back unchanged', async () => {
      const report = aReport({ reporterContact: { name: 'Kari', phone: '+47 900 00 000' } });
      const outcome = await t.store.receive(report, aJournalDraft(), key);
      expect(outcome).toEqual({ kind: 'created', report });
      const again = await t.fixture.openAgain();
      expect(await again.get(report.id, EVERYTHING)).toEqual(report);
    });

    it('journals the receipt as the first entry about the report', async () => {
      const report = aReport();
      await t.store.receive(report, aJournalDraft({ actor: 'public', action: 'report.received', details: { channel: 'tipsskjema' } }));
      const entries = await t.store.journalFor(report.id);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        actor: 'public',
        action: 'report.received',
        subjectId: report.id,
        details: { channel: 'tipsskjema' },
        at: '2026-03-02T08:15:00.000Z',
      });
    });

    it('replays a repeated idempotency key with the same request: the first report, nothing new', async () => {
      const first = aReport();
      await t.store.receive(first, aJournalDraft(), key);
      const outcome = await t.store.receive(aReport(), aJournalDraft(), key);
      expect(outcome).toEqual({ kind: 'replayed', report: first });
      expect((await t.store.list(EVERYTHING, { limit: 10, offset: 0 })).total).toBe(1);
      expect(await t.store.listJournal({ limit: 10 })).toHaveLength(1);
    });

    it('remembers idempotency keys across handles (a retry may reach another process)', async () => {
      const first = aReport();
      await t.store.receive(first, aJournalDraft(), key);
      const again = await t.fixture.openAgain();
      expect(await again.receive(aReport(), aJournalDraft(), key)).toEqual({ kind: 'replayed', report: first });
    });

    it('refuses a repeated key with a different request and stores nothing', async () => {
      await t.store.receive(aReport(), aJournalDraft(), key);
      const other = aReport();
      const outcome = await t.store.receive(other, aJournalDraft(), { ...key, requestHash: 'hash-b' });
      expect(outcome).toEqual({ kind: 'idempotency-conflict' });
      expect(await t.store.get(other.id, EVERYTHING)).toBeUndefined();
      expect(await t.store.listJournal({ limit: 10 })).toHaveLength(1);
    });

    it('scopes keys to their sender: the same key from another sender is a new report', async () => {
      await t.store.receive(aReport(), aJournalDraft(), key);
      const outcome = await t.store.receive(aReport(), aJournalDraft(), { ...key, scope: 'partner:p2' });
      expect(outcome.kind).toBe('created');
      expect((await t.store.list(EVERYTHING, { limit: 10, offset: 0 })).total).toBe(2);
    });
  });
}

/** Every combination of the fields access rules look at, in receipt order. */
function accessGrid(): Report[] {
  const compartmentSets = [[], ['alfa'], ['beta'], ['alfa', 'beta'], ['alfa', 'gamma']];
  const reports: Report[] = [];
  const start = Date.parse('2026-01-01T00:00:00.000Z');
  for (const gradering of GRADERINGER) {
    for (const status of REPORT_STATUSES) {
      for (const compartments of compartmentSets) {
        const receivedAt = new Date(start + reports.length * 60_000).toISOString();
        reports.push(aReport({ gradering, status, compartments, receivedAt, updatedAt: receivedAt, contentHash: 'same-content' }));
      }
    }
  }
  return reports;
}

const userArbitrary = fc
  .record({
    roles: fc.subarray([...ROLES]),
    klarering: fc.constantFrom(...GRADERINGER),
    compartments: fc.subarray(['alfa', 'beta', 'gamma']),
    // Mostly active users: a disabled one sees nothing, which says little per run.
    disabled: fc.nat({ max: 9 }).map((n) => n === 0),
  })
  .map((fields) => aUser(fields));

function describeAccess(makeStore: ReportStoreFactory): void {
  describe('reads under access rules', () => {
    // One store for the whole block: seeding the grid is the slow part.
    const t = useReportStore(makeStore, 'once');
    let grid: Report[] = [];
    beforeAll(async () => {
      grid = accessGrid();
      for (const report of grid) await t.store.receive(report, aJournalDraft({ at: report.receivedAt }));
    });

    it('get, list, total and duplicate lookup show exactly the reports the policy lets the user read', async () => {
      await fc.assert(
        fc.asyncProperty(userArbitrary, fc.nat({ max: grid.length - 1 }), fc.uniqueArray(fc.nat({ max: grid.length - 1 }), { maxLength: 3 }), async (user, pick, grantPicks) => {
          // Need-to-know grants on a few reports: the id condition must compile on every engine too.
          const ability = defineAbilityFor(user, { grantedReportIds: grantPicks.map((i) => grid[i]!.id) });
          const access = reportAccessCondition(ability);
          const readable = grid.filter((r) => ability.can('read', asReportSubject(r)));
          const readableIds = new Set(readable.map((r) => r.id));

          const page = await t.store.list(access, { limit: 1000, offset: 0 });
          expect(page.items.map((r) => r.id).sort()).toEqual([...readableIds].sort());
          expect(page.total).toBe(readable.length);

          const target = grid[pick]!;
          const got = await t.store.get(target.id, access);
          expect(got?.id).toBe(readableIds.has(target.id) ? target.id : undefined);

          const duplicates = await t.store.findIdsByContentHash('same-content', target.id, access);
          expect(duplicates).toEqual(readable.filter((r) => r.id !== target.id).map((r) => r.id));
        }),
        { numRuns: 40 },
      );
    });

    it('hides a report in a compartment the user is not in, even with high enough klarering', async () => {
      const user = aUser({ roles: ['koordinator'], klarering: 'STRENGT_HEMMELIG', compartments: ['alfa'] });
      const access = reportAccessCondition(defineAbilityFor(user));
      const inAlfa = grid.find((r) => r.gradering === 'UGRADERT' && r.status === 'mottatt' && r.compartments.join() === 'alfa')!;
      const inAlfaGamma = grid.find((r) => r.gradering === 'UGRADERT' && r.status === 'mottatt' && r.compartments.join() === 'alfa,gamma')!;
      expect((await t.store.get(inAlfa.id, access))?.id).toBe(inAlfa.id);
      expect(await t.store.get(inAlfaGamma.id, access)).toBeUndefined();
    });

    it('answers a hidden report exactly like a missing one', async () => {
      const user = aUser({ roles: ['koordinator'], klarering: 'UGRADERT' });
      const access = reportAccessCondition(defineAbilityFor(user));
      const secret = grid.find((r) => r.gradering === 'HEMMELIG' && r.compartments.length === 0)!;
      expect(await t.store.get(secret.id, access)).toBeUndefined();
      expect(await t.store.get('no-such-report', access)).toBeUndefined();
      expect(await t.store.findIdsByContentHash('same-content', 'no-such-report', access)).not.toContain(secret.id);
    });

    it('shows a disabled user nothing, and counts nothing for them', async () => {
      const access = reportAccessCondition(defineAbilityFor(aUser({ roles: ['koordinator', 'sokebruker'], klarering: 'STRENGT_HEMMELIG', disabled: true })));
      expect(await t.store.list(access, { limit: 10, offset: 0 })).toEqual({ total: 0, items: [] });
    });
  });
}

function describeListing(makeStore: ReportStoreFactory): void {
  describe('list', () => {
    const t = useReportStore(makeStore);

    it('lists newest first, pages with limit and offset, and gives the total of all pages', async () => {
      const times = ['2026-03-01T10:00:00.000Z', '2026-03-03T10:00:00.000Z', '2026-03-02T10:00:00.000Z', '2026-03-04T10:00:00.000Z'];
      const reports = [];
      for (const receivedAt of times) reports.push(await received(t.store, { receivedAt, updatedAt: receivedAt }));
      const newestFirst = [...reports].sort((a, b) => b.receivedAt.localeCompare(a.receivedAt)).map((r) => r.id);
      const first = await t.store.list(EVERYTHING, { limit: 3, offset: 0 });
      const second = await t.store.list(EVERYTHING, { limit: 3, offset: 3 });
      expect(first.items.map((r) => r.id)).toEqual(newestFirst.slice(0, 3));
      expect(second.items.map((r) => r.id)).toEqual(newestFirst.slice(3));
      expect(first.total).toBe(4);
      expect(second.total).toBe(4);
    });

    it('lists in triage order on request: P1 … P4, then unassessed, longest waiting first within each', async () => {
      const at = (day: number) => `2026-03-0${day}T10:00:00.000Z`;
      const make = async (day: number, priority?: 'P1' | 'P2' | 'P3' | 'P4') =>
        received(t.store, { receivedAt: at(day), updatedAt: at(day), ...(priority ? { status: 'vurdert', assessment: anAssessment({ priority }) } : {}) });
      const p3old = await make(1, 'P3');
      const unassessedOld = await make(2);
      const p1new = await make(8, 'P1');
      const p3new = await make(6, 'P3');
      const unassessedNew = await make(9);
      const p1old = await make(3, 'P1');
      const p4 = await make(4, 'P4');
      const expected = [p1old, p1new, p3old, p3new, p4, unassessedOld, unassessedNew].map((r) => r.id);
      const all = await t.store.list(EVERYTHING, { order: 'triage', limit: 10, offset: 0 });
      expect(all.items.map((r) => r.id)).toEqual(expected);
      const pages = [await t.store.list(EVERYTHING, { order: 'triage', limit: 3, offset: 0 }), await t.store.list(EVERYTHING, { order: 'triage', limit: 3, offset: 3 }), await t.store.list(EVERYTHING, { order: 'triage', limit: 3, offset: 6 })];
      expect(pages.flatMap((p) => p.items.map((r) => r.id))).toEqual(expected);
      expect(pages.map((p) => p.total)).toEqual([7, 7, 7]);
      // The whole report comes back, as in the default order.
      expect(all.items[0]).toEqual(p1old);
    });

    it('filters by status, the total included', async () => {
      const waiting = await received(t.store, { status: 'mottatt' });
      const assessed = await received(t.store, { status: 'vurdert' });
      await received(t.store, { status: 'utgar' });
      const page = await t.store.list(EVERYTHING, { statuses: ['mottatt', 'vurdert'], limit: 10, offset: 0 });
      expect(page.items.map((r) => r.id).sort()).toEqual([waiting.id, assessed.id].sort());
      expect(page.total).toBe(2);
    });
  });
}
