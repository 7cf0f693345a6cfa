import { SingleBar } from 'cli-progress';
import { type CliIo, writeLine } from './cli-io';

export interface ImportCounts {
  lines: number;
  accepted: number;
  alreadyImported: number;
  rejected: number;
}

export interface ImportProgress {
  update(bytesRead: number, counts: ImportCounts): void;
  stop(): void;
}

/** Lines between two progress lines when stderr is not a terminal (a log file, CI). */
export const PROGRESS_LINE_EVERY = 1000;

/**
 * Progress on stderr: a bar over the file's bytes on a terminal (the line count is unknown
 * without reading the file twice), otherwise one line every 1000 lines so logs stay readable.
 */
export function createImportProgress(io: CliIo, totalBytes: number): ImportProgress {
  if (io.stderr.isTTY === true) {
    const bar = new SingleBar({
      stream: io.stderr,
      format: 'import [{bar}] {percentage}% | {lines} linjer | {accepted} nye, {alreadyImported} fra før, {rejected} avvist',
      hideCursor: true,
      clearOnComplete: false,
    });
    bar.start(Math.max(totalBytes, 1), 0, { lines: 0, accepted: 0, alreadyImported: 0, rejected: 0 });
    return {
      update: (bytesRead, counts) => bar.update(Math.min(bytesRead, totalBytes), { ...counts }),
      stop: () => bar.stop(),
    };
  }
  return {
    update(_bytesRead, counts) {
      if (counts.lines % PROGRESS_LINE_EVERY !== 0) return;
      writeLine(
        io.stderr,
        `… ${counts.lines} linjer lest (${counts.accepted} nye, ${counts.alreadyImported} fra før, ${counts.rejected} avvist)`,
      );
    },
    stop() {},
  };
}
