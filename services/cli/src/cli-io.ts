/** The streams a command talks through; main.ts passes the process's, tests pass in-memory ones. */
export interface CliIo {
  /** Results (what a script would pipe on). */
  stdout: NodeJS.WritableStream;
  /** Progress, warnings and errors. `isTTY` decides whether a progress bar is drawn. */
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  stdin: NodeJS.ReadableStream;
  /** Aborted on Ctrl+C: long commands stop between items, report what was done and return 130. */
  signal?: AbortSignal;
}

/** Exit codes of every command. */
export const EXIT_OK = 0;
/** The command ran, but what it checks failed (a broken chain, rejected lines…). */
export const EXIT_CHECK_FAILED = 1;
/** Bad usage or configuration: nothing was done. */
export const EXIT_USAGE = 2;
/** Interrupted by the operator (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

/** A wrong argument or option; printed as a message (never a stack trace) with exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Writes one line. */
export function writeLine(stream: NodeJS.WritableStream, text = ''): void {
  stream.write(`${text}\n`);
}

/** Reads a stream to its end as UTF-8 (e.g. `--password-stdin`); stops with a UsageError on Ctrl+C. */
export async function readAll(stream: NodeJS.ReadableStream, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
      signal?.removeEventListener('abort', onAbort);
    };
    const onData = (chunk: Buffer | string) => chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onAbort = () => {
      cleanup();
      stream.pause();
      reject(new UsageError('avbrutt før passordet var lest'));
    };
    if (signal?.aborted) return onAbort();
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
