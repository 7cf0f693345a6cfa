import type { DisposalRecord, Entity, Report } from '@mottak/domain';
import { GRADERINGER, REPORT_STATUSES, ROLES } from '@mottak/domain';
import { asReportSubject, defineAbilityFor, reportAccessCondition } from '@mottak/policies';
import fc from 'fast-check';
import { aJournalDraft, anAssessment, aRegistrationCommand, aReport, aUser } from './builders';
import { EVERYTHING, type ReportStoreFactory, useReportStore } from './report-store.fixture';

/** A cursor after every report these tests store: "earlier than now". */
const LATER = { receivedAt: '2999-01-01T00:00:00.000Z', id: '' };
const QUERY_HASH = '0123456789abcdef';

const DISPOSAL: DisposalRecord = {
  disposedAt: '2036-03-03T09:00:00.000Z',
  requestId: 'req-1',
  requestedBy: 'frida',
  requestedAt: '2036-03-02T09:00:00.000Z',
  approvedBy: 'fiona',
  reason: 'Bevaringstiden er ute',
  rule: { category: '*', reviewAfterYears: 5, disposeAfterYears: 10, ruleSetVersion: 'test' },
  dueAt: '2036-03-02T09:00:00.000Z',
};

/** `hash` with the given bits (0 = least significant) flipped. */
function flipped(hash: string, bits: readonly number[]): string {
  return bits.reduce((h, bit) => (BigInt(`0x${h}`) ^ (1n << BigInt(bit))).toString(16).padStart(16, '0'), hash);
}

/** Bits that differ between two hashes (a brute-force reference for the stores' indexed lookup). */
function distance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let n = 0;
  while (x > 0n) {
    n += Number(x & 1n);
    x >>= 1n;
  }
  return n;
}

/** How an overlap names a registered report: its id (to link to) and journal number. */
function linkTo(report: Report): { id: string; journalNumber: string } {
  if (!report.registration) throw new Error('expected a registered report');
  return { id: report.id, journalNumber: report.registration.journalNumber };
}

function phone(value: string): Entity {
  return { type: 'phone', value, raw: value, start: 0, end: value.length };
}

function ip(value: string): Entity {
  return { type: 'ipv4', value, raw: value, start: 0, end: value.length };
}

/** A report as the worker leaves it (vurdert, assessed) with this SimHash and these identifiers. */
function assessedReport(simhash: string | undefined, entities: Entity[], overrides: Partial<Report> = {}): Report {
  return aReport({
    status: 'vurdert',
    assessment: anAssessment({ entities, ...(simhash ? { simhash } : {}) }),
    ...overrides,
  });
}

/** Minutes after 2026-03-01 as an ISO instant: receipt order in these tests. */
function minute(n: number): string {
  return new Date(Date.parse('2026-03-01T00:00:00.000Z') + n * 60_000).toISOString();
}

const userArbitrary = fc
  .record({
    roles: fc.subarray([...ROLES]),
    klarering: fc.constantFrom(...GRADERINGER),
    compartments: fc.subarray(['alfa', 'beta', 'gamma']),
    needs: fc.subarray(['personopplysninger' as const]),
  })
  .map((fields) => aUser(fields));

