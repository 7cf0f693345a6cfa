import { type ChainedEntry, DomainError, type Report, type ReportStatus, type SeenBefore, type User } from '@mottak/domain';
import { defineBreakGlassAbilityFor, reportAccessCondition } from '@mottak/policies';
import { maskPersonalData, maskReport, type MaskedReportMarker } from '../access/personal-data-mask';
import { type ReadAccess, readAccessFor } from '../access/read-access';
import { type AssessmentProgress, assessmentProgressOf, withAssessmentProgress } from '../assessment-progress';
import type { CoreDeps } from '../deps';
import { withContentChangeValues } from '../content-change-values';
import { actorName } from '../principal';
import { seenBeforeFor } from './seen-before.use-case';

/**
 * A report as one user may see it: duplicate hints only point at reports that user may also see,
 * and personal data is masked for readers without the personopplysninger need.
 */
export type ReportView = Report & MaskedReportMarker;

/** One report opened by a user: the view plus what was seen before it (near-duplicates, shared identifiers). */
export type OpenedReportView = ReportView & SeenBefore & { assessmentProgress?: AssessmentProgress };

/** Applies the reader's field rules to a report they may see. */
function asSeenBy(readAccess: ReadAccess, report: Report): ReportView {
  return readAccess.masked ? maskReport(report) : report;
}

/**
 * Reads one report for a user and audits the read (also when it is hidden or missing, since an
 * attempt to open what one may not see is exactly what auditors look for).
 */
export async function getReport(deps: CoreDeps, user: User, reportId: string): Promise<OpenedReportView> {
  const readAccess = await readAccessFor(deps, user);
  const report = await deps.store.get(reportId, readAccess.access);
  // Looked up before the audit entry, so that it names the other reports this read pointed to.
  const seenBefore = report ? await seenBeforeFor(deps, readAccess, report) : undefined;
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'report.read',
    subjectId: reportId,
    details: {
      outcome: report ? 'shown' : 'not_found',
      ...(report && readAccess.masked ? { masked: true } : {}),
      ...(seenBefore && seenBefore.nearDuplicates.length > 0 ? { nearDuplicates: seenBefore.nearDuplicates.map((d) => d.id) } : {}),
    },
  });
  if (!report || !seenBefore) throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
  const progress = await assessmentProgressOf(deps, report);
  return { ...asSeenBy(readAccess, await withVisibleDuplicates(deps, readAccess, report)), ...seenBefore, ...(progress ? { assessmentProgress: progress } : {}) };
}

/** Shortest reason accepted for breaking the glass: a word or two is not a reason. */
export const BREAK_GLASS_MIN_REASON = 10;

/**
 * Opens a report outside the user's need-to-know by breaking the glass: allowed up to the user's
 * klarering (never above), always with a reason, flagged in the audit log as `report.break_glass`
 * for supervisors. A report that is missing or above klarering answers REPORT_NOT_FOUND, and that
 * attempt is audited too.
 */
export async function breakGlassRead(deps: CoreDeps, user: User, reportId: string, reason: string): Promise<ReportView> {
  const trimmed = reason.trim();
  if (trimmed.length < BREAK_GLASS_MIN_REASON) {
    throw new DomainError('VALIDATION_FAILED', `Begrunnelsen må ha minst ${BREAK_GLASS_MIN_REASON} tegn`, {
      errors: [{ field: 'reason', message: `minst ${BREAK_GLASS_MIN_REASON} tegn` }],
    });
  }
  const glass = defineBreakGlassAbilityFor(user);
  const report = await deps.store.get(reportId, reportAccessCondition(glass, 'break-glass'));
  const readAccess = await readAccessFor(deps, user);
  // Whether the user could have read it anyway tells supervisors if the glass was needed at all.
  const neededGlass = report ? !(await deps.store.get(reportId, readAccess.access)) : undefined;
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'report.break_glass',
    subjectId: reportId,
    details: { reason: trimmed, outcome: report ? 'shown' : 'not_found', ...(report ? { neededGlass, masked: readAccess.masked } : {}) },
  });
  if (!report) throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
  // Supervisors hear of it at once on their event stream, not only in the next audit review.
  if (neededGlass) deps.events.publish({ type: 'alert', kind: 'break-glass', reportId, actor: user.username, at: deps.clock.now().toISOString() });
  return asSeenBy(readAccess, report);
}

/** Lists the reports a user may see (the coordinator's queue), audited with the ids shown. */
export async function listReports(
  deps: CoreDeps,
  user: User,
  query: { statuses?: ReportStatus[]; order?: 'newest' | 'triage'; limit: number; offset: number },
): Promise<{ total: number; items: ReportView[] }> {
  const readAccess = await readAccessFor(deps, user);
  const result = await deps.store.list(readAccess.access, query);
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'report.list',
    details: { statuses: query.statuses ?? null, total: result.total, ids: result.items.map((r) => r.id), ...(readAccess.masked ? { masked: true } : {}) },
  });
  return { total: result.total, items: await withAssessmentProgress(deps, result.items.map((report) => asSeenBy(readAccess, report))) };
}

/** The journal (change history) of one report, for users who may see the report. */
export async function reportJournal(deps: CoreDeps, user: User, reportId: string): Promise<ChainedEntry[]> {
  const readAccess = await readAccessFor(deps, user);
  const report = await deps.store.get(reportId, readAccess.access);
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'report.journal.read',
    subjectId: reportId,
    details: { outcome: report ? 'shown' : 'not_found' },
  });
  if (!report) throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
  const entries = await withContentChangeValues(deps, reportId, await deps.store.journalFor(reportId), readAccess.access);
  // Corrections record old and new values: a masked reader sees those masked too.
  return readAccess.masked ? entries.map((entry) => ({ ...entry, details: maskStringsDeep(entry.details) as Record<string, unknown> })) : entries;
}

async function withVisibleDuplicates(deps: CoreDeps, readAccess: ReadAccess, report: Report): Promise<Report> {
  if (!report.assessment || report.assessment.duplicateOf.length === 0) return report;
  const visible = new Set(await deps.store.findIdsByContentHash(report.assessment.contentHash, report.id, readAccess.access));
  return {
    ...report,
    assessment: { ...report.assessment, duplicateOf: report.assessment.duplicateOf.filter((id) => visible.has(id)) },
  };
}

/** Masks personal identifiers in every string inside a JSON value. */
function maskStringsDeep(value: unknown): unknown {
  if (typeof value === 'string') return maskPersonalData(value);
  if (Array.isArray(value)) return value.map(maskStringsDeep);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, maskStringsDeep(v)]));
  }
  return value;
}
