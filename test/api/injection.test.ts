import { startTestMottak, type TestMottak } from '../support/test-mottak';

/**
 * Injection and mass assignment: operator objects where strings belong, search-engine syntax in
 * search strings, path tricks, and fields only the system may set. Each answers a clear 400 (or is
 * treated as plain text), never a 5xx, and never changes what it must not.
 */
describe('injection and mass assignment', () => {
  let mottak: TestMottak;
  beforeAll(async () => {
    mottak = await startTestMottak();
  });
  afterAll(async () => {
    await mottak.close();
  });

  it.each([
    ['title', { channel: 'tipsskjema', title: { $gt: '' }, body: 'tekst' }],
    ['body', { channel: 'tipsskjema', title: 'Tittel', body: { $where: 'sleep(1000)' } }],
    ['channel', { channel: { $ne: null }, title: 'Tittel', body: 'tekst' }],
    ['reporterContact.email', { channel: 'tipsskjema', title: 'Tittel', body: 'tekst', reporterContact: { email: { $regex: '.*' } } }],
  ])('refuses a Mongo operator object in %s with 400 naming the field', async (field, report) => {
    const response = await mottak.http.post('/api/v1/reports').send(report);
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(`body.${field}`);
  });

  it('refuses operator objects in the login instead of matching any user', async () => {
    const response = await mottak.http.post('/api/v1/auth/login').send({ username: { $ne: null }, password: { $ne: null } });
    expect(response.status).toBe(400);
    expect(response.body.token).toBeUndefined();
  });

  it.each([
    ['FTS5 boolean and NEAR syntax', 'kraftstasjon OR NEAR(a b, 2) AND NOT *'],
    ['an unbalanced quote', '"kraftstasjon'],
    ['a column filter', 'title:kraftstasjon body:* {title}: ^kraft'],
    ['Elasticsearch query_string syntax', 'kraft* AND gradering:HEMMELIG OR _exists_:body \\ / ~2'],
    ['SQL', "'; DROP TABLE reports; --"],
  ])('treats %s in a search as plain text', async (_what, q) => {
    const response = await mottak.http.get('/api/v1/search').query({ q }).set('Authorization', await mottak.bearer('kari'));
    expect(response.status).toBe(200);
    expect(typeof response.body.total).toBe('number');
    // gradering:HEMMELIG must not act as a filter that reveals anything beyond the user's rights.
    for (const hit of response.body.hits as Array<{ gradering: string }>) expect(['UGRADERT', 'BEGRENSET', 'KONFIDENSIELT', 'HEMMELIG']).toContain(hit.gradering);
  });

  it.each([
    ['an encoded traversal', '/api/v1/reports/..%2F..%2Fetc%2Fpasswd', [400, 404]],
    ['an overlong id', `/api/v1/reports/${'a'.repeat(5000)}`, [400, 404, 414, 431]],
    ['a NUL byte', '/api/v1/reports/abc%00def', [400, 404]],
  ])('answers %s in a path with a problem, not a 5xx', async (_what, path, statuses) => {
    const response = await mottak.http.get(path as string).set('Authorization', await mottak.bearer('kari'));
    expect(statuses).toContain(response.status);
  });

  it.each([
    ['status', 'registrert'],
    ['gradering', 'UGRADERT'],
    ['assessment', { priority: 'P1' }],
    ['registration', { journalNumber: '2026/000001' }],
    ['id', 'my-own-id'],
    ['receivedAt', '2020-01-01T00:00:00Z'],
    ['version', 99],
  ])('refuses a client-set %s on intake (mass assignment)', async (field, value) => {
    const response = await mottak.http
      .post('/api/v1/reports')
      .set('Authorization', await mottak.bearer('kari'))
      .send({ channel: 'telefon', title: 'Tittel', body: 'tekst', [field]: value });
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body.errors)).toContain(field);
  });

  it('refuses a client-set journal number, status or compartments on registration', async () => {
    const kari = await mottak.bearer('kari');
    for (const extra of [{ journalNumber: '2026/000001' }, { status: 'arkivert' }, { registeredBy: 'frida' }]) {
      const response = await mottak.http.post('/api/v1/reports/any-id/registration').set('Authorization', kari).send({ gradering: 'BEGRENSET', ...extra });
      expect(response.status).toBe(400);
    }
  });
});
