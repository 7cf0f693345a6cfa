import { DEMO_PARTNER_KEY, DEMO_PASSWORD } from '@mottak/bootstrap';
import {
  BenchAborted,
  type BenchOptions,
  figure,
  finish,
  machine,
  machineDetails,
  out,
  percentile,
  printMachine,
  printTable,
  round,
  secondsSince,
  sleep,
} from './bench-kit';
import { type BenchServer, startBenchServer } from './bench-server';
import { rawEngineBaseline, type RawEngineResult } from './e2e-baseline';
import { JsonClient, runBounded } from './http-json';
import { locateProductionEngines, MONGO_CAVEAT } from './production-engines';
import { markerToken, partnerReport, runSalt } from './report-text';

const POST_CONCURRENCY = 32;
const REGISTER_CONCURRENCY = 16;
const LIST_PAGE = 200;
const CHECK_CONCURRENCY = 16;
const SEARCH_SAMPLE = 100;

/** One report's way through the pipeline. Client times are Date.now(); the server's come from its store (same clock). */
interface Rec {
  marker: string;
  postAt: number;
  id?: string;
  statusUrl?: string;
  ackAt?: number;
  /** The coordinator's list showed it as vurdert (client time). */
  listedAt?: number;
  journalNumber?: string;
  /** Server timestamps: received, assessed, registered, indexed (searchable). */
  server?: [number | null, number | null, number | null, number | null];
}

interface Ctx {
  client: JsonClient;
  server: BenchServer;
  kari: Record<string, string>;
  partner: Record<string, string>;
  salt: string;
  /** Throws BenchAborted once the run's time bound has passed. */
  guard(): void;
  progress: { phase: string; acked: number; listed: number; registered: number; indexed: number; total: number };
}

/**
 * `pnpm bench e2e`: N reports through the whole flow over HTTP. Partner intake (32 POSTs in
 * flight); the worker assesses; coordinator kari takes the oldest page of her `vurdert` list and
 * registers what is ours (16 in flight); the indexer indexes. Done when every report's status says
 * `indexed: true` (checked over HTTP for all N); a random sample is then searched for by its
 * marker as siri. Times per report come from the server's own timestamps (received, assessed,
 * registered, indexedAt), so polling adds no error and almost no load. Baseline: the raw store +
 * FTS5 cost of the same reports in this process.
 */
export async function runE2e(options: BenchOptions): Promise<boolean> {
  printMachine('e2e', options);
  // The production engines here (mongo-java-server above all) take tens of reports/s, not thousands:
  // fewer reports, so that a run ends within its bound.
  const production = options.profile === 'production';
  const count = production ? (options.quick ? 500 : 3_000) : options.quick ? 2_000 : 10_000;
  const warmCount = production ? 50 : options.quick ? 100 : 300;
  const limitS = options.quick ? 120 : 600;
  const runStarted = performance.now();
  const salt = runSalt();
  const progress: Ctx['progress'] = { phase: 'baseline', acked: 0, listed: 0, registered: 0, indexed: 0, total: count };
  const guard = () => {
    if (secondsSince(runStarted) > limitS) {
      throw new BenchAborted(
        `e2e aborted: not done within ${limitS} s (${progress.phase}: ${progress.acked} acknowledged, ` +
          `${progress.listed} assessed and listed, ${progress.registered} registered, ${progress.indexed} confirmed searchable of ${progress.total})`,
      );
    }
  };

  const engines = production ? locateProductionEngines() : undefined;
  try {
    return await runE2eOn(options, engines, { count, warmCount, limitS, runStarted, salt, progress, guard });
  } finally {
    await engines?.cleanup();
  }
}

