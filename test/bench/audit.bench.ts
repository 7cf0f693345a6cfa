import { hash } from 'node:crypto';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteAuditLog, openSqliteDatabase } from '@mottak/adapters-embedded';
import { checkpointKeyFromPem, type CoreDeps, signCheckpoint, verifyLog } from '@mottak/core';
import { BenchAborted, type BenchOptions, figure, finish, machine, machineDetails, median, out, percentile, printMachine, printTable, secondsSince } from './bench-kit';

/**
 * The audit part of `pnpm bench access` (run alone as `pnpm bench audit`): append throughput of the
 * embedded audit log, and the rate at which `verifyLog` streams it, recomputing the hash chain and
 * the Merkle tree and checking signed checkpoints along the way. Baseline: the same rows read from
 * the same file and hashed once with raw SHA-256 — the floor any verifier pays to read and hash.
 */
export async function runAuditBench(options: BenchOptions): Promise<boolean> {
  if (options.profile !== 'embedded') throw new BenchAborted('bench audit: only the embedded profile is measured so far (the Mongo audit log is the production part still to do)');
  printMachine('audit', options);
  const total = options.quick ? 100_000 : 1_000_000;
  const checkpoints = 10;
  const rounds = options.quick ? 3 : 3;
  const deadline = performance.now() + (options.quick ? 60_000 : 900_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'mottak-bench-audit-'));
  const file = path.join(dir, 'audit.db');
  const audit = createSqliteAuditLog(file);
  const key = checkpointKeyFromPem(generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString());
  let clock = Date.UTC(2026, 0, 1);
  // Only what the audit log's use cases touch; the journal side is not part of this benchmark.
  const deps = { audit, checkpointKey: key, clock: { now: () => new Date(clock) } } as unknown as CoreDeps;
  const system = { kind: 'system', name: 'bench' } as const;
  try {
    // Appends as the API makes them: many concurrent, group-committed by the adapter.
    const batch = 500;
    const appendStart = performance.now();
    for (let done = 0; done < total; done += batch) {
      if (performance.now() > deadline) throw new BenchAborted(`bench audit: appending passed its time bound after ${done} entries`);
      const n = Math.min(batch, total - done);
      await Promise.all(
        Array.from({ length: n }, (_, i) => {
          clock += 7;
          const seq = done + i;
          return audit.append({
            at: new Date(clock).toISOString(),
            actor: `user:bruker${seq % 200}`,
            action: seq % 3 === 0 ? 'search' : 'report.read',
            ...(seq % 3 === 0 ? {} : { subjectId: `report-${seq % 5000}` }),
            details: seq % 3 === 0 ? { query: { text: 'kraftstasjon drone', gradering: ['BEGRENSET'] }, hits: 12, ids: [`report-${seq % 97}`, `report-${seq % 89}`] } : { fields: ['title', 'body'], masked: seq % 2 === 0 },
          });
        }),
      );
      if ((done + n) % Math.floor(total / checkpoints) === 0) await signCheckpoint(deps, system, 'audit');
    }
    const appendSeconds = secondsSince(appendStart);
    const appendRate = total / appendSeconds;
    out(`appended ${total} entries in ${appendSeconds.toFixed(1)} s (${Math.round(appendRate)}/s, ${checkpoints} checkpoints signed along the way)`);

    const raw = openSqliteDatabase(file);
    const rows = raw.prepare<[], { at: string; actor: string; action: string; subject_id: string | null; details: string }>('SELECT at, actor, action, subject_id, details FROM audit_entries ORDER BY seq');
    const baselineRates: number[] = [];
    const verifyRates: number[] = [];
    let verifiedEntries = 0;
    for (let round = 0; round <= rounds; round += 1) {
      // Round 0 warms up (page cache, JIT) and is not counted.
      let t = performance.now();
      let n = 0;
      for (const row of rows.iterate()) {
        hash('sha256', `${row.at}${row.actor}${row.action}${row.subject_id ?? ''}${row.details}`, 'buffer');
        n += 1;
      }
      const baseline = n / secondsSince(t);
      t = performance.now();
      const result = await verifyLog(deps, system, 'audit');
      const rate = result.entries / secondsSince(t);
      if (!result.ok) throw new BenchAborted(`bench audit: verification failed: ${result.problem?.message ?? '?'}`);
      if (result.checkpoints.rootsChecked < checkpoints) throw new BenchAborted(`bench audit: only ${result.checkpoints.rootsChecked} checkpoint roots checked`);
      verifiedEntries = result.entries;
      if (round > 0) {
        baselineRates.push(baseline);
        verifyRates.push(rate);
      }
      if (performance.now() > deadline) break;
    }
    raw.close();

    printTable(`audit log, ${verifiedEntries} entries, ${verifyRates.length} rounds`, [
      { measure: 'append (entries/s)', median: appendRate, p99: appendRate },
      { measure: 'verify chain+Merkle+signatures (entries/s)', median: median(verifyRates), p99: percentile(verifyRates, 1) },
      { measure: 'baseline: read + raw SHA-256 (rows/s)', median: median(baselineRates), p99: percentile(baselineRates, 1) },
    ]);
    const verifyFigure = figure('verify_entries_per_s', median(verifyRates), '/s', median(baselineRates), '>=200000/s');
    const appendFigure = figure('append_entries_per_s', appendRate, '/s', median(baselineRates), '>0/s');
    finish({
      name: 'audit',
      profile: options.profile,
      machine: machine(),
      figures: [verifyFigure, appendFigure],
      details: {
        ...machineDetails(),
        entries: verifiedEntries,
        checkpoints,
        rounds: verifyRates.length,
        verifyRates: verifyRates.map(Math.round),
        baselineRates: baselineRates.map(Math.round),
        note: 'p99 over rounds is the slowest round (few rounds); the append baseline is the same read+hash floor, for scale only',
      },
    });
    return true;
  } finally {
    await audit.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
