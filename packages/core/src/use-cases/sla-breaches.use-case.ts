import { DomainError, type Priority, type User } from '@mottak/domain';
import { defineAbilityFor, reportAccessCondition } from '@mottak/policies';
import { defaultDqCatalogue, type SlaBreach, type SlaBreachStage, slaBreachesOf, slaRulesOf } from '@mottak/quality';
import type { CoreDeps } from '../deps';
import { actorName } from '../principal';
import { csvField, requireQualityStore } from './quality.use-case';

// The API sees the quality engine's types only through the core.
export type { SlaBreach, SlaBreachStage };
export { SLA_BREACH_STAGES } from '@mottak/quality';

/** Reports read per round trip while looking for breaches. */
const PAGE_SIZE = 1000;
/** The widest window one request may scan (received time), so that one list stays bounded. */
export const MAX_SLA_WINDOW_DAYS = 366;

export interface SlaBreachQuery {
  /** Reports received at or after this instant (ISO 8601). */
  from: string;
  /** Reports received before this instant (ISO 8601). */
  to: string;
  stage?: SlaBreachStage;
  priority?: Priority;
  /** true: only steps still not done; false: only steps done late. */
  ongoing?: boolean;
  limit: number;
  offset: number;
}

export interface SlaBreachList {
  /** The instant ongoing breaches were measured at. */
  asOf: string;
  from: string;
  to: string;
  total: number;
  items: SlaBreach[];
}

/**
 * The missed deadlines (the catalogue's `sla` rules: P1 assessed within 15 minutes and registered
 * within an hour by default, configurable) of reports received in [from, to) that the supervisor
 * may read, decided inside the store's query. Newest deadline first. Computed now from the
 * reports, so a breach that is still going on shows how late it is at this moment. Audited.
 */
export async function listSlaBreaches(deps: CoreDeps, user: User, query: SlaBreachQuery): Promise<SlaBreachList> {
  const ability = defineAbilityFor(user);
  if (!ability.can('read', 'Quality')) throw new DomainError('FORBIDDEN', 'Du har ikke tilgang til datakvalitet');
  const from = new Date(query.from);
  const to = new Date(query.to);
  if (!(to > from)) throw new DomainError('VALIDATION_FAILED', '`to` må være etter `from`', { field: 'to' });
  if (to.getTime() - from.getTime() > MAX_SLA_WINDOW_DAYS * 86_400_000) {
    throw new DomainError('VALIDATION_FAILED', `Tidsvinduet kan være høyst ${MAX_SLA_WINDOW_DAYS} dager`, { field: 'from' });
  }
  const store = requireQualityStore(deps);
  const rules = slaRulesOf(deps.dqCatalogue?.() ?? defaultDqCatalogue());
  const access = reportAccessCondition(ability, 'read');
  const now = deps.clock.now();
  const breaches: SlaBreach[] = [];
  let afterId: string | undefined;
  for (;;) {
    const page = await store.reportPage(access, {
      receivedFrom: from.toISOString(),
      receivedBefore: to.toISOString(),
      ...(afterId ? { afterId } : {}),
      limit: PAGE_SIZE,
    });
    for (const report of page) {
      for (const rule of rules) {
        for (const breach of slaBreachesOf(report, rule, now)) {
          if (query.stage !== undefined && breach.stage !== query.stage) continue;
          if (query.priority !== undefined && breach.priority !== query.priority) continue;
          if (query.ongoing !== undefined && (breach.doneAt === undefined) !== query.ongoing) continue;
          breaches.push(breach);
        }
      }
    }
    if (page.length < PAGE_SIZE) break;
    afterId = page[page.length - 1]!.id;
  }
  breaches.sort((a, b) => b.deadline.localeCompare(a.deadline) || a.reportId.localeCompare(b.reportId) || a.stage.localeCompare(b.stage));
  await deps.audit.append({
    at: now.toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'quality.sla-breaches',
    details: { from: from.toISOString(), to: to.toISOString(), total: breaches.length },
  });
  return {
    asOf: now.toISOString(),
    from: from.toISOString(),
    to: to.toISOString(),
    total: breaches.length,
    items: breaches.slice(query.offset, query.offset + query.limit),
  };
}

/** SLA breaches as CSV (RFC 4180, CRLF line ends, header row); an ongoing breach has no doneAt. */
export function slaBreachesToCsv(rows: readonly SlaBreach[]): string {
  const header = ['reportId', 'journalNumber', 'priority', 'priorityAssumed', 'stage', 'receivedAt', 'deadline', 'doneAt', 'minutesLate', 'ruleId'];
  const lines = rows.map((r) =>
    [r.reportId, r.journalNumber, r.priority, String(r.priorityAssumed), r.stage, r.receivedAt, r.deadline, r.doneAt, r.minutesLate, r.ruleId].map(csvField).join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
