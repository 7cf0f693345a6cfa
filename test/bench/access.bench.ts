import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createElasticSearchIndex } from '@mottak/adapters-elastic';
import { createFts5SearchIndex } from '@mottak/adapters-embedded';
import type { SearchDocument, SearchIndex } from '@mottak/core';
import { GRADERINGER, type Gradering, type User } from '@mottak/domain';
import { type AccessCondition, defineAbilityFor, reportAccessCondition } from '@mottak/policies';
import { type BenchOptions, figure, finish, machine, median, out, percentile, printMachine, printTable, round, secondsSince } from './bench-kit';
import { deleteElasticIndices } from '../support/production-engines';
import { partnerReport } from './report-text';

/**
 * `pnpm bench access`: search latency with the user's access filter compiled into the query,
 * versus the same query with no filter, on an index of N reports with a realistic spread of
 * gradering and compartments. Per engine: FTS5 (embedded) and, with --profile production,
 * Elasticsearch. Target: filtered p50 ≤ 1.5 × unfiltered p50.
 */

/** Most material is low-graded; a few percent sits in compartments (need-to-know). */
const GRADERING_SPREAD: Array<[Gradering, number]> = [
  ['UGRADERT', 0.3],
  ['BEGRENSET', 0.45],
  ['KONFIDENSIELT', 0.15],
  ['HEMMELIG', 0.08],
  ['STRENGT_HEMMELIG', 0.02],
];
const COMPARTMENTS = ['kontraetterretning', 'kontraterror', 'kontraspionasje', 'cyber'];
const QUERY_WORDS = ['kraftstasjonen', 'rådhuset', 'ambassaden', 'datasenteret', 'drone', 'varebil', 'konsulent', 'vekteren', 'Bergen', 'Tromsø havn'];

function graderingFor(index: number): Gradering {
  // A deterministic low-discrepancy pick, so every run indexes the same spread.
  const u = ((index * 0.618_033_988_75) % 1 + 1) % 1;
  let acc = 0;
  for (const [gradering, share] of GRADERING_SPREAD) {
    acc += share;
    if (u < acc) return gradering;
  }
  return 'UGRADERT';
}

function documentFor(index: number): SearchDocument {
  const { title, body } = partnerReport(index, `acc${index}`);
  const compartments = index % 20 === 0 ? [COMPARTMENTS[index % COMPARTMENTS.length]!] : index % 97 === 0 ? COMPARTMENTS.slice(0, 2) : [];
  return {
    id: `bench-${index}`,
    journalNumber: `2026/${String(index + 1).padStart(6, '0')}`,
    title,
    body,
    channel: 'partner',
    category: ['observasjon', 'trussel', 'cyber', 'etterretning'][index % 4]!,
    priority: (['P1', 'P2', 'P3', 'P4'] as const)[index % 4]!,
    gradering: graderingFor(index),
    compartments,
    status: 'registrert',
    registeredAt: new Date(Date.UTC(2026, 0, 1) + index * 60_000).toISOString(),
    identifiers: [],
    entityTypes: [],
  };
}

const USERS: Array<{ label: string; user: User }> = [
  { label: 'søkebruker BEGRENSET', user: benchUser(['sokebruker'], 'BEGRENSET', []) },
  { label: 'koordinator HEMMELIG + 1 rom', user: benchUser(['koordinator'], 'HEMMELIG', ['kontraetterretning']) },
];

function benchUser(roles: User['roles'], klarering: Gradering, compartments: string[]): User {
  return { id: `u-${klarering}`, username: 'bench', displayName: 'Bench', roles, klarering, unit: 'FRS', compartments, needs: [], disabled: false };
}

async function fill(index: SearchIndex, count: number): Promise<void> {
  const started = performance.now();
  if (index.rebuild) {
    await index.rebuild(
      (async function* () {
        for (let i = 0; i < count; i += 1) yield documentFor(i);
      })(),
    );
  } else {
    for (let i = 0; i < count; i += 1000) await index.upsert(Array.from({ length: Math.min(1000, count - i) }, (_, j) => documentFor(i + j)));
  }
  out(`  indexed ${count} documents in ${round(secondsSince(started), 1)} s`);
}

async function timeQueries(index: SearchIndex, access: AccessCondition, rounds: number): Promise<number[]> {
  const timings: number[] = [];
  for (let r = 0; r < rounds; r += 1) {
    const text = QUERY_WORDS[r % QUERY_WORDS.length]!;
    const start = process.hrtime.bigint();
    await index.search({ text, identifiers: [], access, limit: 20, offset: 0 });
    timings.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return timings;
}

/** Runs the comparison on one engine; returns the worst filtered/unfiltered p50 ratio over the users. */
async function measureEngine(engine: string, index: SearchIndex, count: number, rounds: number, rows: Array<Record<string, string | number>>): Promise<{ filtered: number; unfiltered: number }> {
  await fill(index, count);
  await timeQueries(index, { kind: 'all' }, Math.min(50, rounds)); // warm-up
  let worst = { filtered: 0, unfiltered: 1 };
  for (const { label, user } of USERS) {
    const access = reportAccessCondition(defineAbilityFor(user));
    // Interleave the two so drift (GC, page cache) hits both alike.
    const unfiltered: number[] = [];
    const filtered: number[] = [];
    for (let block = 0; block < 5; block += 1) {
      unfiltered.push(...(await timeQueries(index, { kind: 'all' }, rounds / 5)));
      filtered.push(...(await timeQueries(index, access, rounds / 5)));
    }
    const row = { engine, user: label, queries: filtered.length, 'unfiltered p50 ms': median(unfiltered), 'filtered p50 ms': median(filtered), 'unfiltered p99 ms': percentile(unfiltered, 99), 'filtered p99 ms': percentile(filtered, 99), ratio: median(filtered) / median(unfiltered) };
    rows.push(row);
    if (row.ratio > worst.filtered / worst.unfiltered) worst = { filtered: median(filtered), unfiltered: median(unfiltered) };
  }
  return worst;
}

export async function runAccess(options: BenchOptions): Promise<boolean> {
  printMachine('access', options);
  const count = options.quick ? 10_000 : 100_000;
  const rounds = options.quick ? 100 : 500;
  const rows: Array<Record<string, string | number>> = [];
  const figures = [];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mottak-bench-access-'));
  try {
    out(`FTS5: ${count} reports`);
    const fts = createFts5SearchIndex(path.join(dir, 'search.db'));
    try {
      const worst = await measureEngine('fts5', fts, count, rounds, rows);
      figures.push(figure('fts5_filtered_p50', worst.filtered, 'ms', worst.unfiltered, '<=1.5'));
    } finally {
      await fts.close();
    }
    if (options.profile === 'production') {
      const node = process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9250';
      const alias = `bench-access-${Date.now()}`;
      out(`Elasticsearch (${node}): ${count} reports`);
      const es = createElasticSearchIndex({ node, indexAlias: alias, analyzer: 'auto' });
      try {
        const worst = await measureEngine('elasticsearch', es, count, rounds, rows);
        figures.push(figure('elasticsearch_filtered_p50', worst.filtered, 'ms', worst.unfiltered, '<=1.5'));
      } finally {
        await es.close();
        await deleteElasticIndices(node, `${alias}*`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  printTable('Search latency with and without the access filter (limit 20, one word per query)', rows);
  finish({
    name: 'access',
    profile: options.profile,
    machine: machine(),
    figures,
    details: { reports: count, queriesPerUser: rounds, graderingSpread: Object.fromEntries(GRADERING_SPREAD), compartmentShare: '≈6 %', rows, graderinger: GRADERINGER },
  });
  return true;
}
