import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { type AllInOne, startAllInOne } from '@mottak/all-in-one';
import { DEMO_PARTNER_KEY, DEMO_PASSWORD } from '@mottak/bootstrap';
import { type Config, createLogger, loadConfig } from '@mottak/runtime';

export interface TestMottak {
  url: string;
  dataDir: string;
  running: AllInOne;
  http: ReturnType<typeof supertest>;
  /** Logs a demo user in and returns the bearer header value. */
  bearer(username: string): Promise<string>;
  partnerKey: string;
  close(): Promise<void>;
}

/**
 * The real all-in-one (API + worker + indexer over SQLite in a temp directory) on a free port,
 * with the demo users and data. Tests talk to it over HTTP like any client. `webRoot` serves a
 * build of the browser app (test/browser).
 */
export async function startTestMottak(
  overrides: Partial<Record<keyof Config, string>> = {},
  options: { webRoot?: string } = {},
): Promise<TestMottak> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mottak-test-'));
  const config = loadConfig(
    {},
    {
      MOTTAK_DATA_DIR: dataDir,
      PORT: '0',
      LOG_LEVEL: 'silent',
      MOTTAK_DEMO_SEED: 'true',
      MOTTAK_QUEUE_BACKOFF_MS: '20',
      MOTTAK_INDEXER_POLL_MS: '10',
      MOTTAK_SHUTDOWN_GRACE_MS: '2000',
      MOTTAK_LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
      MOTTAK_TIP_RATE_LIMIT_PER_MINUTE: '1000',
      ...overrides,
    },
  );
  const running = await startAllInOne(config, createLogger('silent', 'test'), { fastHashing: true, ...options });
  const http = supertest(running.server.url);
  const tokens = new Map<string, string>();
  return {
    url: running.server.url,
    dataDir,
    running,
    http,
    partnerKey: DEMO_PARTNER_KEY,
    async bearer(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const response = await http.post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD });
      if (response.status !== 200) throw new Error(`login ${username} failed: ${response.status} ${response.text}`);
      const header = `Bearer ${response.body.token as string}`;
      tokens.set(username, header);
      return header;
    },
    async close() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls until `probe` returns a value (not undefined) or the timeout passes. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
