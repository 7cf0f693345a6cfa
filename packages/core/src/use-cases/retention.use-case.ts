import {
  type ApprovalRequest,
  DomainError,
  type DisposalRecord,
  isAllowedTransition,
  isFinalStatus,
  type Report,
  type RetentionDueKind,
  type RetentionRule,
  type RetentionRuleSet,
  type User,
} from '@mottak/domain';
import { type AccessCondition, defineAbilityFor, reportAccessCondition } from '@mottak/policies';
import type { CoreDeps } from '../deps';
import type { RetentionCandidate, RetentionCursor } from '../ports';
import { actorName } from '../principal';
import { addYears, defaultRetentionRules, latestDueRegistration, retentionRuleFor, retentionYears } from '../retention';

const EVERYTHING: AccessCondition = { kind: 'all' };
/** Rows a scan reads from the store at a time; memory stays flat however many reports there are. */
const SCAN_PAGE = 500;
/** Case statuses remembered during one scan (a case holds many reports); cleared when full. */
const CASE_CACHE_SIZE = 10_000;

/** One report due for review or disposal: journal metadata only, never content. */
export interface RetentionDueItem {
  reportId: string;
  journalNumber: string;
  category: string;
  registeredAt: string;
  status: Report['status'];
  gradering: Report['gradering'];
  dueAt: string;
  /** The rule that made it due: the category's own or the default (`*`). */
  ruleCategory: string;
  years: number;
}

export interface RetentionDuePage {
  kind: RetentionDueKind;
  at: string;
  ruleSetVersion: string;
  items: RetentionDueItem[];
  /** Pass back as `cursor` for the next page; absent when the list is complete. */
  nextCursor?: string;
}

/** The retention rules in force: the configured ones, or the shipped default. */
export function retentionRulesOf(deps: CoreDeps): RetentionRuleSet {
  return deps.retentionRules?.() ?? defaultRetentionRules();
}

/**
 * Every report `access` allows that is due for `kind` at `at`, in registration order, read a
 * page at a time. Not due: disposed reports, and reports linked to an open case (a case in work
 * keeps its material whatever the rules say).
 */
export async function* dueForRetention(
  deps: CoreDeps,
  access: AccessCondition,
  kind: RetentionDueKind,
  at: Date,
  after?: RetentionCursor,
): AsyncGenerator<{ item: RetentionDueItem; cursor: RetentionCursor }> {
  const rules = retentionRulesOf(deps);
  const registeredBefore = latestDueRegistration(rules, kind, at);
  const openCase = caseOpenLookup(deps);
  let cursor = after;
  for (;;) {
    const page = await deps.store.listRetentionCandidates(access, { registeredBefore, ...(cursor ? { after: cursor } : {}), limit: SCAN_PAGE });
    for (const candidate of page) {
      cursor = { registeredAt: candidate.registeredAt, id: candidate.id };
      const item = await dueItem(candidate, rules, kind, at, openCase);
      if (item) yield { item, cursor };
    }
    if (page.length < SCAN_PAGE) return;
  }
}

/** One page of what is due, for fagansvarlige (deny by default), under their own read access; audited. */
export async function listDueForRetention(
  deps: CoreDeps,
  user: User,
  query: { kind: RetentionDueKind; at?: string; cursor?: string; limit: number },
): Promise<RetentionDuePage> {
  const ability = defineAbilityFor(user);
  if (!ability.can('read', 'Retention')) throw new DomainError('FORBIDDEN', 'Bare fagansvarlige ser hva som skal vurderes eller kasseres');
  const at = query.at ? new Date(query.at) : deps.clock.now();
  const items: RetentionDueItem[] = [];
  let last: RetentionCursor | undefined;
  for await (const { item, cursor } of dueForRetention(deps, reportAccessCondition(ability, 'read'), query.kind, at, decodeCursor(query.cursor))) {
    items.push(item);
    last = cursor;
    if (items.length >= query.limit) break;
  }
  const page: RetentionDuePage = {
    kind: query.kind,
    at: at.toISOString(),
    ruleSetVersion: retentionRulesOf(deps).version,
    items,
    ...(items.length >= query.limit && last ? { nextCursor: encodeCursor(last) } : {}),
  };
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'retention.due.read',
    subjectId: 'retention',
    details: { kind: query.kind, at: page.at, shown: items.length },
  });
  return page;
}

