import { type CoreDeps, verifyLogs } from '@mottak/core';
import type { ChainVerification } from '@mottak/domain';
import { expectPositionals, parseCliArgs } from './cli-args';
import { type CliIo, EXIT_CHECK_FAILED, EXIT_OK, writeLine } from './cli-io';
import type { CliCommand } from './command';

const USAGE = `pnpm mottak journal verify
      Kontrollerer hashkjedene i journalen og revisjonsloggen og navngir første brutte oppføring.`;

/** `journal verify`: proof for auditors that neither the journal nor the audit log was altered. */
export const journalVerifyCommand: CliCommand = {
  name: 'journal verify',
  usage: USAGE,
  prepare(argv) {
    const { positionals } = parseCliArgs(argv, {});
    expectPositionals(positionals, []);
    return (deps, io) => runJournalVerify(deps, io);
  },
};

/** Verifies both chains (the check itself is audited by the core); exit 1 if either is broken. */
export async function runJournalVerify(deps: CoreDeps, io: CliIo): Promise<number> {
  const result = await verifyLogs(deps, undefined);
  writeLine(io.stdout, describeChain('journal', result.journal));
  writeLine(io.stdout, describeChain('revisjonslogg', result.audit));
  return result.journal.ok && result.audit.ok ? EXIT_OK : EXIT_CHECK_FAILED;
}

/** `journal: OK (12 oppføringer)` or `journal: BRUTT ved oppføring #2: …`. */
export function describeChain(label: string, verification: ChainVerification): string {
  if (verification.ok) return `${label}: OK (${verification.entries} ${verification.entries === 1 ? 'oppføring' : 'oppføringer'})`;
  return `${label}: BRUTT ved oppføring #${verification.firstBrokenSeq}: ${norwegianReason(verification.reason)}`;
}

/** The core's verifier explains in English; the three reasons it gives are said in Norwegian here. */
function norwegianReason(reason: string): string {
  const missing = /^entry (\d+) is missing \(found (\d+)\)$/.exec(reason);
  if (missing) return `oppføring #${missing[1]} mangler (neste funnet er #${missing[2]})`;
  if (/^entry \d+ does not link to the previous entry$/.test(reason)) return 'lenker ikke til forrige oppføring (prevHash stemmer ikke)';
  if (/^entry \d+ content does not match its hash$/.test(reason)) return 'innholdet stemmer ikke med hashen (endret etter at det ble skrevet)';
  return reason;
}
