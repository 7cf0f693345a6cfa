import { DomainError, REGISTERED_STATUSES, type Report, type ReportStatus, type User } from '@mottak/domain';
import { type AccessCondition, defineAbilityFor, reportAccessCondition } from '@mottak/policies';
import { defaultDqCatalogue, type DqEvaluation, evaluateBatch } from '@mottak/quality';
import type { CoreDeps } from '../deps';
import type { DqFindingQuery, DqFindingRow, DqRun, QualityStore } from '../ports';
import { actorName } from '../principal';

/** Reports read and results written per round trip in a batch run. */
const PAGE_SIZE = 1000;

/** Every report `access` allows with one of `statuses`, page by page in id order: flat memory however many there are. */
export async function* scanReports(store: QualityStore, access: AccessCondition, statuses?: ReportStatus[], pageSize = PAGE_SIZE): AsyncGenerator<Report> {
  let afterId: string | undefined;
  for (;;) {
    const page = await store.reportPage(access, { ...(statuses ? { statuses } : {}), ...(afterId ? { afterId } : {}), limit: pageSize });
    for (const report of page) yield report;
    if (page.length < pageSize) return;
    afterId = page[page.length - 1]!.id;
  }
}

/** The quality store, or a clear error where the profile has none wired. */
export function requireQualityStore(deps: CoreDeps): QualityStore {
  if (!deps.quality) throw new DomainError('SEARCH_UNAVAILABLE', 'Datakvalitet er ikke tilgjengelig i denne profilen');
  return deps.quality;
}

function requireAbility(user: User, action: 'read' | 'create'): ReturnType<typeof defineAbilityFor> {
  const ability = defineAbilityFor(user);
  if (!ability.can(action, 'Quality')) throw new DomainError('FORBIDDEN', 'Du har ikke tilgang til datakvalitet');
  return ability;
}

/**
 * Runs the data-quality catalogue over every registered report the user may read, stores each
 * report's score and findings and the run's summary, and audits the run.
 */
export async function runQualityBatch(deps: CoreDeps, user: User): Promise<DqRun> {
  const ability = requireAbility(user, 'create');
  const store = requireQualityStore(deps);
  const catalogue = deps.dqCatalogue?.() ?? defaultDqCatalogue();
  const startedAt = deps.clock.now();
  const runId = deps.ids.newId();
  let buffer: Array<{ reportId: string; evaluation: DqEvaluation }> = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    const items = buffer;
    buffer = [];
    await store.saveEvaluations(runId, startedAt.toISOString(), items);
  };
  const reports = scanReports(store, reportAccessCondition(ability, 'read'), [...REGISTERED_STATUSES]);
  const summary = await evaluateBatch(reports, catalogue, startedAt, {
    onEvaluated: async (report, evaluation) => {
      buffer.push({ reportId: report.id, evaluation });
      if (buffer.length >= PAGE_SIZE) await flush();
    },
  });
  await flush();
  const run: DqRun = {
    id: runId,
    startedAt: startedAt.toISOString(),
    finishedAt: deps.clock.now().toISOString(),
    startedBy: user.username,
    catalogueVersion: catalogue.version,
    summary,
  };
  await store.saveRun(run);
  await deps.audit.append({
    at: run.finishedAt,
    actor: actorName({ kind: 'user', user }),
    action: 'quality.run',
    details: { runId, reports: summary.reports, catalogueVersion: catalogue.version },
  });
  return run;
}

/** The latest run's summary (score per rule, category, coordinator and week), for supervisors. */
export async function qualitySummary(deps: CoreDeps, user: User): Promise<DqRun | undefined> {
  requireAbility(user, 'read');
  return requireQualityStore(deps).latestRun();
}

/** Stored findings with filters, only for reports the user may read (decided inside the store query). */
export async function listQualityFindings(deps: CoreDeps, user: User, query: DqFindingQuery): Promise<{ total: number; items: DqFindingRow[] }> {
  const ability = requireAbility(user, 'read');
  return requireQualityStore(deps).findings(reportAccessCondition(ability, 'read'), query);
}

/** One CSV field: quoted when needed, and a leading formula character neutralised so spreadsheets show it as text. */
export function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Findings as CSV (RFC 4180, CRLF line ends, header row). */
export function findingsToCsv(rows: readonly DqFindingRow[]): string {
  const header = ['reportId', 'journalNumber', 'ruleId', 'dimension', 'severity', 'message', 'evaluatedAt'];
  const lines = rows.map((r) => [r.reportId, r.journalNumber, r.ruleId, r.dimension, r.severity, r.message, r.evaluatedAt].map(csvField).join(','));
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