/** Counts of what is due, as the daily job records them. */
export interface RetentionScanResult {
  at: string;
  ruleSetVersion: string;
  review: number;
  disposal: number;
}

/**
 * The daily retention job: counts what is due for review and for disposal over every report and
 * records the counts in the audit log (`retention.due.listed`), so supervisors see the list grow
 * and auditors see that it was looked at. It only lists: disposal always needs four eyes.
 */
export async function runRetentionScan(deps: CoreDeps): Promise<RetentionScanResult> {
  const now = deps.clock.now();
  const counts = { review: 0, disposal: 0 };
  for (const kind of ['review', 'disposal'] as const) {
    for await (const _due of dueForRetention(deps, EVERYTHING, kind, now)) counts[kind] += 1;
  }
  const result: RetentionScanResult = { at: now.toISOString(), ruleSetVersion: retentionRulesOf(deps).version, ...counts };
  await deps.audit.append({ at: now.toISOString(), actor: actorName({ kind: 'system', name: 'retention' }), action: 'retention.due.listed', subjectId: 'retention', details: { ...result } });
  return result;
}

/**
 * A fagansvarlig asks to dispose of a report. Only a report due for disposal now (registered,
 * retention period ended under its category's rule, not in an open case, not disposed already)
 * can be asked for: there is no override, since a record kept too long is corrected by changing
 * the rules (which are versioned files), not by one person's exception. A second fagansvarlig
 * decides (POST /approvals/{id}/decision); nothing is removed before that.
 */
export async function requestDisposal(deps: CoreDeps, user: User, reportId: string, input: { reason: string }): Promise<ApprovalRequest> {
  const ability = defineAbilityFor(user);
  if (!ability.can('dispose', 'Report')) throw new DomainError('FORBIDDEN', 'Bare fagansvarlige kan be om kassasjon');
  const report = await deps.store.get(reportId, reportAccessCondition(ability, 'dispose'));
  if (!report) throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
  await disposalDue(deps, report, deps.clock.now());
  const [pending] = await deps.approvals.list({ reportId, kind: 'kassasjon', status: 'venter', limit: 1 });
  if (pending) {
    throw new DomainError('NOT_DUE_FOR_DISPOSAL', 'Det finnes allerede en kassasjonsforespørsel som venter', { requestId: pending.id });
  }
  const request: ApprovalRequest = {
    id: deps.ids.newId(),
    kind: 'kassasjon',
    reportId,
    requestedBy: user.username,
    requestedAt: deps.clock.now().toISOString(),
    reason: input.reason.trim(),
    status: 'venter',
  };
  await deps.approvals.create(request);
  await deps.audit.append({
    at: request.requestedAt,
    actor: actorName({ kind: 'user', user }),
    action: 'disposal.requested',
    subjectId: reportId,
    details: { requestId: request.id, reason: request.reason },
  });
  return request;
}

/**
 * Checks that `report` is due for disposal at `now` and names the rule; NOT_DUE_FOR_DISPOSAL
 * otherwise (with why). Run both when asked and again when approved, since a report may have
 * joined an open case, or the rules changed, in between.
 */
export async function disposalDue(deps: CoreDeps, report: Report, now: Date): Promise<{ rule: RetentionRule; ruleSetVersion: string; dueAt: string }> {
  if (report.disposal) throw new DomainError('NOT_DUE_FOR_DISPOSAL', 'Rapporten er allerede kassert', { disposedAt: report.disposal.disposedAt });
  if (!report.registration) throw new DomainError('NOT_DUE_FOR_DISPOSAL', 'Bare registrerte journalposter kan kasseres', { status: report.status });
  const rules = retentionRulesOf(deps);
  const rule = retentionRuleFor(rules, report.registration.category);
  const dueAt = addYears(report.registration.registeredAt, rule.disposeAfterYears);
  if (dueAt > now) {
    throw new DomainError('NOT_DUE_FOR_DISPOSAL', `Bevaringstiden er ikke ute før ${dueAt.toISOString().slice(0, 10)}`, { dueAt: dueAt.toISOString(), ruleCategory: rule.category });
  }
  if (report.caseId && (await deps.cases.get(report.caseId))?.status === 'open') {
    throw new DomainError('NOT_DUE_FOR_DISPOSAL', 'Rapporten hører til en åpen sak og kan ikke kasseres', { caseId: report.caseId });
  }
  return { rule, ruleSetVersion: rules.version, dueAt: dueAt.toISOString() };
}

