import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { DEMO_PARTNER_KEY, DEMO_PASSWORD } from '@mottak/bootstrap';
import { eventually } from '../support/test-mottak';

const ROOT = path.resolve(__dirname, '..', '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
/** Node itself with tsx as a loader (not the tsx wrapper), so that SIGKILL hits the real process. */
const NODE_WITH_TSX = [process.execPath, '--import', 'tsx'] as const;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * api, worker and indexer as separate processes on one embedded data directory: two workers and
 * two indexers at once, one worker killed with SIGKILL mid-flow. Every accepted report is
 * assessed, registered with a gap-free number and indexed exactly once.
 */
describe('services as separate processes on the embedded engines', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mottak-procs-'));
  const children: ChildProcess[] = [];
  let port: number;

  function start(service: 'api' | 'worker' | 'indexer'): ChildProcess {
    const [node, ...loader] = NODE_WITH_TSX;
    const child = spawn(node, [...loader, path.join(ROOT, 'services', service, 'src', 'main.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.base.json'),
        MOTTAK_DATA_DIR: dataDir,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        MOTTAK_QUEUE_VISIBILITY_TIMEOUT_MS: '1500',
        MOTTAK_RECONCILE_INTERVAL_MS: '500',
        MOTTAK_RECONCILE_AFTER_MS: '2000',
        MOTTAK_TIP_RATE_LIMIT_PER_MINUTE: '10000',
      },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
    children.push(child);
    return child;
  }

  beforeAll(async () => {
    port = await freePort();
    const seed = spawnSync(TSX, ['--tsconfig', path.join(ROOT, 'tsconfig.base.json'), path.join(ROOT, 'services', 'cli', 'src', 'main.ts'), 'demo', 'seed'], {
      cwd: ROOT,
      env: { ...process.env, MOTTAK_DATA_DIR: dataDir },
      encoding: 'utf8',
    });
    expect(seed.status).toBe(0);
  }, 60_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('two workers and two indexers, one worker killed -9: nothing lost, nothing duplicated, numbers gap-free', async () => {
    start('api');
    const doomedWorker = start('worker');
    start('worker');
    start('indexer');
    start('indexer');
    const http = supertest(`http://127.0.0.1:${port}`);
    await eventually(async () => ((await http.get('/readyz').catch(() => undefined))?.status === 200 ? true : undefined), 'the api to be ready', 30_000);
    const login = await http.post('/api/v1/auth/login').send({ username: 'kari', password: DEMO_PASSWORD });
    const kari = `Bearer ${login.body.token as string}`;

    const ids: string[] = [];
    for (let i = 0; i < 60; i += 1) {
      const response = await http.post('/api/v1/reports').set('X-API-Key', DEMO_PARTNER_KEY).send({ channel: 'partner', title: `Prosess ${i}`, body: `Melding nummer ${i} om prosessprøven.` });
      expect(response.status).toBe(202);
      ids.push(response.body.id);
      if (i === 20) doomedWorker.kill('SIGKILL');
    }

    const registered = new Map<string, string>();
    await eventually(async () => {
      for (const id of ids) {
        if (registered.has(id)) continue;
        const report = await http.get(`/api/v1/reports/${id}`).set('Authorization', kari);
        if (report.body.status !== 'vurdert') continue;
        const response = await http.post(`/api/v1/reports/${id}/registration`).set('Authorization', kari).send({ gradering: 'BEGRENSET' });
        expect(response.status).toBe(201);
        registered.set(id, response.body.registration.journalNumber);
      }
      return registered.size === ids.length ? true : undefined;
    }, 'every report to be assessed and registered', 60_000);

    await eventually(async () => {
      for (const id of ids) {
        const status = await http.get(`/api/v1/reports/${id}/status`).set('Authorization', kari);
        if (!status.body.indexed) return undefined;
      }
      return true;
    }, 'every report to be indexed', 30_000);

    const sequences = [...registered.values()].map((n) => Number(n.split('/')[1])).sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(ids.length);
    expect(sequences[sequences.length - 1]! - sequences[0]! + 1).toBe(ids.length);

    // Indexed exactly once: each report is one search hit.
    const search = await http.get('/api/v1/search').query({ q: 'prosessprøven', limit: 100 }).set('Authorization', kari);
    expect(search.body.total).toBe(ids.length);
    const journal = await http.get('/api/v1/reports/' + ids[0] + '/journal').set('Authorization', kari);
    expect(journal.body.filter((e: { action: string }) => e.action === 'report.assessed')).toHaveLength(1);

    // Graceful shutdown: SIGTERM ends every process cleanly.
    const exits = children
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map((child) => new Promise<number | null>((resolve) => {
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }));
    expect(await Promise.all(exits)).toEqual(exits.map(() => 0));
  }, 120_000);
});
