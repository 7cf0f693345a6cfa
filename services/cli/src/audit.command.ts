import { type CoreDeps, LOG_NAMES, type LogName, type MerkleLogVerification, signCheckpoint, verifyLog } from '@mottak/core';
import { expectPositionals, parseCliArgs } from './cli-args';
import { type CliIo, EXIT_CHECK_FAILED, EXIT_OK, UsageError, writeLine } from './cli-io';
import type { CliCommand } from './command';

const CLI = { kind: 'system', name: 'cli' } as const;
const LABEL: Record<LogName, string> = { journal: 'journal', audit: 'revisjonslogg' };

/** The logs named by `--log` (both when absent). */
function logsFrom(value: string | undefined): LogName[] {
  if (value === undefined) return [...LOG_NAMES];
  if (!(LOG_NAMES as readonly string[]).includes(value)) throw new UsageError(`--log må være ${LOG_NAMES.join(' eller ')}, ikke «${value}»`);
  return [value as LogName];
}

function prepareLogs(argv: string[]): LogName[] {
  const { values, positionals } = parseCliArgs(argv, { log: { type: 'string' } });
  expectPositionals(positionals, []);
  return logsFrom(values.log);
}

/** `audit verify`: the hash chain, every signed checkpoint's signature and Merkle root; names the first bad entry. */
export const auditVerifyCommand: CliCommand = {
  name: 'audit verify',
  usage: `pnpm mottak audit verify [--log journal|audit]
      Kontrollerer hashkjeden, signaturene og Merkle-røttene til de signerte sjekkpunktene, og navngir
      første endrede, fjernede eller flyttede oppføring. Avslutter med 1 hvis noe ikke stemmer.`,
  prepare(argv) {
    const logs = prepareLogs(argv);
    return (deps, io) => runAuditVerify(deps, io, logs);
  },
};

/** `audit checkpoint`: signs a checkpoint of each log now. */
export const auditCheckpointCommand: CliCommand = {
  name: 'audit checkpoint',
  usage: `pnpm mottak audit checkpoint [--log journal|audit]
      Signerer et sjekkpunkt (størrelse og Merkle-rot) for loggene nå.`,
  prepare(argv) {
    const logs = prepareLogs(argv);
    return (deps, io) => runAuditCheckpoint(deps, io, logs);
  },
};

/** Verifies each log; exit 1 if any is not intact. */
export async function runAuditVerify(deps: CoreDeps, io: CliIo, logs: LogName[]): Promise<number> {
  let ok = true;
  for (const log of logs) {
    const result = await verifyLog(deps, CLI, log);
    writeLine(io.stdout, describeVerification(result));
    for (const problem of result.problems.slice(1)) writeLine(io.stdout, `  også: ${problem.message}`);
    ok &&= result.ok;
  }
  return ok ? EXIT_OK : EXIT_CHECK_FAILED;
}

/** `journal: OK (12 oppføringer, 3 sjekkpunkter)` or `journal: FEIL: oppføring 57 er …`. */
export function describeVerification(result: MerkleLogVerification): string {
  const label = LABEL[result.log];
  const { signatureValid, rootsChecked } = result.checkpoints;
  if (result.ok) {
    return `${label}: OK (${result.entries} oppføringer, ${signatureValid} signerte sjekkpunkter, ${rootsChecked} røtter kontrollert)`;
  }
  return `${label}: FEIL: ${result.problem?.message ?? 'ukjent feil'}`;
}

/** Signs each log and prints the checkpoint. */
export async function runAuditCheckpoint(deps: CoreDeps, io: CliIo, logs: LogName[]): Promise<number> {
  for (const log of logs) {
    const { checkpoint, auditSeq } = await signCheckpoint(deps, CLI, log);
    writeLine(io.stdout, `${LABEL[log]}: sjekkpunkt signert: ${checkpoint.treeSize} oppføringer, rot ${checkpoint.rootHash}, nøkkel ${checkpoint.keyId} (revisjonslogg #${auditSeq})`);
  }
  return EXIT_OK;
}
