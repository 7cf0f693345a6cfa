import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

/**
 * A user without klarering or compartment gets no trace of a report: not by id, not in lists,
 * not in search hits, totals or snippets — and the 404 is identical to that of a missing id.
 */
describe('access control leaves no trace of reports a user may not see', () => {
  let mottak: TestMottak;
  let secretId: string;
  let confidentialId: string;
  const MISSING_ID = '00000000-0000-4000-8000-000000000000';

  beforeAll(async () => {
    mottak = await startTestMottak();
    const sander = await mottak.bearer('sander');
    // The demo data holds a HEMMELIG report in compartment kontraetterretning and a KONFIDENSIELT one.
    const secret = await eventually(async () => {
      const response = await mottak.http.get('/api/v1/search').query({ q: 'diplomat' }).set('Authorization', sander);
      return response.body.total === 1 ? response.body.hits[0] : undefined;
    }, 'the demo HEMMELIG report to be indexed');
    secretId = secret.id;
    const confidential = await eventually(async () => {
      const response = await mottak.http.get('/api/v1/search').query({ q: 'propaganda' }).set('Authorization', sander);
      return response.body.total === 1 ? response.body.hits[0] : undefined;
    }, 'the demo KONFIDENSIELT report to be indexed');
    confidentialId = confidential.id;
  });
  afterAll(async () => {
    await mottak.close();
  });

  const withoutBodyNoise = (body: Record<string, unknown>) => ({ ...body, instance: undefined });

  it.each([
    ['siri', 'søkebruker with BEGRENSET'],
    ['kim', 'koordinator with BEGRENSET'],
  ])('%s (%s) gets 404 identical to a missing id on every report route', async (username) => {
    const auth = await mottak.bearer(username);
    for (const id of [secretId, confidentialId]) {
      for (const suffix of ['', '/status', '/journal']) {
        const hidden = await mottak.http.get(`/api/v1/reports/${id}${suffix}`).set('Authorization', auth);
        const missing = await mottak.http.get(`/api/v1/reports/${MISSING_ID}${suffix}`).set('Authorization', auth);
        expect(hidden.status).toBe(404);
        expect(withoutBodyNoise(hidden.body)).toEqual(withoutBodyNoise(missing.body));
        expect(hidden.headers['content-type']).toBe(missing.headers['content-type']);
      }
      const register = await mottak.http.post(`/api/v1/reports/${id}/registration`).set('Authorization', auth).send({ gradering: 'UGRADERT' });
      const registerMissing = await mottak.http.post(`/api/v1/reports/${MISSING_ID}/registration`).set('Authorization', auth).send({ gradering: 'UGRADERT' });
      expect(register.status).toBe(404);
      expect(withoutBodyNoise(register.body)).toEqual(withoutBodyNoise(registerMissing.body));
    }
  });

  it('search hits, totals and snippets never include a hidden report', async () => {
    // Kim, a koordinator, may search by personal identifiers (siri, without the need, may not at all).
    const kim = await mottak.bearer('kim');
    for (const q of ['diplomat', 'propaganda', '+46 70 123 45 67', '0046701234567', 'forsker universitetet', '01010012356']) {
      const response = await mottak.http.get('/api/v1/search').query({ q }).set('Authorization', kim);
      expect(response.status).toBe(200);
      expect(response.body.total).toBe(0);
      expect(response.body.hits).toEqual([]);
      expect(JSON.stringify(response.body)).not.toContain(secretId);
    }
    const sander = await mottak.bearer('sander');
    const visible = await mottak.http.get('/api/v1/search').query({ q: '+46 70 123 45 67' }).set('Authorization', sander);
    expect(visible.body.total).toBe(1);
    expect(visible.body.hits[0].id).toBe(secretId);
  });

  it('lists and their totals count only visible reports', async () => {
    const kim = await mottak.bearer('kim');
    const kari = await mottak.bearer('kari');
    const kimList = await mottak.http.get('/api/v1/reports').query({ limit: 200 }).set('Authorization', kim);
    const kariList = await mottak.http.get('/api/v1/reports').query({ limit: 200 }).set('Authorization', kari);
    const kimIds = kimList.body.items.map((r: { id: string }) => r.id);
    expect(kimIds).not.toContain(secretId);
    expect(kimIds).not.toContain(confidentialId);
    expect(kimList.body.total).toBe(kimIds.length);
    expect(kariList.body.items.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([secretId, confidentialId]));
    expect(kariList.body.total).toBe(kimList.body.total + 2);
  });

  it('a search user never sees unregistered reports; roles without report access see nothing', async () => {
    const siri = await mottak.bearer('siri');
    const list = await mottak.http.get('/api/v1/reports').query({ limit: 200 }).set('Authorization', siri);
    expect(list.body.items.every((r: { status: string }) => r.status === 'registrert')).toBe(true);
    for (const username of ['rita', 'adam']) {
      const auth = await mottak.bearer(username);
      const response = await mottak.http.get('/api/v1/reports').set('Authorization', auth);
      expect(response.body).toEqual({ total: 0, items: [] });
      expect((await mottak.http.get('/api/v1/search').query({ q: 'kraftstasjon' }).set('Authorization', auth)).body.total).toBe(0);
    }
  });

  it('every read and search is in the audit log, including attempts on hidden reports', async () => {
    const siri = await mottak.bearer('siri');
    await mottak.http.get(`/api/v1/reports/${secretId}`).set('Authorization', siri);
    await mottak.http.get('/api/v1/search').query({ q: 'diplomat' }).set('Authorization', siri);
    const rita = await mottak.bearer('rita');
    const audit = await mottak.http.get('/api/v1/audit').query({ actor: 'user:siri', limit: 1000 }).set('Authorization', rita);
    expect(audit.status).toBe(200);
    const attempts = audit.body.filter((e: { action: string; subjectId?: string }) => e.action === 'report.read' && e.subjectId === secretId);
    expect(attempts.length).toBeGreaterThan(0);
    expect(attempts[0].details.outcome).toBe('not_found');
    expect(audit.body.some((e: { action: string; details: { q?: string } }) => e.action === 'search' && e.details.q === 'diplomat')).toBe(true);
    // Only auditors read the audit log.
    const denied = await mottak.http.get('/api/v1/audit').set('Authorization', siri);
    expect(denied.status).toBe(403);
  });

  it('requests without a session get 401, a forged or revoked token too', async () => {
    expect((await mottak.http.get('/api/v1/reports')).status).toBe(401);
    expect((await mottak.http.get('/api/v1/reports').set('Authorization', 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).status).toBe(401);
    const login = await mottak.http.post('/api/v1/auth/login').send({ username: 'kim', password: 'mottak-demo-2026' });
    const auth = `Bearer ${login.body.token as string}`;
    expect((await mottak.http.get('/api/v1/me').set('Authorization', auth)).body.username).toBe('kim');
    expect((await mottak.http.post('/api/v1/auth/logout').set('Authorization', auth)).status).toBe(204);
    expect((await mottak.http.get('/api/v1/me').set('Authorization', auth)).status).toBe(401);
    const wrong = await mottak.http.post('/api/v1/auth/login').send({ username: 'kim', password: 'feil-passord' });
    const unknown = await mottak.http.post('/api/v1/auth/login').send({ username: 'finnesikke', password: 'feil-passord' });
    expect(wrong.status).toBe(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
  });
});
