import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import supertest from 'supertest';
import { DEMO_PASSWORD } from '@mottak/bootstrap';
import { EventStream } from '../support/event-stream';
import { describeWithProductionEngines, ENGINE_URLS, type IsolatedProduction, isolatedProduction } from '../support/production-engines';
import { eventually } from '../support/test-mottak';

const ROOT = path.resolve(__dirname, '..', '..');
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
 * The API and a worker as separate processes on the production engines: the worker's assessment
 * (a state change and a P1 alert, both made in the worker process) reaches a coordinator's event
 * stream on the API through Redis pub/sub.
 */
describeWithProductionEngines('live events between processes test')('live events between separate processes (production profile)', () => {
  const tag = `live${process.pid}${Date.now().toString(36)}`;
  const children: ChildProcess[] = [];
  let production: IsolatedProduction | undefined;
  let stream: EventStream | undefined;
  let env: NodeJS.ProcessEnv;
  let port: number;

  function start(service: 'api' | 'worker'): ChildProcess {
    const [node, ...loader] = NODE_WITH_TSX;
    const child = spawn(node, [...loader, path.join(ROOT, 'services', service, 'src', 'main.ts')], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'ignore'] });
    children.push(child);
    return child;
  }

  beforeAll(async () => {
    production = isolatedProduction(tag);
    port = await freePort();
    env = { ...process.env, ...production.config, TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.base.json'), PORT: String(port), LOG_LEVEL: 'warn' };
    const [node, ...loader] = NODE_WITH_TSX;
    const seed = spawnSync(node, [...loader, path.join(ROOT, 'services', 'cli', 'src', 'main.ts'), 'demo', 'seed'], { cwd: ROOT, env, encoding: 'utf8' });
    if (seed.status !== 0) throw new Error(`demo seed failed (${seed.status}): ${seed.stderr}`);
  }, 60_000);

  afterAll(async () => {
    stream?.close();
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await production?.cleanup();
  });

  it("delivers the worker process's assessment and P1 alert to the API's event stream", async () => {
    start('api');
    start('worker');
    const http = supertest(`http://127.0.0.1:${port}`);
    await eventually(async () => ((await http.get('/readyz').catch(() => undefined))?.status === 200 ? true : undefined), 'the api to be ready', 30_000);
    const login = await http.post('/api/v1/auth/login').send({ username: 'kari', password: DEMO_PASSWORD });
    const kari = `Bearer ${login.body.token as string}`;
    stream = await EventStream.open(`http://127.0.0.1:${port}`, kari);

    // The API subscribes when the first stream opens; until then a publish may go unheard. Publish
    // (as a process would) a change of a report kari may read until her stream shows it.
    const readable = (await http.get('/api/v1/reports').query({ limit: 1 }).set('Authorization', kari)).body.items[0].id as string;
    const channel = `${production!.config.MOTTAK_REDIS_PREFIX}:report-events`;
    const message = JSON.stringify({ v: 1, origin: 'test', event: { type: 'report.changed', reportId: readable, status: 'registrert', version: 9, at: new Date().toISOString() } });
    await eventually(async () => {
      spawnSync('redis-cli', ['-u', ENGINE_URLS.redis!, 'PUBLISH', channel, message]);
      return stream!.about('report.changed', readable).length > 0 ? true : undefined;
    }, 'the API to subscribe to the event channel', 20_000);

    const intake = await http.post('/api/v1/reports').send({ channel: 'tipsskjema', title: 'Akutt livsfare ved skolen', body: 'En mann med pistol står utenfor skolen nå.' });
    expect(intake.status).toBe(202);
    const id = intake.body.id as string;
    // `vurdert` and the P1 alert are published by the worker process only.
    await stream.until((s) => s.about('report.changed', id).some((e) => e.data.status === 'vurdert') && s.about('alert', id).length > 0);
    expect(stream.about('alert', id)[0]!.data).toMatchObject({ kind: 'p1', id });

    const exits = children.map(
      (child) =>
        new Promise<number | null>((resolve) => {
          child.once('exit', (code) => resolve(code));
          child.kill('SIGTERM');
        }),
    );
    stream.close();
    expect(await Promise.all(exits)).toEqual([0, 0]);
  }, 120_000);
});
