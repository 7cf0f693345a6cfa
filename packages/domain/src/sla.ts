import type { Priority } from './assessment.schema';

/** How long a report of one priority may wait, in minutes from when it was received. */
export interface SlaTarget {
  /** Until the first assessment is done. */
  assessWithinMinutes: number;
  /** Until it is registered as a journalpost. */
  registerWithinMinutes: number;
}

/**
 * The service levels per priority: configuration, shared by the triage desk (time left per report)
 * and the data-quality checks (timeliness). P1: assessed within 15 minutes, registered within an
 * hour; P2 within 4 hours, P3 24 hours, P4 72 hours.
 */
export const SLA_BY_PRIORITY: Readonly<Record<Priority, SlaTarget>> = {
  P1: { assessWithinMinutes: 15, registerWithinMinutes: 60 },
  P2: { assessWithinMinutes: 240, registerWithinMinutes: 240 },
  P3: { assessWithinMinutes: 1_440, registerWithinMinutes: 1_440 },
  P4: { assessWithinMinutes: 4_320, registerWithinMinutes: 4_320 },
};

/** A report not yet assessed could be anything, so its clock runs as for the most urgent. */
export const SLA_UNASSESSED_PRIORITY: Priority = 'P1';

export type SlaStage = 'assess' | 'register';

/** Within the last quarter of its window a deadline counts as near. */
export const SLA_NEAR_FRACTION = 0.25;

export interface SlaDeadline {
  stage: SlaStage;
  /** ISO instant. */
  deadline: string;
  windowMinutes: number;
}

/**
 * The next deadline of an open report: to be assessed (as SLA_UNASSESSED_PRIORITY) while it has no
 * assessment, to be registered (by its priority) once it has one.
 */
export function slaDeadline(receivedAt: string, priority: Priority | undefined, table: Readonly<Record<Priority, SlaTarget>> = SLA_BY_PRIORITY): SlaDeadline {
  const stage: SlaStage = priority === undefined ? 'assess' : 'register';
  const target = table[priority ?? SLA_UNASSESSED_PRIORITY];
  const windowMinutes = stage === 'assess' ? target.assessWithinMinutes : target.registerWithinMinutes;
  return { stage, deadline: new Date(Date.parse(receivedAt) + windowMinutes * 60_000).toISOString(), windowMinutes };
}

/** `over` past the deadline, `near` in the last SLA_NEAR_FRACTION of the window, otherwise `ok`. */
export function slaState(deadline: SlaDeadline, now: Date): 'ok' | 'near' | 'over' {
  const left = Date.parse(deadline.deadline) - now.getTime();
  if (left < 0) return 'over';
  return left <= deadline.windowMinutes * 60_000 * SLA_NEAR_FRACTION ? 'near' : 'ok';
}
