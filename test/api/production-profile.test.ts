import { rebuildSearchIndex } from '@mottak/core';
import { describeWithProductionEngines, ENGINE_URLS, type IsolatedProduction, isolatedProduction } from '../support/production-engines';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';


/**
 * The same product on the production engines — MongoDB (here the wire-compatible test server),
 * Redis/BullMQ and Elasticsearch — through the same HTTP API: intake → assessment → registration →
 * search, with the access rules holding.
 */
describeWithProductionEngines('production profile end-to-end test')('production profile end to end', () => {
  const tag = `e2e${process.pid}${Date.now().toString(36)}`;
  let mottak: TestMottak;
  let production: IsolatedProduction | undefined;

  beforeAll(async () => {
    production = isolatedProduction(tag);
    mottak = await startTestMottak(production.config);
  }, 60_000);

  afterAll(async () => {
    await mottak?.close();
    await production?.cleanup();
  });

  it('walks the whole flow and hides what a user may not see', async () => {
    const ready = await mottak.http.get('/readyz');
    expect(ready.body.checks).toEqual({ store: true, queue: true, index: true });

    const intake = await mottak.http
      .post('/api/v1/reports')
      .set('X-API-Key', mottak.partnerKey)
      .set('Idempotency-Key', 'prod-1')
      .send({ channel: 'partner', title: 'Drone over havna', body: 'Vakt så en drone over havna; melder ringte fra 0047 912 34 567.' });
    expect(intake.status).toBe(202);
    const kari = await mottak.bearer('kari');
    await eventually(async () => {
      const report = await mottak.http.get(`/api/v1/reports/${intake.body.id}`).set('Authorization', kari);
      return report.body.status === 'vurdert' ? report.body : undefined;
    }, 'assessment on the production engines', 20_000);
    const registered = await mottak.http.post(`/api/v1/reports/${intake.body.id}/registration`).set('Authorization', kari).send({ gradering: 'BEGRENSET' });
    expect(registered.status).toBe(201);
    expect(registered.body.registration.journalNumber).toMatch(/^\d{4}\/\d{6}$/);

    // Sander has the personopplysninger need that searching by a phone number takes.
    const sander = await mottak.bearer('sander');
    const found = await eventually(async () => {
      const response = await mottak.http.get('/api/v1/search').query({ q: '+47 91234567' }).set('Authorization', sander);
      return response.body.total === 1 ? response.body : undefined;
    }, 'the report to be searchable in Elasticsearch', 20_000);
    expect(found.hits[0].id).toBe(intake.body.id);
    const siri = await mottak.bearer('siri');
    expect((await mottak.http.get('/api/v1/search').query({ q: '+47 91234567' }).set('Authorization', siri)).status).toBe(403);

    const secret = await eventually(async () => {
      const response = await mottak.http.get('/api/v1/search').query({ q: 'diplomat' }).set('Authorization', sander);
      return response.body.total === 1 ? response.body.hits[0] : undefined;
    }, 'the demo HEMMELIG report to be indexed', 20_000);
    const hidden = await mottak.http.get('/api/v1/search').query({ q: 'diplomat' }).set('Authorization', siri);
    expect(hidden.body).toMatchObject({ total: 0, hits: [] });
    expect((await mottak.http.get(`/api/v1/reports/${secret.id}`).set('Authorization', siri)).status).toBe(404);

    // A rebuild from the store builds the next versioned index and swaps the alias; search goes on.
    const rebuilt = await rebuildSearchIndex(mottak.running.core.deps, { pageSize: 2 });
    expect(rebuilt).toBeGreaterThanOrEqual(2);
    const aliases = (await (await fetch(new URL(`/_alias/mottak-${tag}`, ENGINE_URLS.elasticsearch!))).json()) as Record<string, unknown>;
    expect(Object.keys(aliases)).toEqual([`mottak-${tag}-v2`]);
    const afterRebuild = await mottak.http.get('/api/v1/search').query({ q: '+47 91234567' }).set('Authorization', sander);
    expect(afterRebuild.body.hits.map((h: { id: string }) => h.id)).toEqual([intake.body.id]);

    const verify = await mottak.http.post('/api/v1/journal/verify').set('Authorization', await mottak.bearer('rita'));
    expect(verify.body.journal.ok).toBe(true);
    expect(verify.body.audit.ok).toBe(true);
  }, 90_000);
});
