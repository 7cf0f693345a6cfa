import { execFile } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { describeWithProductionEngines, type IsolatedProduction, isolatedProduction, requireProductionEngines } from '../support/production-engines';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '..', '..');
const ES_VERSION = process.env.MOTTAK_ES_VERSION ?? '8.19.21';


/** True when nothing listens on 127.0.0.1:port. */
async function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A free port below the ephemeral range, so nothing grabs it while the node is down. */
async function privatePort(): Promise<number> {
  for (let port = 9260; port < 9300; port += 1) if (await portFree(port)) return port;
  throw new Error('no free port in 9260–9299 for a private Elasticsearch');
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * R4 on the production profile: a private Elasticsearch node (the shared one on the default port
 * serves other test files at the same time) is stopped while reports are registered. Registration
 * goes on, the outbox holds the work (the indexing lag grows), the indexer retries without
 * hammering, search answers 503 problem+json and /readyz says the index is down; once the same
 * node (same data directory) is back, every report is indexed and the lag is 0 again.
 */
describeWithProductionEngines('Elasticsearch outage test')('Elasticsearch outage on the production profile (R4)', () => {
  const tag = `esout${process.pid}${Date.now().toString(36)}`;
  // Letters only, so the query is plain text and not taken for an identifier.
  const word = `strombrudd${Date.now().toString(36).replace(/[^a-z]/g, '')}x`;
  let port = 0;
  let nodeDir = '';
  let esUrl = '';
  let mottak: TestMottak | undefined;
  let production: IsolatedProduction | undefined;

  /** Starts (or restarts, same data directory) the private node with the repo's provisioner. */
  async function provisionPrivateEs(): Promise<void> {
    const { stdout } = await run('bash', [path.join(ROOT, 'scripts', 'provision-elasticsearch.sh')], {
      cwd: ROOT,
      env: { ...process.env, MOTTAK_ES_PORT: String(port), MOTTAK_ES_START_TIMEOUT: '45' },
      timeout: 55_000,
      killSignal: 'SIGKILL',
    });
    if (stdout.trim() !== esUrl) throw new Error(`provisioner answered ${stdout.trim()}, expected ${esUrl}`);
  }

  async function lag(): Promise<number> {
    const response = await mottak!.http.get('/metrics').set('Authorization', await mottak!.bearer('frida'));
    expect(response.status).toBe(200);
    const match = /^mottak_indexing_lag (\d+)$/m.exec(response.text);
    if (!match) throw new Error(`no mottak_indexing_lag in /metrics:\n${response.text}`);
    return Number(match[1]);
  }

  async function searchTotal(): Promise<number | undefined> {
    const response = await mottak!.http.get('/api/v1/search').query({ q: word, limit: 50 }).set('Authorization', await mottak!.bearer('kari'));
    return response.status === 200 ? (response.body.total as number) : undefined;
  }

  /** Takes a report in, waits for its assessment and registers it; returns its id. */
  async function registerReport(n: number): Promise<string> {
    const intake = await mottak!.http
      .post('/api/v1/reports')
      .set('X-API-Key', mottak!.partnerKey)
      .send({ channel: 'partner', title: `Strømbrudd ${n}`, body: `Melding ${n}: ${word} ved trafostasjonen.` });
    expect(intake.status).toBe(202);
    const kari = await mottak!.bearer('kari');
    await eventually(
      async () => ((await mottak!.http.get(`/api/v1/reports/${intake.body.id}`).set('Authorization', kari)).body.status === 'vurdert' ? true : undefined),
      `report ${n} to be assessed`,
      20_000,
    );
    const registered = await mottak!.http.post(`/api/v1/reports/${intake.body.id}/registration`).set('Authorization', kari).send({ gradering: 'BEGRENSET' });
    expect(registered.status).toBe(201);
    expect(registered.body.registration.journalNumber).toMatch(/^\d{4}\/\d{6}$/);
    return intake.body.id as string;
  }

  beforeAll(async () => {
    requireProductionEngines();
    port = await privatePort();
    esUrl = `http://127.0.0.1:${port}`;
    nodeDir = path.join(ROOT, '.cache', 'elasticsearch', `node-${ES_VERSION}-${port}`);
    await provisionPrivateEs();
    production = isolatedProduction(tag, { elasticsearchUrl: esUrl });
    mottak = await startTestMottak(production.config);
  }, 60_000);

  afterAll(async () => {
    await mottak?.close();
    if (port) {
      // Only the private node: the provisioner's stop script addresses it by port and pidfile.
      await run('bash', [path.join(ROOT, 'scripts', 'stop-elasticsearch.sh')], {
        cwd: ROOT,
        env: { ...process.env, MOTTAK_ES_PORT: String(port) },
        timeout: 25_000,
        killSignal: 'SIGKILL',
      }).catch((error: unknown) => console.error('could not stop the private Elasticsearch', error));
      rmSync(nodeDir, { recursive: true, force: true });
    }
    await production?.cleanup();
  }, 30_000);

  it('keeps registering, reports the lag and a clear 503, and indexes everything once Elasticsearch is back', async () => {
    const http = mottak!.http;
    const kari = await mottak!.bearer('kari');
    expect((await http.get('/readyz')).body.checks).toEqual({ store: true, queue: true, index: true });

    const before = await registerReport(0);
    await eventually(async () => ((await searchTotal()) === 1 ? true : undefined), 'the first report to be searchable', 30_000);
    await eventually(async () => ((await lag()) === 0 ? true : undefined), 'the indexing lag to be 0 before the outage', 30_000);

    // --- Outage: SIGTERM the private node by its pid and wait until it has exited. ---
    const pid = Number(readFileSync(path.join(nodeDir, 'elasticsearch.pid'), 'utf8').trim());
    expect(pid).toBeGreaterThan(1);
    const upsert = jest.spyOn(mottak!.running.core.deps.index, 'upsert'); // counts calls, calls through
    const outageStarted = Date.now();
    process.kill(pid, 'SIGTERM');
    await eventually(async () => (alive(pid) ? undefined : true), 'the private Elasticsearch to exit', 30_000);
    expect(await portFree(port)).toBe(true);

    const during: string[] = [];
    const lags: number[] = [];
    for (let n = 1; n <= 3; n += 1) {
      during.push(await registerReport(n));
      lags.push(await lag());
    }
    // Each registration adds an outbox entry in the same write, and nothing leaves it while the index is down.
    expect(lags).toEqual([...lags].sort((a, b) => a - b));
    expect(lags[0]).toBeGreaterThanOrEqual(1);
    expect(lags[2]).toBeGreaterThanOrEqual(3);
    expect(lags[2]).toBeGreaterThan(lags[0]!);
    for (const id of during) {
      const report = await http.get(`/api/v1/reports/${id}`).set('Authorization', kari);
      expect(report.status).toBe(200);
      expect(report.body.registration.journalNumber).toMatch(/^\d{4}\/\d{6}$/);
      expect((await http.get(`/api/v1/reports/${id}/status`).set('Authorization', kari)).body.indexed).toBe(false);
    }

    const search = await http.get('/api/v1/search').query({ q: word }).set('Authorization', kari);
    expect(search.status).toBe(503);
    expect(search.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(search.text)).toMatchObject({ status: 503, code: 'SEARCH_UNAVAILABLE' });

    const ready = await http.get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toEqual({ status: 'not_ready', checks: { store: true, queue: true, index: false } });

    // The indexer tried and failed (the entries are still pending) and did not spin: a failed
    // entry is retried no sooner than 1 s later, so at most one try per pending entry per second.
    // (A weak check today: the Elasticsearch client's own retries make each failed try last seconds.)
    await eventually(async () => (upsert.mock.calls.length >= 1 ? true : undefined), 'the indexer to try the index', 15_000);
    expect(await lag()).toBeGreaterThanOrEqual(3);

    // --- Recovery: the same node, same data directory. ---
    await provisionPrivateEs();
    const outageSeconds = (Date.now() - outageStarted) / 1000;
    const triesDuringOutage = upsert.mock.calls.length;
    upsert.mockRestore();
    expect(triesDuringOutage).toBeLessThanOrEqual(3 * (Math.ceil(outageSeconds) + 1));

    await eventually(async () => ((await searchTotal()) === 4 ? true : undefined), 'every report to be searchable after the outage', 45_000);
    await eventually(async () => ((await lag()) === 0 ? true : undefined), 'the indexing lag to return to 0', 15_000);
    for (const id of [before, ...during]) expect((await http.get(`/api/v1/reports/${id}/status`).set('Authorization', kari)).body.indexed).toBe(true);
    const hits = (await http.get('/api/v1/search').query({ q: word, limit: 50 }).set('Authorization', kari)).body.hits as Array<{ id: string }>;
    expect(hits.map((h) => h.id).sort()).toEqual([before, ...during].sort());
    const readyAgain = await http.get('/readyz');
    expect(readyAgain.status).toBe(200);
    expect(readyAgain.body.checks).toEqual({ store: true, queue: true, index: true });
  }, 90_000);
});
