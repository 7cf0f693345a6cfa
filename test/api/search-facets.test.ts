import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

interface Bucket {
  value: string;
  count: number;
}

/**
 * Facets and facet filters through the HTTP API: counts come from the same access-filtered query
 * as the hits, filters narrow hits and counts, and the audit log records the filters searched with.
 */
describe('search facets and filters', () => {
  let mottak: TestMottak;

  beforeAll(async () => {
    mottak = await startTestMottak();
    const sander = await mottak.bearer('sander');
    // The demo data: "tipser" is in a BEGRENSET report (with a phone number) and a KONFIDENSIELT one (with a fødselsnummer).
    await eventually(async () => {
      const response = await mottak.http.get('/api/v1/search').query({ q: 'tipser' }).set('Authorization', sander);
      return response.body.total === 2 ? true : undefined;
    }, 'the demo reports to be indexed');
  });
  afterAll(async () => {
    await mottak.close();
  });

  const values = (buckets: Bucket[]) => Object.fromEntries(buckets.map((b) => [b.value, b.count]));

  it('answers counts per gradering, channel, entity type and status over what the user may see', async () => {
    const sander = await mottak.bearer('sander');
    const all = await mottak.http.get('/api/v1/search').query({ q: 'tipser' }).set('Authorization', sander);
    expect(all.status).toBe(200);
    expect(values(all.body.facets.gradering)).toEqual({ BEGRENSET: 1, KONFIDENSIELT: 1 });
    expect(values(all.body.facets.channel)).toEqual({ tipsskjema: 2 });
    expect(values(all.body.facets.entityType)).toEqual({ phone: 1, fodselsnummer: 1 });
    expect(values(all.body.facets.status)).toEqual({ registrert: 2 });
    expect(all.body.facets.category.reduce((sum: number, b: Bucket) => sum + b.count, 0)).toBe(2);

    // Siri (BEGRENSET) sees one of them; the KONFIDENSIELT report counts nowhere for her.
    const siri = await mottak.bearer('siri');
    const hers = await mottak.http.get('/api/v1/search').query({ q: 'tipser' }).set('Authorization', siri);
    expect(hers.body.total).toBe(1);
    expect(values(hers.body.facets.gradering)).toEqual({ BEGRENSET: 1 });
    expect(values(hers.body.facets.entityType)).toEqual({ phone: 1 });
    const hidden = await mottak.http.get('/api/v1/search').query({ q: 'diplomat' }).set('Authorization', siri);
    expect(hidden.body).toMatchObject({ total: 0, hits: [] });
    expect(Object.values(hidden.body.facets).flat()).toEqual([]);
  });

  it('narrows hits, total and facets by comma-separated filters', async () => {
    const sander = await mottak.bearer('sander');
    const byGradering = await mottak.http.get('/api/v1/search').query({ q: 'tipser', gradering: 'KONFIDENSIELT' }).set('Authorization', sander);
    expect(byGradering.body.total).toBe(1);
    expect(byGradering.body.hits[0].gradering).toBe('KONFIDENSIELT');
    expect(values(byGradering.body.facets.entityType)).toEqual({ fodselsnummer: 1 });

    const byEntity = await mottak.http.get('/api/v1/search').query({ q: 'tipser', entityType: 'phone,email' }).set('Authorization', sander);
    expect(byEntity.body.total).toBe(1);
    expect(byEntity.body.hits[0].gradering).toBe('BEGRENSET');

    const both = await mottak.http.get('/api/v1/search').query({ q: 'tipser', gradering: 'BEGRENSET,KONFIDENSIELT', channel: 'telefon' }).set('Authorization', sander);
    expect(both.body.total).toBe(0);
  });

  it('refuses unknown filter values, naming the parameter', async () => {
    const sander = await mottak.bearer('sander');
    const response = await mottak.http.get('/api/v1/search').query({ q: 'tipser', priority: 'P1,P9' }).set('Authorization', sander);
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'query.priority', message: expect.stringContaining('P9') })]);
  });

  it('records the filters of every search in the audit log', async () => {
    const siri = await mottak.bearer('siri');
    await mottak.http.get('/api/v1/search').query({ q: 'kraftstasjon', channel: 'tipsskjema,partner' }).set('Authorization', siri);
    const rita = await mottak.bearer('rita');
    const audit = await mottak.http.get('/api/v1/audit').query({ actor: 'user:siri', limit: 1000 }).set('Authorization', rita);
    const entry = audit.body.find((e: { action: string; details: { q?: string } }) => e.action === 'search' && e.details.q === 'kraftstasjon');
    expect(entry.details.filters).toEqual({ channel: ['tipsskjema', 'partner'] });
  });

  it('documents the filters and the facets in OpenAPI', async () => {
    const document = (await mottak.http.get('/api/v1/openapi.json')).body;
    const operation = document.paths['/api/v1/search'].get;
    expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['q', 'category', 'priority', 'gradering', 'channel', 'entityType', 'status']),
    );
    const schema = operation.responses['200'].content['application/json'].schema;
    expect(Object.keys(schema.properties.facets.properties).sort()).toEqual(['category', 'channel', 'entityType', 'gradering', 'priority', 'status']);
  });

  it('narrows by a period of Norwegian dates (both days included), hits and facets alike, and refuses a bad one', async () => {
    const sander = await mottak.bearer('sander');
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo' }).format(new Date());
    const all = await mottak.http.get('/api/v1/search').query({ q: 'tipser' }).set('Authorization', sander);
    expect(all.body.total).toBeGreaterThan(0);
    const within = await mottak.http.get('/api/v1/search').query({ q: 'tipser', from: today, to: today }).set('Authorization', sander);
    expect(within.status).toBe(200);
    expect(within.body.total).toBe(all.body.total);
    const earlier = await mottak.http.get('/api/v1/search').query({ q: 'tipser', to: '2020-12-31' }).set('Authorization', sander);
    expect([earlier.body.total, earlier.body.hits, earlier.body.facets.gradering]).toEqual([0, [], []]);
    const later = await mottak.http.get('/api/v1/search').query({ q: 'tipser', from: '2099-01-01' }).set('Authorization', sander);
    expect(later.body.total).toBe(0);
    const backwards = await mottak.http.get('/api/v1/search').query({ q: 'tipser', from: '2026-12-01', to: '2026-11-01' }).set('Authorization', sander);
    expect(backwards.status).toBe(400);
    expect(JSON.stringify(backwards.body)).toContain('to');
    const notADate = await mottak.http.get('/api/v1/search').query({ q: 'tipser', from: '2026-02-30' }).set('Authorization', sander);
    expect(notADate.status).toBe(400);
    expect(JSON.stringify(notADate.body)).toContain('from');
  });
});
