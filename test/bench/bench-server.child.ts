import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createBullMqJobQueue } from '@mottak/adapters-redis';
import { DEFAULT_WEB_ROOT, startAllInOne } from '@mottak/all-in-one';
import { ASSESS_JOB } from '@mottak/core';
import { createLogger, loadConfig, type Config } from '@mottak/runtime';

/**
 * A server process for the benchmarks, so that the load generator (autocannon, the e2e client) and
 * the server do not share one event loop. Started by bench-server.ts with `fork`:
 *   argv[2] = 'mottak' (the real all-in-one on a temp data dir, or on the engines of the production
 *             profile when the overrides say so) | 'bare' (express 5 + express.json only) |
 *             'bare-queue' (the same plus one BullMQ enqueue per request: the production intake's floor)
 *   argv[3] = JSON of config overrides (mottak; bare-queue reads REDIS_URL and MOTTAK_REDIS_PREFIX)
 * Talks over IPC: sends {type:'ready'}, answers {type:'call'} messages, exits on cmd 'close'.
 */

type Handler = (args: unknown) => Promise<unknown>;

interface CallMessage {
  type: 'call';
  id: number;
  cmd: string;
  args?: unknown;
}

const EVERYTHING = { kind: 'all' } as const;

/**
 * How long the event loop was blocked (synchronous SQLite commits, assessment, JSON…): one
 * histogram per progress tick and one per measured run, each reset when read.
 */
const loopDelay = { tick: monitorEventLoopDelay({ resolution: 10 }), run: monitorEventLoopDelay({ resolution: 10 }) };
loopDelay.tick.enable();
loopDelay.run.enable();
const ms = (ns: number) => Math.round(ns / 1e5) / 10;

/** Event-loop delay (ms) since the last read of that window, and CPU seconds of this process so far. */
async function loopStats(args: unknown): Promise<Record<string, number>> {
  const histogram = args === 'run' ? loopDelay.run : loopDelay.tick;
  const stats = { loopDelayP50Ms: ms(histogram.percentile(50)), loopDelayP99Ms: ms(histogram.percentile(99)), loopDelayMaxMs: ms(histogram.max) };
  histogram.reset();
  const cpu = process.cpuUsage();
  return { ...stats, cpuUserS: cpu.user / 1e6, cpuSystemS: cpu.system / 1e6 };
}

async function startMottak(overrides: Partial<Record<keyof Config, string>>): Promise<{ url: string; info: Record<string, unknown>; handlers: Record<string, Handler> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mottak-bench-'));
  // Settings from the environment (e.g. MOTTAK_WORKER_CONCURRENCY=8) apply, except these.
  const config = loadConfig(process.env, {
    MOTTAK_DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    // BENCH_LOG_LEVEL=warn shows the worker's and indexer's complaints (on stderr) when a run looks wrong.
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'silent',
    MOTTAK_DEMO_SEED: 'true',
    MOTTAK_LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    MOTTAK_TIP_RATE_LIMIT_PER_MINUTE: '100000',
    ...overrides,
  });
  const running = await startAllInOne(config, createLogger(config.LOG_LEVEL, 'bench'), { fastHashing: false, webRoot: DEFAULT_WEB_ROOT });
  const { deps } = running.core;
  const handlers: Record<string, Handler> = {
    loop: loopStats,
    /** Reports stored, jobs by state and the outbox backlog, straight from the engines. */
    async counts() {
      const { total } = await deps.store.list(EVERYTHING, { limit: 1, offset: 0 });
      return { reports: total, queue: await deps.queue.counts(), outboxPending: await deps.store.pendingOutboxCount() };
    },
    /** The ids among `args` that the store does not hold. */
    async missing(args) {
      const ids = args as string[];
      const missing: string[] = [];
      for (const id of ids) if (!(await deps.store.get(id, EVERYTHING))) missing.push(id);
      return missing;
    },
    /**
     * The server's own timestamps (epoch ms) per report id: received, assessed, registered and
     * indexed (searchable) — exact, where polling over HTTP would add its own delay.
     */
    async timeline(args) {
      const at = (iso: string | undefined) => (iso === undefined ? null : Date.parse(iso));
      const rows: Array<[number | null, number | null, number | null, number | null] | null> = [];
      for (const id of args as string[]) {
        const report = await deps.store.get(id, EVERYTHING);
        rows.push(report ? [at(report.receivedAt), at(report.assessment?.assessedAt), at(report.registration?.registeredAt), at(report.indexedAt)] : null);
      }
      return rows;
    },
    async close() {
      await running.close();
      rmSync(dataDir, { recursive: true, force: true });
      return true;
    },
  };
  const knobs = Object.fromEntries(
    (['MOTTAK_WORKER_CONCURRENCY', 'MOTTAK_INDEXER_BATCH', 'MOTTAK_INDEXER_POLL_MS', 'MOTTAK_QUEUE_BACKOFF_MS', 'MOTTAK_RECONCILE_AFTER_MS'] as const).map((k) => [k, config[k]]),
  );
  return { url: running.server.url, info: { dataDir, config: knobs, demoSeeded: running.demoSeeded }, handlers };
}

