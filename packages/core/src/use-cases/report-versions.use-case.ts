import { type ChainedEntry, DomainError, type Report, type User } from '@mottak/domain';
import { maskPersonalData, maskReport } from '../access/personal-data-mask';
import { readAccessFor } from '../access/read-access';
import type { CoreDeps } from '../deps';
import type { ReportVersionSummary } from '../ports';
import { actorName } from '../principal';

/** One version in a report's history, with the journaled change that produced it. */
export interface ReportVersionEntry extends ReportVersionSummary {
  /** The journal entry that made this version, when the journal names it. */
  change?: { seq: number; at: string; actor: string; action: string; reason?: string };
}

/**
 * The versions of a report a user may read, oldest first: every earlier version stays readable to
 * those who may read the report now and that version as it was (a version graded higher than
 * their klarering stays hidden). The read is audited.
 */
export async function listReportVersions(deps: CoreDeps, user: User, reportId: string): Promise<ReportVersionEntry[]> {
  const readAccess = await readAccessFor(deps, user);
  const versions = await deps.store.listVersions(reportId, readAccess.access);
  await audit(deps, user, 'report.versions.read', reportId, { outcome: versions.length > 0 ? 'shown' : 'not_found', versions: versions.length });
  if (versions.length === 0) throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
  const byVersion = new Map<number, ChainedEntry>();
  for (const entry of await deps.store.journalFor(reportId)) {
    const version = typeof entry.details['version'] === 'number' ? entry.details['version'] : entry.action === 'report.received' ? 1 : undefined;
    if (version !== undefined) byVersion.set(version, entry);
  }
  return versions.map((listed) => {
    let summary: ReportVersionEntry = listed;
    const entry = byVersion.get(summary.version);
    // Titles carry personal data as often as bodies: masked like the report itself.
    if (readAccess.masked) summary = { ...summary, title: maskPersonalData(summary.title) };
    if (!entry) return summary;
    const reason = typeof entry.details['reason'] === 'string' ? entry.details['reason'] : undefined;
    return { ...summary, change: { seq: entry.seq, at: entry.at, actor: entry.actor, action: entry.action, ...(reason ? { reason } : {}) } };
  });
}

/** One version of a report as it was stored, under the same rule as listReportVersions; audited. */
export async function getReportVersion(deps: CoreDeps, user: User, reportId: string, version: number): Promise<Report> {
  const readAccess = await readAccessFor(deps, user);
  const found = await deps.store.getVersion(reportId, version, readAccess.access);
  await audit(deps, user, 'report.version.read', reportId, { version, outcome: found ? 'shown' : 'not_found', ...(found && readAccess.masked ? { masked: true } : {}) });
  if (!found) throw new DomainError('NOT_FOUND', `Versjon ${version} av rapporten finnes ikke`);
  return readAccess.masked ? maskReport(found) : found;
}

async function audit(deps: CoreDeps, user: User, action: string, subjectId: string, details: Record<string, unknown>): Promise<void> {
  await deps.audit.append({ at: deps.clock.now().toISOString(), actor: actorName({ kind: 'user', user }), action, subjectId, details });
}
