import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { captureIo, openRawDatabase, openTestStore, REPO_ROOT, type TestStore } from './cli-test-support';
import { runCommand } from './command';
import { importCommand } from './import.command';

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as `pnpm mottak` does (the root package.json's script). */
function mottak(args: string[], env: Record<string, string>): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(REPO_ROOT, 'node_modules/.bin/tsx'), ['--tsconfig', 'tsconfig.base.json', 'services/cli/src/main.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, LOG_LEVEL: '', MOTTAK_RULES_FILE: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('main.ts (the real process)', () => {
  let store: TestStore;

  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(() => store.dispose());

  it('journal verify exits 0 on an intact store and 1 with the entry number once a row is altered', async () => {
    const file = path.join(store.dataDir, 'tips.jsonl');
    writeFileSync(file, ['A', 'B', 'C'].map((t) => JSON.stringify({ channel: 'manuell', title: t, body: t })).join('\n'));
    expect(await runCommand(importCommand, store.deps, [file], captureIo().io)).toBe(0);
    await store.core.close();
    const env = { MOTTAK_DATA_DIR: store.dataDir };

    const intact = await mottak(['journal', 'verify'], env);
    expect(intact).toMatchObject({ code: 0 });
    expect(intact.stdout).toContain('journal: OK (3 oppføringer)');

    const db = openRawDatabase(path.join(store.dataDir, 'mottak.db'));
    db.exec('DROP TRIGGER journal_entries_append_only_update');
    db.prepare("UPDATE journal_entries SET details = '{}' WHERE seq = 2").run();
    db.close();

    const broken = await mottak(['journal', 'verify'], env);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('journal: BRUTT ved oppføring #2');
  });

  it('exits 2 with a message (no stack) for an unknown command and a bad configuration', async () => {
    const [unknown, config] = await Promise.all([
      mottak(['eksporter'], { MOTTAK_DATA_DIR: store.dataDir }),
      mottak(['journal', 'verify'], { MOTTAK_DATA_DIR: store.dataDir, MOTTAK_QUEUE_MAX_ATTEMPTS: 'mange' }),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('ukjent kommando «eksporter»');

    expect(config.code).toBe(2);
    expect(config.stderr).toContain('MOTTAK_QUEUE_MAX_ATTEMPTS');
    expect(config.stderr).not.toMatch(/\n\s+at /);
  });
});