/**
 * Applies an approved disposal: the content leaves the report and every stored version (one
 * store operation), its attachments and original message leave the attachment store, the
 * search index drops it (outbox), the journal records `report.disposed` with who asked, who
 * approved, why and by which rule. A report not yet final ends as `utgar`; an `arkivert` one stays
 * `arkivert`. Either way it can no longer be corrected or re-opened.
 */
export async function applyDisposal(deps: CoreDeps, approver: User, request: ApprovalRequest, report: Report, due: Awaited<ReturnType<typeof disposalDue>>): Promise<Report> {
  let current = report;
  for (let attempt = 0; ; attempt += 1) {
    const at = deps.clock.now().toISOString();
    const status = isFinalStatus(current.status) ? current.status : 'utgar';
    if (status !== current.status && !isAllowedTransition(current.status, status, 'disposal')) {
      throw new DomainError('ILLEGAL_TRANSITION', 'Kassasjon er ikke tillatt fra denne statusen', { from: current.status, to: status, allowed: [] });
    }
    const disposal: DisposalRecord = {
      disposedAt: at,
      requestId: request.id,
      requestedBy: request.requestedBy,
      requestedAt: request.requestedAt,
      approvedBy: approver.username,
      reason: request.reason,
      rule: { ...due.rule, ruleSetVersion: due.ruleSetVersion },
      dueAt: due.dueAt,
    };
    try {
      const disposed = await deps.store.disposeContent({
        reportId: current.id,
        expectedVersion: current.version,
        status,
        disposal,
        journal: { at, actor: actorName({ kind: 'user', user: approver }), action: 'report.disposed', details: { ...disposal } },
      });
      // The files go with the content: the report's references are dropped and content no other
      // report carries is deleted (content shared with another report stays for that one).
      await deps.attachments?.release(current.id);
      return disposed;
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'VERSION_CONFLICT' || attempt >= 3) throw error;
      const fresh = await deps.store.get(current.id, EVERYTHING);
      if (!fresh) throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
      current = fresh;
    }
  }
}

async function dueItem(
  candidate: RetentionCandidate,
  rules: RetentionRuleSet,
  kind: RetentionDueKind,
  at: Date,
  openCase: (caseId: string) => Promise<boolean>,
): Promise<RetentionDueItem | undefined> {
  if (candidate.disposed) return undefined;
  const rule = retentionRuleFor(rules, candidate.category);
  const years = retentionYears(rule, kind);
  const dueAt = addYears(candidate.registeredAt, years);
  if (dueAt > at) return undefined;
  if (candidate.caseId && (await openCase(candidate.caseId))) return undefined;
  return {
    reportId: candidate.id,
    journalNumber: candidate.journalNumber,
    category: candidate.category,
    registeredAt: candidate.registeredAt,
    status: candidate.status,
    gradering: candidate.gradering,
    dueAt: dueAt.toISOString(),
    ruleCategory: rule.category,
    years,
  };
}

function caseOpenLookup(deps: CoreDeps): (caseId: string) => Promise<boolean> {
  const known = new Map<string, boolean>();
  return async (caseId) => {
    const seen = known.get(caseId);
    if (seen !== undefined) return seen;
    if (known.size >= CASE_CACHE_SIZE) known.clear();
    const open = (await deps.cases.get(caseId))?.status === 'open';
    known.set(caseId, open);
    return open;
  };
}

function encodeCursor(cursor: RetentionCursor): string {
  return Buffer.from(JSON.stringify([cursor.registeredAt, cursor.id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): RetentionCursor | undefined {
  if (!cursor) return undefined;
  try {
    const [registeredAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof registeredAt === 'string' && typeof id === 'string') return { registeredAt, id };
  } catch {
    // fall through to the validation error below
  }
  throw new DomainError('VALIDATION_FAILED', 'Ugyldig markør (cursor)', { field: 'cursor' });
}
