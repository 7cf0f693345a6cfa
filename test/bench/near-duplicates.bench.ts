import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openSqliteDatabase, SqliteReportStore } from '@mottak/adapters-embedded';
import { MAX_PROBE_DISTANCE, simhash, simhashDistance, simhashProbeBands } from '@mottak/assessment';
import { NEAR_DUPLICATE_MAX_DISTANCE } from '@mottak/core';
import type { Gradering, Report, User } from '@mottak/domain';
import { type AccessCondition, defineAbilityFor, reportAccessCondition } from '@mottak/policies';
import { BenchAborted, type BenchOptions, figure, finish, machine, machineDetails, median, out, percentile, printMachine, printTable, round, secondsSince } from './bench-kit';

/**
 * `pnpm bench near-duplicates [--quick]`: the near-duplicate lookup (ReportStore.findNearDuplicates
 * on SQLite: band keys in a side table, multi-index-hashing probes, re-ranked by exact Hamming
 * distance, the access condition inside the query) at N stored reports (100,000; 10,000 with
 * --quick; NEAR_DUP_BENCH_REPORTS overrides). Baseline: the exact-duplicate lookup
 * (findIdsByContentHash, one indexed equality) with the same access condition, in the same run.
 * Also: candidate counts per probe radius, recall of perturbed copies (words changed) against the
 * plain four-band lookup of before, exactness against a full scan, and the identifier-overlap lookup.
 */

/** Function words: frequent in every report, as in real text (they bias SimHash bits, which makes band buckets uneven). */
const STOP = 'og i på det en som er til av med for at han ikke har den var de jeg om et så fra ved kan etter hun skal ble vi seg'.split(' ');
const SYLLABLES = 'ba be bi bo bu da de di do du fa fe fi fo fu ga ge gi go gu ha he hi ho hu ja je jo ka ke ki ko ku la le li lo lu ma me mi mo mu na ne ni no nu pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu va ve vi vo sk st str kr fl gr tr'.split(' ');
const ENDINGS = ['', '', 'en', 'et', 'ene', 'er', 'te', 'ing', 'het', 'lig'];
/** Boilerplate as tip forms and partner notices have it: shared by many reports. */
const OPENINGS = [
  'Jeg vil tipse om noe jeg har sett.',
  'Vi har mottatt følgende opplysninger fra en samarbeidspartner.',
  'Melding fra vekter på stedet.',
  'Tipser ringte inn og fortalte følgende.',
  '',
  '',
];
const CLOSINGS = ['Tipser kan kontaktes ved behov.', 'Vi ber om en vurdering av saken.', 'Ingen flere opplysninger.', '', ''];

/** mulberry32: a small seeded generator, so every run stores the same corpus. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VOCABULARY: string[] = (() => {
  const r = rng(42);
  const words = new Set<string>();
  while (words.size < 20_000) {
    let word = '';
    for (let i = 0, n = 1 + Math.floor(r() * 3); i < n; i++) word += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    words.add(word + ENDINGS[Math.floor(r() * ENDINGS.length)]);
  }
  return [...words];
})();

/** A word with Zipf-like frequencies: a third function words, the rest log-uniform over a 20,000-word vocabulary. */
function word(r: () => number): string {
  if (r() < 0.35) return STOP[Math.floor(r() * r() * STOP.length)]!;
  return VOCABULARY[Math.floor(Math.exp(r() * Math.log(VOCABULARY.length))) - 1]!;
}

/** Report number `i`: 30–400 words of text between common openings and closings, with a phone number. */
function reportText(i: number): { title: string; body: string; words: number; phone: string } {
  const r = rng(i * 2_654_435_761);
  const words = 30 + Math.floor(r() * r() * 370);
  const text = Array.from({ length: words }, () => word(r)).join(' ');
  const phone = `+479${String(1_000_000 + (i % 8_999_999)).padStart(7, '0')}`;
  const body = [OPENINGS[i % OPENINGS.length], text, `Ring ${phone}.`, CLOSINGS[i % CLOSINGS.length]].filter(Boolean).join(' ');
  return { title: `Melding ${word(r)} ${word(r)}`, body, words: words + 2, phone };
}

/** `text` with `k` words replaced at random positions (a coordinator's "a few words changed" copy). */
function perturbed(text: string, k: number, seed: number): string {
  const r = rng(seed ^ 0x5bd1e995);
  const words = text.split(' ');
  for (let i = 0; i < k; i++) words[Math.floor(r() * words.length)] = word(r);
  return words.join(' ');
}

