import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import type { Priority } from '../api/types';

/** GET /api/v1/sla: the deadlines per priority (configuration in @mottak/domain, sla.ts). */
export interface SlaTable {
  targets: Record<Priority, { assessWithinMinutes: number; registerWithinMinutes: number }>;
  unassessedPriority: Priority;
  nearFraction: number;
}

export type SlaState = 'ok' | 'near' | 'over';

export interface SlaView {
  stage: 'assess' | 'register';
  deadline: number;
  state: SlaState;
  /** "23 min igjen", "1 t 5 min over" */
  text: string;
}

/** The SLA table; it changes with a deploy, not while the page is open. */
export function useSla() {
  return useQuery({ queryKey: ['sla'], queryFn: ({ signal }) => api<SlaTable>('/api/v1/sla', { signal }), staleTime: Infinity });
}

function duration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} t` : `${hours} t ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} t`;
}

/**
 * The next deadline of an open report, as the domain defines it (slaDeadline in @mottak/domain):
 * to be assessed, as the unassessed priority, while it has no assessment; to be registered, by
 * its priority, once it has one. Near in the last `nearFraction` of the window.
 */
export function slaFor(table: SlaTable, receivedAt: string, priority: Priority | undefined, now: number): SlaView {
  const stage = priority === undefined ? 'assess' : 'register';
  const target = table.targets[priority ?? table.unassessedPriority];
  const windowMs = (stage === 'assess' ? target.assessWithinMinutes : target.registerWithinMinutes) * 60_000;
  const deadline = Date.parse(receivedAt) + windowMs;
  const left = deadline - now;
  const state: SlaState = left < 0 ? 'over' : left <= windowMs * table.nearFraction ? 'near' : 'ok';
  return { stage, deadline, state, text: left < 0 ? `${duration(left)} over fristen` : `${duration(left)} igjen` };
}
