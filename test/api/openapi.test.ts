import { createApp, openApiPath } from '@mottak/api';
import { createLogger } from '@mottak/runtime';
import { startTestMottak, type TestMottak } from '../support/test-mottak';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

describe('OpenAPI document', () => {
  let mottak: TestMottak;
  beforeAll(async () => {
    mottak = await startTestMottak();
  });
  afterAll(async () => {
    await mottak.close();
  });

  it('is served as OpenAPI 3.1 and describes every route the app serves', async () => {
    const response = await mottak.http.get('/api/v1/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    const documented = new Set<string>();
    for (const [path, operations] of Object.entries(response.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const app = createApp(mottak.running.core.deps, {
      logger: createLogger('silent', 't'),
      bodyLimitBytes: 1024 * 1024,
      tipRateLimitPerMinute: 10,
      loginRateLimitPerMinute: 10,
      trustProxy: false,
      readiness: async () => ({}),
    });
    const served = new Set<string>();
    for (const layer of (app as unknown as { router: { stack: Layer[] } }).router.stack) {
      if (!layer.route) continue;
      for (const method of Object.keys(layer.route.methods)) served.add(`${method.toUpperCase()} ${openApiPath(layer.route.path)}`);
    }
    expect(served.size).toBeGreaterThan(15);
    expect([...served].filter((route) => !documented.has(route))).toEqual([]);
    expect(documented.has('POST /api/v1/reports')).toBe(true);
    const intake = response.body.paths['/api/v1/reports'].post;
    expect(intake.requestBody.content['application/json'].schema.additionalProperties).toBe(false);
    expect(intake.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['channel', 'title', 'body']));
  });

  it('health and readiness answer', async () => {
    expect((await mottak.http.get('/healthz')).body).toEqual({ status: 'ok' });
    const ready = await mottak.http.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks).toMatchObject({ store: true, queue: true, audit: true, index: true });
  });

  it('serves Prometheus metrics to operations roles only', async () => {
    const metrics = await mottak.http.get('/metrics').set('Authorization', await mottak.bearer('frida'));
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(metrics.text).toMatch(/^mottak_jobs\{state="dead"\} \d+$/m);
    expect(metrics.text).toMatch(/^mottak_indexing_lag \d+$/m);
    expect(metrics.text).toMatch(/^mottak_http_responses_total\{class="2xx"\} [1-9]\d*$/m);
    expect((await mottak.http.get('/metrics')).status).toBe(401);
    expect((await mottak.http.get('/metrics').set('Authorization', await mottak.bearer('siri'))).status).toBe(403);
  });
});
