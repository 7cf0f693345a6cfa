import {
  DomainError,
  type Gradering,
  graderingRank,
  type Priority,
  type Report,
  type Skjerming,
  type SourceGrading,
  admiraltyCode,
} from '@mottak/domain';
import { defineAbilityFor, reportAccessCondition } from '@mottak/policies';
import type { User } from '@mottak/domain';
import { defaultDqCatalogue, evaluateReport } from '@mottak/quality';
import type { CoreDeps } from '../deps';
import type { RegistrationCommand } from '../ports';
import { applyRegistration } from '../registration';
import { actorName } from '../principal';
import { recordedGrading } from './source-grading.use-case';

export interface RegistrationInput {
  /** Confirms the suggested priority when absent. */
  priority?: Priority;
  /** Confirms the suggested category when absent. */
  category?: string;
  gradering: Gradering;
  compartments?: string[];
  skjerming?: Skjerming;
  /** The coordinator's final Admiralty grading (source A–F, information 1–6); may also be given later. */
  sourceGrading?: SourceGrading;
  note?: string;
  /** If given, registration fails with VERSION_CONFLICT when the report changed since it was read. */
  expectedVersion?: number;
}

/**
 * Registers an assessed report as a journalpost with the next gap-free journal number of the
 * current year. The coordinator confirms or overrides the assessment's priority and category and
 * sets gradering and compartments, never above their own klarering or outside their compartments
 * (they would lock themselves out and classify what they cannot vouch for).
 */
export async function registerReport(deps: CoreDeps, user: User, reportId: string, input: RegistrationInput): Promise<Report> {
  const ability = defineAbilityFor(user);
  const report = await deps.store.get(reportId, reportAccessCondition(ability, 'register'));
  if (!report) {
    // Same answer as for a report that does not exist: no hint that it does.
    throw new DomainError('REPORT_NOT_FOUND', 'Rapporten finnes ikke');
  }
  if (report.status !== 'vurdert' || !report.assessment) {
    throw new DomainError(
      'INVALID_STATE_TRANSITION',
      `Rapporten har status «${report.status}» og kan ikke registreres; den må være «vurdert»`,
      { currentStatus: report.status },
    );
  }
  if (graderingRank(input.gradering) > graderingRank(user.klarering)) {
    throw new DomainError('VALIDATION_FAILED', 'Kan ikke gradere høyere enn egen klarering', { field: 'gradering' });
  }
  const compartments = [...new Set(input.compartments ?? [])].sort();
  const foreign = compartments.filter((c) => !user.compartments.includes(c));
  if (foreign.length > 0) {
    throw new DomainError('VALIDATION_FAILED', `Du er ikke medlem av rom: ${foreign.join(', ')}`, { field: 'compartments' });
  }
  if (input.expectedVersion !== undefined && input.expectedVersion !== report.version) {
    throw new DomainError('VERSION_CONFLICT', 'Rapporten er endret siden du åpnet den', {
      currentVersion: report.version,
    });
  }

  const now = deps.clock.now();
  const priority = input.priority ?? report.assessment.priority;
  const category = input.category ?? report.assessment.category;
  const command: RegistrationCommand = {
    reportId: report.id,
    expectedVersion: report.version,
    year: journalYear(now),
    registration: {
      registeredAt: now.toISOString(),
      registeredBy: user.username,
      priority,
      category,
      priorityOverridden: priority !== report.assessment.priority,
      categoryOverridden: category !== report.assessment.category,
      ...(input.note ? { note: input.note } : {}),
    },
    gradering: input.gradering,
    compartments,
    ...(input.skjerming ? { skjerming: input.skjerming } : {}),
    ...(input.sourceGrading ? { sourceGrading: recordedGrading(input.sourceGrading, user, now) } : {}),
    journal: {
      at: now.toISOString(),
      actor: actorName({ kind: 'user', user }),
      action: 'report.registered',
      details: {
        priority,
        category,
        suggestedPriority: report.assessment.priority,
        suggestedCategory: report.assessment.category,
        gradering: input.gradering,
        compartments,
        ...(input.sourceGrading ? { admiralty: admiraltyCode(input.sourceGrading) } : {}),
      },
    },
  };
  assertDataQuality(deps, report, command, now);
  return deps.store.register(command);
}

/**
 * Evaluates the data-quality catalogue against the report as it would be after this registration
 * and stops it, with the list of what to fix, when a blocking rule fails.
 */
function assertDataQuality(deps: CoreDeps, report: Report, command: RegistrationCommand, now: Date): void {
  const catalogue = deps.dqCatalogue?.() ?? defaultDqCatalogue();
  // The journal number is not allocated yet; no rule looks at it.
  const { next } = applyRegistration(report, command, `${command.year}/000000`);
  const evaluation = evaluateReport(next, catalogue, now);
  if (!evaluation.blocked) return;
  const blocking = evaluation.findings.filter((f) => f.severity === 'blocking');
  throw new DomainError('DQ_BLOCKED', `Registreringen stoppes av datakvalitetsregler: ${blocking.map((f) => f.message).join('; ')}`, {
    findings: blocking,
    warnings: evaluation.findings.filter((f) => f.severity === 'warning'),
  });
}

const OSLO_YEAR = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Oslo', year: 'numeric' });

/** The journal year follows Norwegian local time: a report registered 00:30 on 1 January belongs to the new year. */
export function journalYear(at: Date): number {
  return Number(OSLO_YEAR.format(at));
}
