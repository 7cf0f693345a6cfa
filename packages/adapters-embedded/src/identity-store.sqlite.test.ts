import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { aSession, aUser } from '@mottak/test-kit';
import { describeIdentityStoreContract } from '@mottak/test-kit';
import { createSqliteIdentityStore, type SqliteIdentityStore } from './identity-store.sqlite';

function tempFile(): { file: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mottak-identity-'));
  return { file: path.join(dir, 'identity.db'), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Opens stores over one temp file and closes them all at cleanup. */
function storesOver() {
  const temp = tempFile();
  const opened: SqliteIdentityStore[] = [];
  const open = () => {
    const store = createSqliteIdentityStore(temp.file);
    opened.push(store);
    return store;
  };
  const cleanup = async () => {
    for (const store of opened) await store.close();
    temp.remove();
  };
  return { open, cleanup };
}

describeIdentityStoreContract('SQLite', async () => {
  const stores = storesOver();
  return { store: stores.open(), openAgain: async () => stores.open(), cleanup: stores.cleanup };
});

describe('SqliteIdentityStore on its file', () => {
  it('refuses a session for a user that does not exist', async () => {
    const stores = storesOver();
    try {
      const store = stores.open();
      await expect(store.createSession(aSession('no-such-user'))).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_FOREIGNKEY' });
      const user = aUser();
      await store.createUser(user, 'hash');
      await expect(store.createSession(aSession(user.id))).resolves.toBeUndefined();
    } finally {
      await stores.cleanup();
    }
  });
});
