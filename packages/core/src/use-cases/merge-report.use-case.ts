import { DomainError, isDomainError, type MergeRequest, type Report, type User } from '@mottak/domain';
import type { CoreDeps } from '../deps';
import { actorName } from '../principal';
import { reportForUpdate } from '../report-for-update';
import { assertTransition } from './change-status.use-case';

/**
 * Merges a duplicate into the report it duplicates: the duplicate becomes `utgar` with
 * `mergedInto` pointing at the target (never deleted; the link is kept), and both journals record
 * the merge. The user must be allowed to change both reports. A duplicate in a case it shares with
 * nobody stays in it (the case shows it as utgår, which is history worth keeping).
 */
export async function mergeReport(
  deps: CoreDeps,
  user: User,
  duplicateId: string,
  targetId: string,
  input: MergeRequest,
): Promise<{ duplicate: Report; target: Report }> {
  if (duplicateId === targetId) {
    throw new DomainError('VALIDATION_FAILED', 'En rapport kan ikke slås sammen med seg selv', { field: 'params.targetId' });
  }
  const duplicate = await reportForUpdate(deps, user, duplicateId, input.expectedVersion);
  const target = await reportForUpdate(deps, user, targetId);
  if (target.status === 'utgar') {
    throw new DomainError('ILLEGAL_TRANSITION', 'Målrapporten er utgått; slå sammen med rapporten den ble slått sammen med', {
      from: duplicate.status,
      to: 'utgar',
      allowed: [],
      targetStatus: target.status,
      targetMergedInto: target.mergedInto ?? null,
    });
  }
  assertTransition(duplicate.status, 'utgar', 'merge');
  const at = deps.clock.now().toISOString();
  const actor = actorName({ kind: 'user', user });
  const merged = await deps.store.applyChange({
    reportId: duplicate.id,
    expectedVersion: duplicate.version,
    set: { status: 'utgar', mergedInto: target.id },
    journal: { at, actor, action: 'report.merged', details: { into: target.id, reason: input.reason } },
    outbox: ['index'],
  });
  // The duplicate is the fact that matters and is stored; the target's entry follows, retried on a race.
  const journalTarget = async (version: number) =>
    deps.store.applyChange({
      reportId: target.id,
      expectedVersion: version,
      set: {},
      journal: { at, actor, action: 'report.merged-from', details: { from: duplicate.id, reason: input.reason } },
    });
  let updatedTarget: Report;
  try {
    updatedTarget = await journalTarget(target.version);
  } catch (error) {
    if (!isDomainError(error) || error.code !== 'VERSION_CONFLICT') throw error;
    updatedTarget = await journalTarget(Number(error.details?.['currentVersion']));
  }
  return { duplicate: merged, target: updatedTarget };
}
