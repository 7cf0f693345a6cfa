import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';

/** Bodies that pass validation for the routes that take one, so the check reaches the access decision. */
const PLAUSIBLE_BODY: Record<string, unknown> = {
  reason: 'Begrunnelse som er lang nok for alle ruter',
  gradering: 'BEGRENSET',
  compartments: [],
  approve: true,
  to: 'under_behandling',
  expectedVersion: 1,
  title: 'Ny tittel',
};

/**
 * Broken object-level authorization: every route in the OpenAPI document with an id in its path,
 * called by a user who may not see the report, must answer exactly as for an id that does not
 * exist — same status, same problem body — and never succeed.
 */
describe('every route with an id treats a hidden report like a missing one', () => {
  let mottak: TestMottak;
  let hiddenId: string;
  let routes: Array<{ method: string; path: string }>;

  beforeAll(async () => {
    mottak = await startTestMottak();
    const sander = await mottak.bearer('sander');
    const secret = await eventually(async () => {
      const response = await mottak.http.get('/api/v1/search').query({ q: 'diplomat' }).set('Authorization', sander);
      return response.body.total === 1 ? response.body.hits[0] : undefined;
    }, 'the demo HEMMELIG report to be indexed');
    hiddenId = secret.id;
    const openApi = await mottak.http.get('/api/v1/openapi.json');
    routes = Object.entries(openApi.body.paths as Record<string, Record<string, unknown>>)
      .filter(([path]) => /\{(id|targetId)\}/.test(path))
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => ({ method, path })));
  });
  afterAll(async () => {
    await mottak.close();
  });

  it('finds the id routes to check', () => {
    expect(routes.length).toBeGreaterThanOrEqual(6);
  });

  it.each(['kim', 'siri'])('%s gets identical answers for hidden and missing ids on every id route', async (username) => {
    const auth = await mottak.bearer(username);
    const send = (method: string, path: string, id: string) => {
      const url = path.replace(/\{id\}/g, id).replace(/\{targetId\}/g, id).replace(/\{[a-zA-Z]+\}/g, 'x');
      const request = (mottak.http as unknown as Record<string, (url: string) => import('supertest').Test>)[method]!(url).set('Authorization', auth);
      return method === 'get' || method === 'delete' ? request : request.send(PLAUSIBLE_BODY);
    };
    const differences: string[] = [];
    for (const { method, path } of routes) {
      const hidden = await send(method, path, hiddenId);
      const missing = await send(method, path, MISSING_ID);
      const same =
        hidden.status === missing.status &&
        JSON.stringify({ ...hidden.body, instance: undefined }) === JSON.stringify({ ...missing.body, instance: undefined });
      if (!same || (hidden.status >= 200 && hidden.status < 300 && path.includes('/reports/'))) {
        differences.push(`${method.toUpperCase()} ${path}: hidden ${hidden.status} ${hidden.text.slice(0, 120)} / missing ${missing.status}`);
      }
    }
    expect(differences).toEqual([]);
  });
});
