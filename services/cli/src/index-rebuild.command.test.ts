import { runCommand } from './command';
import { captureIo, openTestStore, type TestStore } from './cli-test-support';
import { runDemoSeed } from './demo-seed.command';
import { indexRebuildCommand } from './index-rebuild.command';

describe('index rebuild', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(() => store.dispose());

  async function hits(q: string): Promise<number> {
    const result = await store.deps.index.search({ text: q, identifiers: [], access: { kind: 'all' }, limit: 10, offset: 0 });
    return result.total;
  }

  it('refills a lost search index from the store', async () => {
    await runDemoSeed(store.deps, captureIo().io);
    // The demo seed registers reports but nothing has run the indexer: the index is empty, as after a loss.
    expect(await hits('kraftstasjon')).toBe(0);
    const io = captureIo();
    expect(await runCommand(indexRebuildCommand, store.deps, [], io.io)).toBe(0);
    expect(io.stdout()).toMatch(/bygd på nytt: [1-9]\d* registrerte rapporter/);
    expect(await hits('kraftstasjon')).toBe(1);
    expect(await hits('diplomat')).toBe(1);
    // Running it again changes nothing (upserts are idempotent).
    expect(await runCommand(indexRebuildCommand, store.deps, [], captureIo().io)).toBe(0);
    expect(await hits('kraftstasjon')).toBe(1);
  });

  it('refuses extra arguments', async () => {
    const io = captureIo();
    expect(await runCommand(indexRebuildCommand, store.deps, ['nå'], io.io)).toBe(2);
  });
});
