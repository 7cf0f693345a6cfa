import {
  type ApprovalRequest,
  DomainError,
  GRANT_DEFAULT_HOURS,
  type Gradering,
  graderingRank,
  type MarkingChange,
  type Report,
  type User,
} from '@mottak/domain';
import { defineAbilityFor, reportAccessCondition } from '@mottak/policies';
import type { CoreDeps } from '../deps';
import type { ApprovalListQuery } from '../ports';
import { actorName } from '../principal';
import { fieldChanges } from '../report-changes';
import { applyDisposal, disposalDue } from './retention.use-case';

/** The outcome of a marking change: applied at once (stricter) or waiting for a second person (looser). */
export type MarkingChangeOutcome = { kind: 'applied'; report: Report } | { kind: 'pending'; request: ApprovalRequest };

/**
 * Asks for temporary need-to-know on one report. The answer is the same whether or not the report
 * exists or is visible (no existence leak); a supervisor who may read the report decides.
 */
export async function requestGrant(
  deps: CoreDeps,
  user: User,
  input: { reportId: string; reason: string; hours?: number },
): Promise<ApprovalRequest> {
  if (!defineAbilityFor(user).can('request', 'Approval')) throw new DomainError('FORBIDDEN', 'Du kan ikke be om tilgang');
  const request: ApprovalRequest = {
    id: deps.ids.newId(),
    kind: 'tilgang',
    reportId: input.reportId,
    requestedBy: user.username,
    requestedAt: deps.clock.now().toISOString(),
    reason: input.reason.trim(),
    grantee: user.username,
    grantHours: input.hours ?? GRANT_DEFAULT_HOURS,
    status: 'venter',
  };
  await deps.approvals.create(request);
  await audit(deps, user, 'grant.requested', request.reportId, { requestId: request.id, reason: request.reason, hours: request.grantHours });
  return request;
}

/**
 * Changes a report's gradering and compartments. Making it stricter (higher gradering, more
 * compartments) applies at once; lowering the gradering or removing a compartment is a
 * four-eyes change: it waits for a supervisor other than the requester to approve.
 */
export async function changeMarking(
  deps: CoreDeps,
  user: User,
  reportId: string,
  input: MarkingChange & { reason: string; expectedVersion?: number },
): Promise<MarkingChangeOutcome> {
  const report = await deps.store.get(reportId, reportAccessCondition(defineAbilityFor(user), 'change-marking'));
  if (!report) throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
  if (input.expectedVersion !== undefined && input.expectedVersion !== report.version) {
    throw new DomainError('VERSION_CONFLICT', 'Rapporten er endret siden du åpnet den', { currentVersion: report.version });
  }
  checkMarkingWithinOwnAccess(user, input);
  const compartments = [...new Set(input.compartments)].sort();
  const change: MarkingChange = { gradering: input.gradering, compartments };
  if (isLoosening(report, change)) {
    const request: ApprovalRequest = {
      id: deps.ids.newId(),
      kind: 'nedgradering',
      reportId,
      requestedBy: user.username,
      requestedAt: deps.clock.now().toISOString(),
      reason: input.reason.trim(),
      change,
      status: 'venter',
    };
    await deps.approvals.create(request);
    await audit(deps, user, 'marking.change_requested', reportId, {
      requestId: request.id,
      reason: request.reason,
      from: { gradering: report.gradering, compartments: report.compartments },
      to: change,
    });
    return { kind: 'pending', request };
  }
  return { kind: 'applied', report: await applyMarking(deps, report, change, { actor: user, reason: input.reason.trim() }) };
}

/**
 * A supervisor's decision on a pending request. The decider must hold `approve`, must not be the
 * requester (four eyes), and must be able to see the report they decide on (a supervisor cannot
 * open a report to someone else that they may not read themselves).
 */
export async function decideApproval(
  deps: CoreDeps,
  user: User,
  requestId: string,
  input: { approve: boolean; note?: string },
): Promise<{ request: ApprovalRequest; report?: Report }> {
  const ability = defineAbilityFor(user);
  if (!ability.can('approve', 'Approval')) throw new DomainError('FORBIDDEN', 'Bare fagansvarlige kan avgjøre forespørsler');
  const pending = await deps.approvals.get(requestId);
  if (!pending) throw new DomainError('NOT_FOUND', 'Forespørselen finnes ikke');
  if (pending.requestedBy === user.username || pending.grantee === user.username) {
    throw new DomainError('SAME_PERSON', 'Fire øyne: en annen person enn den som ba om det må avgjøre');
  }
  const action = pending.kind === 'tilgang' ? 'read' : pending.kind === 'kassasjon' ? 'dispose' : 'change-marking';
  const report = await deps.store.get(pending.reportId, reportAccessCondition(ability, action));
  if (!report && input.approve) throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
  const now = deps.clock.now();
  // Checked again before anything is decided: the report may have joined an open case meanwhile.
  const disposal = input.approve && pending.kind === 'kassasjon' && report ? await disposalDue(deps, report, now) : undefined;
  const expiresAt =
    input.approve && pending.kind === 'tilgang' ? new Date(now.getTime() + (pending.grantHours ?? GRANT_DEFAULT_HOURS) * 3_600_000).toISOString() : undefined;
  const request = await deps.approvals.decide(requestId, {
    status: input.approve ? 'godkjent' : 'avslatt',
    decidedBy: user.username,
    decidedAt: now.toISOString(),
    ...(input.note ? { decisionNote: input.note.trim() } : {}),
    ...(expiresAt ? { expiresAt } : {}),
  });
  await audit(deps, user, input.approve ? 'approval.approved' : 'approval.rejected', request.reportId, {
    requestId,
    kind: request.kind,
    requestedBy: request.requestedBy,
    ...(request.grantee ? { grantee: request.grantee } : {}),
    ...(expiresAt ? { expiresAt } : {}),
    ...(input.note ? { note: input.note } : {}),
  });
  if (input.approve && request.kind === 'nedgradering' && report && request.change) {
    const changed = await applyMarking(deps, report, request.change, { actor: user, reason: request.reason, requestedBy: request.requestedBy, requestId });
    return { request, report: changed };
  }
  if (disposal && report) return { request, report: await applyDisposal(deps, user, request, report, disposal) };
  return { request };
}

