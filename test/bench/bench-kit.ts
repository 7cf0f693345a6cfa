import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The repository root (bench results are written relative to it). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Profiles the config accepts (MOTTAK_PROFILE); `production` runs against Redis, Elasticsearch and Mongo (production-engines.ts). */
export const PROFILES = ['embedded', 'production'] as const;
export type Profile = (typeof PROFILES)[number];

export interface BenchOptions {
  quick: boolean;
  profile: Profile;
  /** Write V8 CPU profiles of the server processes to bench/results/profiles/. */
  cpuProf: boolean;
}

export interface Machine {
  cpus: number;
  node: string;
}

/** One headline figure; one `BENCH` line is printed per figure. */
export interface Figure {
  metric: string;
  value: number;
  unit: string;
  baseline: number;
  ratio: number;
  /** `<op><threshold>`, e.g. `>=0.5` (a ratio) or `>=1000/s` (an absolute value with its unit). */
  target: string;
  met: boolean;
}

export interface BenchResult {
  name: string;
  profile: Profile;
  machine: Machine;
  figures: Figure[];
  details: Record<string, unknown>;
}

/** The CPU count and Node version (the JSON's `machine`), as BENCH.md asks. */
export function machine(): Machine {
  return { cpus: os.cpus().length, node: process.version };
}

/** Machine facts beyond BENCH.md's `machine` object; they go into `details`. */
export function machineDetails(): Record<string, unknown> {
  return {
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    platform: `${os.platform()} ${os.release()}`,
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    // Others' work on a shared machine shows here; high load means low and noisy figures.
    loadAverage1m: round(os.loadavg()[0] ?? Number.NaN),
  };
}

/** Prints the machine line every benchmark starts with. */
export function printMachine(name: string, options: BenchOptions): void {
  const m = machine();
  const extra = machineDetails();
  out(`bench ${name}: ${m.cpus} CPUs (${String(extra.cpuModel)}), Node ${m.node}, profile ${options.profile}${options.quick ? ', --quick' : ''}; load average ${String(extra.loadAverage1m)}`);
  if (Number(extra.loadAverage1m) > m.cpus / 2) out(`  note: the machine is busy with other work (load ${String(extra.loadAverage1m)} on ${m.cpus} CPUs); figures will be low and noisy`);
}

/** Median of `values` (NaN for none). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** The `p`th percentile (nearest rank) of `values` (NaN for none). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}

/** Rounds for display and JSON: integers above 100, otherwise up to `digits` decimals. */
export function round(value: number, digits = 2): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= 100) return Math.round(value);
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/** Builds a figure, deciding `met` from `target` (`>=x`, `>x`, `<=x`, `<x`; a `/s`-style unit means the value, none the ratio). */
export function figure(metric: string, value: number, unit: string, baseline: number, target: string): Figure {
  const ratio = baseline > 0 ? value / baseline : Number.NaN;
  const parsed = /^(>=|<=|>|<)([0-9.]+)(.*)$/.exec(target);
  if (!parsed) throw new Error(`bad target ${target}`);
  const [, op, threshold, targetUnit] = parsed as unknown as [string, string, string, string];
  const subject = targetUnit === '' ? ratio : value;
  const t = Number(threshold);
  const met = op === '>=' ? subject >= t : op === '>' ? subject > t : op === '<=' ? subject <= t : subject < t;
  return { metric, value: round(value), unit, baseline: round(baseline), ratio: round(ratio), target, met: Number.isFinite(subject) && met };
}

/**
 * The line tools read. BENCH.md's template says `target=<op><t>` but its own example prints
 * `target>=0.5`; we follow the example (the rendered form).
 */
export function benchLine(name: string, f: Figure): string {
  return `BENCH ${name} ${f.metric}=${f.value}${f.unit} baseline=${f.baseline}${f.unit} ratio=${f.ratio} target${f.target} ${f.met ? 'met' : 'missed'}`;
}

/** Prints rows as an aligned text table. */
export function printTable(title: string, rows: ReadonlyArray<Record<string, string | number>>): void {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object);
  const cell = (v: string | number | undefined) => (typeof v === 'number' ? String(round(v)) : (v ?? ''));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) => values.map((v, i) => (i === 0 ? v.padEnd(widths[i] ?? 0) : v.padStart(widths[i] ?? 0))).join('  ');
  out('');
  out(title);
  out(line(columns));
  out(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) out(line(columns.map((c) => cell(row[c]))));
  out('');
}

/** Writes bench/results/<name>.json and prints the BENCH lines (last). */
export function finish(result: BenchResult): string {
  const dir = path.join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${result.name}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  out(`results: ${path.relative(REPO_ROOT, file)}`);
  for (const f of result.figures) out(benchLine(result.name, f));
  return file;
}

/** Prints a line to stdout (benchmarks talk to a person; no logger). */
export function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Seconds since `start` (a `performance.now()` value). */
export function secondsSince(start: number): number {
  return (performance.now() - start) / 1000;
}

/** Thrown when a benchmark passes its time bound; run.ts prints it and exits 1. */
export class BenchAborted extends Error {}
