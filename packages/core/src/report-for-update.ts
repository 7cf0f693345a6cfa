import { DomainError, type Report, type User } from '@mottak/domain';
import { defineAbilityFor, reportAccessCondition } from '@mottak/policies';
import type { CoreDeps } from './deps';

/**
 * The report a user is about to change (status, correction, merge, case link). Hidden and missing
 * look the same (REPORT_NOT_FOUND); a report the user may read but not change is FORBIDDEN, since
 * saying so tells them nothing they could not see. With `expectedVersion`, a report changed since
 * the caller read it is a VERSION_CONFLICT naming the current version. A disposed report cannot be changed.
 */
export async function reportForUpdate(deps: CoreDeps, user: User, reportId: string, expectedVersion?: number): Promise<Report> {
  const ability = defineAbilityFor(user);
  const report = await deps.store.get(reportId, reportAccessCondition(ability, 'update'));
  if (!report) {
    const readable = await deps.store.get(reportId, reportAccessCondition(ability, 'read'));
    if (readable) throw new DomainError('FORBIDDEN', 'Du kan ikke endre denne rapporten');
    throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
  }
  if (expectedVersion !== undefined && expectedVersion !== report.version) {
    throw new DomainError('VERSION_CONFLICT', 'Rapporten er endret siden du åpnet den', { currentVersion: report.version });
  }
  // A disposed report keeps only its journal metadata: nothing may correct, re-open, merge or link it.
  if (report.disposal) throw new DomainError('INVALID_STATE_TRANSITION', 'Rapporten er kassert og kan ikke endres', { disposedAt: report.disposal.disposedAt });
  return report;
}
