import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeAttachmentStoreContract } from '@mottak/test-kit';
import { createSqliteAttachmentStore, type SqliteAttachmentStore } from './attachment-store.sqlite';

describeAttachmentStoreContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mottak-attachments-'));
  const file = path.join(dir, 'attachments.db');
  const opened: SqliteAttachmentStore[] = [];
  const open = () => {
    const store = createSqliteAttachmentStore(file);
    opened.push(store);
    return store;
  };
  return {
    store: open(),
    openAgain: async () => open(),
    cleanup: async () => {
      for (const store of opened) await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite attachment store on disk', () => {
  it('overwrites released content in the file (secure_delete), so disposal leaves no copy behind', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mottak-attachments-'));
    const file = path.join(dir, 'attachments.db');
    const store = createSqliteAttachmentStore(file);
    try {
      const marker = Buffer.from(`KASSERES-${'x'.repeat(5000)}-${Date.now()}`);
      await store.put('report-a', marker);
      await store.release('report-a');
      // Closing checkpoints the WAL into the file; the freed pages must not still hold the bytes.
      await store.close();
      expect(fs.readFileSync(file).includes(marker.subarray(0, 40))).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