/** "Seen before": near-duplicates by SimHash and identifier overlaps, both indexed and under access rules. */
export function describeReportStoreSeenBefore(makeStore: ReportStoreFactory): void {
  describe('seen before: near-duplicates', () => {
    const t = useReportStore(makeStore);

    async function store(report: Report): Promise<Report> {
      const outcome = await t.store.receive(report, aJournalDraft({ at: report.receivedAt }));
      if (outcome.kind !== 'created') throw new Error('expected a new report');
      return outcome.report;
    }

    it('finds earlier reports within the distance, closest first, with the exact distance; not the far ones, not itself, not later ones', async () => {
      const two = await store(assessedReport(flipped(QUERY_HASH, [0, 40]), [], { receivedAt: minute(1) }));
      const same = await store(assessedReport(QUERY_HASH, [], { receivedAt: minute(2) }));
      const nine = await store(assessedReport(flipped(QUERY_HASH, [1, 2, 3, 17, 18, 33, 34, 49, 50]), [], { receivedAt: minute(3) }));
      await store(assessedReport(flipped(QUERY_HASH, [1, 2, 3, 17, 18, 33, 34, 49, 50, 60]), [], { receivedAt: minute(4) }));
      await store(assessedReport('fedcba9876543210', [], { receivedAt: minute(5) }));
      const self = await store(assessedReport(QUERY_HASH, [], { receivedAt: minute(6) }));
      await store(assessedReport(QUERY_HASH, [], { receivedAt: minute(7) }));

      const found = await t.store.findNearDuplicates({ simhash: QUERY_HASH, maxDistance: 9, before: { receivedAt: self.receivedAt, id: self.id }, limit: 10 }, EVERYTHING);
      expect(found.map((m) => [m.id, m.distance])).toEqual([
        [same.id, 0],
        [two.id, 2],
        [nine.id, 9],
      ]);
      expect(found[0]).toMatchObject({ receivedAt: same.receivedAt });
      expect(found[0]?.journalNumber).toBeUndefined();
      const closest = await t.store.findNearDuplicates({ simhash: QUERY_HASH, maxDistance: 9, before: { receivedAt: self.receivedAt, id: self.id }, limit: 2 }, EVERYTHING);
      expect(closest.map((m) => m.id)).toEqual([same.id, two.id]);
      const tight = await t.store.findNearDuplicates({ simhash: QUERY_HASH, maxDistance: 1, before: LATER, limit: 10 }, EVERYTHING);
      expect(tight.map((m) => m.distance)).toEqual([0, 0, 0]);
    });

    it('orders equally close reports oldest first, and breaks a tie in receipt time by id', async () => {
      const at = minute(10);
      const b = await store(assessedReport(QUERY_HASH, [], { id: 'report-b', receivedAt: at }));
      const a = await store(assessedReport(QUERY_HASH, [], { id: 'report-a', receivedAt: at }));
      const older = await store(assessedReport(QUERY_HASH, [], { receivedAt: minute(1) }));
      const all = await t.store.findNearDuplicates({ simhash: QUERY_HASH, maxDistance: 0, before: LATER, limit: 10 }, EVERYTHING);
      expect(all.map((m) => m.id)).toEqual([older.id, a.id, b.id]);
      const beforeB = await t.store.findNearDuplicates({ simhash: QUERY_HASH, maxDistance: 0, before: { receivedAt: at, id: b.id }, limit: 10 }, EVERYTHING);
      expect(beforeB.map((m) => m.id)).toEqual([older.id, a.id]);
    });

    it('follows the report through its life: unassessed no match, assessed a match, registered with its journal number, disposed gone', async () => {
      const received = await store(aReport({ receivedAt: minute(1) }));
      const lookup = () => t.store.findNearDuplicates({ simhash: QUERY_HASH, maxDistance: 3, before: LATER, limit: 10 }, EVERYTHING);
      expect(await lookup()).toEqual([]);
      const assessed = await t.store.applyChange({
        reportId: received.id,
        expectedVersion: received.version,
        set: { status: 'vurdert', assessment: anAssessment({ simhash: flipped(QUERY_HASH, [7]) }) },
        journal: aJournalDraft(),
      });
      expect(await lookup()).toEqual([{ id: received.id, distance: 1, receivedAt: received.receivedAt }]);
      const registered = await t.store.register(aRegistrationCommand(assessed));
      expect(await lookup()).toEqual([{ id: received.id, distance: 1, receivedAt: received.receivedAt, journalNumber: registered.registration?.journalNumber }]);

      // A correction that changes the text moves the fingerprint: the old one no longer matches.
      const corrected = await t.store.applyChange({
        reportId: received.id,
        expectedVersion: registered.version,
        set: { assessment: { ...registered.assessment!, simhash: 'fedcba9876543210' } },
        journal: aJournalDraft(),
      });
      expect(await lookup()).toEqual([]);
      const corrected2 = await t.store.applyChange({
        reportId: received.id,
        expectedVersion: corrected.version,
        set: { assessment: { ...corrected.assessment!, simhash: QUERY_HASH } },
        journal: aJournalDraft(),
      });
      expect((await lookup()).map((m) => m.id)).toEqual([received.id]);
      await t.store.disposeContent({ reportId: received.id, expectedVersion: corrected2.version, status: 'utgar', disposal: DISPOSAL, journal: aJournalDraft() });
      expect(await lookup()).toEqual([]);
      const again = await t.fixture.openAgain();
      expect(await again.findNearDuplicates({ simhash: QUERY_HASH, maxDistance: 12, before: LATER, limit: 10 }, EVERYTHING)).toEqual([]);
    });

    it('answers exactly what a scan over every stored report answers, for any distance up to 12 (differential)', async () => {
      // Hashes clustered around QUERY_HASH at every distance 0–16, plus random ones.
      const stored: Report[] = [];
      const hashes = fc.sample(
        fc.oneof(
          fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 16 }).map((bits) => flipped(QUERY_HASH, bits)),
          fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((n) => n.toString(16).padStart(16, '0')),
        ),
        { numRuns: 80, seed: 2026 },
      );
      for (const [i, hash] of hashes.entries()) stored.push(await store(assessedReport(hash, [], { receivedAt: minute(i) })));
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: 12 }),
          fc.uniqueArray(fc.integer({ min: 0, max: 63 }), { maxLength: 6 }),
          fc.integer({ min: 0, max: stored.length }),
          async (maxDistance, bits, cut) => {
            const query = flipped(QUERY_HASH, bits);
            const before = cut < stored.length ? { receivedAt: stored[cut]!.receivedAt, id: stored[cut]!.id } : LATER;
            const expected = stored
              .slice(0, cut)
              .map((r) => ({ id: r.id, d: distance(query, r.assessment!.simhash!), at: r.receivedAt }))
              .filter((r) => r.d <= maxDistance)
              .sort((x, y) => x.d - y.d || x.at.localeCompare(y.at) || x.id.localeCompare(y.id));
            const found = await t.store.findNearDuplicates({ simhash: query, maxDistance, before, limit: 1000 }, EVERYTHING);
            expect(found.map((m) => [m.id, m.distance])).toEqual(expected.map((r) => [r.id, r.d]));
          },
        ),
        { numRuns: 40, seed: 7 },
      );
    });
  });

  describe('seen before: identifier overlaps', () => {
    const t = useReportStore(makeStore);

    async function store(report: Report): Promise<Report> {
      const outcome = await t.store.receive(report, aJournalDraft({ at: report.receivedAt }));
      if (outcome.kind !== 'created') throw new Error('expected a new report');
      return outcome.report;
    }

    async function storeRegistered(report: Report): Promise<Report> {
      const stored = await store(report);
      return t.store.register(aRegistrationCommand(stored));
    }

    it('counts earlier reports per identifier, with the registered ones newest first and bounded; not itself, not later ones', async () => {
      const first = await storeRegistered(assessedReport(undefined, [phone('+4791234567')], { receivedAt: minute(1) }));
      const second = await storeRegistered(assessedReport(undefined, [phone('+4791234567'), ip('198.51.100.7')], { receivedAt: minute(2) }));
      const third = await storeRegistered(assessedReport(undefined, [phone('+4791234567')], { receivedAt: minute(3) }));
      await store(assessedReport(undefined, [phone('+4791234567'), phone('+4791234567')], { receivedAt: minute(4) }));
      const self = await store(assessedReport(undefined, [phone('+4791234567'), ip('198.51.100.7')], { receivedAt: minute(5) }));
      await store(assessedReport(undefined, [phone('+4791234567')], { receivedAt: minute(6) }));

      const overlaps = await t.store.findEntityOverlaps(
        {
          entities: [{ type: 'ipv4', value: '198.51.100.7' }, { type: 'phone', value: '+4791234567' }, { type: 'email', value: 'ingen@example.no' }, { type: 'phone', value: '+4791234567' }],
          before: { receivedAt: self.receivedAt, id: self.id },
          registeredLimit: 2,
        },
        EVERYTHING,
      );
      expect(overlaps).toEqual([
        { type: 'ipv4', value: '198.51.100.7', count: 1, registeredCount: 1, registered: [linkTo(second)] },
        { type: 'phone', value: '+4791234567', count: 4, registeredCount: 3, registered: [linkTo(third), linkTo(second)] },
      ]);
      expect(first.registration!.journalNumber < second.registration!.journalNumber).toBe(true);
    });

    it('matches type and normalised value together, never dates, and forgets a disposed report', async () => {
      const report = await storeRegistered(
        assessedReport(undefined, [phone('+4722222222'), { type: 'tidspunkt', value: '2026-03-03T14:30', raw: '3. mars kl. 14.30', start: 0, end: 17 }], { receivedAt: minute(1) }),
      );
      const lookup = () =>
        t.store.findEntityOverlaps(
          { entities: [{ type: 'phone', value: '+4722222222' }, { type: 'kontonummer', value: '+4722222222' }, { type: 'tidspunkt', value: '2026-03-03T14:30' }], before: LATER, registeredLimit: 5 },
          EVERYTHING,
        );
      expect((await lookup()).map((o) => [o.type, o.count])).toEqual([['phone', 1]]);
      await t.store.disposeContent({ reportId: report.id, expectedVersion: report.version, status: 'utgar', disposal: DISPOSAL, journal: aJournalDraft() });
      expect(await lookup()).toEqual([]);
    });

    it('follows a changed assessment: identifiers removed by a correction stop counting', async () => {
      const report = await store(assessedReport(undefined, [phone('+4733333333')], { receivedAt: minute(1) }));
      const lookup = () => t.store.findEntityOverlaps({ entities: [{ type: 'phone', value: '+4733333333' }, { type: 'ipv4', value: '10.0.0.1' }], before: LATER, registeredLimit: 5 }, EVERYTHING);
      expect((await lookup()).map((o) => o.type)).toEqual(['phone']);
      await t.store.applyChange({ reportId: report.id, expectedVersion: report.version, set: { assessment: anAssessment({ entities: [ip('10.0.0.1')] }) }, journal: aJournalDraft() });
      expect((await lookup()).map((o) => o.type)).toEqual(['ipv4']);
    });
  });

  describe('seen before under access rules', () => {
    // One store for the block: seeding the grid is the slow part.
    const t = useReportStore(makeStore, 'once');
    const grid: Report[] = [];
    beforeAll(async () => {
      const compartmentSets = [[], ['alfa'], ['beta'], ['alfa', 'gamma']];
      let n = 0;
      for (const gradering of GRADERINGER) {
        for (const status of REPORT_STATUSES) {
          for (const compartments of compartmentSets) {
            n += 1;
            // Every report is near the query hash (distance n mod 8) and shares the phone; every third is registered.
            const report = assessedReport(flipped(QUERY_HASH, [n % 64, (n * 7) % 64, (n * 13) % 64].slice(0, n % 4)), [phone('+4790000000'), ip('192.0.2.1')], {
              gradering,
              status,
              compartments,
              receivedAt: minute(n),
              updatedAt: minute(n),
            });
            const outcome = await t.store.receive(report, aJournalDraft({ at: report.receivedAt }));
            if (outcome.kind !== 'created') throw new Error('expected a new report');
            grid.push(n % 3 === 0 ? await t.store.register(aRegistrationCommand(report, { gradering, compartments })) : report);
          }
        }
      }
    });

    it('lists and counts exactly the earlier reports the policy lets the user read (property)', async () => {
      await fc.assert(
        fc.asyncProperty(userArbitrary, fc.integer({ min: 1, max: grid.length }), fc.uniqueArray(fc.nat({ max: grid.length - 1 }), { maxLength: 3 }), async (user, cut, grantPicks) => {
          const ability = defineAbilityFor(user, { grantedReportIds: grantPicks.map((i) => grid[i]!.id) });
          const access = reportAccessCondition(ability);
          const before = cut < grid.length ? { receivedAt: grid[cut]!.receivedAt, id: grid[cut]!.id } : LATER;
          const readable = grid.slice(0, cut).filter((r) => ability.can('read', asReportSubject(r)));

          const near = await t.store.findNearDuplicates({ simhash: QUERY_HASH, maxDistance: 9, before, limit: 1000 }, access);
          expect(near.map((m) => m.id).sort()).toEqual(readable.map((r) => r.id).sort());
          for (const match of near) {
            const report = grid.find((r) => r.id === match.id)!;
            expect(match.journalNumber).toBe(report.registration?.journalNumber);
          }

          const overlaps = await t.store.findEntityOverlaps({ entities: [{ type: 'phone', value: '+4790000000' }], before, registeredLimit: 1000 }, access);
          const registered = readable
            .filter((r) => r.registration)
            .map(linkTo)
            .sort((a, b) => b.journalNumber.localeCompare(a.journalNumber));
          if (readable.length === 0) expect(overlaps).toEqual([]);
          else {
            expect(overlaps).toEqual([{ type: 'phone', value: '+4790000000', count: readable.length, registeredCount: registered.length, registered }]);
          }
        }),
        { numRuns: 30 },
      );
    });

    it('shows a user who may see nothing nothing, and counts nothing for them', async () => {
      const none = { kind: 'none' } as const;
      expect(await t.store.findNearDuplicates({ simhash: QUERY_HASH, maxDistance: 12, before: LATER, limit: 10 }, none)).toEqual([]);
      expect(await t.store.findEntityOverlaps({ entities: [{ type: 'phone', value: '+4790000000' }], before: LATER, registeredLimit: 5 }, none)).toEqual([]);
      const all = await t.store.findEntityOverlaps({ entities: [{ type: 'ipv4', value: '192.0.2.1' }], before: LATER, registeredLimit: 5 }, EVERYTHING);
      expect(all[0]?.count).toBe(grid.length);
    });
  });
}
