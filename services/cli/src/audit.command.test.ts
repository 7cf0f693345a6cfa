import path from 'node:path';
import { chainHash, receiveReport } from '@mottak/core';
import { auditCheckpointCommand, auditVerifyCommand } from './audit.command';
import { captureIo, openRawDatabase, openTestStore, type TestStore } from './cli-test-support';
import { runCommand } from './command';

interface Row {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject_id: string | null;
  details: string;
  prev_hash: string;
}

/** Rewrites journal entry `seq` and recomputes the chain after it, as an attacker with the file would. */
function rewriteJournal(file: string, seq: number): void {
  const db = openRawDatabase(file);
  try {
    db.exec('DROP TRIGGER journal_entries_append_only_update');
    const rows = db.prepare(`SELECT * FROM journal_entries WHERE seq >= ? ORDER BY seq`).all(seq) as Row[];
    let prev = (rows[0] as Row).prev_hash;
    for (const row of rows) {
      const details = row.seq === seq ? { ...(JSON.parse(row.details) as object), forfalsket: true } : (JSON.parse(row.details) as Record<string, unknown>);
      const hash = chainHash(prev, { seq: row.seq, at: row.at, actor: row.actor, action: row.action, ...(row.subject_id ? { subjectId: row.subject_id } : {}), details });
      db.prepare('UPDATE journal_entries SET details = ?, prev_hash = ?, hash = ? WHERE seq = ?').run(JSON.stringify(details), prev, hash, row.seq);
      prev = hash;
    }
  } finally {
    db.close();
  }
}

describe('audit verify and audit checkpoint', () => {
  let store: TestStore;
  beforeEach(async () => {
    store = await openTestStore();
  });
  afterEach(() => store.dispose());

  const receive = (n: number) => receiveReport(store.deps, { kind: 'system', name: 'test' }, { channel: 'manuell', title: `Rapport ${n}`, body: 'Tekst' });

  it('signs checkpoints and verifies both logs against them', async () => {
    for (const n of [1, 2, 3]) await receive(n);
    const signed = captureIo();
    expect(await runCommand(auditCheckpointCommand, store.deps, [], signed.io)).toBe(0);
    expect(signed.stdout()).toMatch(/^journal: sjekkpunkt signert: 3 oppføringer, rot [0-9a-f]{64}/m);
    expect(signed.stdout()).toMatch(/^revisjonslogg: sjekkpunkt signert: 1 oppføringer/m);

    const { io, stdout } = captureIo();
    expect(await runCommand(auditVerifyCommand, store.deps, [], io)).toBe(0);
    expect(stdout()).toContain('journal: OK (3 oppføringer, 1 signerte sjekkpunkter, 1 røtter kontrollert)');
    expect(stdout()).toMatch(/revisjonslogg: OK/);
  });

  it('names the rewritten journal entry although the chain was recomputed, and exits 1', async () => {
    for (const n of [1, 2, 3]) await receive(n);
    await runCommand(auditCheckpointCommand, store.deps, ['--log', 'journal'], captureIo().io);
    await receive(4);
    await runCommand(auditCheckpointCommand, store.deps, ['--log', 'journal'], captureIo().io);
    await store.core.close();
    rewriteJournal(path.join(store.dataDir, 'mottak.db'), 4);
    store = await openTestStore(store.dataDir);

    const { io, stdout } = captureIo();
    expect(await runCommand(auditVerifyCommand, store.deps, ['--log', 'journal'], io)).toBe(1);
    expect(stdout()).toBe('journal: FEIL: oppføring 4 er endret, fjernet eller flyttet: den er ikke den sjekkpunkt #2 (størrelse 4) signerte\n');
  });

  it('refuses an unknown log', async () => {
    const { io, stderr } = captureIo();
    expect(await runCommand(auditVerifyCommand, store.deps, ['--log', 'alt'], io)).toBe(2);
    expect(stderr()).toContain('--log må være journal eller audit');
  });
});