async function runE2eOn(
  options: BenchOptions,
  engines: ReturnType<typeof locateProductionEngines> | undefined,
  run: { count: number; warmCount: number; limitS: number; runStarted: number; salt: string; progress: Ctx['progress']; guard: () => void },
): Promise<boolean> {
  const { count, warmCount, limitS, salt, progress, guard } = run;
  let baseline: RawEngineResult;
  if (engines) {
    const ns = engines.namespace('raw');
    out(`baseline: raw Mongo store receive + Elasticsearch bulk upsert (batches of 500), ${count} reports (after ${warmCount} warm-up), in this process`);
    baseline = await rawEngineBaseline(count, warmCount, `${salt}b`, { mongoUrl: ns.mongoUrl, elasticsearchUrl: engines.elasticsearchUrl, indexAlias: ns.indexAlias });
    out(`  ${round(baseline.reportsPerS)} reports/s (${round(baseline.seconds)} s)`);
  } else {
    out(`baseline: raw SQLite store + FTS5 index, ${count} reports (after ${warmCount} warm-up), in this process`);
    baseline = await rawEngineBaseline(count, warmCount, `${salt}b`);
    out(`  ${round(baseline.reportsPerS)} reports/s (${round(baseline.seconds)} s); one durable commit ≈ ${round(baseline.commitMs, 3)} ms`);
  }
  guard();

  const server = await startBenchServer('mottak', { overrides: { MOTTAK_INDEXER_POLL_MS: '10', ...engines?.overrides }, cpuProf: options.cpuProf });
  const client = new JsonClient(server.url, POST_CONCURRENCY + REGISTER_CONCURRENCY + CHECK_CONCURRENCY + 8);
  let measuredStart = 0;
  try {
    out(`mottak all-in-one on ${server.url} (pid ${server.pid}), config ${JSON.stringify(server.info.config)}`);
    const ctx: Ctx = {
      client,
      server,
      kari: { authorization: await login(client, 'kari') },
      partner: { 'x-api-key': DEMO_PARTNER_KEY },
      salt,
      guard,
      progress,
    };
    const siri = { authorization: await login(client, 'siri') };

    out(`warm-up: ${warmCount} reports through the whole flow`);
    Object.assign(progress, { phase: 'warm-up', total: warmCount });
    await runPipeline(ctx, warmCount, 1_000_000);

    out(`measuring: ${count} reports, ${POST_CONCURRENCY} POSTs in flight, time bound ${limitS} s`);
    Object.assign(progress, { phase: 'measured run', total: count });
    const cpuBefore = await server.call<Record<string, number>>('loop', 'run');
    measuredStart = performance.now();
    let loop: Record<string, number> = {};
    const records = await runPipeline(ctx, count, 0, async () => {
      loop = await server.call<Record<string, number>>('loop', 'run');
    });

    const timeline = await server.call<Array<Rec['server'] | null>>('timeline', records.map((r) => r.id));
    records.forEach((rec, i) => {
      rec.server = timeline[i] ?? undefined;
    });
    const verify = await verifySearchable(client, siri, records);
    const journal = journalNumbersContiguous(records);
    const counts = await server.call<Record<string, unknown>>('counts');
    const cpuS = (loop.cpuUserS ?? 0) + (loop.cpuSystemS ?? 0) - (cpuBefore.cpuUserS ?? 0) - (cpuBefore.cpuSystemS ?? 0);
    return report(options, baseline, records, { verify, journal, counts, server, loop, cpuS, retries: client.retries, engines: engines?.describe() });
  } catch (error) {
    if (!(error instanceof BenchAborted)) throw error;
    out(error.message);
    const elapsed = measuredStart > 0 ? secondsSince(measuredStart) : Number.NaN;
    const indexed = progress.phase === 'measured run' ? progress.indexed : 0;
    finish({
      name: 'e2e',
      profile: options.profile,
      machine: machine(),
      figures: [{ ...figure('reports_per_s', indexed / elapsed, '/s', baseline.reportsPerS, '>=1000/s'), met: false }],
      details: {
        date: new Date().toISOString(),
        machine: machineDetails(),
        aborted: error.message,
        progress,
        baseline,
        server: server.info,
        ...(engines ? { engines: engines.describe(), mongo: MONGO_CAVEAT } : {}),
      },
    });
    return false;
  } finally {
    client.close();
    await server.close();
  }
}

