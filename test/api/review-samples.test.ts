import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

interface Item {
  reportId: string;
  journalNumber: string;
  stratum: string;
  registeredBy: string;
  verdict?: { verdict: string; comment: string; reviewer: string };
}

/** Four-eyes review of random, stratified samples (stikkprøvekontroll) through the real API. */
describe('review samples (stikkprøvekontroll)', () => {
  let mottak: TestMottak;
  let kari: string;
  let frida: string;
  let fiona: string;
  let fredrik: string;
  // Set after start-up: the demo data's registrations are not part of these samples.
  let from: string;
  const registered: Array<{ id: string; category: string; by: string; gradering: string }> = [];

  async function register(title: string, category: string, by: string, gradering = 'BEGRENSET', compartments: string[] = []): Promise<void> {
    const bearer = by === 'kari' ? kari : frida;
    const intake = await mottak.http.post('/api/v1/reports').set('Authorization', bearer).send({ channel: 'telefon', title, body: `${title}: melder så noe ved anlegget.` });
    expect(intake.status).toBe(202);
    await eventually(async () => ((await mottak.http.get(`/api/v1/reports/${intake.body.id}`).set('Authorization', bearer)).body.status === 'vurdert' ? true : undefined), 'assessment');
    const done = await mottak.http.post(`/api/v1/reports/${intake.body.id}/registration`).set('Authorization', bearer).send({ gradering, compartments, category });
    expect(done.status).toBe(201);
    registered.push({ id: intake.body.id as string, category, by, gradering });
  }

  beforeAll(async () => {
    mottak = await startTestMottak();
    await new Promise((resolve) => setTimeout(resolve, 5));
    from = new Date().toISOString();
    kari = await mottak.bearer('kari');
    frida = await mottak.bearer('frida');
    fiona = await mottak.bearer('fiona');
    // A supervisor cleared only to BEGRENSET: samples must not show him what he may not read.
    const created = await mottak.http
      .post('/api/v1/users')
      .set('Authorization', await mottak.bearer('adam'))
      .send({ username: 'fredrik', displayName: 'Fredrik Fagansvarlig', password: 'stikkprove-2026-test', roles: ['fagansvarlig'], klarering: 'BEGRENSET', unit: 'FRS' });
    expect(created.status).toBe(201);
    fredrik = `Bearer ${(await mottak.http.post('/api/v1/auth/login').send({ username: 'fredrik', password: 'stikkprove-2026-test' })).body.token as string}`;
    for (let i = 0; i < 4; i += 1) await register(`Sabotasje ${i}`, 'sabotasje', 'kari');
    await register('Trussel 1', 'trussel', 'kari');
    await register('Trussel fra frida', 'trussel', 'frida');
    await register('Hemmelig kontraetterretning', 'kontraetterretning', 'kari', 'HEMMELIG', ['kontraetterretning']);
  }, 120_000);
  afterAll(async () => {
    await mottak.close();
  });

  const window = () => ({ from, to: new Date(Date.now() + 60_000).toISOString() });

  it('draws a stratified random sample: every category represented, the share rounded up, only what the drawer may read', async () => {
    expect((await mottak.http.post('/api/v1/quality/review-samples').set('Authorization', kari).send({ ...window(), percentage: 50 })).status).toBe(403);
    const drawn = await mottak.http.post('/api/v1/quality/review-samples').set('Authorization', frida).send({ ...window(), percentage: 50 });
    expect(drawn.status).toBe(201);
    expect(drawn.headers['location']).toBe(`/api/v1/quality/review-samples/${drawn.body.id as string}`);
    expect(drawn.body).toMatchObject({ drawnBy: 'frida', percentage: 50, stratifyBy: 'category', minPerStratum: 1, population: registered.length });
    const strata = Object.fromEntries((drawn.body.strata as Array<{ stratum: string; population: number; drawn: number }>).map((s) => [s.stratum, s]));
    expect(strata).toEqual({
      kontraetterretning: { stratum: 'kontraetterretning', population: 1, drawn: 1 },
      sabotasje: { stratum: 'sabotasje', population: 4, drawn: 2 },
      trussel: { stratum: 'trussel', population: 2, drawn: 1 },
    });
    const items = drawn.body.items as Item[];
    expect(items).toHaveLength(4);
    for (const item of items) {
      const source = registered.find((r) => r.id === item.reportId);
      expect(source).toBeDefined();
      expect(item).toMatchObject({ stratum: source?.category, registeredBy: source?.by, journalNumber: expect.stringMatching(/^\d{4}\/\d{6}$/) });
    }
    expect(new Set(items.map((i) => i.reportId)).size).toBe(items.length);

    // The BEGRENSET supervisor's own sample of the same period never counts the HEMMELIG report.
    const his = await mottak.http.post('/api/v1/quality/review-samples').set('Authorization', fredrik).send({ ...window(), percentage: 100, stratifyBy: 'registeredBy' });
    expect(his.status).toBe(201);
    expect(his.body.population).toBe(registered.length - 1);
    expect((his.body.items as Item[]).map((i) => i.reportId)).not.toContain(registered.find((r) => r.gradering === 'HEMMELIG')?.id);
    expect((his.body.strata as Array<{ stratum: string }>).map((s) => s.stratum).sort()).toEqual(['frida', 'kari']);
  });

  it('refuses a bad period or percentage naming the field', async () => {
    const backwards = await mottak.http.post('/api/v1/quality/review-samples').set('Authorization', frida).send({ from: window().to, to: from, percentage: 10 });
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('to');
    const none = await mottak.http.post('/api/v1/quality/review-samples').set('Authorization', frida).send({ ...window(), percentage: 0 });
    expect(none.status).toBe(400);
    expect(JSON.stringify(none.body)).toContain('percentage');
  });

  it('records one verdict per item, never by the one who registered it, and hides items the reviewer may not read', async () => {
    const all = await mottak.http.post('/api/v1/quality/review-samples').set('Authorization', frida).send({ ...window(), percentage: 100 });
    expect(all.status).toBe(201);
    const id = all.body.id as string;
    const items = all.body.items as Item[];
    const verdictUrl = (reportId: string) => `/api/v1/quality/review-samples/${id}/items/${reportId}/verdict`;
    const byKari = items.find((i) => i.registeredBy === 'kari' && i.stratum === 'sabotasje') as Item;
    const byFrida = items.find((i) => i.registeredBy === 'frida') as Item;
    const hemmelig = items.find((i) => i.stratum === 'kontraetterretning') as Item;

    // Four eyes: frida may not review her own registration; fiona may.
    const own = await mottak.http.post(verdictUrl(byFrida.reportId)).set('Authorization', frida).send({ verdict: 'godkjent' });
    expect([own.status, own.body.code]).toEqual([403, 'SAME_PERSON']);
    const approved = await mottak.http.post(verdictUrl(byFrida.reportId)).set('Authorization', fiona).send({ verdict: 'godkjent' });
    expect(approved.status).toBe(200);
    expect(approved.body.verdict).toMatchObject({ verdict: 'godkjent', reviewer: 'fiona' });
    const again = await mottak.http.post(verdictUrl(byFrida.reportId)).set('Authorization', fiona).send({ verdict: 'avvik', comment: 'Ombestemt meg' });
    expect([again.status, again.body.code]).toEqual([409, 'REVIEW_ALREADY_DECIDED']);

    // A deviation needs a reason.
    const bare = await mottak.http.post(verdictUrl(byKari.reportId)).set('Authorization', frida).send({ verdict: 'avvik' });
    expect(bare.status).toBe(400);
    expect(JSON.stringify(bare.body)).toContain('comment');
    const deviation = await mottak.http.post(verdictUrl(byKari.reportId)).set('Authorization', frida).send({ verdict: 'avvik', comment: 'Feil kategori, burde vært trussel' });
    expect(deviation.status).toBe(200);

    // Fredrik sees the sample without the HEMMELIG report, and cannot review it: the same 404 as a missing one.
    const seen = await mottak.http.get(`/api/v1/quality/review-samples/${id}`).set('Authorization', fredrik);
    expect(seen.status).toBe(200);
    expect((seen.body.items as Item[]).map((i) => i.reportId)).not.toContain(hemmelig.reportId);
    expect((seen.body.items as Item[]).length).toBe(items.length - 1);
    const hidden = await mottak.http.post(verdictUrl(hemmelig.reportId)).set('Authorization', fredrik).send({ verdict: 'godkjent' });
    const missing = await mottak.http.post(verdictUrl('00000000-0000-4000-8000-000000000000')).set('Authorization', fredrik).send({ verdict: 'godkjent' });
    expect([hidden.status, hidden.body.code]).toEqual([404, 'NOT_FOUND']);
    expect({ ...hidden.body, instance: undefined }).toEqual({ ...missing.body, instance: undefined });

    // Progress in the list, and the CSV.
    const list = await mottak.http.get('/api/v1/quality/review-samples').set('Authorization', fiona);
    expect(list.status).toBe(200);
    expect((list.body as Array<{ id: string }>)[0]).toMatchObject({ id, items: items.length, decided: 2, deviations: 1 });
    const csv = await mottak.http.get(`/api/v1/quality/review-samples/${id}`).query({ format: 'csv' }).set('Authorization', fiona);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('journalNumber,stratum,registeredBy,verdict,reviewer,reviewedAt,comment');
    expect(lines).toHaveLength(items.length + 1);
    expect(lines.find((l) => l.startsWith(byKari.journalNumber))).toContain('avvik,frida,');

    // Audited: the draw and each verdict.
    const audit = await mottak.http.get('/api/v1/audit').query({ action: 'quality.review.recorded' }).set('Authorization', await mottak.bearer('rita'));
    expect((audit.body as Array<{ actor: string; subjectId: string }>).map((e) => `${e.actor} ${e.subjectId}`)).toEqual(
      expect.arrayContaining([`user:fiona ${byFrida.reportId}`, `user:frida ${byKari.reportId}`]),
    );
  });
});
