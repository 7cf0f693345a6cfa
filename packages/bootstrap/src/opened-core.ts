import type { CoreDeps } from '@mottak/core';

export interface OpenedCore {
  deps: CoreDeps;
  /** Whether every engine answers (for /readyz). */
  readiness(): Promise<Record<string, boolean>>;
  /** Closes every engine; call after servers and consumers have stopped. */
  close(): Promise<void>;
}
