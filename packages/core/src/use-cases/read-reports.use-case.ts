import { type ChainedEntry, DomainError, type Report, type ReportStatus, type User } from '@mottak/domain';
import { defineAbilityFor, reportAccessCondition } from '@mottak/policies';
import type { CoreDeps } from '../deps';
import { actorName } from '../principal';

/** A report as one user may see it: duplicate hints only point at reports that user may also see. */
export type ReportView = Report;

/**
 * Reads one report for a user and audits the read (also when it is hidden or missing, since an
 * attempt to open what one may not see is exactly what auditors look for).
 */
export async function getReport(deps: CoreDeps, user: User, reportId: string): Promise<ReportView> {
  const access = reportAccessCondition(defineAbilityFor(user));
  const report = await deps.store.get(reportId, access);
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'report.read',
    subjectId: reportId,
    details: { outcome: report ? 'shown' : 'not_found' },
  });
  if (!report) throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
  return withVisibleDuplicates(deps, user, report);
}

/** Lists the reports a user may see (the coordinator's queue), audited with the ids shown. */
export async function listReports(
  deps: CoreDeps,
  user: User,
  query: { statuses?: ReportStatus[]; limit: number; offset: number },
): Promise<{ total: number; items: Report[] }> {
  const access = reportAccessCondition(defineAbilityFor(user));
  const result = await deps.store.list(access, query);
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'report.list',
    details: { statuses: query.statuses ?? null, total: result.total, ids: result.items.map((r) => r.id) },
  });
  return result;
}

/** The journal (change history) of one report, for users who may see the report. */
export async function reportJournal(deps: CoreDeps, user: User, reportId: string): Promise<ChainedEntry[]> {
  const access = reportAccessCondition(defineAbilityFor(user));
  const report = await deps.store.get(reportId, access);
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'report.journal.read',
    subjectId: reportId,
    details: { outcome: report ? 'shown' : 'not_found' },
  });
  if (!report) throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
  return deps.store.journalFor(reportId);
}

async function withVisibleDuplicates(deps: CoreDeps, user: User, report: Report): Promise<ReportView> {
  if (!report.assessment || report.assessment.duplicateOf.length === 0) return report;
  const access = reportAccessCondition(defineAbilityFor(user));
  const visible = new Set(await deps.store.findIdsByContentHash(report.assessment.contentHash, report.id, access));
  return {
    ...report,
    assessment: { ...report.assessment, duplicateOf: report.assessment.duplicateOf.filter((id) => visible.has(id)) },
  };
}
