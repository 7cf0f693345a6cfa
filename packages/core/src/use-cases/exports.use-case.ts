import { DomainError, REGISTERED_STATUSES, type Report, type User } from '@mottak/domain';
import { type ArkivuttrekkManifest, buildStixBundle, type StixBundle, StringSink, writeArkivuttrekk } from '@mottak/exports';
import { defineAbilityFor, mustMaskPersonalData, reportAccessCondition } from '@mottak/policies';
import { withContentChangeValues } from '../content-change-values';
import type { CoreDeps } from '../deps';
import { actorName } from '../principal';
import { requireQualityStore, scanReports } from './quality.use-case';

/** Most reports one export call may hold (the bundle and the extract are answered in one response). */
export const MAX_EXPORT_REPORTS = 10_000;

function exportAbility(user: User) {
  const ability = defineAbilityFor(user);
  if (!ability.can('export', 'Report')) throw new DomainError('FORBIDDEN', 'Du har ikke tilgang til eksport');
  return ability;
}

/** Registered reports the user may read (access decided in the store query), at most `limit`. */
async function readableRegistered(deps: CoreDeps, user: User, limit: number): Promise<Report[]> {
  const ability = exportAbility(user);
  const reports: Report[] = [];
  for await (const report of scanReports(requireQualityStore(deps), reportAccessCondition(ability, 'read'), [...REGISTERED_STATUSES], Math.min(limit, 1000))) {
    reports.push(report);
    if (reports.length >= limit) break;
  }
  return reports;
}

/**
 * A STIX 2.1 bundle of the registered reports the user may read. Personal identifiers are masked
 * when asked, and always for a user without the need for personal data. Audited with every id.
 */
export async function exportStix(deps: CoreDeps, user: User, options: { maskPersonalData: boolean; limit: number }): Promise<{ bundle: StixBundle; masked: boolean }> {
  const ability = exportAbility(user);
  const masked = options.maskPersonalData || mustMaskPersonalData(ability);
  const reports = await readableRegistered(deps, user, Math.min(options.limit, MAX_EXPORT_REPORTS));
  const bundle = buildStixBundle(reports, { producer: user.unit, maskPersonalData: masked });
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'export.stix',
    details: { bundleId: bundle.id, masked, count: reports.length, reportIds: reports.map((r) => r.id) },
  });
  return { bundle, masked };
}

/** A Noark-5-style archival extract (XML files + manifest with SHA-256) of the registered reports the user may read; audited. */
export async function exportArkivuttrekk(
  deps: CoreDeps,
  user: User,
  options: { limit: number },
): Promise<{ files: Record<string, string>; manifest: ArkivuttrekkManifest }> {
  const reports = await readableRegistered(deps, user, Math.min(options.limit, MAX_EXPORT_REPORTS));
  const access = reportAccessCondition(exportAbility(user), 'read');
  const arkivstruktur = new StringSink();
  const endringslogg = new StringSink();
  async function* records() {
    for (const report of reports) yield { report, journal: await withContentChangeValues(deps, report.id, await deps.store.journalFor(report.id), access) };
  }
  const manifest = await writeArkivuttrekk(
    { uttrekkId: deps.ids.newId(), producedAt: deps.clock.now(), producer: user.unit, records: records() },
    { arkivstruktur, endringslogg },
  );
  await deps.audit.append({
    at: manifest.producedAt,
    actor: actorName({ kind: 'user', user }),
    action: 'export.arkivuttrekk',
    details: { uttrekkId: manifest.uttrekkId, count: manifest.journalposter, reportIds: manifest.reportIds, files: manifest.files },
  });
  const files: Record<string, string> = {};
  for (const file of manifest.files) files[file.name] = file.name.startsWith('arkivstruktur') ? arkivstruktur.toString() : endringslogg.toString();
  return { files, manifest };
}
