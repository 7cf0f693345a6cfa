import type { Clock, ReportStore } from '@mottak/core';
import { DomainError, type Report } from '@mottak/domain';
import type { AccessCondition } from '@mottak/policies';
import { aJournalDraft, aReport } from './builders';
import { ManualClock } from './manual-clock';

/** One report store under test, on fresh, empty storage. */
export interface ReportStoreFixture {
  store: ReportStore;
  /** Opens another handle on the same storage (a restart, or a second process); cleanup closes it. */
  openAgain(): Promise<ReportStore>;
  /** Test-only: alters the stored details of journal entry `seq` behind the store's back. */
  tamperJournal(seq: number): Promise<void>;
  cleanup(): Promise<void>;
}

/** Makes a fixture whose store takes the time of its outbox leases from `clock`. */
export type ReportStoreFactory = (context: { clock: Clock }) => Promise<ReportStoreFixture>;

/** Per-test access to a fresh fixture and its clock. */
export interface ReportStoreTestContext {
  readonly fixture: ReportStoreFixture;
  readonly store: ReportStore;
  readonly clock: ManualClock;
}

export const EVERYTHING: AccessCondition = { kind: 'all' };

/** Creates a fresh fixture before each test (or once for the block) and cleans it up after. */
export function useReportStore(makeStore: ReportStoreFactory, lifetime: 'each' | 'once' = 'each'): ReportStoreTestContext {
  let fixture: ReportStoreFixture | undefined;
  let clock = new ManualClock();
  (lifetime === 'each' ? beforeEach : beforeAll)(async () => {
    clock = new ManualClock();
    fixture = await makeStore({ clock });
  });
  (lifetime === 'each' ? afterEach : afterAll)(async () => {
    await fixture?.cleanup();
    fixture = undefined;
  });
  const current = (): ReportStoreFixture => {
    if (!fixture) throw new Error('report store fixture used outside a test');
    return fixture;
  };
  return {
    get fixture() {
      return current();
    },
    get store() {
      return current().store;
    },
    get clock() {
      return clock;
    },
  };
}

/** Receives a report with a journal entry and returns it as stored. */
export async function received(store: ReportStore, overrides: Partial<Report> = {}): Promise<Report> {
  const outcome = await store.receive(aReport(overrides), aJournalDraft({ at: overrides.receivedAt ?? '2026-03-02T08:15:00.000Z' }));
  if (outcome.kind !== 'created') throw new Error(`expected a created report, got ${outcome.kind}`);
  return outcome.report;
}

/** Awaits `promise` and returns the DomainError it rejects with (fails the test otherwise). */
export async function domainErrorOf(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
  return error;
}

