import fc from 'fast-check';
import { startTestMottak, type TestMottak } from '../support/test-mottak';

/** Bad input gets a clear problem+json naming the problem, never a 5xx, and nothing is stored. */
describe('bad input to intake', () => {
  let mottak: TestMottak;
  let partner: Record<string, string>;

  beforeAll(async () => {
    mottak = await startTestMottak();
    partner = { 'X-API-Key': mottak.partnerKey };
  });
  afterAll(async () => {
    await mottak.close();
  });

  async function storedReports(): Promise<number> {
    const response = await mottak.http.get('/api/v1/reports').query({ limit: 1 }).set('Authorization', await mottak.bearer('kari'));
    return response.body.total as number;
  }

  function expectProblem(response: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number) {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String), detail: expect.any(String) });
    expect(JSON.stringify(response.body)).not.toMatch(/at \w+ \(|node_modules/);
  }

  it.each([
    ['malformed JSON', '{"channel": "partner", "title": ', 400, 'MALFORMED_JSON'],
    ['a JSON array', '[1,2,3]', 400, 'VALIDATION_FAILED'],
    ['deep nesting', `{"channel":"partner","title":"x","body":"y","reporterContact":${'['.repeat(5000)}${']'.repeat(5000)}}`, 400, 'JSON_TOO_DEEP'],
  ])('%s → %i', async (_label, raw, status, code) => {
    const before = await storedReports();
    const response = await mottak.http.post('/api/v1/reports').set(partner).set('Content-Type', 'application/json').send(raw);
    expectProblem(response, status);
    expect(response.body.code).toBe(code);
    expect(await storedReports()).toBe(before);
  });

  it('wrong types and unknown fields are named in the problem', async () => {
    const before = await storedReports();
    const response = await mottak.http
      .post('/api/v1/reports')
      .set(partner)
      .send({ channel: 'partner', title: 42, body: 'x', status: 'registrert', journalNumber: '2026/000001' });
    expectProblem(response, 400);
    const fields = (response.body.errors as Array<{ field: string; message: string }>).map((e) => e.field);
    expect(fields).toContain('body.title');
    const unknown = (response.body.errors as Array<{ field: string; message: string }>).find((e) => e.message.includes('ukjente felt'));
    expect(unknown?.message).toContain('status');
    expect(unknown?.message).toContain('journalNumber');
    expect(await storedReports()).toBe(before);
  });

  it('a body over the limit (1 MiB) → 413', async () => {
    const before = await storedReports();
    const response = await mottak.http
      .post('/api/v1/reports')
      .set(partner)
      .send({ channel: 'partner', title: 'Stor', body: 'x'.repeat(1024 * 1024 + 10) });
    expectProblem(response, 413);
    expect(await storedReports()).toBe(before);
  });

  it('a wrong media type → 415; a channel the caller may not use → 403', async () => {
    const text = await mottak.http.post('/api/v1/reports').set(partner).set('Content-Type', 'text/plain').send('hei');
    expectProblem(text, 415);
    const channel = await mottak.http.post('/api/v1/reports').send({ channel: 'partner', title: 'Jeg er ikke partner', body: 'x' });
    expectProblem(channel, 403);
    expect(channel.body.code).toBe('CHANNEL_NOT_ALLOWED');
  });

  it('bad query parameters and unknown routes are problems too', async () => {
    const kari = await mottak.bearer('kari');
    expectProblem(await mottak.http.get('/api/v1/reports').query({ limit: 'mange' }).set('Authorization', kari), 400);
    expectProblem(await mottak.http.get('/api/v1/reports').query({ status: 'slettet' }).set('Authorization', kari), 400);
    expectProblem(await mottak.http.get('/api/v1/search').set('Authorization', kari), 400);
    expectProblem(await mottak.http.get('/api/v1/finnes-ikke'), 404);
  });

  it('random JSON bodies never produce a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue(),
          fc.record({ channel: fc.oneof(fc.constant('partner'), fc.string()), title: fc.jsonValue(), body: fc.jsonValue() }, { requiredKeys: [] }),
          fc.record({ channel: fc.constant('partner'), title: fc.string(), body: fc.string(), reporterContact: fc.jsonValue(), occurredAt: fc.string() }),
        ),
        async (value) => {
          const response = await mottak.http.post('/api/v1/reports').set(partner).set('Content-Type', 'application/json').send(JSON.stringify(value));
          expect(response.status).toBeLessThan(500);
          expect([202, 400, 403, 413]).toContain(response.status);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('random strings as raw bodies never produce a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 300 }), async (raw) => {
        const response = await mottak.http.post('/api/v1/reports').set(partner).set('Content-Type', 'application/json').send(raw);
        expect(response.status).toBeLessThan(500);
      }),
      { numRuns: 100 },
    );
  });
});

describe('the public tip form is rate-limited per client', () => {
  let mottak: TestMottak;
  beforeAll(async () => {
    mottak = await startTestMottak({ MOTTAK_TIP_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await mottak.close();
  });

  it('the fourth tip within a minute gets 429 problem+json; partners are not limited', async () => {
    const tip = { channel: 'tipsskjema', title: 'Tips', body: 'Et tips fra publikum.' };
    for (let i = 0; i < 3; i += 1) expect((await mottak.http.post('/api/v1/reports').send(tip)).status).toBe(202);
    const limited = await mottak.http.post('/api/v1/reports').send(tip);
    expect(limited.status).toBe(429);
    expect(limited.headers['content-type']).toMatch(/problem\+json/);
    const partner = await mottak.http.post('/api/v1/reports').set('X-API-Key', mottak.partnerKey).send({ ...tip, channel: 'partner' });
    expect(partner.status).toBe(202);
  });
});
