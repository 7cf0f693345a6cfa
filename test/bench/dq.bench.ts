import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteAuditLog, openSqliteDatabase, SqliteQualityStore, SqliteReportStore } from '@mottak/adapters-embedded';
import { type CoreDeps, runQualityBatch, scanReports } from '@mottak/core';
import type { Report, User } from '@mottak/domain';
import { BenchAborted, type BenchOptions, figure, finish, machine, machineDetails, median, out, percentile, printMachine, printTable, secondsSince } from './bench-kit';

const CATEGORIES = ['trussel', 'digital', 'sabotasje', 'etterretning', 'annet', 'personopplysninger'];
const COORDINATORS = Array.from({ length: 40 }, (_, i) => `koordinator${i}`);

/** A registered report as the store holds it; a few in ten break a rule (late, duplicate, missing field, fnr in UGRADERT). */
function reportNumber(i: number): Report {
  const received = Date.UTC(2025, 0, 1) + i * 31_000;
  const priority = (['P1', 'P2', 'P3', 'P4'] as const)[i % 4]!;
  const category = CATEGORIES[i % CATEGORIES.length]!;
  const withFnr = i % 10 === 3;
  const id = `bench-${String(i).padStart(8, '0')}`;
  return {
    id,
    channel: 'tipsskjema',
    title: `Melding ${i} om mistenkelig aktivitet`,
    body: `En person observerte noe ved anlegg ${i % 500}. ${withFnr ? 'Fødselsnummer 01017000027 oppgitt. ' : ''}Ring 912 34 ${String(i % 1000).padStart(3, '0')} ved spørsmål; serveren 198.51.100.${i % 250} ble nevnt.`,
    ...(i % 7 === 0 ? {} : { occurredAt: new Date(received - 3_600_000).toISOString() }),
    receivedAt: new Date(received).toISOString(),
    source: { kind: 'public' },
    status: 'registrert',
    contentHash: `hash-${i % 9 === 0 ? i - 1 : i}`,
    gradering: withFnr && i % 20 === 3 ? 'UGRADERT' : 'BEGRENSET',
    compartments: [],
    assessment: {
      assessedAt: new Date(received + (i % 13 === 0 ? 30 : 5) * 60_000).toISOString(),
      ruleSetVersion: 'bench',
      contentHash: `hash-${i}`,
      entities: [
        { type: 'phone', value: '+4791234000', raw: '912 34 000', start: 60, end: 70 },
        { type: 'ipv4', value: `198.51.100.${i % 250}`, raw: `198.51.100.${i % 250}`, start: 90, end: 102 },
        ...(withFnr ? [{ type: 'fodselsnummer' as const, value: '01017000027', raw: '01017000027', start: 40, end: 51 }] : []),
      ],
      duplicateOf: i % 9 === 0 && i > 0 ? [`bench-${String(i - 1).padStart(8, '0')}`] : [],
      priority,
      category,
      firedRules: withFnr ? [{ ruleId: 'personopplysninger', description: 'x', reason: 'y', category: 'personopplysninger' }] : [],
    },
    registration: {
      journalNumber: `${2025 + Math.floor(i / 999_999)}/${String((i % 999_999) + 1).padStart(6, '0')}`,
      registeredAt: new Date(received + (i % 11 === 0 ? 200 : 40) * 60_000).toISOString(),
      registeredBy: COORDINATORS[i % COORDINATORS.length]!,
      priority,
      category,
      priorityOverridden: false,
      categoryOverridden: false,
    },
    version: 3,
    updatedAt: new Date(received + 40 * 60_000).toISOString(),
  };
}

/** Samples RSS while `work` runs: peak, and the mean of the first and last quarter of the samples (to see growth). */
async function withRss<T>(work: () => Promise<T>): Promise<{ result: T; peakMb: number; firstQuarterMb: number; lastQuarterMb: number }> {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(process.memoryUsage().rss), 50);
  try {
    const result = await work();
    samples.push(process.memoryUsage().rss);
    const q = Math.max(1, Math.floor(samples.length / 4));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length / 1_048_576;
    return { result, peakMb: Math.max(...samples) / 1_048_576, firstQuarterMb: mean(samples.slice(0, q)), lastQuarterMb: mean(samples.slice(-q)) };
  } finally {
    clearInterval(timer);
  }
}

/**
 * `pnpm bench dq`: a batch data-quality run (runQualityBatch: page through the reports table,
 * evaluate the shipped catalogue, store each report's score and findings, aggregate per rule,
 * category, coordinator and week) over N registered reports on the embedded profile. Baseline: a
 * plain read-through of the same rows by the same paged reader (SQLite read + JSON.parse).
 * N is 1,000,000 (50,000 with --quick); DQ_BENCH_REPORTS overrides it.
 */
