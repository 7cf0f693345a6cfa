import type { CoreDeps } from '@mottak/core';
import { isDomainError } from '@mottak/domain';
import { type CliIo, EXIT_CHECK_FAILED, EXIT_USAGE, UsageError, writeLine } from './cli-io';

/** Runs a prepared command against opened engines; resolves to the exit code. */
export type CommandRunner = (deps: CoreDeps, io: CliIo) => Promise<number>;

/** One CLI command: its words (`journal verify`), usage text, and an argument parser. */
export interface CliCommand {
  name: string;
  /** Usage line(s) in Norwegian, shown in `help` and after a usage error. */
  usage: string;
  /**
   * Parses and checks argv before any engine is opened (a typo must not create a data directory);
   * throws UsageError naming the bad argument.
   */
  prepare(argv: string[]): CommandRunner;
}

/**
 * Parses argv and runs a command on already opened engines, turning expected failures into a
 * message and an exit code: UsageError and VALIDATION_FAILED → 2, other domain errors → 1.
 * Anything else is a bug and is rethrown (main.ts prints it with its stack).
 */
export async function runCommand(command: CliCommand, deps: CoreDeps, argv: string[], io: CliIo): Promise<number> {
  let runner: CommandRunner;
  try {
    runner = command.prepare(argv);
  } catch (error) {
    return reportExpectedError(command, error, io);
  }
  try {
    return await runner(deps, io);
  } catch (error) {
    return reportExpectedError(command, error, io);
  }
}

/** Prints an expected error and returns its exit code; rethrows anything unexpected. */
export function reportExpectedError(command: CliCommand, error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    writeLine(io.stderr, `Feil: ${error.message}`);
    writeLine(io.stderr, `Bruk: ${command.usage.split('\n')[0] ?? command.name}`);
    return EXIT_USAGE;
  }
  if (isDomainError(error)) {
    writeLine(io.stderr, `Feil: ${error.message}`);
    return error.code === 'VALIDATION_FAILED' ? EXIT_USAGE : EXIT_CHECK_FAILED;
  }
  throw error;
}