/** Requests visible to a user: supervisors see all; everyone else only their own. */
export async function listApprovals(deps: CoreDeps, user: User, query: Omit<ApprovalListQuery, 'requestedBy'>): Promise<ApprovalRequest[]> {
  const ability = defineAbilityFor(user);
  if (ability.can('read', 'Approval')) return deps.approvals.list(query);
  if (!ability.can('request', 'Approval')) throw new DomainError('FORBIDDEN', 'Ingen tilgang til forespørsler');
  return deps.approvals.list({ ...query, requestedBy: user.username });
}

/** True if the change lowers the gradering or removes any compartment (looser access). */
export function isLoosening(report: Pick<Report, 'gradering' | 'compartments'>, change: MarkingChange): boolean {
  if (graderingRank(change.gradering) < graderingRank(report.gradering)) return true;
  return report.compartments.some((c) => !change.compartments.includes(c));
}

function checkMarkingWithinOwnAccess(user: User, change: { gradering: Gradering; compartments: string[] }): void {
  if (graderingRank(change.gradering) > graderingRank(user.klarering)) {
    throw new DomainError('VALIDATION_FAILED', 'Kan ikke gradere høyere enn egen klarering', { field: 'gradering' });
  }
  const foreign = change.compartments.filter((c) => !user.compartments.includes(c));
  if (foreign.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `Du er ikke medlem av rom: ${foreign.join(', ')}`, { field: 'compartments' });
  }
}

/** Applies a marking with optimistic concurrency, retrying on a concurrent change; re-indexes, since the index holds the marking. */
async function applyMarking(
  deps: CoreDeps,
  report: Report,
  change: MarkingChange,
  context: { actor: User; reason: string; requestedBy?: string; requestId?: string },
): Promise<Report> {
  let current = report;
  for (let attempt = 0; ; attempt += 1) {
    const after: Report = { ...current, gradering: change.gradering, compartments: change.compartments };
    try {
      return await deps.store.applyChange({
        reportId: current.id,
        expectedVersion: current.version,
        set: { gradering: change.gradering, compartments: change.compartments },
        journal: {
          at: deps.clock.now().toISOString(),
          actor: actorName({ kind: 'user', user: context.actor }),
          action: 'report.marking.changed',
          details: {
            reason: context.reason,
            changes: fieldChanges(current, after, ['gradering', 'compartments']),
            ...(context.requestedBy ? { requestedBy: context.requestedBy, approvedBy: context.actor.username, requestId: context.requestId } : {}),
          },
        },
        outbox: ['index'],
      });
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'VERSION_CONFLICT' || attempt >= 3) throw error;
      const fresh = await deps.store.get(current.id, { kind: 'all' });
      if (!fresh) throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
      current = fresh;
    }
  }
}

async function audit(deps: CoreDeps, user: User, action: string, subjectId: string, details: Record<string, unknown>): Promise<void> {
  await deps.audit.append({ at: deps.clock.now().toISOString(), actor: actorName({ kind: 'user', user }), action, subjectId, details });
}

/** One use of break-glass as supervisors review it. */
export interface BreakGlassUse {
  seq: number;
  at: string;
  actor: string;
  reportId?: string;
  reason: string;
  outcome: string;
  neededGlass?: boolean;
}

/**
 * Every break-glass use, newest first, for supervisors (who approve access) and auditors. Reading
 * this list is itself audited.
 */
export async function listBreakGlassUses(deps: CoreDeps, user: User, limit: number): Promise<BreakGlassUse[]> {
  const ability = defineAbilityFor(user);
  if (!ability.can('approve', 'Approval') && !ability.can('read', 'AuditLog')) {
    throw new DomainError('FORBIDDEN', 'Bare fagansvarlige og revisorer ser bruk av nødtilgang');
  }
  // Newest first and limited inside the audit query: no page of old entries is read to be thrown away.
  const entries = await deps.audit.list({ action: 'report.break_glass', limit, order: 'desc' });
  const uses = entries
    .map((entry) => ({
      seq: entry.seq,
      at: entry.at,
      actor: entry.actor,
      ...(entry.subjectId ? { reportId: entry.subjectId } : {}),
      reason: String(entry.details.reason ?? ''),
      outcome: String(entry.details.outcome ?? ''),
      ...(typeof entry.details.neededGlass === 'boolean' ? { neededGlass: entry.details.neededGlass } : {}),
    }));
  await audit(deps, user, 'break_glass.list.read', 'break-glass', { shown: uses.length });
  return uses;
}
