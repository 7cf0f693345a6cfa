import type { RuleSet } from '@mottak/assessment';
import { type CoreDeps, InProcessReportEvents, type ReportEvents, withReportEvents } from '@mottak/core';
import { type Config, createArgon2idHasher, systemClock, uuidIds } from '@mottak/runtime';

/** The engines a profile chooses; everything else in CoreDeps is the same in every profile. */
export type Engines = Pick<CoreDeps, 'store' | 'queue' | 'index' | 'audit' | 'identity' | 'approvals' | 'cases' | 'checkpointKey'>;

/**
 * Completes a profile's engines into the core's dependencies. `events` defaults to in-process
 * events (the embedded profile shares one process); the store publishes to them after each commit.
 */
export function assembleCoreDeps(
  engines: Engines,
  config: Config,
  ruleSet: RuleSet,
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
    ruleSet: () => ruleSet,
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
