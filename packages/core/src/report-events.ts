import type { Report } from '@mottak/domain';
import type { ReportEvent, ReportEventListener, ReportEvents, ReportStore } from './ports';

/**
 * Report events within one process: enough for the embedded profile, where the API, worker and
 * indexer share the process and so every state change. In the production profile the API runs
 * apart from the workers; there a pub/sub adapter (Redis, in adapters-redis) carries the same
 * events between processes.
 */
export class InProcessReportEvents implements ReportEvents {
  private readonly listeners = new Set<ReportEventListener>();

  publish(event: ReportEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(event);
      } catch {
        // A listener's failure is its own; the change is committed and the others still hear of it.
      }
    }
  }

  subscribe(listener: ReportEventListener): () => void {
    // A wrapper per subscription: the same function subscribed twice is two subscriptions.
    const own: ReportEventListener = (event) => listener(event);
    this.listeners.add(own);
    return () => {
      this.listeners.delete(own);
    };
  }

  /** How many listen now (for tests and metrics). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }
}

/**
 * The store with an event after every state change it commits: receiving a new report, applying
 * a change, registering. Publishing here rather than in each use case means no use case (present
 * or future) can change a report's state without the live queue hearing of it. Events go out
 * only after the store's promise resolves, i.e. after the transaction committed.
 */
export function withReportEvents(store: ReportStore, events: ReportEvents, now: () => Date): ReportStore {
  const announce = (report: Report): void =>
    events.publish({ type: 'report.changed', reportId: report.id, status: report.status, version: report.version, at: now().toISOString() });
  const wrapped: Partial<ReportStore> = {
    async receive(...args) {
      const outcome = await store.receive(...args);
      if (outcome.kind === 'created') announce(outcome.report);
      return outcome;
    },
    async applyChange(...args) {
      const report = await store.applyChange(...args);
      announce(report);
      return report;
    },
    async register(...args) {
      const report = await store.register(...args);
      announce(report);
      return report;
    },
  };
  // Every other method is the store's own, bound to it (adapters may keep private state).
  return new Proxy(store, {
    get(target, property) {
      if (typeof property === 'string' && Object.hasOwn(wrapped, property)) return wrapped[property as keyof ReportStore];
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
