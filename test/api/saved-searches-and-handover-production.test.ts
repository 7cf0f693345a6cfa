import { EventStream } from '../support/event-stream';
import { describeWithProductionEngines, type IsolatedProduction, isolatedProduction } from '../support/production-engines';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

/**
 * Saved searches and handover notes on the production engines: saved searches in MongoDB, new
 * matches counted by Elasticsearch (registeredAt range inside the access-filtered query), the
 * live recount driven by the indexer's `report.indexed` events, and notes stored on the MongoDB report.
 */
describeWithProductionEngines('saved searches and handover notes on the production engines')('saved searches and handover notes on the production engines', () => {
  const tag = `ss${process.pid}${Date.now().toString(36)}`;
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

  async function assessed(title: string, body: string): Promise<string> {
    const sent = await mottak.http.post('/api/v1/reports').set('X-API-Key', mottak.partnerKey).send({ channel: 'partner', title, body });
    expect(sent.status).toBe(202);
    const kari = await mottak.bearer('kari');
    await eventually(
      async () => ((await mottak.http.get(`/api/v1/reports/${sent.body.id as string}`).set('Authorization', kari)).body.status === 'vurdert' ? true : undefined),
      'assessment on the production engines',
      20_000,
    );
    return sent.body.id as string;
  }

  it('counts a new match under the owner’s rights, tells the owner live, and opening marks it seen', async () => {
    const sander = await mottak.bearer('sander');
    const siri = await mottak.bearer('siri');
    const kari = await mottak.bearer('kari');
    const created = await mottak.http.post('/api/v1/saved-searches').set('Authorization', sander).send({ name: 'Ubåt', q: 'ubåtobservasjon' });
    expect(created.status).toBe(201);
    const siris = await mottak.http.post('/api/v1/saved-searches').set('Authorization', siri).send({ name: 'Ubåt', q: 'ubåtobservasjon' });
    expect(siris.status).toBe(201);
    const stream = await EventStream.open(mottak.url, sander);
    try {
      const id = await assessed('Ubåtobservasjon i fjorden', 'Fiskere meldte en ubåtobservasjon innerst i fjorden i natt.');
      const registered = await mottak.http.post(`/api/v1/reports/${id}/registration`).set('Authorization', kari).send({ gradering: 'HEMMELIG', compartments: ['kontraetterretning'] });
      expect(registered.status).toBe(201);
      await stream.until((s) => s.events.some((e) => e.type === 'saved-search' && (e.data as unknown as { newTotal: number }).newTotal === 1));
    } finally {
      stream.close();
    }
    const list = await mottak.http.get('/api/v1/saved-searches').set('Authorization', sander);
    expect(list.body.items).toEqual([expect.objectContaining({ id: created.body.id, newCount: 1 })]);
    // Siri (BEGRENSET) may not see the HEMMELIG report: it is not counted for her.
    expect((await mottak.http.get('/api/v1/saved-searches').set('Authorization', siri)).body.items).toEqual([expect.objectContaining({ newCount: 0 })]);
    const opened = await mottak.http.post(`/api/v1/saved-searches/${created.body.id as string}/open`).set('Authorization', sander);
    expect(opened.status).toBe(200);
    expect((await mottak.http.get('/api/v1/saved-searches').set('Authorization', sander)).body.items[0].newCount).toBe(0);
    expect((await mottak.http.post(`/api/v1/saved-searches/${created.body.id as string}/open`).set('Authorization', siri)).status).toBe(404);
  }, 60_000);

  it('keeps handover notes on the report: listed for readers, never for a user who may not see it', async () => {
    const kari = await mottak.bearer('kari');
    const kim = await mottak.bearer('kim');
    const visible = await assessed('Overlevering i produksjon', 'Melder skal ringes opp igjen i morgen tidlig.');
    const hidden = await assessed('Skjult overlevering i produksjon', 'Kilden i kontraetterretningssaken ringer i kveld.');
    const marked = await mottak.http.post(`/api/v1/reports/${hidden}/registration`).set('Authorization', kari).send({ gradering: 'HEMMELIG', compartments: ['kontraetterretning'] });
    expect(marked.status).toBe(201);
    expect((await mottak.http.post(`/api/v1/reports/${visible}/handover-notes`).set('Authorization', kari).send({ text: 'Ring melder kl. 08' })).status).toBe(201);
    expect((await mottak.http.post(`/api/v1/reports/${hidden}/handover-notes`).set('Authorization', kari).send({ text: 'Hemmelig: kilden ringer' })).status).toBe(201);
    const karis = await mottak.http.get('/api/v1/handover').set('Authorization', kari);
    expect(karis.body.items.map((i: { id: string }) => i.id).sort()).toEqual([visible, hidden].sort());
    const kims = await mottak.http.get('/api/v1/handover').set('Authorization', kim);
    expect(kims.body).toEqual({ total: 1, items: [expect.objectContaining({ id: visible, latestNote: expect.objectContaining({ text: 'Ring melder kl. 08' }) })] });
    expect((await mottak.http.get(`/api/v1/reports/${visible}`).set('Authorization', kim)).body.handoverNotes).toEqual([expect.objectContaining({ author: 'kari', text: 'Ring melder kl. 08' })]);
  }, 60_000);
});
