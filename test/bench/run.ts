import { BenchAborted, type BenchOptions, PROFILES, type Profile } from './bench-kit';
import { runAccess } from './access.bench';
import { runAssessmentBench } from './assessment.bench';
import { runAuditBench } from './audit.bench';
import { runDqBench } from './dq.bench';
import { runE2e } from './e2e.bench';
import { runIntake } from './intake.bench';
import { runNearDuplicates } from './near-duplicates.bench';
import { runWebBench } from './web.bench';
import { runRegisterBench } from './register.bench';

/**
 * `pnpm bench <name> [--quick] [--profile embedded|production] [--cpu-prof]` — runs one benchmark.
 * Exit codes: 0 done (targets met or missed: the BENCH lines say which), 1 aborted or a check
 * failed (lost reports, unsearchable reports), 2 bad usage.
 */
const BENCHMARKS: Record<string, { about: string; run: (options: BenchOptions) => Promise<boolean> }> = {
  intake: { about: 'POST /api/v1/reports throughput vs a bare express handler (autocannon)', run: runIntake },
  access: { about: 'search latency with the access filter vs the same query unfiltered (FTS5; + Elasticsearch with --profile production)', run: runAccess },
  assessment: { about: 'extraction P/R/F1 per entity type, look-alikes extracted, duplicate detection and language on a labelled corpus; assessments/s and p99 on 2 KB reports vs NFKC + one regex pass; 1 MB fuzz per extractor', run: runAssessmentBench },
  audit: { about: 'audit log append rate and Merkle+chain verify rate (the audit part of `access`) vs read + raw SHA-256', run: runAuditBench },
  dq: { about: 'batch data-quality run over N registered reports (records/s, peak RSS) vs a paged read-through of the same rows', run: runDqBench },
  e2e: { about: 'intake → assessment → registration → searchable over HTTP vs raw SQLite + FTS5', run: runE2e },
  register: { about: 'concurrent registrations over HTTP with gap-free journal numbers vs authenticated reads of the same reports', run: runRegisterBench },
  web: { about: 'cold load of the triage desk in Chromium to the first queue row, with 10,000 open reports, vs a minimal page', run: runWebBench },
  'near-duplicates': { about: 'near-duplicate lookup p99 at 100,000 stored reports (SQLite band index) vs the exact content-hash lookup; recall of edited copies', run: runNearDuplicates },
};

function usage(message?: string): never {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write('usage: pnpm bench <name> [--quick] [--profile embedded|production] [--cpu-prof]\nbenchmarks:\n');
  for (const [name, { about }] of Object.entries(BENCHMARKS)) process.stderr.write(`  ${name.padEnd(8)} ${about}\n`);
  process.exit(2);
}

function parse(argv: string[]): { name: string; options: BenchOptions } {
  let name: string | undefined;
  const options: BenchOptions = { quick: false, profile: 'embedded', cpuProf: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] as string;
    if (arg === '--') continue;
    if (arg === '--quick') options.quick = true;
    else if (arg === '--cpu-prof') options.cpuProf = true;
    else if (arg === '--profile' || arg.startsWith('--profile=')) {
      const value = arg.includes('=') ? arg.slice('--profile='.length) : argv[++i];
      if (!value || !(PROFILES as readonly string[]).includes(value)) {
        usage(`unknown profile ${value ?? '(none)'}; available: ${PROFILES.join(', ')}`);
      }
      options.profile = value as Profile;
    } else if (arg === '--help' || arg === '-h') usage();
    else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else if (name === undefined) name = arg;
    else usage(`one benchmark at a time (got ${name} and ${arg})`);
  }
  if (name === undefined) usage('which benchmark?');
  if (!(name in BENCHMARKS)) usage(`unknown benchmark ${name}`);
  return { name, options };
}

async function main(): Promise<boolean> {
  const { name, options } = parse(process.argv.slice(2));
  const bench = BENCHMARKS[name];
  if (!bench) usage(`unknown benchmark ${name}`);
  return bench.run(options);
}

// Explicit exit: a stray timer in a library must not keep a finished benchmark alive (stdout to a
// pipe or file is written synchronously on Linux, so nothing printed is lost).
main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    if (error instanceof BenchAborted) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