async function login(client: JsonClient, username: string): Promise<string> {
  const res = await client.request<{ token?: string }>('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } });
  if (res.status !== 200 || !res.body.token) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return `Bearer ${res.body.token}`;
}

/** Submits `count` reports and drives each to searchable; returns their records. */
async function runPipeline(ctx: Ctx, count: number, indexOffset: number, onLastIndexed?: () => Promise<void>): Promise<Rec[]> {
  const { client, guard, progress } = ctx;
  Object.assign(progress, { acked: 0, listed: 0, registered: 0, indexed: 0 });
  const records: Rec[] = [];
  const byId = new Map<string, Rec>();
  const toRegister: Rec[] = [];
  let failure: unknown;
  const alive = () => failure === undefined;
  const fail = (error: unknown) => {
    failure ??= error;
  };
  const ticker = setInterval(() => {
    void ctx.server.call<Record<string, number>>('loop', 'tick').then(
      (loop) =>
        out(
          `  ${progress.phase}: ${progress.acked} acknowledged, ${progress.listed} assessed and listed, ${progress.registered} registered of ${count}` +
            ` (server event-loop delay p50 ${loop.loopDelayP50Ms} ms, max ${loop.loopDelayMaxMs} ms)`,
        ),
      () => undefined,
    );
  }, 10_000);

  const submit = runBounded(count, POST_CONCURRENCY, async (k) => {
    guard();
    if (!alive()) return;
    const marker = markerToken(ctx.salt, indexOffset + k);
    const rec: Rec = { marker, postAt: Date.now() };
    records[k] = rec;
    const res = await client.request<{ id: string; statusUrl: string }>('POST', '/api/v1/reports', { headers: ctx.partner, body: partnerReport(indexOffset + k, marker) });
    if (res.status !== 202) throw new Error(`POST /api/v1/reports answered ${res.status}: ${JSON.stringify(res.body)}`);
    rec.ackAt = Date.now();
    rec.id = res.body.id;
    rec.statusUrl = res.body.statusUrl;
    byId.set(rec.id, rec);
    progress.acked += 1;
  }).catch(fail);

  // The coordinator: the oldest page of her vurdert list (the list is newest first); what is ours goes to registration.
  const list = (async () => {
    let total = 0;
    while (alive() && progress.listed < count) {
      guard();
      const offset = Math.max(0, total - LIST_PAGE);
      const res = await client.request<{ total: number; items: Array<{ id: string }> }>('GET', `/api/v1/reports?status=vurdert&limit=${LIST_PAGE}&offset=${offset}`, { headers: ctx.kari });
      if (res.status !== 200) throw new Error(`GET /api/v1/reports answered ${res.status}: ${JSON.stringify(res.body)}`);
      total = res.body.total;
      const seenAt = Date.now();
      let found = 0;
      for (const item of res.body.items) {
        const rec = byId.get(item.id);
        if (!rec || rec.listedAt !== undefined) continue;
        rec.listedAt = seenAt;
        toRegister.push(rec);
        progress.listed += 1;
        found += 1;
      }
      if (found === 0) await sleep(20);
      // Let the registrations catch up before asking again: the list is the expensive request.
      while (alive() && toRegister.length > REGISTER_CONCURRENCY) await sleep(5);
    }
  })().catch(fail);

  const register = Promise.all(
    Array.from({ length: REGISTER_CONCURRENCY }, async () => {
      while (alive() && progress.registered < count) {
        guard();
        const rec = toRegister.shift();
        if (!rec) {
          await sleep(5);
          continue;
        }
        const res = await client.request<{ registration?: { journalNumber: string }; code?: string }>('POST', `/api/v1/reports/${rec.id}/registration`, {
          headers: ctx.kari,
          body: { gradering: 'BEGRENSET' },
        });
        let journalNumber = res.body.registration?.journalNumber;
        if (res.status === 409 && res.body.code === 'INVALID_STATE_TRANSITION') {
          // Only after a resent request (stale socket): the first one did register it.
          journalNumber = (await client.request<{ journalNumber?: string }>('GET', rec.statusUrl as string, { headers: ctx.kari })).body.journalNumber;
        } else if (res.status !== 201) throw new Error(`registration of ${rec.id} answered ${res.status}: ${JSON.stringify(res.body)}`);
        rec.journalNumber = journalNumber;
        progress.registered += 1;
      }
    }),
  ).catch(fail);

  try {
    await Promise.all([submit, list, register]);
    if (failure !== undefined) throw failure;
    await waitUntilSearchable(ctx, records, onLastIndexed);
  } finally {
    clearInterval(ticker);
  }
  return records;
}

/**
 * Waits until every report's status says `indexed: true`. The indexer works in registration order,
 * so only the last registered is polled (one GET per 25 ms) until it is indexed; then every
 * status is read once over HTTP, and any stragglers are polled again. `onLastIndexed` runs once,
 * when the last one is first seen indexed.
 */
async function waitUntilSearchable(ctx: Ctx, records: Rec[], onLastIndexed?: () => Promise<void>): Promise<void> {
  const { client, guard, progress } = ctx;
  let pending = [...records];
  const indexed = async (rec: Rec) => {
    const res = await client.request<{ indexed?: boolean }>('GET', rec.statusUrl as string, { headers: ctx.kari });
    if (res.status !== 200) throw new Error(`GET ${rec.statusUrl ?? ''} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body.indexed === true;
  };
  while (pending.length > 0) {
    guard();
    if (!(await indexed(pending[pending.length - 1] as Rec))) {
      await sleep(25);
      continue;
    }
    // Server CPU and event-loop figures end here, before the check of every status below.
    if (pending.length === records.length) await onLastIndexed?.();
    const done = new Set<Rec>();
    await runBounded(pending.length, CHECK_CONCURRENCY, async (i) => {
      const rec = pending[i] as Rec;
      if (await indexed(rec)) done.add(rec);
    });
    pending = pending.filter((rec) => !done.has(rec));
    progress.indexed = records.length - pending.length;
  }
}

/** Searches a random sample of markers as siri (sokebruker, BEGRENSET): each must find exactly its report. */
async function verifySearchable(client: JsonClient, siri: Record<string, string>, records: Rec[]) {
  const sample = [...records].sort(() => Math.random() - 0.5).slice(0, Math.min(SEARCH_SAMPLE, records.length));
  const failures: string[] = [];
  await runBounded(sample.length, 8, async (k) => {
    const rec = sample[k] as Rec;
    const res = await client.request<{ total: number; hits: Array<{ id: string }> }>('GET', `/api/v1/search?q=${encodeURIComponent(rec.marker)}&limit=5`, { headers: siri });
    if (res.status !== 200 || res.body.total !== 1 || res.body.hits[0]?.id !== rec.id) {
      failures.push(`${rec.marker}: ${res.status} total=${String(res.body.total)}`);
    }
  });
  return { sampled: sample.length, found: sample.length - failures.length, failures: failures.slice(0, 10) };
}

/** The measured reports' journal numbers: unique and without gaps (nothing else registered meanwhile). */
function journalNumbersContiguous(records: Rec[]) {
  const seqs = records.map((r) => Number((r.journalNumber ?? '').split('/')[1])).sort((a, b) => a - b);
  const unique = new Set(seqs).size === seqs.length && seqs.every(Number.isFinite);
  const first = seqs[0] ?? 0;
  const last = seqs[seqs.length - 1] ?? 0;
  return { unique, gapFree: unique && last - first + 1 === seqs.length, first, last };
}

interface Checks {
  verify: Awaited<ReturnType<typeof verifySearchable>>;
  journal: ReturnType<typeof journalNumbersContiguous>;
  counts: Record<string, unknown>;
  server: BenchServer;
  loop: Record<string, number>;
  cpuS: number;
  retries: number;
  engines?: Record<string, unknown>;
}

function report(options: BenchOptions, baseline: RawEngineResult, records: Rec[], checks: Checks): boolean {
  const n = records.length;
  const complete = records.every((r) => r.server && r.server.every((t) => t !== null));
  const t = (r: Rec, i: number) => r.server?.[i] ?? Number.NaN;
  const first = Math.min(...records.map((r) => r.postAt));
  const last = Math.max(...records.map((r) => t(r, 3)));
  const seconds = (last - first) / 1000;
  const rate = n / seconds;
  const stage = (label: string, span: (r: Rec) => number) => {
    const ms = records.map(span);
    return { stage: label, 'p50 ms': percentile(ms, 50), 'p99 ms': percentile(ms, 99), 'max ms': Math.max(...ms) };
  };
  const stages = [
    stage('POST → 202 (client)', (r) => (r.ackAt ?? Number.NaN) - r.postAt),
    stage('received → assessed (queue + worker)', (r) => t(r, 1) - t(r, 0)),
    stage('assessed → registered (list + registration)', (r) => t(r, 2) - t(r, 1)),
    stage('registered → indexed (outbox + indexer)', (r) => t(r, 3) - t(r, 2)),
    stage('POST → searchable', (r) => t(r, 3) - r.postAt),
  ];
  const total = stages[stages.length - 1] as { 'p50 ms': number; 'p99 ms': number };
  const prod = baseline.engines === 'mongo+elasticsearch';
  printTable(`e2e: ${n} reports, first POST → last searchable ${round(seconds)} s`, [
    { measure: 'end-to-end reports/s', value: round(rate) },
    { measure: `raw engines reports/s (baseline: store receive + ${prod ? 'Elasticsearch' : 'FTS5'} upsert)`, value: round(baseline.reportsPerS) },
    { measure: 'server CPU per report, ms', value: round((checks.cpuS * 1000) / n) },
    { measure: 'server event-loop delay p50 / max, ms', value: `${checks.loop.loopDelayP50Ms} / ${checks.loop.loopDelayMaxMs}` },
    ...(prod ? [] : [{ measure: 'one durable SQLite commit (WAL, synchronous=FULL), ms', value: round(baseline.commitMs, 3) }]),
  ]);
  printTable('latency per report (server timestamps; POST time from the client, same clock)', stages);
  const { verify, journal } = checks;
  out(`status indexed:true over HTTP: ${n}/${n}; server timestamps complete: ${complete}`);
  out(`searchable by marker (as siri): ${verify.found}/${verify.sampled}${verify.failures.length ? ` — failures: ${verify.failures.join('; ')}` : ''}`);
  out(`journal numbers of the measured reports: unique ${journal.unique}, gap-free ${journal.gapFree} (${journal.first}…${journal.last})`);
  // Issue 4's latency target is p99 at half the 1,000/s load; this run is closed-loop at full load.
  out(`p99 POST → searchable ${total['p99 ms']} ms, measured at full (closed-loop) load; the half-load figure is not measured by this benchmark`);
  if (prod) out(`note: ${MONGO_CAVEAT}`);
  if (checks.retries > 0) out(`client: ${checks.retries} requests resent after a stale keep-alive socket`);
  finish({
    name: 'e2e',
    profile: options.profile,
    machine: machine(),
    figures: [figure('reports_per_s', rate, '/s', baseline.reportsPerS, '>=1000/s')],
    details: {
      date: new Date().toISOString(),
      machine: machineDetails(),
      quick: options.quick,
      reports: n,
      seconds: round(seconds),
      latencyMs: { p50: total['p50 ms'], p99: total['p99 ms'] },
      stages,
      serverCpuMsPerReport: round((checks.cpuS * 1000) / n),
      serverEventLoop: checks.loop,
      concurrency: { post: POST_CONCURRENCY, register: REGISTER_CONCURRENCY, listPage: LIST_PAGE },
      baseline: {
        ...baseline,
        what: prod
          ? 'Mongo store.receive per report (w:majority, journal) + Elasticsearch bulk upsert in batches of 500 (refresh wait_for); same reports, no HTTP, no queue'
          : 'SQLite store.receive per report (one durable transaction each) + FTS5 upsert in batches of 500; same reports, no HTTP, no queue',
      },
      latencyNote: 'p99 measured at full closed-loop load (32 POSTs in flight), not at half load',
      ...(checks.engines ? { engines: checks.engines, mongo: MONGO_CAVEAT } : {}),
      searchable: verify,
      journalNumbers: journal,
      staleSocketRetries: checks.retries,
      serverAtEnd: checks.counts,
      server: checks.server.info,
    },
  });
  return complete && verify.found === verify.sampled && journal.gapFree;
}
