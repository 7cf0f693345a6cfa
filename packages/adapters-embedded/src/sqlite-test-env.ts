/**
 * Test support for the *.sqlite.test.ts files (not exported from the package): store fixtures for
 * the contract suites, every handle on one temporary file, all closed and the file removed at cleanup.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SqliteStoreFixture<S> {
  store: S;
  /** Another handle on the same file (a restart, or a second process). */
  openAgain(): Promise<S>;
  cleanup(): Promise<void>;
}

/** A fixture whose stores `open(file)` opens on one fresh temporary SQLite file. */
export function storesOnOneFile<S extends { close(): Promise<void> }>(tag: string, open: (file: string) => S): SqliteStoreFixture<S> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `mottak-${tag}-`));
  const file = path.join(dir, 'mottak.db');
  const opened: S[] = [];
  const openOne = () => {
    const store = open(file);
    opened.push(store);
    return store;
  };
  return {
    store: openOne(),
    openAgain: async () => openOne(),
    cleanup: async () => {
      for (const store of opened) await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
