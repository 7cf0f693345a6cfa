import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { openCoreDeps, type OpenedCore } from '@mottak/bootstrap';
import type { CoreDeps } from '@mottak/core';
import { createLogger, loadConfig } from '@mottak/runtime';
import type { CliIo } from './cli-io';

/** The repository root (services/cli/src → ../../..). */
export const REPO_ROOT = path.resolve(__dirname, '../../..');

export interface TestStore {
  dataDir: string;
  core: OpenedCore;
  deps: CoreDeps;
  /** Closes the engines (idempotent) and removes the data directory. */
  dispose(): Promise<void>;
}

/** Real embedded engines on a fresh temp MOTTAK_DATA_DIR, as the CLI opens them. */
export async function openTestStore(dataDir = mkdtempSync(path.join(os.tmpdir(), 'mottak-cli-'))): Promise<TestStore> {
  const config = loadConfig({ ...process.env, MOTTAK_DATA_DIR: dataDir, MOTTAK_RULES_FILE: '' });
  const core = await openCoreDeps(config, createLogger('silent', 'cli-test'), { fastHashing: true });
  let closed = false;
  return {
    dataDir,
    core,
    deps: core.deps,
    async dispose() {
      if (!closed) await core.close();
      closed = true;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface CapturedIo {
  io: CliIo;
  stdout(): string;
  stderr(): string;
}

/** In-memory streams for a command; stderr is not a TTY, so progress comes as plain lines. */
export function captureIo(stdinText?: string, options: { signal?: AbortSignal } = {}): CapturedIo {
  let out = '';
  let err = '';
  const stdout = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      out += chunk.toString();
      callback();
    },
  });
  const stderr = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      err += chunk.toString();
      callback();
    },
  });
  const stdin = Readable.from(stdinText === undefined ? [] : [Buffer.from(stdinText)]);
  return {
    io: { stdout, stderr, stdin, ...(options.signal ? { signal: options.signal } : {}) },
    stdout: () => out,
    stderr: () => err,
  };
}

type BetterSqlite3 = typeof import('better-sqlite3');

/**
 * Opens an engine's SQLite file directly, the way someone with access to the file could: to
 * tamper with it. better-sqlite3 is a dependency of the embedded adapters, not of the CLI, so it is
 * loaded from there.
 */
export function openRawDatabase(file: string): InstanceType<BetterSqlite3> {
  const requireFromAdapters = createRequire(path.join(REPO_ROOT, 'packages/adapters-embedded/package.json'));
  const Database = requireFromAdapters('better-sqlite3') as BetterSqlite3;
  return new Database(file);
}