async function startBare(overrides: Partial<Record<keyof Config, string>> = {}, withQueue = false): Promise<{ url: string; info: Record<string, unknown>; handlers: Record<string, Handler> }> {
  const queue = withQueue ? createBullMqJobQueue({ redisUrl: overrides.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: overrides.MOTTAK_REDIS_PREFIX ?? 'bench-bare' }) : undefined;
  // The very express 5 the API uses (pnpm does not hoist it to the root).
  const express = createRequire(path.resolve(__dirname, '../../services/api/package.json'))('express') as typeof import('express');
  const app = express();
  app.disable('x-powered-by');
  app.post('/api/v1/reports', express.json({ limit: 1024 * 1024 }), async (req, res) => {
    const id = randomUUID();
    const title = (req.body as { title?: unknown } | undefined)?.title;
    // The job the product enqueues per report (name and payload as receive-report's).
    if (queue) await queue.enqueue(ASSESS_JOB, id, { reportId: id });
    res
      .status(202)
      .location(`/api/v1/reports/${id}/status`)
      .json({ id, status: 'mottatt', receivedAt: new Date().toISOString(), statusUrl: `/api/v1/reports/${id}/status`, titled: typeof title === 'string' });
  });
  const server = await new Promise<import('node:http').Server>((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1');
    s.once('listening', () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address() as import('node:net').AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    info: withQueue ? { queue: `BullMQ on ${overrides.REDIS_URL ?? ''}, prefix ${overrides.MOTTAK_REDIS_PREFIX ?? ''}` } : {},
    handlers: {
      loop: loopStats,
      async close() {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
        await queue?.close();
        return true;
      },
    },
  };
}

async function main(): Promise<void> {
  const send = (message: unknown) => process.send?.(message);
  const mode = process.argv[2];
  const overrides = JSON.parse(process.argv[3] ?? '{}') as Partial<Record<keyof Config, string>>;
  const started = mode === 'mottak' ? await startMottak(overrides) : mode === 'bare' ? await startBare() : mode === 'bare-queue' ? await startBare(overrides, true) : undefined;
  if (!started) throw new Error(`unknown server mode ${mode ?? ''}`);
  process.on('message', (message: CallMessage) => {
    if (message?.type !== 'call') return;
    const handler = started.handlers[message.cmd];
    const reply = handler ? handler(message.args) : Promise.reject(new Error(`unknown command ${message.cmd}`));
    reply.then(
      (result) => {
        send({ type: 'reply', id: message.id, result });
        // Exit normally so that --cpu-prof writes its profile.
        if (message.cmd === 'close') setImmediate(() => process.exit(0));
      },
      (error: unknown) => send({ type: 'reply', id: message.id, error: error instanceof Error ? error.stack ?? error.message : String(error) }),
    );
  });
  // The parent going away (crash, Ctrl-C) must not leave a server behind.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url: started.url, pid: process.pid, info: started.info });
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
