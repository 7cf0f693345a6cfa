import fc from 'fast-check';
import { GRADERINGER, type Gradering, ROLES, type ReportStatus, type Role, type User } from '@mottak/domain';
import { asReportSubject, defineAbilityFor } from '@mottak/policies';
import { describeWithProductionEngines, type IsolatedProduction, isolatedProduction } from '../support/production-engines';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

/**
 * The differential access test over HTTP: random users × random reports, and for each user every
 * endpoint that can reveal a report — get, its journal and versions, the list with its total,
 * search with its total, facets and snippets, the daily journal, exports, duplicate hints — must
 * reveal exactly the reports CASL's `can('read')` allows, no more (a leak) and, where the endpoint
 * lists everything the user may see, no fewer. Run on the embedded profile and, when the engines
 * are present, on the production one (Mongo, Redis/BullMQ, Elasticsearch).
 */

const COMPARTMENTS = ['kontraetterretning', 'kilde', 'finans'] as const;
/** Every report's body carries this word, so one search matches them all. */
const SHARED_WORD = 'vaktpostrapport';
const REPORTS = 18;
const USERS = 10;
const PASSWORD = 'differensiell-test-2026';

interface SeededReport {
  gradering: Gradering;
  compartments: string[];
  /** Left unregistered (vurdert), registered, or moved on in the life cycle. */
  status: Extract<ReportStatus, 'vurdert' | 'registrert' | 'under_behandling' | 'arkivert' | 'utgar'>;
  /** Reports with the same twin number share their text (exact duplicates of each other). */
  twin: number;
}

interface KnownReport {
  id: string;
  gradering: Gradering;
  compartments: string[];
  status: ReportStatus;
}

const reportArbitrary: fc.Arbitrary<SeededReport> = fc.record({
  gradering: fc.constantFrom(...GRADERINGER),
  compartments: fc.subarray([...COMPARTMENTS], { maxLength: 2 }),
  status: fc.constantFrom('vurdert', 'registrert', 'registrert', 'under_behandling', 'arkivert', 'utgar'),
  twin: fc.integer({ min: 0, max: 5 }),
});

const userArbitrary: fc.Arbitrary<RandomUser> = fc.record({
  roles: fc.subarray([...ROLES], { minLength: 1, maxLength: 2 }) as fc.Arbitrary<Role[]>,
  klarering: fc.constantFrom(...GRADERINGER),
  compartments: fc.subarray([...COMPARTMENTS]),
  needs: fc.subarray(['personopplysninger' as const]),
}) as fc.Arbitrary<RandomUser>;
interface RandomUser {
  roles: Role[];
  klarering: Gradering;
  compartments: string[];
  needs: Array<'personopplysninger'>;
}

