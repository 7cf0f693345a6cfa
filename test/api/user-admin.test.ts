import { DEMO_PASSWORD } from '@mottak/bootstrap';
import { startTestMottak, type TestMottak } from '../support/test-mottak';

/** Administrators change users' rights; the change applies at the user's next request. */
describe('PATCH /api/v1/users/{username}: changing a user', () => {
  let mottak: TestMottak;
  let adam: string;
  let secretId: string;

  beforeAll(async () => {
    mottak = await startTestMottak();
    adam = await mottak.bearer('adam');
    // The demo data's HEMMELIG report in compartment kontraetterretning.
    const list = await mottak.http.get('/api/v1/reports').query({ limit: 100 }).set('Authorization', await mottak.bearer('kari'));
    secretId = (list.body.items as Array<{ id: string; gradering: string }>).find((r) => r.gradering === 'HEMMELIG')?.id as string;
    expect(secretId).toBeDefined();
  });
  afterAll(async () => {
    await mottak.close();
  });

  it('raises a klarering and adds a compartment: the user sees the report at once, without logging in again', async () => {
    const kim = await mottak.bearer('kim');
    expect((await mottak.http.get(`/api/v1/reports/${secretId}`).set('Authorization', kim)).status).toBe(404);
    const changed = await mottak.http.patch('/api/v1/users/kim').set('Authorization', adam).send({ klarering: 'HEMMELIG', compartments: ['kontraetterretning'] });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ username: 'kim', klarering: 'HEMMELIG', compartments: ['kontraetterretning'] });
    expect(changed.body.passwordHash).toBeUndefined();
    expect((await mottak.http.get(`/api/v1/reports/${secretId}`).set('Authorization', kim)).status).toBe(200);

    // And back: lowered, the same session loses it again.
    await mottak.http.patch('/api/v1/users/kim').set('Authorization', adam).send({ klarering: 'BEGRENSET', compartments: [] }).expect(200);
    expect((await mottak.http.get(`/api/v1/reports/${secretId}`).set('Authorization', kim)).status).toBe(404);

    const audit = await mottak.http.get('/api/v1/audit').query({ action: 'user.updated' }).set('Authorization', await mottak.bearer('rita'));
    expect(audit.body[0].details).toMatchObject({
      username: 'kim',
      changes: expect.arrayContaining([{ field: 'klarering', from: 'BEGRENSET', to: 'HEMMELIG' }, { field: 'compartments', from: [], to: ['kontraetterretning'] }]),
    });
  });

  it('disabling a user ends their sessions and refuses their login', async () => {
    const siri = await mottak.bearer('siri');
    expect((await mottak.http.get('/api/v1/reports').set('Authorization', siri)).status).toBe(200);
    await mottak.http.patch('/api/v1/users/siri').set('Authorization', adam).send({ disabled: true }).expect(200);
    expect((await mottak.http.get('/api/v1/reports').set('Authorization', siri)).status).toBe(401);
    expect((await mottak.http.post('/api/v1/auth/login').send({ username: 'siri', password: DEMO_PASSWORD })).status).toBe(401);
    await mottak.http.patch('/api/v1/users/siri').set('Authorization', adam).send({ disabled: false }).expect(200);
    expect((await mottak.http.post('/api/v1/auth/login').send({ username: 'siri', password: DEMO_PASSWORD })).status).toBe(200);
  });

  it('refuses non-administrators, unknown users, empty changes, unknown fields and locking oneself out', async () => {
    expect((await mottak.http.patch('/api/v1/users/kim').set('Authorization', await mottak.bearer('frida')).send({ klarering: 'HEMMELIG' })).status).toBe(403);
    expect((await mottak.http.patch('/api/v1/users/ingen').set('Authorization', adam).send({ klarering: 'HEMMELIG' })).status).toBe(404);
    const empty = await mottak.http.patch('/api/v1/users/kim').set('Authorization', adam).send({});
    expect(empty.status).toBe(400);
    const unknown = await mottak.http.patch('/api/v1/users/kim').set('Authorization', adam).send({ username: 'kimmy' });
    expect(unknown.status).toBe(400);
    const demote = await mottak.http.patch('/api/v1/users/adam').set('Authorization', adam).send({ roles: ['revisor'] });
    expect([demote.status, demote.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    const disableSelf = await mottak.http.patch('/api/v1/users/adam').set('Authorization', adam).send({ disabled: true });
    expect(disableSelf.status).toBe(400);
    expect((await mottak.http.get('/api/v1/users').set('Authorization', adam)).status).toBe(200);
  });
});
