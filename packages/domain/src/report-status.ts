import type { ReportStatus } from './report.schema';

/**
 * How a transition is made. `assessment` and `registration` belong to their own use cases (the
 * worker's first assessment; a coordinator's registration, which gives the journal number);
 * `status_change` is a user's explicit decision (POST …/status); `merge` marks a duplicate;
 * `disposal` is an approved kassasjon (four eyes), which ends the life cycle of a report not yet final.
 */
export type TransitionVia = 'assessment' | 'registration' | 'status_change' | 'merge' | 'disposal';

export interface StatusTransition {
  to: ReportStatus;
  via: TransitionVia;
}

/**
 * The journal's life cycle (Noark 5 is the model): each status and where it may go, and how.
 * `utgar` replaces deletion and is reachable from every status that is not final; `arkivert` and
 * `utgar` are final (only a later, approved disposal acts on them: it removes the content of an
 * `arkivert` report and leaves its status).
 */
export const STATUS_TRANSITIONS: Readonly<Record<ReportStatus, readonly StatusTransition[]>> = {
  mottatt: [
    { to: 'vurdert', via: 'assessment' },
    { to: 'utgar', via: 'status_change' },
    { to: 'utgar', via: 'merge' },
    { to: 'utgar', via: 'disposal' },
  ],
  vurdert: [
    { to: 'registrert', via: 'registration' },
    { to: 'utgar', via: 'status_change' },
    { to: 'utgar', via: 'merge' },
    { to: 'utgar', via: 'disposal' },
  ],
  registrert: [
    { to: 'under_behandling', via: 'status_change' },
    { to: 'utgar', via: 'status_change' },
    { to: 'utgar', via: 'merge' },
    { to: 'utgar', via: 'disposal' },
  ],
  under_behandling: [
    { to: 'ferdigbehandlet', via: 'status_change' },
    { to: 'utgar', via: 'status_change' },
    { to: 'utgar', via: 'merge' },
    { to: 'utgar', via: 'disposal' },
  ],
  ferdigbehandlet: [
    { to: 'arkivert', via: 'status_change' },
    { to: 'utgar', via: 'status_change' },
    { to: 'utgar', via: 'merge' },
    { to: 'utgar', via: 'disposal' },
  ],
  arkivert: [],
  utgar: [],
};

/** Statuses with no way out: the record is closed. */
export const FINAL_STATUSES: readonly ReportStatus[] = ['arkivert', 'utgar'];

/** Statuses in which a registered journalpost may be corrected (a new version): registered and not closed. */
export const CORRECTABLE_STATUSES: readonly ReportStatus[] = ['registrert', 'under_behandling', 'ferdigbehandlet'];

/** Where a report in `from` may go by `via`, in table order without repeats. */
export function allowedTargets(from: ReportStatus, via: TransitionVia): ReportStatus[] {
  return [...new Set(STATUS_TRANSITIONS[from].filter((t) => t.via === via).map((t) => t.to))];
}

/** True if the life cycle allows `from` → `to` by `via`. */
export function isAllowedTransition(from: ReportStatus, to: ReportStatus, via: TransitionVia): boolean {
  return STATUS_TRANSITIONS[from].some((t) => t.to === to && t.via === via);
}

/** True for statuses that end the life cycle. */
export function isFinalStatus(status: ReportStatus): boolean {
  return FINAL_STATUSES.includes(status);
}
