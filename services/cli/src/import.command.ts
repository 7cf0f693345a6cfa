import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { type CoreDeps, type Principal, receiveReport } from '@mottak/core';
import { type Channel, CHANNELS, isDomainError } from '@mottak/domain';
import { expectPositionals, parseCliArgs } from './cli-args';
import { type CliIo, EXIT_CHECK_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError, writeLine } from './cli-io';
import type { CliCommand } from './command';
import { parseImportLine } from './import-line';
import { createImportProgress, type ImportCounts } from './import-progress';

export interface ImportArgs {
  file: string;
  /** Fills `channel` on lines that have none. */
  channel?: Channel;
  /** Names the import in the journal (`system:import:<name>`); the file's basename by default. */
  sourceName?: string;
}

export interface Rejection {
  line: number;
  reason: string;
}

export interface ImportSummary extends ImportCounts {
  /** The first MAX_LISTED_REJECTIONS rejections; `rejected` has the full count. */
  rejections: Rejection[];
  /** Stopped by Ctrl+C before the end of the file. */
  interrupted: boolean;
  sourceName: string;
}

/** Rejected lines listed in the summary; the rest are counted (a 100k-line file may be all wrong). */
export const MAX_LISTED_REJECTIONS = 50;

const MAX_SOURCE_NAME_LENGTH = 100;

const USAGE = `pnpm mottak import <fil.jsonl> [--channel <kanal>] [--source-name <navn>]
      Masseinnlegging: én rapport (JSON som i POST /api/v1/reports) per linje. --channel fyller inn
      kanal på linjer uten; --source-name navngir importen i journalen (standard: filnavnet).
      Kan kjøres på nytt (med samme filnavn og --source-name): linjer som er importert før,
      opprettes ikke igjen.`;

/** `import`: bulk intake of a JSONL file through the same use case as the API. */
export const importCommand: CliCommand = {
  name: 'import',
  usage: USAGE,
  prepare(argv) {
    const args = parseImportArgs(argv);
    return (deps, io) => runImport(deps, args, io);
  },
};

/** Parses and checks `import` arguments (the file must exist and be a file). */
export function parseImportArgs(argv: string[]): ImportArgs {
  const { values, positionals } = parseCliArgs(argv, {
    channel: { type: 'string' },
    'source-name': { type: 'string' },
  });
  const file = positionals[0];
  if (file === undefined) throw new UsageError('mangler filen som skal importeres (<fil.jsonl>)');
  expectPositionals(positionals, ['fil']);
  assertReadableFile(file);
  const args: ImportArgs = { file };
  if (values.channel !== undefined) {
    const channel = CHANNELS.find((c) => c === values.channel);
    if (!channel) throw new UsageError(`--channel: ukjent kanal «${values.channel}»; gyldige: ${CHANNELS.join(', ')}`);
    args.channel = channel;
  }
  const sourceName = values['source-name'];
  if (sourceName !== undefined) {
    const trimmed = sourceName.trim();
    if (trimmed.length === 0) throw new UsageError('--source-name: kan ikke være tom');
    if (trimmed.length > MAX_SOURCE_NAME_LENGTH) throw new UsageError(`--source-name: kan ha høyst ${MAX_SOURCE_NAME_LENGTH} tegn`);
    args.sourceName = trimmed;
  }
  return args;
}

/** Runs the import, prints the summary on stdout; exit 1 if any line was rejected. */
export async function runImport(deps: CoreDeps, args: ImportArgs, io: CliIo): Promise<number> {
  const summary = await importReports(deps, args, io);
  printSummary(args, summary, io);
  if (summary.interrupted) return EXIT_INTERRUPTED;
  return summary.rejected > 0 ? EXIT_CHECK_FAILED : EXIT_OK;
}

/**
 * Streams the file line by line (memory stays flat however long it is) and receives every valid
 * line as the `system` principal. Each line's idempotency key is `<basename>:<line>:<sha256>`, so
 * a re-run, or a run resumed after Ctrl+C or a crash, creates nothing twice.
 */
