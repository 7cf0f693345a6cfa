import { DEMO_USERS } from '@mottak/bootstrap';
import { runCommand } from './command';
import { captureIo, openTestStore, type TestStore } from './cli-test-support';
import { demoSeedCommand } from './demo-seed.command';

describe('demo seed', () => {
  let store: TestStore;

  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(() => store.dispose());

  it('creates the demo data once and says so the second time', async () => {
    const first = captureIo();
    expect(await runCommand(demoSeedCommand, store.deps, [], first.io)).toBe(0);
    expect(first.stdout()).toContain('Demodata opprettet');
    expect(first.stdout()).toContain('Demopartner: X-API-Key:');
    const users = await store.deps.identity.listUsers();
    expect(users.map((u) => u.username).sort()).toEqual(DEMO_USERS.map((u) => u.username).sort());
    const reports = (await store.deps.store.list({ kind: 'all' }, { limit: 1, offset: 0 })).total;
    expect(reports).toBeGreaterThan(0);

    const second = captureIo();
    expect(await runCommand(demoSeedCommand, store.deps, [], second.io)).toBe(0);
    expect(second.stdout()).toContain('Demodata fantes fra før');
    expect(await store.deps.identity.listUsers()).toHaveLength(users.length);
    expect((await store.deps.store.list({ kind: 'all' }, { limit: 1, offset: 0 })).total).toBe(reports);
  });
});
