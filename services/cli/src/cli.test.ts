import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from './cli';
import { captureIo } from './cli-test-support';

describe('runCli', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'mottak-cli-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  const env = () => ({ MOTTAK_DATA_DIR: path.join(dataDir, 'data'), LOG_LEVEL: 'silent' });

  it('prints the usage in Norwegian for help (exit 0) and without arguments (exit 2)', async () => {
    const help = captureIo();
    expect(await runCli(['help'], help.io, { env: env() })).toBe(0);
    for (const command of ['import <fil.jsonl>', 'journal verify', 'users add', 'users list', 'demo seed']) {
      expect(help.stdout()).toContain(command);
    }
    expect(help.stdout()).toContain('Avslutningskoder');

    const none = captureIo();
    expect(await runCli([], none.io, { env: env() })).toBe(2);
    expect(none.stderr()).toContain('Kommandoer:');
  });

  it('names an unknown command or subcommand (exit 2) without opening the data directory', async () => {
    const unknown = captureIo();
    expect(await runCli(['eksporter'], unknown.io, { env: env() })).toBe(2);
    expect(unknown.stderr()).toContain('Feil: ukjent kommando «eksporter»');
    expect(unknown.stderr()).toContain('Kommandoer:');

    const sub = captureIo();
    expect(await runCli(['users', 'slett'], sub.io, { env: env() })).toBe(2);
    expect(sub.stderr()).toContain('ukjent kommando «users slett»; mulige: users add, users list');

    const bare = captureIo();
    expect(await runCli(['journal'], bare.io, { env: env() })).toBe(2);
    expect(bare.stderr()).toContain('«journal» trenger en underkommando; mulige: journal verify');

    expect(existsSync(path.join(dataDir, 'data'))).toBe(false);
  });

  it('checks arguments before opening the engines', async () => {
    const { io, stderr } = captureIo();
    expect(await runCli(['import', path.join(dataDir, 'mangler.jsonl')], io, { env: env() })).toBe(2);
    expect(stderr()).toContain('fant ikke filen');
    expect(stderr()).toContain('Bruk: pnpm mottak import <fil.jsonl>');
    expect(existsSync(path.join(dataDir, 'data'))).toBe(false);
  });

  it('prints a configuration error naming the variable (exit 2), without a stack', async () => {
    const { io, stderr } = captureIo();
    expect(await runCli(['journal', 'verify'], io, { env: { ...env(), LOG_LEVEL: 'høylytt' } })).toBe(2);
    expect(stderr()).toContain('Ugyldig konfigurasjon');
    expect(stderr()).toContain('LOG_LEVEL');
    expect(stderr()).not.toMatch(/\n\s+at /);
  });

  it('opens the data directory from the configuration, runs the command and closes the engines', async () => {
    const file = path.join(dataDir, 'tips.jsonl');
    writeFileSync(file, `${JSON.stringify({ channel: 'manuell', title: 'T', body: 'B' })}\n`);

    const imported = captureIo();
    expect(await runCli(['import', file], imported.io, { env: env(), fastHashing: true })).toBe(0);
    expect(imported.stdout()).toMatch(/godtatt \(nye\): +1\n/);

    const verified = captureIo();
    expect(await runCli(['journal', 'verify'], verified.io, { env: env() })).toBe(0);
    expect(verified.stdout()).toContain('journal: OK (1 oppføring)');
    // The last connection to close checkpoints the WAL into the database and removes the -wal file.
    for (const db of ['mottak.db', 'audit.db', 'queue.db', 'search.db']) {
      expect(existsSync(path.join(dataDir, 'data', db))).toBe(true);
      expect(existsSync(path.join(dataDir, 'data', `${db}-wal`))).toBe(false);
    }
  });

  it('shows a command’s own usage for --help', async () => {
    const { io, stdout } = captureIo();
    expect(await runCli(['users', 'add', '--help'], io, { env: env() })).toBe(0);
    expect(stdout()).toContain('Bruk: pnpm mottak users add --username');
  });
});
