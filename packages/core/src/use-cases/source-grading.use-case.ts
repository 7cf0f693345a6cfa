import { type SourceKind, type SourceReliabilitySuggestion, sourceIdentitiesOf, suggestSourceReliability } from '@mottak/assessment';
import { admiraltyCode, DomainError, type RecordedSourceGrading, type Report, type SourceGrading, type User } from '@mottak/domain';
import { defineAbilityFor, reportAccessCondition } from '@mottak/policies';
import type { CoreDeps } from '../deps';
import { actorName } from '../principal';

/** The Admiralty suggestion for one report as one coordinator may see it. */
export interface SourceSuggestionView {
  reportId: string;
  /** How the source was recognised (partner, e-mail, phone), in words; empty for an anonymous report. */
  sources: Array<{ kind: SourceKind; label: string }>;
  suggestion: SourceReliabilitySuggestion;
  /** The final grading already recorded, if any. */
  grading?: RecordedSourceGrading;
}

function assessAbility(user: User): ReturnType<typeof defineAbilityFor> {
  const ability = defineAbilityFor(user);
  if (!ability.can('assess', 'Report')) throw new DomainError('FORBIDDEN', 'Bare koordinatorer og fagansvarlige vurderer kilder');
  return ability;
}

/**
 * Suggests a source-reliability letter for a report from its source's earlier reports. The history
 * counts only reports the asking user may read (compiled into the store query), so neither the
 * counts nor the letter tell anyone of reports they are not cleared for: a letter computed over
 * hidden reports would let a BEGRENSET coordinator infer that confirmed HEMMELIG reports from the
 * same source exist. Two coordinators may therefore see different letters for the same report;
 * each is honest about what that coordinator can check. The read is audited.
 */
export async function suggestSourceGrading(deps: CoreDeps, user: User, reportId: string): Promise<SourceSuggestionView> {
  const ability = assessAbility(user);
  const report = await deps.store.get(reportId, reportAccessCondition(ability, 'assess'));
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'report.source_history.read',
    subjectId: reportId,
    details: { outcome: report ? 'shown' : 'not_found' },
  });
  if (!report) throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
  // From the report itself, not its stored keys: a report not yet assessed has a source too.
  const identities = sourceIdentitiesOf(report);
  const history =
    identities.length === 0
      ? { earlier: 0, graded: 0, confirmed: 0 }
      : await deps.assessmentStats.sourceHistory(
          { sourceKeys: identities.map((s) => s.key), reportId: report.id, receivedBefore: report.receivedAt },
          reportAccessCondition(ability, 'read'),
        );
  return {
    reportId: report.id,
    sources: identities.map(({ kind, label }) => ({ kind, label })),
    suggestion: suggestSourceReliability(history, identities.length > 0),
    ...(report.sourceGrading ? { grading: report.sourceGrading } : {}),
  };
}

/** The final grading as stored, stamped with who and when. */
export function recordedGrading(grading: SourceGrading, user: User, at: Date): RecordedSourceGrading {
  return { reliability: grading.reliability, credibility: grading.credibility, gradedAt: at.toISOString(), gradedBy: user.username };
}

/**
 * Records (or changes) the coordinator's final Admiralty grading of a report after registration or
 * at any time before disposal; journaled with the old and new code. A later grading of a report
 * also changes its source's history for every report that comes after it.
 */
export async function gradeSource(
  deps: CoreDeps,
  user: User,
  reportId: string,
  input: SourceGrading & { expectedVersion?: number },
): Promise<Report> {
  const ability = assessAbility(user);
  const report = await deps.store.get(reportId, reportAccessCondition(ability, 'assess'));
  if (!report) throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
  if (report.disposal) {
    throw new DomainError('INVALID_STATE_TRANSITION', 'Rapporten er kassert og kan ikke kildevurderes', { currentStatus: report.status });
  }
  if (input.expectedVersion !== undefined && input.expectedVersion !== report.version) {
    throw new DomainError('VERSION_CONFLICT', 'Rapporten er endret siden du åpnet den', { currentVersion: report.version });
  }
  const now = deps.clock.now();
  const sourceGrading = recordedGrading(input, user, now);
  return deps.store.applyChange({
    reportId: report.id,
    expectedVersion: report.version,
    set: { sourceGrading },
    journal: {
      at: now.toISOString(),
      actor: actorName({ kind: 'user', user }),
      action: 'report.source_graded',
      details: { admiralty: admiraltyCode(sourceGrading), previous: report.sourceGrading ? admiraltyCode(report.sourceGrading) : null },
    },
  });
}
