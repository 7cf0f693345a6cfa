import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Clock } from '@mottak/core';
import { aJournalDraft, aRegistrationCommand, aReport } from '@mottak/test-kit';
import { describeReportStoreContract } from '@mottak/test-kit';
import { expectedNumbers } from '@mottak/test-kit';
import { createSqliteReportStore, SqliteReportStore } from './report-store.sqlite';
import { REPORT_STORE_MIGRATIONS } from './report-store.schema.sql';
import { openSqliteDatabase } from './sqlite-database';

function tempFile(): { file: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mottak-store-'));
  return { file: path.join(dir, 'store.db'), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Opens stores over one temp file and closes them all at cleanup. */
function storesOver(clock?: Clock) {
  const temp = tempFile();
  const opened: SqliteReportStore[] = [];
  const open = () => {
    const store = createSqliteReportStore(temp.file, clock ? { clock } : {});
    opened.push(store);
    return store;
  };
  const cleanup = async () => {
    for (const store of opened) await store.close();
    temp.remove();
  };
  return { file: temp.file, open, cleanup };
}

describeReportStoreContract('SQLite', async ({ clock }) => {
  const stores = storesOver(clock);
  return {
    store: stores.open(),
    openAgain: async () => stores.open(),
    // What someone with the file could do: drop the append-only trigger and rewrite a row.
    tamperJournal: async (seq) => {
      const db = openSqliteDatabase(stores.file);
      try {
        db.exec('DROP TRIGGER IF EXISTS journal_entries_append_only_update');
        db.prepare(`UPDATE journal_entries SET details = json_set(details, '$.tampered', 1) WHERE seq = ?`).run(seq);
      } finally {
        db.close();
      }
    },
    cleanup: stores.cleanup,
  };
});

describe('SqliteReportStore on its file', () => {
  let stores: ReturnType<typeof storesOver>;
  beforeEach(() => {
    stores = storesOver();
  });
  afterEach(async () => {
    await stores.cleanup();
  });

  it('opens the file durable: WAL, synchronous FULL, busy timeout, foreign keys', () => {
    stores.open();
    const db = openSqliteDatabase(stores.file);
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('synchronous', { simple: true })).toBe(2);
      expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
      expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    } finally {
      db.close();
    }
  });

  it('applies its schema once however often the file is opened', async () => {
    const store = stores.open();
    await store.receive(aReport(), aJournalDraft());
    stores.open();
    stores.open();
    const db = openSqliteDatabase(stores.file);
    try {
      expect(db.prepare(`SELECT name FROM schema_migrations WHERE name LIKE 'report-store/%'`).pluck().all()).toEqual(
        REPORT_STORE_MIGRATIONS.map((m) => m.name),
      );
      expect(db.prepare('SELECT COUNT(*) FROM reports').pluck().get()).toBe(1);
    } finally {
      db.close();
    }
  });

  it('refuses to rewrite or delete journal rows through SQL', async () => {
    const store = stores.open();
    await store.receive(aReport(), aJournalDraft());
    const db = openSqliteDatabase(stores.file);
    try {
      expect(() => db.prepare(`UPDATE journal_entries SET actor = 'someone else'`).run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM journal_entries').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
    expect(await store.verifyJournal()).toEqual({ ok: true, entries: 1 });
  });

  it('names a journal row whose JSON was made unreadable', async () => {
    const store = stores.open();
    for (let i = 0; i < 3; i += 1) await store.receive(aReport(), aJournalDraft());
    const db = openSqliteDatabase(stores.file);
    try {
      db.exec('DROP TRIGGER journal_entries_append_only_update');
      db.prepare(`UPDATE journal_entries SET details = '{not json' WHERE seq = 2`).run();
    } finally {
      db.close();
    }
    expect(await store.verifyJournal()).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });

  it('refuses to give a journal number twice even if the sequence table was set back', async () => {
    const store = stores.open();
    const first = aReport();
    await store.receive(first, aJournalDraft());
    await store.register(aRegistrationCommand(first));
    const db = openSqliteDatabase(stores.file);
    try {
      db.prepare('UPDATE journal_sequences SET last_seq = 0 WHERE year = 2026').run();
    } finally {
      db.close();
    }
    const second = aReport();
    await store.receive(second, aJournalDraft());
    await expect(store.register(aRegistrationCommand(second))).rejects.toMatchObject({ code: 'JOURNAL_NUMBER_CONFLICT' });
    expect((await store.get(second.id, { kind: 'all' }))?.status).toBe('mottatt');
    expect(await store.journalFor(second.id)).toHaveLength(1);
  });

  it('shares a database it was given and leaves it open on close', async () => {
    const db = openSqliteDatabase(stores.file);
    const store = new SqliteReportStore(db);
    await store.receive(aReport(), aJournalDraft());
    await store.close();
    expect(db.open).toBe(true);
    expect(db.prepare('SELECT COUNT(*) FROM reports').pluck().get()).toBe(1);
    db.close();
  });

  it('gives gap-free numbers when separate processes register on the same file at once', async () => {
    const store = stores.open();
    const perProcess = 30;
    const processes = 3;
    const ids: string[][] = [];
    for (let p = 0; p < processes; p += 1) {
      const batch: string[] = [];
      for (let i = 0; i < perProcess; i += 1) {
        const report = aReport();
        await store.receive(report, aJournalDraft());
        batch.push(report.id);
      }
      ids.push(batch);
    }
    const children = ids.map((batch) => startChild(stores.file, batch));
    await Promise.all(children.map((child) => child.ready));
    for (const child of children) child.go();
    const results = await Promise.all(children.map((child) => child.result));

    const numbers = results.flat();
    expect([...numbers].sort()).toEqual(expectedNumbers(2026, perProcess * processes));
    // Each process got numbers in increasing order: its registrations were serialised, not reordered.
    for (const result of results) expect([...result].sort()).toEqual(result);
    expect(await store.verifyJournal()).toEqual({ ok: true, entries: 2 * perProcess * processes });
  }, 60_000);
});

/** Starts register-race.child.ts in its own Node process. */
function startChild(file: string, ids: string[]) {
  const tsx = path.join(__dirname, '../../../node_modules/.bin/tsx');
  const child = spawn(tsx, [path.join(__dirname, 'register-race.child.ts'), file, JSON.stringify(ids)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.startsWith('ready\n')) resolve();
    });
    child.on('exit', () => reject(new Error(`child exited before ready: ${errors}`)));
  });
  const result = new Promise<string[]>((resolve, reject) => {
    child.on('exit', (code) => {
      const line = output.split('\n')[1];
      if (code === 0 && line) resolve(JSON.parse(line) as string[]);
      else reject(new Error(`child exited with ${code}: ${errors}`));
    });
  });
  // Awaited by the test; the handler only keeps a child that died early from being reported twice.
  result.catch(() => undefined);
  return { ready, result, go: () => child.stdin.write('go\n') };
}
