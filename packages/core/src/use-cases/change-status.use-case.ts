import { allowedTargets, DomainError, isAllowedTransition, type Report, type ReportStatus, type User } from '@mottak/domain';
import type { CoreDeps } from '../deps';
import { actorName } from '../principal';
import { reportForUpdate } from '../report-for-update';

export interface StatusChangeInput {
  to: ReportStatus;
  /** Why: journaled with who and when (Noark's change log asks for all three). */
  reason: string;
  /** The version the user saw; a report changed since is a VERSION_CONFLICT. */
  expectedVersion: number;
}

/**
 * Moves a report along its life cycle by a user's decision (registrert → under behandling →
 * ferdigbehandlet → arkivert, or to utgår from any status that is not final). Assessment and
 * registration have their own use cases; the transition table in the domain says which is which.
 */
export async function changeReportStatus(deps: CoreDeps, user: User, reportId: string, input: StatusChangeInput): Promise<Report> {
  const report = await reportForUpdate(deps, user, reportId, input.expectedVersion);
  assertTransition(report.status, input.to);
  const now = deps.clock.now().toISOString();
  return deps.store.applyChange({
    reportId: report.id,
    expectedVersion: report.version,
    set: { status: input.to },
    journal: {
      at: now,
      actor: actorName({ kind: 'user', user }),
      action: 'report.status',
      details: { from: report.status, to: input.to, reason: input.reason },
    },
    // Status decides who finds the report in search (search users see registered statuses only).
    outbox: ['index'],
  });
}

/** Throws ILLEGAL_TRANSITION naming from, to and where the report could go instead. */
export function assertTransition(from: ReportStatus, to: ReportStatus, via: 'status_change' | 'merge' = 'status_change'): void {
  if (isAllowedTransition(from, to, via)) return;
  const allowed = allowedTargets(from, via);
  const instead = allowed.length > 0 ? `tillatt herfra: ${allowed.map((s) => `«${s}»`).join(', ')}` : `«${from}» er en sluttstatus`;
  throw new DomainError('ILLEGAL_TRANSITION', `Kan ikke endre status fra «${from}» til «${to}»; ${instead}`, { from, to, allowed });
}
