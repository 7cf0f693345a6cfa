import { openCoreDeps, type OpenedCore } from '@mottak/bootstrap';
import { isDomainError } from '@mottak/domain';
import { type Config, ConfigError, createLogger, loadConfig } from '@mottak/runtime';
import { type CliIo, EXIT_OK, EXIT_USAGE, writeLine } from './cli-io';
import { type CliCommand, type CommandRunner, reportExpectedError } from './command';
import { auditCheckpointCommand, auditVerifyCommand } from './audit.command';
import { demoSeedCommand } from './demo-seed.command';
import { importCommand } from './import.command';
import { importEmlCommand } from './import-eml.command';
import { indexRebuildCommand } from './index-rebuild.command';
import { journalVerifyCommand } from './journal-verify.command';
import { usersAddCommand, usersListCommand } from './users.command';

/** Every command, in the order `help` lists them. */
export const COMMANDS: readonly CliCommand[] = [
  importCommand,
  importEmlCommand,
  journalVerifyCommand,
  auditVerifyCommand,
  auditCheckpointCommand,
  usersAddCommand,
  usersListCommand,
  demoSeedCommand,
  indexRebuildCommand,
];

/** The full usage text (Norwegian). */
export function usageText(): string {
  return [
    'Mottak – driftsverktøy. Arbeider direkte på datakatalogen (MOTTAK_DATA_DIR, standard .data)',
    'og kan kjøres mens Mottak kjører.',
    '',
    'Bruk: pnpm mottak <kommando> [valg]',
    '',
    'Kommandoer:',
    ...COMMANDS.map((c) => `  ${c.usage.replace(/^pnpm mottak /, '')}`),
    '  help',
    '      Viser denne teksten.',
    '',
    'Avslutningskoder: 0 OK, 1 kontrollen feilet (brutt kjede, avviste linjer …), 2 feil bruk eller konfigurasjon.',
  ].join('\n');
}

export interface RunCliOptions {
  /** Environment to read the configuration from; process.env by default. */
  env?: NodeJS.ProcessEnv;
  /** Cheap argon2 (tests only). */
  fastHashing?: boolean;
}

/**
 * The whole CLI: picks the command from argv, checks its arguments, then opens the engines from
 * the configuration, runs it and closes the engines (so SQLite checkpoints its WAL) whatever happens.
 * Resolves to the exit code; only bugs reject.
 */
export async function runCli(argv: readonly string[], io: CliIo, options: RunCliOptions = {}): Promise<number> {
  const [first] = argv;
  if (first === undefined) {
    writeLine(io.stderr, usageText());
    return EXIT_USAGE;
  }
  if (first === 'help' || first === '--help' || first === '-h') {
    writeLine(io.stdout, usageText());
    return EXIT_OK;
  }
  const found = findCommand(argv);
  if (!found.ok) {
    writeLine(io.stderr, `Feil: ${found.message}`);
    writeLine(io.stderr);
    writeLine(io.stderr, usageText());
    return EXIT_USAGE;
  }
  const { command, rest } = found;
  if (rest.includes('--help') || rest.includes('-h')) {
    writeLine(io.stdout, `Bruk: ${command.usage}`);
    return EXIT_OK;
  }

  let runner: CommandRunner;
  try {
    runner = command.prepare(rest);
  } catch (error) {
    return reportExpectedError(command, error, io);
  }

  const opened = await openEngines(options, io);
  if (!opened.ok) return EXIT_USAGE;
  try {
    return await runner(opened.core.deps, io);
  } catch (error) {
    return reportExpectedError(command, error, io);
  } finally {
    await opened.core.close();
  }
}

type Found = { ok: true; command: CliCommand; rest: string[] } | { ok: false; message: string };

function findCommand(argv: readonly string[]): Found {
  const [first = '', second] = argv;
  const single = COMMANDS.find((c) => c.name === first);
  if (single) return { ok: true, command: single, rest: argv.slice(1) };
  const group = COMMANDS.filter((c) => c.name.startsWith(`${first} `));
  if (group.length === 0) return { ok: false, message: `ukjent kommando «${first}»` };
  const double = group.find((c) => c.name === `${first} ${second ?? ''}`);
  if (double) return { ok: true, command: double, rest: argv.slice(2) };
  const what = second === undefined ? `«${first}» trenger en underkommando` : `ukjent kommando «${first} ${second}»`;
  return { ok: false, message: `${what}; mulige: ${group.map((c) => c.name).join(', ')}` };
}

/** Loads the configuration and opens the engines; a bad configuration or data directory is a message, not a stack. */
async function openEngines(options: RunCliOptions, io: CliIo): Promise<{ ok: true; core: OpenedCore } | { ok: false }> {
  const env = options.env ?? process.env;
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    writeLine(io.stderr, error.message);
    return { ok: false };
  }
  // Logs go to stderr (stdout carries the results), and only warnings and worse unless LOG_LEVEL asks for more.
  const logger = createLogger(env.LOG_LEVEL ? config.LOG_LEVEL : 'warn', 'mottak-cli', { stream: 'stderr' });
  try {
    return { ok: true, core: await openCoreDeps(config, logger, { fastHashing: options.fastHashing ?? false }) };
  } catch (error) {
    if (isDomainError(error)) {
      writeLine(io.stderr, `Feil i konfigurasjonen: ${error.message}`);
      return { ok: false };
    }
    // File-system and SQLite errors carry a code (EACCES, SQLITE_CANTOPEN…): the directory is the problem.
    const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && typeof message === 'string') {
      writeLine(io.stderr, `Kan ikke åpne datakatalogen «${config.MOTTAK_DATA_DIR}» (MOTTAK_DATA_DIR): ${message}`);
      return { ok: false };
    }
    throw error;
  }
}
