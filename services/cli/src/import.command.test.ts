import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { runCommand } from './command';
import { captureIo, openTestStore, type TestStore } from './cli-test-support';
import { importCommand, importReports, MAX_LISTED_REJECTIONS } from './import.command';

const EVERYTHING = { kind: 'all' } as const;

const FIXTURE = [
  JSON.stringify({ channel: 'tipsskjema', title: 'Drone over kraftstasjon', body: 'Drone observert i natt.' }),
  JSON.stringify({
    channel: 'e-post',
    title: 'Phishing',
    body: 'E-post fra 203.0.113.45',
    reporterContact: { email: 'tipser@example.com' },
  }),
  '',
  '{"channel": "telefon", "title": "Avbrutt',
  JSON.stringify({ channel: 'telefon', title: 'Ekstra felt', body: 'Tekst', extra: 1 }),
  JSON.stringify({ channel: 'telefon', title: 'Tom tekst', body: '' }),
  JSON.stringify({ title: 'Uten kanal', body: 'Kanalen kommer fra --channel' }),
  '[1, 2]',
].join('\n');

describe('import', () => {
  let store: TestStore;
  let file: string;

  beforeEach(async () => {
    store = await openTestStore();
    file = path.join(store.dataDir, 'tips.jsonl');
    writeFileSync(file, `${FIXTURE}\n`);
  });
  afterEach(() => store.dispose());

  it('accepts valid lines and names every rejected line with its field and reason', async () => {
    const { io, stdout } = captureIo();

    const code = await runCommand(importCommand, store.deps, [file, '--channel', 'telefon'], io);

    expect(code).toBe(1);
    const out = stdout();
    expect(out).toMatch(/godtatt \(nye\): +3\n/);
    expect(out).toMatch(/allerede importert: +0\n/);
    expect(out).toMatch(/avvist: +4\n/);
    expect(out).toContain('linje 4: ugyldig JSON (');
    expect(out).toContain('linje 5: extra: ukjent felt');
    expect(out).toContain('linje 6: body: kan ikke være tom');
    expect(out).toContain('linje 8: må være et JSON-objekt');
    expect(out).not.toMatch(/linje [1237]:/);

    const stored = await store.deps.store.list(EVERYTHING, { limit: 10, offset: 0 });
    expect(stored.total).toBe(3);
    expect(stored.items.map((r) => r.title).sort()).toEqual(['Drone over kraftstasjon', 'Phishing', 'Uten kanal']);
    expect(stored.items.find((r) => r.title === 'Uten kanal')?.channel).toBe('telefon');
    for (const report of stored.items) expect(report.source).toEqual({ kind: 'import', name: 'import:tips.jsonl' });
    const journal = await store.deps.store.listJournal({ limit: 10 });
    expect(journal.map((e) => e.actor)).toEqual(['system:import:tips.jsonl', 'system:import:tips.jsonl', 'system:import:tips.jsonl']);
    expect((await store.deps.queue.counts()).waiting).toBe(3);
  });

  it('creates nothing new when the same file is imported again', async () => {
    await runCommand(importCommand, store.deps, [file, '--channel', 'telefon'], captureIo().io);
    const again = captureIo();

    const code = await runCommand(importCommand, store.deps, [file, '--channel', 'telefon'], again.io);

    expect(code).toBe(1);
    expect(again.stdout()).toMatch(/godtatt \(nye\): +0\n/);
    expect(again.stdout()).toMatch(/allerede importert: +3\n/);
    expect(again.stdout()).toMatch(/avvist: +4\n/);
    expect((await store.deps.store.list(EVERYTHING, { limit: 10, offset: 0 })).total).toBe(3);
    expect(await store.deps.store.listJournal({ limit: 10 })).toHaveLength(3);
  });

  it('names the source in the journal with --source-name', async () => {
    const summary = await importReports(store.deps, { file, channel: 'telefon', sourceName: 'nattlogg' }, captureIo().io);

    expect(summary.accepted).toBe(3);
    const stored = await store.deps.store.list(EVERYTHING, { limit: 10, offset: 0 });
    expect(stored.items.map((r) => r.source)).toEqual(Array(3).fill({ kind: 'import', name: 'import:nattlogg' }));
  });

  it('rejects a line without channel when --channel is not given', async () => {
    const summary = await importReports(store.deps, { file }, captureIo().io);

    expect(summary.accepted).toBe(2);
    expect(summary.rejections).toContainEqual({ line: 7, reason: 'channel: mangler' });
  });

  it('imports 2,000 generated lines and reports progress every 1,000 lines', async () => {
    const big = path.join(store.dataDir, 'stor.jsonl');
    const lines = Array.from({ length: 2000 }, (_, i) =>
      JSON.stringify({ channel: 'manuell', title: `Rapport ${i + 1}`, body: `Innhold nummer ${i + 1}` }),
    );
    writeFileSync(big, `${lines.join('\n')}\n`);
    const { io, stdout, stderr } = captureIo();

    const code = await runCommand(importCommand, store.deps, [big], io);

    expect(code).toBe(0);
    expect(stdout()).toMatch(/godtatt \(nye\): +2000\n/);
    expect(stderr()).toContain('… 1000 linjer lest (1000 nye, 0 fra før, 0 avvist)');
    expect(stderr()).toContain('… 2000 linjer lest (2000 nye, 0 fra før, 0 avvist)');
    expect((await store.deps.store.list(EVERYTHING, { limit: 1, offset: 0 })).total).toBe(2000);
  });

  it(`lists at most ${MAX_LISTED_REJECTIONS} rejected lines and counts the rest`, async () => {
    const bad = path.join(store.dataDir, 'feil.jsonl');
    writeFileSync(bad, Array.from({ length: 60 }, () => '{"channel":"manuell"').join('\n'));
    const { io, stdout } = captureIo();

    const code = await runCommand(importCommand, store.deps, [bad], io);

    expect(code).toBe(1);
    expect(stdout()).toMatch(/avvist: +60\n/);
    expect(stdout().match(/^ {2}linje \d+: /gm)).toHaveLength(MAX_LISTED_REJECTIONS);
    expect(stdout()).toContain('linje 50: ugyldig JSON');
    expect(stdout()).not.toContain('linje 51:');
    expect(stdout()).toContain('… og 10 til');
  });

  it('stops between lines on Ctrl+C and says how to resume', async () => {
    const controller = new AbortController();
    controller.abort();
    const { io, stdout, stderr } = captureIo(undefined, { signal: controller.signal });

    const code = await runCommand(importCommand, store.deps, [file, '--channel', 'telefon'], io);

    expect(code).toBe(130);
    expect(stdout()).toMatch(/linjer lest: +1\n/);
    expect(stderr()).toContain('Avbrutt etter linje 1');
    expect((await store.deps.store.list(EVERYTHING, { limit: 10, offset: 0 })).total).toBe(1);
  });

  it('names a missing file and an unknown channel as usage errors (exit 2)', async () => {
    const missing = captureIo();
    expect(await runCommand(importCommand, store.deps, [path.join(store.dataDir, 'finnes-ikke.jsonl')], missing.io)).toBe(2);
    expect(missing.stderr()).toContain('fant ikke filen «');
    expect(missing.stderr()).toContain('finnes-ikke.jsonl»');

    const channel = captureIo();
    expect(await runCommand(importCommand, store.deps, [file, '--channel', 'brevdue'], channel.io)).toBe(2);
    expect(channel.stderr()).toContain('--channel: ukjent kanal «brevdue»');

    const option = captureIo();
    expect(await runCommand(importCommand, store.deps, [file, '--chanel', 'telefon'], option.io)).toBe(2);
    expect(option.stderr()).toContain('ukjent valg «--chanel»');

    expect((await store.deps.store.list(EVERYTHING, { limit: 10, offset: 0 })).total).toBe(0);
  });
});
