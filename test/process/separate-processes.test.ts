import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { claimEmptyDatabase } from '@mottak/adapters-redis';
import { DEMO_PARTNER_KEY, DEMO_PASSWORD } from '@mottak/bootstrap';
import { ENGINE_URLS, isolatedProduction, productionEnginesPresent, requireProductionEngines } from '../support/production-engines';
import { eventually } from '../support/test-mottak';

const ROOT = path.resolve(__dirname, '..', '..');
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

interface ProfileSetup {
  env: Record<string, string>;
  /** Loses the queue's state mid-flow where the queue is a separate engine (Redis FLUSHDB); R2. */
  loseQueueState?: () => void;
  cleanup(): Promise<void>;
}

if (!productionEnginesPresent && process.env.CI !== 'true') {
  console.warn('process test on the production profile skipped: MONGO_URL, REDIS_URL and ELASTICSEARCH_URL are not all set (npm test provisions them)');
}

const PROFILES: Array<{ name: string; reports: number; setup: () => Promise<ProfileSetup> }> = [
  {
    name: 'embedded (SQLite files in one data directory)',
    reports: 60,
    async setup() {
      const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mottak-procs-'));
      return { env: { MOTTAK_DATA_DIR: dataDir }, cleanup: async () => rmSync(dataDir, { recursive: true, force: true }) };
    },
  },
];
if (productionEnginesPresent || process.env.CI === 'true') {
  PROFILES.push({
    name: 'production (MongoDB test server, Redis/BullMQ, Elasticsearch)',
    reports: 300,
    async setup() {
      const tag = `procs${process.pid}${Date.now().toString(36)}`;
      requireProductionEngines();
      // FLUSHDB must not touch other tests' keys: this test gets a logical database of its own.
      const redis = await claimEmptyDatabase(ENGINE_URLS.redis!, { claimMs: 600_000 });
      const production = isolatedProduction(tag, { redisUrl: redis.url });
      return {
        env: production.config,
        loseQueueState() {
          const flush = spawnSync('redis-cli', ['-u', redis.url, 'FLUSHDB'], { encoding: 'utf8' });
          if (flush.status !== 0 || !flush.stdout.includes('OK')) throw new Error(`FLUSHDB failed: ${flush.stderr || flush.stdout}`);
        },
        async cleanup() {
          await production.cleanup();
          await redis.release();
        },
      };
    },
  });
}

/**
 * api, worker and indexer as separate processes sharing one set of engines: two workers and two
 * indexers at once, one worker killed with SIGKILL mid-flow (R1) and, where the queue is Redis, the
 * queue's state flushed mid-flow (R2). Every accepted report is assessed, registered with a gap-free
 * number and indexed exactly once; SIGTERM then stops every process cleanly.
 */
describe.each(PROFILES)('services as separate processes: $name', ({ reports, setup }) => {
  const children: ChildProcess[] = [];
  let profile: ProfileSetup;
  let port: number;
  let env: NodeJS.ProcessEnv;

  function start(service: 'api' | 'worker' | 'indexer'): ChildProcess {
    const [node, ...loader] = NODE_WITH_TSX;
    const child = spawn(node, [...loader, path.join(ROOT, 'services', service, 'src', 'main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'ignore'] });
    children.push(child);
    return child;
  }

  beforeAll(async () => {
    profile = await setup();
    port = await freePort();
    env = {
      ...process.env,
      ...profile.env,
      TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.base.json'),
      PORT: String(port),
      LOG_LEVEL: 'warn',
      MOTTAK_QUEUE_VISIBILITY_TIMEOUT_MS: '1500',
      MOTTAK_RECONCILE_INTERVAL_MS: '500',
      MOTTAK_RECONCILE_AFTER_MS: '2000',
    };
    const [node, ...loader] = NODE_WITH_TSX;
    const seed = spawnSync(node, [...loader, path.join(ROOT, 'services', 'cli', 'src', 'main.ts'), 'demo', 'seed'], { cwd: ROOT, env, encoding: 'utf8' });
    if (seed.status !== 0) throw new Error(`demo seed failed (${seed.status}): ${seed.stderr}`);
  }, 60_000);

  afterAll(async () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await profile?.cleanup();
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
    for (let i = 0; i < reports; i += 1) {
      const response = await http.post('/api/v1/reports').set('X-API-Key', DEMO_PARTNER_KEY).send({ channel: 'partner', title: `Prosess ${i}`, body: `Melding nummer ${i} om prosessprøven.` });
      expect(response.status).toBe(202);
      ids.push(response.body.id);
      if (i === Math.floor(reports / 3)) doomedWorker.kill('SIGKILL');
      if (i === Math.floor((reports * 2) / 3)) profile.loseQueueState?.();
    }

    const registered = new Map<string, string>();
    await eventually(async () => {
      const page = await http.get('/api/v1/reports').query({ status: 'vurdert', limit: 200 }).set('Authorization', kari);
      for (const report of page.body.items as Array<{ id: string }>) {
        if (!ids.includes(report.id) || registered.has(report.id)) continue;
        const response = await http.post(`/api/v1/reports/${report.id}/registration`).set('Authorization', kari).send({ gradering: 'BEGRENSET' });
        expect(response.status).toBe(201);
        registered.set(report.id, response.body.registration.journalNumber);
      }
      return registered.size === ids.length ? true : undefined;
    }, 'every report to be assessed and registered', 90_000);

    await eventually(async () => {
      const search = await http.get('/api/v1/search').query({ q: 'prosessprøven', limit: 1 }).set('Authorization', kari);
      return search.body.total === ids.length ? true : undefined;
    }, 'every report to be indexed', 60_000);

    const sequences = [...registered.values()].map((n) => Number(n.split('/')[1])).sort((a, b) => a - b);
    expect(new Set(sequences).size).toBe(ids.length);
    expect(sequences[sequences.length - 1]! - sequences[0]! + 1).toBe(ids.length);
    // Indexed exactly once (one hit per report, as counted above) and assessed exactly once.
    for (const id of [ids[0]!, ids[Math.floor(reports / 2)]!, ids[reports - 1]!]) {
      const journal = await http.get(`/api/v1/reports/${id}/journal`).set('Authorization', kari);
      expect(journal.body.filter((e: { action: string }) => e.action === 'report.assessed')).toHaveLength(1);
    }
    const status = await http.get(`/api/v1/reports/${ids[reports - 1]!}/status`).set('Authorization', kari);
    expect(status.body.indexed).toBe(true);

    const exits = children
      .filter((child) => child.exitCode === null && child.signalCode === null)
      .map(
        (child) =>
          new Promise<number | null>((resolve) => {
            child.once('exit', (code) => resolve(code));
            child.kill('SIGTERM');
          }),
      );
    expect(await Promise.all(exits)).toEqual(exits.map(() => 0));
  }, 240_000);
});