const GRADERINGER: Gradering[] = ['BEGRENSET', 'BEGRENSET', 'KONFIDENSIELT', 'HEMMELIG'];
const T0 = Date.UTC(2025, 0, 1);

function storedReport(i: number): Report {
  const { title, body, phone } = reportText(i);
  const receivedAt = new Date(T0 + i * 60_000).toISOString();
  const id = `nd-${String(i).padStart(8, '0')}`;
  return {
    id,
    channel: 'tipsskjema',
    title,
    body,
    receivedAt,
    source: { kind: 'public' },
    status: 'vurdert',
    contentHash: `hash-${i}`,
    gradering: GRADERINGER[i % GRADERINGER.length]!,
    compartments: i % 10 === 0 ? ['kontraetterretning'] : [],
    assessment: {
      assessedAt: receivedAt,
      ruleSetVersion: 'bench',
      contentHash: `hash-${i}`,
      entities: [{ type: 'phone', value: phone, raw: phone, start: 0, end: phone.length }],
      duplicateOf: [],
      priority: 'P3',
      category: 'annet',
      firedRules: [],
      simhash: simhash(`${title}\n${body}`),
    },
    version: 2,
    updatedAt: receivedAt,
  };
}

/** Wall time of `fn` in milliseconds. */
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

export async function runNearDuplicates(options: BenchOptions): Promise<boolean> {
  if (options.profile !== 'embedded') throw new BenchAborted('bench near-duplicates: only the embedded profile is measured (the Mongo lookup runs on mongo-java-server here, which says nothing about MongoDB)');
  printMachine('near-duplicates', options);
  const total = Number(process.env.NEAR_DUP_BENCH_REPORTS ?? (options.quick ? 10_000 : 100_000));
  if (!Number.isInteger(total) || total < 1000) throw new BenchAborted('bench near-duplicates: NEAR_DUP_BENCH_REPORTS must be an integer ≥ 1000');
  const queriesPerRound = options.quick ? 300 : 1000;
  const rounds = options.quick ? 2 : 3;
  const recallSamples = options.quick ? 300 : 1000;
  const deadline = performance.now() + (options.quick ? 55_000 : 900_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mottak-bench-near-'));
  const db = openSqliteDatabase(path.join(dir, 'mottak.db'));
  const store = new SqliteReportStore(db);
  try {
    // Seeding through the store (side tables written as in production), without fsync: not measured.
    db.pragma('synchronous = OFF');
    const seedStart = performance.now();
    const hashes: string[] = [];
    const batch = 2000;
    for (let start = 0; start < total; start += batch) {
      const reports = Array.from({ length: Math.min(batch, total - start) }, (_, j) => storedReport(start + j));
      for (const r of reports) hashes.push(r.assessment!.simhash!);
      await Promise.all(reports.map((r) => store.receive(r, { at: r.receivedAt, actor: 'bench', action: 'report.received', details: {} })));
      if (performance.now() > deadline) throw new BenchAborted(`bench near-duplicates: seeding passed its time bound after ${start} reports`);
    }
    db.pragma('synchronous = FULL');
    db.exec('ANALYZE');
    out(`seeded ${total} assessed reports through the store in ${secondsSince(seedStart).toFixed(1)} s`);

    const coordinator: User = { id: 'u-k', username: 'kari', displayName: 'Kari', roles: ['koordinator'], klarering: 'HEMMELIG', unit: 'FRS', compartments: [], needs: [], disabled: false };
    const access: AccessCondition = reportAccessCondition(defineAbilityFor(coordinator));
    const LATER = { receivedAt: '2999-01-01T00:00:00.000Z', id: '' };

    // Queries: perturbed copies of stored reports (1–3 words changed) and fresh, unrelated reports.
    const queries: string[] = [];
    const qr = rng(7);
    for (let q = 0; q < queriesPerRound; q++) {
      const i = Math.floor(qr() * total);
      if (q % 2 === 0) {
        const { title, body } = reportText(i);
        queries.push(simhash(`${title}\n${perturbed(body, 1 + (q % 3), q)}`));
      } else queries.push(simhash(`${reportText(total + 10_000 + q).title}\n${reportText(total + 10_000 + q).body}`));
    }

    // Exactness: the indexed lookup answers what a full scan answers (a check; the benchmark fails if not).
    for (const [q, query] of queries.slice(0, 50).entries()) {
      const found = (await store.findNearDuplicates({ simhash: query, maxDistance: NEAR_DUPLICATE_MAX_DISTANCE, before: LATER, limit: 100_000 }, { kind: 'all' })).map((m) => m.id).sort();
      const scanned = hashes.flatMap((h, i) => (simhashDistance(h, query) <= NEAR_DUPLICATE_MAX_DISTANCE ? [`nd-${String(i).padStart(8, '0')}`] : [])).sort();
      if (found.join() !== scanned.join()) throw new BenchAborted(`bench near-duplicates: query ${q} found ${found.length}, a full scan ${scanned.length}`);
    }
    out('exactness: the indexed lookup matched a full scan on 50 queries');

    // Warm up (page cache, statement cache, JIT), then measure rounds of near lookups and the exact baseline interleaved.
    for (const query of queries.slice(0, 200)) await store.findNearDuplicates({ simhash: query, maxDistance: NEAR_DUPLICATE_MAX_DISTANCE, before: LATER, limit: 10 }, access);
    const nearMs: number[] = [];
    const exactMs: number[] = [];
    const allMs: number[] = [];
    for (let r = 0; r < rounds; r++) {
      for (const [q, query] of queries.entries()) {
        nearMs.push(await timed(() => store.findNearDuplicates({ simhash: query, maxDistance: NEAR_DUPLICATE_MAX_DISTANCE, before: LATER, limit: 10 }, access)));
        exactMs.push(await timed(() => store.findIdsByContentHash(`hash-${(q * 7919) % total}`, 'none', access)));
        allMs.push(await timed(() => store.findNearDuplicates({ simhash: query, maxDistance: NEAR_DUPLICATE_MAX_DISTANCE, before: LATER, limit: 10 }, { kind: 'all' })));
      }
      if (performance.now() > deadline) break;
    }

    // Candidates and latency per reach: how many index entries each probe set touches.
    const candidateRows: Array<Record<string, string | number>> = [];
    const countCandidates = db.prepare<[string], { n: number }>('SELECT COUNT(DISTINCT report_id) AS n FROM report_simhash_bands WHERE band_key IN (SELECT value FROM json_each(?))');
    for (const maxDistance of [3, 7, NEAR_DUPLICATE_MAX_DISTANCE, MAX_PROBE_DISTANCE]) {
      const counts: number[] = [];
      const ms: number[] = [];
      for (const query of queries.slice(0, 300)) {
        counts.push(countCandidates.get(JSON.stringify(simhashProbeBands(query, maxDistance)))!.n);
        ms.push(await timed(() => store.findNearDuplicates({ simhash: query, maxDistance, before: LATER, limit: 10 }, access)));
      }
      candidateRows.push({
        'max distance': maxDistance,
        'similarity ≥': round(1 - maxDistance / 64, 3),
        'probe keys': simhashProbeBands('0000000000000000', maxDistance).length,
        'candidates p50': median(counts),
        'candidates p99': percentile(counts, 99),
        'lookup p50 ms': median(ms),
        'lookup p99 ms': percentile(ms, 99),
      });
    }

    // Recall: copies of stored reports with k words changed, found within the threshold (and by the plain four bands, distance ≤ 3).
    const recallRows: Array<Record<string, string | number>> = [];
    const recallDetails: Record<string, unknown> = {};
    const rr = rng(11);
    for (const k of [1, 2, 3, 5]) {
      for (const [bucket, min, max] of [['30–80 words', 0, 80], ['80–200 words', 80, 200], ['200–400 words', 200, 1000]] as const) {
        let tried = 0;
        let found = 0;
        let plain = 0;
        const distances: number[] = [];
        for (let attempt = 0; tried < recallSamples / 4 && attempt < recallSamples * 50; attempt++) {
          const i = Math.floor(rr() * total);
          const text = reportText(i);
          if (text.words < min || text.words >= max) continue;
          tried++;
          const copy = simhash(`${text.title}\n${perturbed(text.body, k, attempt)}`);
          const matches = await store.findNearDuplicates({ simhash: copy, maxDistance: NEAR_DUPLICATE_MAX_DISTANCE, before: LATER, limit: 10 }, { kind: 'all' });
          const original = `nd-${String(i).padStart(8, '0')}`;
          if (matches.some((m) => m.id === original)) found++;
          const d = simhashDistance(copy, hashes[i]!);
          distances.push(d);
          if (d <= 3) plain++;
        }
        recallRows.push({ 'words changed': k, length: bucket, copies: tried, recall: round(found / tried, 3), 'plain 4 bands (≤3)': round(plain / tried, 3), 'distance p50': median(distances), 'distance p90': percentile(distances, 90) });
        recallDetails[`k${k} ${bucket}`] = { copies: tried, recall: found / tried, plainBands: plain / tried };
      }
      if (performance.now() > deadline) break;
    }

    // False matches: unrelated fresh reports matched to stored ones, and how close the closest stored report is.
    const unrelated = queries.filter((_, q) => q % 2 === 1).slice(0, 100);
    let falseMatches = 0;
    const closest: number[] = [];
    for (const query of unrelated) {
      falseMatches += (await store.findNearDuplicates({ simhash: query, maxDistance: NEAR_DUPLICATE_MAX_DISTANCE, before: LATER, limit: 100 }, { kind: 'all' })).length;
      let best = 64;
      for (const h of hashes) best = Math.min(best, simhashDistance(h, query));
      closest.push(best);
    }

    // Identifier overlaps for one phone number per report (indexed the same way), with the same access.
    const overlapMs: number[] = [];
    for (let q = 0; q < 300; q++) {
      const { phone } = reportText((q * 104_729) % total);
      overlapMs.push(await timed(() => store.findEntityOverlaps({ entities: [{ type: 'phone', value: phone }], before: LATER, registeredLimit: 5 }, access)));
    }

    const p99 = percentile(nearMs, 99);
    const baselineP99 = percentile(exactMs, 99);
    const shortTwoWords = recallDetails['k2 30–80 words'] as { recall: number };
    const longTwoWords = recallDetails['k2 200–400 words'] as { recall: number };
    const midTwoWords = recallDetails['k2 80–200 words'] as { recall: number; plainBands: number };
    printTable(`lookup latency at ${total} stored reports (${nearMs.length} lookups, ${rounds} rounds, max distance ${NEAR_DUPLICATE_MAX_DISTANCE})`, [
      { lookup: 'near-duplicates, coordinator access (ms)', p50: median(nearMs), p99, max: Math.max(...nearMs) },
      { lookup: 'near-duplicates, no access filter (ms)', p50: median(allMs), p99: percentile(allMs, 99), max: Math.max(...allMs) },
      { lookup: 'baseline: exact content hash, coordinator access (ms)', p50: median(exactMs), p99: baselineP99, max: Math.max(...exactMs) },
      { lookup: 'identifier overlap, one phone number (ms)', p50: median(overlapMs), p99: percentile(overlapMs, 99), max: Math.max(...overlapMs) },
    ]);
    printTable('candidates and latency by reach (300 queries; candidates = distinct reports behind the probed band keys)', candidateRows);
    printTable(`recall of perturbed copies at distance ≤ ${NEAR_DUPLICATE_MAX_DISTANCE} (the original must be found)`, recallRows);
    out(`false matches: ${falseMatches} over ${unrelated.length} unrelated reports; closest stored report to each: min ${Math.min(...closest)}, p50 ${median(closest)}, max ${Math.max(...closest)} bits`);
    finish({
      name: 'near-duplicates',
      profile: options.profile,
      machine: machine(),
      figures: [
        figure('lookup_p99', p99, 'ms', baselineP99, '<=10ms'),
        // Against the plain four 16-bit bands (distance ≤ 3) that the SimHash note described.
        figure('recall_2_words_80_200', midTwoWords.recall * 100, '%', midTwoWords.plainBands * 100, '>=90%'),
      ],
      details: {
        ...machineDetails(),
        reports: total,
        maxDistance: NEAR_DUPLICATE_MAX_DISTANCE,
        lookups: nearMs.length,
        nearMs: { p50: round(median(nearMs), 3), p99: round(p99, 3), max: round(Math.max(...nearMs), 3) },
        nearNoAccessMs: { p50: round(median(allMs), 3), p99: round(percentile(allMs, 99), 3) },
        exactMs: { p50: round(median(exactMs), 3), p99: round(baselineP99, 3) },
        overlapMs: { p50: round(median(overlapMs), 3), p99: round(percentile(overlapMs, 99), 3) },
        candidates: candidateRows,
        recall: recallDetails,
        recallTwoWordsShort: shortTwoWords.recall,
        recallTwoWordsLong: longTwoWords.recall,
        falseMatchesPerUnrelatedQuery: falseMatches / unrelated.length,
        closestUnrelatedBits: { min: Math.min(...closest), p50: median(closest), max: Math.max(...closest) },
      },
    });
    return true;
  } finally {
    await store.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