function describeDifferential(profile: 'embedded' | 'production', describeIt: jest.Describe): void {
  describeIt(`access differential over HTTP (${profile})`, () => {
    let mottak: TestMottak;
    let production: IsolatedProduction | undefined;
    let admin: string;
    let registrar: string;
    const reports: KnownReport[] = [];
    let userCount = 0;

    async function waitUntilAssessed(id: string): Promise<void> {
      await eventually(async () => {
        const response = await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', registrar);
        return response.body.status === 'vurdert' ? true : undefined;
      }, `report ${id} to be assessed`, 30_000);
    }

    beforeAll(async () => {
      if (profile === 'production') production = isolatedProduction(`diff${process.pid}${Date.now().toString(36)}`);
      mottak = await startTestMottak(production?.config ?? {});
      admin = await mottak.bearer('adam');
      // A registrar cleared for everything registers the reports and is the reference for "all there is".
      const created = await mottak.http
        .post('/api/v1/users')
        .set('Authorization', admin)
        .send({ username: 'registrar', displayName: 'Registrar', password: PASSWORD, roles: ['koordinator'], klarering: 'STRENGT_HEMMELIG', unit: 'FRS', compartments: [...COMPARTMENTS] });
      expect(created.status).toBe(201);
      registrar = await login('registrar');

      const seeded = fc.sample(reportArbitrary, { seed: 20261123, numRuns: REPORTS });
      for (const [i, seed] of seeded.entries()) {
        const intake = await mottak.http
          .post('/api/v1/reports')
          .set('Authorization', registrar)
          .send({
            channel: 'telefon',
            title: `Observasjon ${i} ved anlegg ${seed.twin}`,
            body: `${SHARED_WORD}: melder så en drone over anlegg ${seed.twin} og ringte fra 922 33 44${seed.twin}.`,
          });
        expect(intake.status).toBe(202);
        await waitUntilAssessed(intake.body.id as string);
        const report: KnownReport = { id: intake.body.id as string, gradering: 'UGRADERT', compartments: [], status: 'vurdert' };
        reports.push(report);
        if (seed.status === 'vurdert') continue;
        const registered = await mottak.http
          .post(`/api/v1/reports/${report.id}/registration`)
          .set('Authorization', registrar)
          .send({
            gradering: seed.gradering,
            compartments: seed.compartments,
            ...(seed.gradering === 'UGRADERT' ? {} : { skjerming: { hjemmel: 'offl. § 13, jf. sikkerhetsloven § 5-3' } }),
          });
        expect(registered.status).toBe(201);
        Object.assign(report, { gradering: seed.gradering, compartments: seed.compartments, status: 'registrert' });
        let version = registered.body.version as number;
        const path: Record<SeededReport['status'], ReportStatus[]> = {
          vurdert: [],
          registrert: [],
          under_behandling: ['under_behandling'],
          arkivert: ['under_behandling', 'ferdigbehandlet', 'arkivert'],
          utgar: ['utgar'],
        };
        for (const to of path[seed.status]) {
          const changed = await mottak.http
            .post(`/api/v1/reports/${report.id}/status`)
            .set('Authorization', registrar)
            .send({ to, reason: 'Differensiell test av tilgang', expectedVersion: version });
          expect([changed.status, changed.body.detail]).toEqual([200, undefined]);
          version = changed.body.version as number;
          report.status = to;
        }
      }
      // The reference is the stored truth (e.g. the gradering intake gave), read by the registrar —
      // the demo data's reports included (the registrar is cleared for all of them).
      const everything = await mottak.http.get('/api/v1/reports').query({ limit: 100 }).set('Authorization', registrar);
      expect(everything.body.total).toBe((everything.body.items as unknown[]).length);
      reports.splice(0, reports.length, ...(everything.body.items as KnownReport[]).map(({ id, gradering, compartments, status }) => ({ id, gradering, compartments, status })));
      expect(reports.length).toBeGreaterThanOrEqual(REPORTS);
      // Everything ever registered (withdrawn ones too) that holds the shared word is in the index before any user looks.
      const searchable = (await Promise.all(reports.map(async (r) => (await mottak.http.get(`/api/v1/reports/${r.id}`).set('Authorization', registrar)).body as { body: string; registration?: unknown })))
        .filter((r) => r.registration && r.body.includes(SHARED_WORD)).length;
      await eventually(async () => {
        const response = await mottak.http.get('/api/v1/search').query({ q: SHARED_WORD, limit: 100 }).set('Authorization', registrar);
        return response.body.total === searchable ? true : undefined;
      }, 'every registered report to be indexed', 30_000);
    }, 180_000);

    afterAll(async () => {
      await mottak?.close();
      await production?.cleanup();
    });

    async function login(username: string): Promise<string> {
      const response = await mottak.http.post('/api/v1/auth/login').send({ username, password: PASSWORD });
      expect(response.status).toBe(200);
      return `Bearer ${response.body.token as string}`;
    }

    async function createUser(random: RandomUser): Promise<{ user: User; bearer: string }> {
      userCount += 1;
      const body = { username: `bruker${userCount}`, displayName: `Bruker ${userCount}`, password: PASSWORD, unit: 'FRS', ...random };
      const created = await mottak.http.post('/api/v1/users').set('Authorization', admin).send(body);
      expect(created.status).toBe(201);
      return { user: { ...created.body, ...random, disabled: false } as User, bearer: await login(body.username) };
    }

    const idsOf = (items: Array<{ id: string }>) => items.map((item) => item.id).sort();

    it('reveals exactly the reports can(read) allows, through every endpoint', async () => {
      // Not vacuous: some random users must see some reports but not all.
      let partialViews = 0;
      const missingBody = (await mottak.http.get('/api/v1/reports/00000000-0000-4000-8000-000000000000').set('Authorization', registrar)).body as unknown;
      await fc.assert(
        fc.asyncProperty(userArbitrary, async (random) => {
          const { user, bearer } = await createUser(random);
          const ability = defineAbilityFor(user);
          const allowed = new Set(reports.filter((r) => ability.can('read', asReportSubject(r))).map((r) => r.id));
          const expected = [...allowed].sort();
          const label = `${user.username} ${JSON.stringify(random)}`;
          if (allowed.size > 0 && allowed.size < reports.length) partialViews += 1;

          // get, the report's journal and its versions: 200 exactly when allowed; hidden == missing.
          for (const report of reports) {
            for (const suffix of ['', '/journal', '/versions']) {
              const response = await mottak.http.get(`/api/v1/reports/${report.id}${suffix}`).set('Authorization', bearer);
              if (allowed.has(report.id)) expect([label, suffix, response.status]).toEqual([label, suffix, 200]);
              else {
                expect([label, suffix, response.status]).toEqual([label, suffix, 404]);
                if (suffix === '') expect({ ...(response.body as object), instance: undefined }).toEqual({ ...(missingBody as object), instance: undefined });
              }
            }
            if (allowed.has(report.id)) {
              // Duplicate hints name only reports the user may read.
              const view = await mottak.http.get(`/api/v1/reports/${report.id}`).set('Authorization', bearer);
              for (const hinted of revealedIdsIn(view.body, report.id)) expect([label, report.id, allowed.has(hinted)]).toEqual([label, report.id, true]);
            }
          }

          // The list: everything allowed, and a total that counts nothing else.
          const list = await mottak.http.get('/api/v1/reports').query({ limit: 100 }).set('Authorization', bearer);
          if (list.status === 200) {
            expect([label, idsOf(list.body.items)]).toEqual([label, expected]);
            expect([label, list.body.total]).toEqual([label, expected.length]);
          } else {
            expect([label, list.status, expected]).toEqual([label, 403, []]);
          }

          // Search: hits and total are the registrar's hits intersected with can(read); facets count the same.
          const query = { q: SHARED_WORD, limit: 100 };
          const all = await mottak.http.get('/api/v1/search').query(query).set('Authorization', registrar);
          const search = await mottak.http.get('/api/v1/search').query(query).set('Authorization', bearer);
          if (search.status === 200) {
            const searchable = (all.body.hits as Array<{ id: string }>).map((h) => h.id).filter((id) => allowed.has(id)).sort();
            expect([label, idsOf(search.body.hits)]).toEqual([label, searchable]);
            expect([label, search.body.total]).toEqual([label, searchable.length]);
            for (const [field, buckets] of Object.entries(search.body.facets as Record<string, Array<{ value: string; count: number }>>)) {
              if (field === 'gradering') {
                const byGradering = new Map<string, number>();
                for (const id of searchable) {
                  const g = reports.find((r) => r.id === id)?.gradering as string;
                  byGradering.set(g, (byGradering.get(g) ?? 0) + 1);
                }
                expect([label, Object.fromEntries(buckets.map((b) => [b.value, b.count]))]).toEqual([label, Object.fromEntries(byGradering)]);
              }
              for (const bucket of buckets) expect(bucket.count).toBeLessThanOrEqual(searchable.length);
            }
            // A filter on a value only hidden reports have finds nothing and counts nothing.
            const hiddenGradering = GRADERINGER.find((g) => !ability.can('read', asReportSubject({ id: 'x', gradering: g, compartments: [], status: 'registrert' })));
            if (hiddenGradering) {
              const filtered = await mottak.http.get('/api/v1/search').query({ ...query, gradering: hiddenGradering }).set('Authorization', bearer);
              expect([label, filtered.body.total, filtered.body.hits]).toEqual([label, 0, []]);
            }
          } else {
            expect([label, search.status, searchable(all.body.hits as Array<{ id: string }>, allowed)]).toEqual([label, 403, []]);
          }

          // The daily journal and the exports never name a report the user may not read.
          const today = new Date().toISOString().slice(0, 10);
          const daily = await mottak.http.get('/api/v1/journal/daily').query({ date: today }).set('Authorization', bearer);
          if (daily.status === 200) for (const id of collectReportIds(daily.body)) expect([label, 'daily', allowed.has(id)]).toEqual([label, 'daily', true]);
          const stix = await mottak.http.get('/api/v1/exports/stix').set('Authorization', bearer);
          if (stix.status === 200) {
            const known = new Set(reports.map((r) => r.id));
            const exported = [...JSON.stringify(stix.body).matchAll(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g)].map((m) => m[0]).filter((id) => known.has(id));
            for (const id of exported) expect([label, 'stix', allowed.has(id)]).toEqual([label, 'stix', true]);
          }
        }),
        { numRuns: USERS },
      );
      expect(partialViews).toBeGreaterThan(0);
    }, 300_000);
  });
}

/** Every report id the endpoint's answer mentions besides the report itself (duplicate and overlap hints). */
function revealedIdsIn(body: unknown, self: string): string[] {
  return collectReportIds(body).filter((id) => id !== self);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Every value under a key named id, reportId, ids, reportIds, duplicateOf … that looks like a report id. */
function collectReportIds(body: unknown): string[] {
  const found: string[] = [];
  const visit = (value: unknown, key: string): void => {
    if (typeof value === 'string') {
      if (/^(id|ids|reportId|reportIds|duplicateOf|duplicates|duplicateIds|mergedInto|nearDuplicates)$/i.test(key) && UUID.test(value)) found.push(value);
    } else if (Array.isArray(value)) for (const item of value) visit(item, key);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, k);
  };
  visit(body, '');
  return found;
}

function searchable(hits: Array<{ id: string }>, allowed: Set<string>): string[] {
  return hits.map((h) => h.id).filter((id) => allowed.has(id));
}

describeDifferential('embedded', describe);
describeDifferential('production', describeWithProductionEngines('the production access differential'));
