import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeCaseStoreContract } from '@mottak/test-kit';
import { createSqliteCaseStore, type SqliteCaseStore } from './case-store.sqlite';

describeCaseStoreContract('SQLite', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mottak-cases-'));
  const file = path.join(dir, 'cases.db');
  const opened: SqliteCaseStore[] = [];
  const open = () => {
    const store = createSqliteCaseStore(file);
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
