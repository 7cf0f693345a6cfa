import { runCli } from './cli';

/** `pnpm mottak <command>`: the operator CLI. All logic is in cli.ts so tests can run it in-process. */
const interrupt = new AbortController();
// The first Ctrl+C lets a running import stop between lines, print its summary and close the
// databases cleanly; a second Ctrl+C gets Node's default (immediate exit), as the listener is gone.
process.once('SIGINT', () => {
  process.stderr.write('\nAvbryter … (Ctrl+C én gang til avslutter straks)\n');
  interrupt.abort();
});

runCli(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  signal: interrupt.signal,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Only bugs get here (expected errors are messages); the stack is what a bug report needs.
    process.stderr.write(`Uventet feil: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
