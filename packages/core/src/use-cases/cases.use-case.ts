import {
  type Case,
  type CaseStatusChange,
  DomainError,
  isDomainError,
  type NewCase,
  type Report,
  type User,
} from '@mottak/domain';
import { defineAbilityFor } from '@mottak/policies';
import { maskReport } from '../access/personal-data-mask';
import { readAccessFor } from '../access/read-access';
import type { CoreDeps } from '../deps';
import { actorName } from '../principal';
import { reportForUpdate } from '../report-for-update';
import { journalYear } from './register-report.use-case';

/** A case with how many of its reports the user may read (hidden ones are never counted). */
export interface CaseSummary extends Case {
  reportCount: number;
}

/** A case and the page of its reports the user may read. */
export interface CaseView extends CaseSummary {
  reports: Report[];
}

/** Opens a new case with the next gap-free case number of the year. */
export async function createCase(deps: CoreDeps, user: User, input: NewCase): Promise<Case> {
  requireCaseAbility(user, 'create');
  const now = deps.clock.now();
  return deps.cases.create({
    id: deps.ids.newId(),
    year: journalYear(now),
    title: input.title,
    event: { at: now.toISOString(), actor: actorName({ kind: 'user', user }), action: 'case.created' },
  });
}

/**
 * One case with its reports. Which reports show, and how many are counted, is decided by the
 * user's access condition inside the store's query: a case never reveals a report by itself.
 */
export async function getCase(deps: CoreDeps, user: User, caseId: string, page: { limit: number; offset: number }): Promise<CaseView> {
  requireCaseAbility(user, 'read');
  const found = await deps.cases.get(caseId);
  const readAccess = await readAccessFor(deps, user);
  const reports = found ? await deps.store.list(readAccess.access, { caseId, limit: page.limit, offset: page.offset }) : { total: 0, items: [] };
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'case.read',
    subjectId: caseId,
    details: { outcome: found ? 'shown' : 'not_found', ids: reports.items.map((r) => r.id) },
  });
  if (!found) throw new DomainError('NOT_FOUND', 'Saken finnes ikke');
  return { ...found, reportCount: reports.total, reports: readAccess.masked ? reports.items.map((r) => maskReport(r)) : reports.items };
}

/** Cases newest first, each with the number of its reports the user may read. */
export async function listCases(
  deps: CoreDeps,
  user: User,
  query: { status?: Case['status']; limit: number; offset: number },
): Promise<{ total: number; items: CaseSummary[] }> {
  requireCaseAbility(user, 'read');
  const page = await deps.cases.list(query);
  const { access } = await readAccessFor(deps, user);
  // One count per case on the page (at most 200): each count is the store's own, under access.
  const items = await Promise.all(
    page.items.map(async (c) => ({ ...c, reportCount: (await deps.store.list(access, { caseId: c.id, limit: 1, offset: 0 })).total })),
  );
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'case.list',
    details: { status: query.status ?? null, total: page.total, ids: items.map((c) => c.id) },
  });
  return { total: page.total, items };
}

/** Closes or reopens a case, with who, when and why in its history. */
export async function changeCaseStatus(deps: CoreDeps, user: User, caseId: string, input: CaseStatusChange): Promise<Case> {
  requireCaseAbility(user, 'update');
  const found = await deps.cases.get(caseId);
  if (!found) throw new DomainError('NOT_FOUND', 'Saken finnes ikke');
  if (found.version !== input.expectedVersion) {
    throw new DomainError('VERSION_CONFLICT', 'Saken er endret siden du åpnet den', { currentVersion: found.version });
  }
  if (found.status === input.status) {
    throw new DomainError('ILLEGAL_TRANSITION', `Saken er allerede «${found.status}»`, { from: found.status, to: input.status, allowed: found.status === 'open' ? ['closed'] : ['open'] });
  }
  return deps.cases.setStatus({
    id: caseId,
    expectedVersion: input.expectedVersion,
    status: input.status,
    event: { at: deps.clock.now().toISOString(), actor: actorName({ kind: 'user', user }), action: input.status === 'closed' ? 'case.closed' : 'case.reopened', reason: input.reason },
  });
}

/**
 * Links a report to an open case (journaled on the report, with the case number). A report
 * belongs to at most one case; moving it means unlinking it first, so no link is lost silently.
 * Linking again to the same case changes nothing.
 */
export async function linkReportToCase(deps: CoreDeps, user: User, caseId: string, reportId: string): Promise<Report> {
  requireCaseAbility(user, 'update');
  const found = await deps.cases.get(caseId);
  if (!found) throw new DomainError('NOT_FOUND', 'Saken finnes ikke');
  const report = await reportForUpdate(deps, user, reportId);
  if (report.caseId === caseId) return report;
  if (found.status !== 'open') {
    throw new DomainError('INVALID_STATE_TRANSITION', `Saken ${found.caseNumber} er lukket; gjenåpne den først`, { caseStatus: found.status });
  }
  if (report.caseId !== undefined) {
    throw new DomainError('INVALID_STATE_TRANSITION', 'Rapporten hører allerede til en annen sak; fjern den derfra først', { caseId: report.caseId });
  }
  return changeLink(deps, user, report, caseId, { action: 'report.case.linked', details: { caseId, caseNumber: found.caseNumber } });
}

/** Removes a report from a case (journaled on the report). */
export async function unlinkReportFromCase(deps: CoreDeps, user: User, caseId: string, reportId: string): Promise<Report> {
  requireCaseAbility(user, 'update');
  const found = await deps.cases.get(caseId);
  if (!found) throw new DomainError('NOT_FOUND', 'Saken finnes ikke');
  const report = await reportForUpdate(deps, user, reportId);
  if (report.caseId !== caseId) throw new DomainError('NOT_FOUND', `Rapporten hører ikke til sak ${found.caseNumber}`);
  return changeLink(deps, user, report, undefined, { action: 'report.case.unlinked', details: { caseId, caseNumber: found.caseNumber } });
}

async function changeLink(
  deps: CoreDeps,
  user: User,
  report: Report,
  caseId: string | undefined,
  journal: { action: string; details: Record<string, unknown> },
): Promise<Report> {
  try {
    return await deps.store.applyChange({
      reportId: report.id,
      expectedVersion: report.version,
      set: { caseId },
      journal: { at: deps.clock.now().toISOString(), actor: actorName({ kind: 'user', user }), ...journal },
    });
  } catch (error) {
    // Linking is not an edit of content: a concurrent change to the report is no reason to fail it, once.
    if (!isDomainError(error) || error.code !== 'VERSION_CONFLICT') throw error;
    const fresh = await reportForUpdate(deps, user, report.id);
    if (fresh.caseId === caseId) return fresh;
    if (caseId !== undefined && fresh.caseId !== undefined) {
      throw new DomainError('INVALID_STATE_TRANSITION', 'Rapporten hører allerede til en annen sak; fjern den derfra først', { caseId: fresh.caseId });
    }
    return deps.store.applyChange({
      reportId: fresh.id,
      expectedVersion: fresh.version,
      set: { caseId },
      journal: { at: deps.clock.now().toISOString(), actor: actorName({ kind: 'user', user }), ...journal },
    });
  }
}

function requireCaseAbility(user: User, action: 'read' | 'create' | 'update'): void {
  if (!defineAbilityFor(user).can(action, 'Case')) throw new DomainError('FORBIDDEN', 'Saker er for koordinatorer og fagansvarlige');
}
