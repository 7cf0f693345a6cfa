import path from 'node:path';
import { receiveReport } from '@mottak/core';
import { runCommand } from './command';
import { captureIo, openRawDatabase, openTestStore, type TestStore } from './cli-test-support';
import { journalVerifyCommand } from './journal-verify.command';

/** Rewrites one stored row the way someone with the file could (dropping the append-only trigger first). */
function tamper(file: string, table: 'journal_entries' | 'audit_entries', seq: number): void {
  const db = openRawDatabase(file);
  try {
    db.exec(`DROP TRIGGER ${table}_append_only_update`);
    const changed = db.prepare(`UPDATE ${table} SET details = ? WHERE seq = ?`).run('{"channel":"tipsskjema","forfalsket":true}', seq);
    if (changed.changes !== 1) throw new Error(`no ${table} row ${seq}`);
  } finally {
    db.close();
  }
}

describe('journal verify', () => {
  let store: TestStore;

  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(() => store.dispose());

  async function receiveThree(): Promise<void> {
    for (const n of [1, 2, 3]) {
      await receiveReport(store.deps, { kind: 'system', name: 'test' }, { channel: 'manuell', title: `Rapport ${n}`, body: 'Tekst' });
    }
  }

  it('reports both chains intact on a fresh store', async () => {
    const { io, stdout } = captureIo();

    expect(await runCommand(journalVerifyCommand, store.deps, [], io)).toBe(0);
    expect(stdout()).toBe('journal: OK (0 oppføringer)\nrevisjonslogg: OK (0 oppføringer)\n');
  });

  it('counts the entries of an intact journal', async () => {
    await receiveThree();
    const { io, stdout } = captureIo();

    expect(await runCommand(journalVerifyCommand, store.deps, [], io)).toBe(0);
    expect(stdout()).toContain('journal: OK (3 oppføringer)');
  });

  it('names the tampered journal entry and exits 1', async () => {
    await receiveThree();
    await store.core.close();
    tamper(path.join(store.dataDir, 'mottak.db'), 'journal_entries', 2);
    store = await openTestStore(store.dataDir);
    const { io, stdout } = captureIo();

    expect(await runCommand(journalVerifyCommand, store.deps, [], io)).toBe(1);
    expect(stdout()).toContain('journal: BRUTT ved oppføring #2: innholdet stemmer ikke med hashen');
    expect(stdout()).toContain('revisjonslogg: OK (0 oppføringer)');
  });

  it('names a tampered audit log entry too', async () => {
    // Each verification is itself audited, so after one run the audit log has entry #1.
    await runCommand(journalVerifyCommand, store.deps, [], captureIo().io);
    await store.core.close();
    tamper(path.join(store.dataDir, 'audit.db'), 'audit_entries', 1);
    store = await openTestStore(store.dataDir);
    const { io, stdout } = captureIo();

    expect(await runCommand(journalVerifyCommand, store.deps, [], io)).toBe(1);
    expect(stdout()).toContain('journal: OK (0 oppføringer)');
    expect(stdout()).toContain('revisjonslogg: BRUTT ved oppføring #1: innholdet stemmer ikke med hashen');
  });

  it('refuses extra arguments', async () => {
    const { io, stderr } = captureIo();
    expect(await runCommand(journalVerifyCommand, store.deps, ['nå'], io)).toBe(2);
    expect(stderr()).toContain('uventet argument «nå»');
  });
});
