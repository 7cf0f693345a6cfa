import type { Report } from '../api/types';

/** Assessed reports by priority; a report still waiting for its assessment comes after P4. */
function rank(report: Report): number {
  const priority = report.assessment?.priority;
  return priority ? Number(priority.slice(1)) : 5;
}

/**
 * The triage order: most urgent first (P1 … P4, then not yet assessed), and within a priority the
 * one that has waited longest first. The API lists newest first, so the browser orders the queue.
 */
export function orderQueue(reports: readonly Report[]): Report[] {
  return [...reports].sort((a, b) => rank(a) - rank(b) || a.receivedAt.localeCompare(b.receivedAt) || a.id.localeCompare(b.id));
}

/**
 * The least time between two event-driven refetches of the queue: half a second for a short
 * queue, longer for big ones (each refetch reads every page), at most 15 s.
 */
export function queueRefetchGap(total: number, pageSize: number): number {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return Math.min(15_000, Math.max(500, pages * 250));
}
