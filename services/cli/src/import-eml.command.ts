import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { type CoreDeps, importEmail, type Principal } from '@mottak/core';
import { isDomainError } from '@mottak/domain';
import { expectPositionals, parseCliArgs } from './cli-args';
import { type CliIo, EXIT_CHECK_FAILED, EXIT_INTERRUPTED, EXIT_OK, UsageError, writeLine } from './cli-io';
import type { CliCommand } from './command';

const USAGE = `pnpm mottak import-eml <fil.eml|katalog>
      Importerer e-post (.eml) som rapporter i kanalen e-post, med vedlegg; meldingen lagres uendret
      som original. En katalog leses rekursivt (alle *.eml). Kan kjøres på nytt: en melding som er
      importert før (samme innhold), opprettes ikke igjen.`;

export interface EmlImportSummary {
  files: number;
  accepted: number;
  alreadyImported: number;
  rejected: Array<{ file: string; reason: string }>;
  interrupted: boolean;
}

/** `import-eml`: e-mail messages from a file or a directory, through the same use case as the API. */
export const importEmlCommand: CliCommand = {
  name: 'import-eml',
  usage: USAGE,
  prepare(argv) {
    const { positionals } = parseCliArgs(argv, {});
    const target = positionals[0];
    if (target === undefined) throw new UsageError('mangler filen eller katalogen som skal importeres');
    expectPositionals(positionals, ['fil|katalog']);
    const stat = statSync(target, { throwIfNoEntry: false });
    if (!stat) throw new UsageError(`finner ikke «${target}»`);
    const files = stat.isDirectory() ? emlFilesIn(target) : [target];
    return (deps, io) => runEmlImport(deps, files, io);
  },
};

/** Every *.eml file under `dir`, in name order. */
export function emlFilesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.eml'))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Imports each file as the `system` principal; a file that is refused is named with the reason. */
export async function importEmlFiles(deps: CoreDeps, files: readonly string[], io: CliIo): Promise<EmlImportSummary> {
  const principal: Principal = { kind: 'system', name: 'import:eml' };
  const summary: EmlImportSummary = { files: 0, accepted: 0, alreadyImported: 0, rejected: [], interrupted: false };
  for (const file of files) {
    if (io.signal?.aborted) {
      summary.interrupted = true;
      break;
    }
    summary.files += 1;
    try {
      const { report, replayed } = await importEmail(deps, principal, readFileSync(file));
      if (replayed) summary.alreadyImported += 1;
      else summary.accepted += 1;
      writeLine(io.stderr, `${replayed ? 'finnes fra før' : 'importert'}: ${file} → ${report.id}`);
    } catch (error) {
      if (!isDomainError(error)) throw error;
      summary.rejected.push({ file, reason: error.message });
    }
  }
  return summary;
}

async function runEmlImport(deps: CoreDeps, files: readonly string[], io: CliIo): Promise<number> {
  const summary = await importEmlFiles(deps, files, io);
  writeLine(io.stdout, `Filer: ${summary.files}, importert: ${summary.accepted}, fra før: ${summary.alreadyImported}, avvist: ${summary.rejected.length}`);
  for (const { file, reason } of summary.rejected) writeLine(io.stdout, `  avvist ${file}: ${reason}`);
  if (summary.interrupted) return EXIT_INTERRUPTED;
  return summary.rejected.length > 0 ? EXIT_CHECK_FAILED : EXIT_OK;
}