export async function importReports(deps: CoreDeps, args: ImportArgs, io: CliIo): Promise<ImportSummary> {
  const basename = path.basename(args.file);
  const sourceName = args.sourceName ?? basename;
  const principal: Principal = { kind: 'system', name: `import:${sourceName}` };
  const totalBytes = assertReadableFile(args.file);
  const counts: ImportCounts = { lines: 0, accepted: 0, alreadyImported: 0, rejected: 0 };
  const rejections: Rejection[] = [];
  const reject = (line: number, reason: string) => {
    counts.rejected += 1;
    if (rejections.length < MAX_LISTED_REJECTIONS) rejections.push({ line, reason });
  };

  const input = createReadStream(args.file, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  const progress = createImportProgress(io, totalBytes);
  let bytesRead = 0;
  let interrupted = false;
  try {
    for await (const rawLine of lines) {
      counts.lines += 1;
      const lineNumber = counts.lines;
      bytesRead += Buffer.byteLength(rawLine, 'utf8') + 1;
      // A byte-order mark (Windows editors) would make the first line invalid JSON.
      const line = lineNumber === 1 ? rawLine.replace(/^\uFEFF/, '') : rawLine;
      if (line.trim().length > 0) {
        const parsed = parseImportLine(line, args.channel);
        if (!parsed.ok) {
          reject(lineNumber, parsed.reason);
        } else {
          const key = `${basename}:${lineNumber}:${createHash('sha256').update(line).digest('hex')}`;
          try {
            const { replayed } = await receiveReport(deps, principal, parsed.input, key);
            if (replayed) counts.alreadyImported += 1;
            else counts.accepted += 1;
          } catch (error) {
            if (!isDomainError(error)) throw error;
            // The only way the same line gets a different request is another --channel on a re-run.
            const reason =
              error.code === 'IDEMPOTENCY_KEY_REUSED'
                ? 'allerede importert med annet innhold (annen --channel?); ikke importert på nytt'
                : error.message;
            reject(lineNumber, reason);
          }
        }
      }
      progress.update(bytesRead, counts);
      if (io.signal?.aborted) {
        interrupted = true;
        break;
      }
    }
  } catch (error) {
    if (isFileError(error)) throw new UsageError(`kan ikke lese filen «${args.file}»: ${error.message}`);
    throw error;
  } finally {
    progress.stop();
    lines.close();
    input.destroy();
  }
  return { ...counts, rejections, interrupted, sourceName };
}

function printSummary(args: ImportArgs, summary: ImportSummary, io: CliIo): void {
  const out = io.stdout;
  writeLine(out, `Import fra ${args.file} (kilde «import:${summary.sourceName}»)${summary.interrupted ? ' – AVBRUTT' : ''}`);
  writeLine(out, `  linjer lest:         ${summary.lines}`);
  writeLine(out, `  godtatt (nye):       ${summary.accepted}`);
  writeLine(out, `  allerede importert:  ${summary.alreadyImported}`);
  writeLine(out, `  avvist:              ${summary.rejected}`);
  if (summary.rejections.length > 0) {
    writeLine(out, 'Avviste linjer:');
    for (const r of summary.rejections) writeLine(out, `  linje ${r.line}: ${r.reason}`);
    const more = summary.rejected - summary.rejections.length;
    if (more > 0) writeLine(out, `  … og ${more} til`);
  }
  if (summary.interrupted) {
    writeLine(
      io.stderr,
      `Avbrutt etter linje ${summary.lines}. Kjør samme kommando igjen for å fortsette; linjer som er importert, hoppes over.`,
    );
  } else if (summary.accepted > 0) {
    writeLine(out, 'De nye rapportene ligger i køen for førstehåndsvurdering (workeren i Mottak tar dem).');
  }
}

/** Size of the file in bytes; a UsageError naming the file if it is missing or not a file. */
function assertReadableFile(file: string): number {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    if (isFileError(error) && error.code === 'ENOENT') throw new UsageError(`fant ikke filen «${file}»`);
    if (isFileError(error)) throw new UsageError(`kan ikke lese filen «${file}»: ${error.message}`);
    throw error;
  }
  if (!stats.isFile()) throw new UsageError(`«${file}» er ikke en fil`);
  return stats.size;
}

/** A system call's error (ENOENT, EACCES…); duck-typed, as Node's errors may come from another realm. */
function isFileError(error: unknown): error is NodeJS.ErrnoException {
  const candidate = error as Partial<NodeJS.ErrnoException> | null;
  return typeof candidate?.code === 'string' && typeof candidate.syscall === 'string' && typeof candidate.message === 'string';
}
