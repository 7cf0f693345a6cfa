import autocannon from 'autocannon';
import { DEMO_PARTNER_KEY } from '@mottak/bootstrap';
import {
  type BenchOptions,
  figure,
  finish,
  machine,
  machineDetails,
  median,
  out,
  printMachine,
  printTable,
  round,
  sleep,
} from './bench-kit';
import { type BenchServer, startBenchServer } from './bench-server';
import { locateProductionEngines, MONGO_CAVEAT, type ProductionEngines } from './production-engines';
import { markerToken, partnerReport, runSalt } from './report-text';

const CONNECTIONS = 50;
const WARMUP_S = 2;
const PATH = '/api/v1/reports';

interface Counts {
  reports: number;
  queue: Record<string, number>;
  outboxPending: number;
}

interface RoundFigures {
  target: 'mottak' | 'bare';
  round: number;
  seconds: number;
  ok: number;
  reportsPerS: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** CPU time of the server process per 2xx answer (robust to other load on the machine). */
  cpuMsPerOk: number;
  loopDelayP50Ms: number;
}

/**
 * `pnpm bench intake`: POST /api/v1/reports (partner API key, ~1 KB Norwegian body, different per
 * request) against the real all-in-one, and against a bare express 5 + express.json() handler in
 * the same run, 50 connections each, alternating over several rounds. Then checks that every 202
 * is a stored report. With `--profile production` the all-in-one runs on Redis/BullMQ, Elasticsearch
 * and Mongo (a namespace of their own per run, removed afterwards), and the baseline handler also
 * does one BullMQ `queue.add` per request (issue 4: target ≥ 0.6×).
 */
