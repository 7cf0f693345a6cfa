import { ConfigError } from './config';

/**
 * Runs a process's main function. Expected start-up failures — a bad configuration, a port already
 * in use — end the process with a message naming the problem and exit code 2, never a stack trace.
 */
export function runMain(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    if ((error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE') {
      process.stderr.write(`Porten er allerede i bruk (${(error as Error).message}). Velg en annen med PORT=…\n`);
      process.exit(2);
    }
    throw error;
  });
}
