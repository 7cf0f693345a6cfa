import { type CoreDeps, InProcessReportEvents, type ReportEvents, type RuleSetSource, withReportEvents } from '@mottak/core';
import { type Config, createArgon2idHasher, systemClock, uuidIds } from '@mottak/runtime';

/** The engines a profile chooses; everything else in CoreDeps is the same in every profile. */
export type Engines = Pick<CoreDeps, 'store' | 'queue' | 'index' | 'audit' | 'identity' | 'approvals' | 'cases' | 'checkpointKey' | 'assessmentStats'>;

/**
 * Completes a profile's engines into the core's dependencies. `events` defaults to in-process
 * events (the embedded profile shares one process); the store publishes to them after each commit.
 */
export function assembleCoreDeps(
  engines: Engines,
  config: Config,
  ruleSets: RuleSetSource,
  fastHashing: boolean,
  events: ReportEvents = new InProcessReportEvents(),
): CoreDeps {
  return {
    ...engines,
    store: withReportEvents(engines.store, events, () => systemClock.now()),
    events,
    hasher: createArgon2idHasher({ fast: fastHashing }),
    clock: systemClock,
    ids: uuidIds,
    // Read at every use: a reload takes effect for the next assessment without a restart.
    ruleSet: () => ruleSets.current().ruleSet,
    ruleSets,
    sessionTtlMs: config.MOTTAK_SESSION_TTL_MINUTES * 60_000,
  };
}

/** Runs readiness probes: true for each that resolves, false for each that rejects. */
export async function probeAll(probes: Record<string, () => Promise<unknown>>): Promise<Record<string, boolean>> {
  const entries = await Promise.all(
    Object.entries(probes).map(async ([name, probe]) => [name, await probe().then(() => true, () => false)] as const),
  );
  return Object.fromEntries(entries);
}