export async function runIntake(options: BenchOptions): Promise<boolean> {
  printMachine('intake', options);
  const seconds = options.quick ? 3 : 10;
  const rounds = options.quick ? 2 : 3;
  const drainTimeoutMs = options.quick ? 15_000 : 90_000;
  const salt = runSalt();
  let counter = 0;
  let bodyBytes = 0;
  const nextBody = (): string => {
    const body = JSON.stringify(partnerReport(counter, markerToken(salt, counter)));
    counter += 1;
    bodyBytes += Buffer.byteLength(body);
    return body;
  };

  const production = options.profile === 'production';
  const engines: ProductionEngines | undefined = production ? locateProductionEngines() : undefined;
  const bareNs = engines?.namespace('bare');
  const baselineLabel = production ? 'bare express + queue.add' : 'bare express';
  let product: BenchServer | undefined;
  let bare: BenchServer | undefined;
  try {
    product = await startBenchServer('mottak', { cpuProf: options.cpuProf, ...(engines ? { overrides: engines.overrides } : {}) });
    bare = bareNs
      ? await startBenchServer('bare-queue', { cpuProf: options.cpuProf, overrides: { REDIS_URL: (engines as ProductionEngines).redisUrl, MOTTAK_REDIS_PREFIX: bareNs.redisPrefix } })
      : await startBenchServer('bare', { cpuProf: options.cpuProf });
    const mottak = product;
    out(`mottak all-in-one on ${mottak.url} (pid ${mottak.pid}), ${baselineLabel} on ${bare.url} (pid ${bare.pid}); load generator pid ${process.pid}`);
    const before = await mottak.call<Counts>('counts');
    const acked: string[] = [];

    const load = async (target: 'mottak' | 'bare', duration: number, round: number): Promise<RoundFigures> => {
      const server = target === 'mottak' ? mottak : (bare as BenchServer);
      const before = await server.call<Record<string, number>>('loop', 'run');
      const result = await autocannon({
        url: `${server.url}${PATH}`,
        connections: CONNECTIONS,
        duration,
        timeout: 10,
        requests: [
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': DEMO_PARTNER_KEY },
            setupRequest: (request) => ({ ...request, body: nextBody() }),
            onResponse: (status, body) => {
              if (target === 'mottak' && status === 202) acked.push((JSON.parse(body) as { id: string }).id);
            },
          },
        ],
      });
      const after = await server.call<Record<string, number>>('loop', 'run');
      const cpuS = (after.cpuUserS ?? 0) + (after.cpuSystemS ?? 0) - (before.cpuUserS ?? 0) - (before.cpuSystemS ?? 0);
      const elapsed = (result.finish.getTime() - result.start.getTime()) / 1000;
      const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
      return {
        target,
        round,
        seconds: elapsed,
        ok: result['2xx'],
        reportsPerS: result['2xx'] / elapsed,
        p50: result.latency.p50,
        p99: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statusCodes,
        cpuMsPerOk: (cpuS * 1000) / Math.max(1, result['2xx']),
        loopDelayP50Ms: after.loopDelayP50Ms ?? Number.NaN,
      };
    };

    /** The worker assesses in the all-in-one's process; wait until it idles so the baseline round gets the CPU to itself. */
    const drain = async (): Promise<number> => {
      const deadline = Date.now() + drainTimeoutMs;
      for (;;) {
        const { queue } = await mottak.call<Counts>('counts');
        const backlog = (queue.waiting ?? 0) + (queue.active ?? 0) + (queue.delayed ?? 0);
        if (backlog === 0 || Date.now() > deadline) return backlog;
        await sleep(250);
      }
    };

    out(`warm-up: ${WARMUP_S} s each`);
    await load('bare', WARMUP_S, 0);
    await load('mottak', WARMUP_S, 0);

    const results: RoundFigures[] = [];
    const backlogs: Array<{ round: number; afterMottakRound: number; atBaselineStart: number }> = [];
    for (let round = 1; round <= rounds; round += 1) {
      const atBaselineStart = await drain();
      out(`round ${round}/${rounds}: ${seconds} s ${baselineLabel}, then ${seconds} s mottak${atBaselineStart ? ` (worker still had ${atBaselineStart} jobs)` : ''}`);
      results.push(await load('bare', seconds, round));
      results.push(await load('mottak', seconds, round));
      const { queue } = await mottak.call<Counts>('counts');
      backlogs.push({ round, afterMottakRound: (queue.waiting ?? 0) + (queue.active ?? 0) + (queue.delayed ?? 0), atBaselineStart });
    }

    // Nothing lost: every 202 is a stored report. Requests cut off when autocannon stopped may be
    // stored without their 202 having been read (at most one per connection per run).
    const after = await mottak.call<Counts>('counts');
    const missing = await mottak.call<string[]>('missing', acked);
    const stored = after.reports - before.reports;
    const cutOff = stored - (acked.length - missing.length);
    const lost = missing.length;

    const rows = results.map((r) => ({
      target: r.target,
      round: r.round,
      'reports/s': round(r.reportsPerS),
      '2xx': r.ok,
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      non2xx: r.non2xx,
      errors: r.errors,
      timeouts: r.timeouts,
      'server CPU ms/2xx': round(r.cpuMsPerOk),
      'loop delay p50 ms': r.loopDelayP50Ms,
    }));
    printTable(`POST ${PATH}, ${CONNECTIONS} connections, ${seconds} s per round, avg body ${Math.round(bodyBytes / Math.max(1, counter))} B`, rows);
    for (const r of results.filter((x) => x.non2xx > 0 || x.errors > 0)) {
      out(`  ${r.target} round ${r.round}: answers by status ${JSON.stringify(r.statusCodes)}, non-2xx ${r.non2xx}, socket errors ${r.errors} (of which timeouts after 10 s: ${r.timeouts})`);
    }
    const of = (target: RoundFigures['target'], pick: (r: RoundFigures) => number) => median(results.filter((r) => r.target === target).map(pick));
    const mottakRate = of('mottak', (r) => r.reportsPerS);
    const bareRate = of('bare', (r) => r.reportsPerS);
    const latency = {
      mottak: { p50: of('mottak', (r) => r.p50), p99: of('mottak', (r) => r.p99) },
      bare: { p50: of('bare', (r) => r.p50), p99: of('bare', (r) => r.p99) },
    };
    const cpu = { mottak: of('mottak', (r) => r.cpuMsPerOk), bare: of('bare', (r) => r.cpuMsPerOk) };
    printTable('median over rounds', [
      { target: 'mottak', 'reports/s': round(mottakRate), 'p50 ms': latency.mottak.p50, 'p99 ms': latency.mottak.p99, 'server CPU ms/2xx': round(cpu.mottak) },
      { target: baselineLabel, 'reports/s': round(bareRate), 'p50 ms': latency.bare.p50, 'p99 ms': latency.bare.p99, 'server CPU ms/2xx': round(cpu.bare) },
    ]);
    out(`worker backlog (jobs not yet assessed) right after each mottak round: ${backlogs.map((b) => b.afterMottakRound).join(', ')}`);
    out(
      `verification: ${acked.length} answered 202, ${stored} new reports stored, ${lost} of the 202s missing from the store` +
        `, ${cutOff} stored without a 202 read (in flight when autocannon stopped) → ${lost === 0 ? 'nothing lost' : 'REPORTS LOST'}`,
    );
    if (production) out(`note: ${MONGO_CAVEAT}`);

    finish({
      name: 'intake',
      profile: options.profile,
      machine: machine(),
      figures: [figure('reports_per_s', mottakRate, '/s', bareRate, production ? '>=0.6' : '>=0.5')],
      details: {
        date: new Date().toISOString(),
        machine: machineDetails(),
        quick: options.quick,
        connections: CONNECTIONS,
        secondsPerRound: seconds,
        rounds,
        warmupSeconds: WARMUP_S,
        bodyBytesAvg: Math.round(bodyBytes / Math.max(1, counter)),
        bodies: 'a different ~1 KB Norwegian partner report per request (setupRequest)',
        latencyMs: latency,
        serverCpuMsPer2xx: { mottak: round(cpu.mottak), bare: round(cpu.bare) },
        perRound: results,
        workerBacklog: backlogs,
        verification: { answered202: acked.length, storedNew: stored, missing: lost, storedWithoutAnswer: cutOff, missingIds: missing.slice(0, 20) },
        baseline: production ? 'express 5 + express.json() + one BullMQ queue.add (createBullMqJobQueue.enqueue) per request, own Redis prefix' : 'express 5 + express.json() only',
        server: mottak.info,
        ...(engines ? { engines: engines.describe(), mongo: MONGO_CAVEAT } : {}),
      },
    });
    return lost === 0;
  } finally {
    await Promise.all([product?.close(), bare?.close()]);
    await engines?.cleanup();
  }
}
