import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeApprovalStoreContract } from '@mottak/test-kit';
import { createSqliteApprovalStore, type SqliteApprovalStore } from './approval-store.sqlite';

describeApprovalStoreContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mottak-approvals-'));
  const file = path.join(dir, 'mottak.db');
  const opened: SqliteApprovalStore[] = [];
  const open = () => {
    const store = createSqliteApprovalStore(file);
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