export async function runDqBench(options: BenchOptions): Promise<boolean> {
  if (options.profile !== 'embedded') throw new BenchAborted('bench dq: only the embedded profile is measured (no Mongo quality store yet)');
  printMachine('dq', options);
  const total = Number(process.env.DQ_BENCH_REPORTS ?? (options.quick ? 50_000 : 1_000_000));
  if (!Number.isInteger(total) || total < 1000) throw new BenchAborted('bench dq: DQ_BENCH_REPORTS must be an integer ≥ 1000');
  const rounds = options.quick ? 2 : 2;
  const deadline = performance.now() + (options.quick ? 55_000 : 1_800_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mottak-bench-dq-'));
  const db = openSqliteDatabase(path.join(dir, 'mottak.db'));
  const store = new SqliteReportStore(db);
  const quality = new SqliteQualityStore(db);
  const audit = createSqliteAuditLog(path.join(dir, 'audit.db'));
  try {
    // Seeding is not measured: rows written straight into the report store's table, as register() leaves them.
    const seedStart = performance.now();
    const insert = db.prepare(
      `INSERT INTO reports (id, status, gradering, compartments, content_hash, received_at, journal_year, journal_seq, version, doc)
       VALUES (?, 'registrert', ?, '[]', ?, ?, NULL, NULL, 3, ?)`,
    );
    const chunk = 20_000;
    for (let start = 0; start < total; start += chunk) {
      db.transaction(() => {
        for (let i = start; i < Math.min(total, start + chunk); i++) {
          const r = reportNumber(i);
          insert.run(r.id, r.gradering, r.contentHash, r.receivedAt, JSON.stringify(r));
        }
      })();
      if (performance.now() > deadline) throw new BenchAborted(`bench dq: seeding passed its time bound after ${start} reports`);
    }
    out(`seeded ${total} registered reports in ${secondsSince(seedStart).toFixed(1)} s`);

    let clock = Date.UTC(2026, 0, 10);
    let nextId = 0;
    const deps = {
      quality,
      audit,
      clock: { now: () => new Date((clock += 1)) },
      ids: { newId: () => `run-${(nextId += 1)}` },
    } as unknown as CoreDeps;
    const frida: User = { id: 'u-frida', username: 'frida', displayName: 'Frida', roles: ['fagansvarlig'], klarering: 'HEMMELIG', unit: 'FRS', compartments: [], needs: [], disabled: false };

    const baselineRates: number[] = [];
    const dqRates: number[] = [];
    const memory: Array<{ peakMb: number; firstQuarterMb: number; lastQuarterMb: number }> = [];
    let lastSummary: Awaited<ReturnType<typeof runQualityBatch>>['summary'] | undefined;
    for (let round = 0; round <= rounds; round += 1) {
      // Round 0 warms up (page cache, JIT) and is not counted.
      let t = performance.now();
      let n = 0;
      for await (const report of scanReports(quality, { kind: 'all' }, ['registrert'])) if (report.id) n += 1;
      const baseline = n / secondsSince(t);
      t = performance.now();
      const measured = await withRss(() => runQualityBatch(deps, frida));
      const seconds = secondsSince(t);
      if (measured.result.summary.reports !== total) throw new BenchAborted(`bench dq: evaluated ${measured.result.summary.reports} of ${total}`);
      lastSummary = measured.result.summary;
      out(`round ${round}: read-through ${Math.round(baseline)}/s, dq ${Math.round(total / seconds)}/s, rss peak ${measured.peakMb.toFixed(0)} MB (first quarter ${measured.firstQuarterMb.toFixed(0)}, last ${measured.lastQuarterMb.toFixed(0)})`);
      if (round > 0) {
        baselineRates.push(baseline);
        dqRates.push(total / seconds);
        memory.push(measured);
      }
      if (performance.now() > deadline) break;
    }
    if (dqRates.length === 0) throw new BenchAborted('bench dq: no measured round within the time bound');
    const peakMb = Math.max(...memory.map((m) => m.peakMb));
    const growthMb = Math.max(...memory.map((m) => m.lastQuarterMb - m.firstQuarterMb));
    printTable(`dq batch over ${total} registered reports, ${dqRates.length} rounds`, [
      { measure: 'dq run: read + evaluate + store (reports/s)', median: median(dqRates), p99: percentile(dqRates, 1) },
      { measure: 'baseline: paged read-through (reports/s)', median: median(baselineRates), p99: percentile(baselineRates, 1) },
      { measure: 'peak RSS during dq run (MB)', median: peakMb, p99: peakMb },
      { measure: 'RSS growth first→last quarter (MB)', median: growthMb, p99: growthMb },
    ]);
    finish({
      name: 'dq',
      profile: options.profile,
      machine: machine(),
      figures: [
        figure('records_per_s', median(dqRates), '/s', median(baselineRates), '>=20000/s'),
        // Flat memory: the RSS growth between the first and last quarter of a run stays small whatever N.
        figure('rss_growth_mb', growthMb, 'MB', peakMb, '<=64MB'),
      ],
      details: {
        ...machineDetails(),
        reports: total,
        rounds: dqRates.length,
        dqRates: dqRates.map(Math.round),
        baselineRates: baselineRates.map(Math.round),
        peakRssMb: Math.round(peakMb),
        memory: memory.map((m) => ({ peakMb: Math.round(m.peakMb), firstQuarterMb: Math.round(m.firstQuarterMb), lastQuarterMb: Math.round(m.lastQuarterMb) })),
        score: lastSummary?.score,
        byRule: lastSummary?.byRule,
      },
    });
    return true;
  } finally {
    await audit.close();
    await quality.close();
    await store.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
