import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeAuditLogContract } from '@mottak/test-kit';
import { anAuditEntry } from '@mottak/test-kit';
import { createSqliteAuditLog, SqliteAuditLog } from './audit-log.sqlite';
import { openSqliteDatabase } from './sqlite-database';
import { SqliteReportStore } from './report-store.sqlite';

function tempFile(): { file: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mottak-audit-'));
  return { file: path.join(dir, 'audit.db'), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Runs raw SQL on the file as someone with access to it could, append-only triggers dropped. */
function behindTheBack(file: string, sql: string, seq: number): void {
  const db = openSqliteDatabase(file);
  try {
    db.exec('DROP TRIGGER IF EXISTS audit_entries_append_only_update; DROP TRIGGER IF EXISTS audit_entries_append_only_delete;');
    db.prepare(sql).run(seq);
  } finally {
    db.close();
  }
}

describeAuditLogContract('SQLite', async () => {
  const temp = tempFile();
  const opened: SqliteAuditLog[] = [];
  const open = () => {
    const log = createSqliteAuditLog(temp.file);
    opened.push(log);
    return log;
  };
  return {
    log: open(),
    openAgain: async () => open(),
    tamper: async (seq) => behindTheBack(temp.file, `UPDATE audit_entries SET details = json_set(details, '$.tampered', 1) WHERE seq = ?`, seq),
    remove: async (seq) => behindTheBack(temp.file, 'DELETE FROM audit_entries WHERE seq = ?', seq),
    cleanup: async () => {
      for (const log of opened) await log.close();
      temp.remove();
    },
  };
});

describe('SqliteAuditLog on its file', () => {
  let temp: ReturnType<typeof tempFile>;
  beforeEach(() => {
    temp = tempFile();
  });
  afterEach(() => {
    temp.remove();
  });

  it('keeps one chain when two connections append in turn', async () => {
    const a = createSqliteAuditLog(temp.file);
    const b = createSqliteAuditLog(temp.file);
    try {
      await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? a : b).append(anAuditEntry({ details: { i } }))));
      expect(await b.verify()).toEqual({ ok: true, entries: 20 });
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('lives beside the report store in one database without sharing its chain', async () => {
    const db = openSqliteDatabase(temp.file);
    try {
      const log = new SqliteAuditLog(db);
      const store = new SqliteReportStore(db);
      await log.append(anAuditEntry());
      expect(await store.verifyJournal()).toEqual({ ok: true, entries: 0 });
      expect(await log.verify()).toEqual({ ok: true, entries: 1 });
      await log.close();
      expect(db.open).toBe(true);
    } finally {
      db.close();
    }
  });
});
