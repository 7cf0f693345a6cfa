import { type Priority, type Report, SLA_UNASSESSED_PRIORITY } from '@mottak/domain';
import type { DqCatalogue } from './dq-catalogue.schema';

/** Which deadline was missed: the first assessment, or the registration as a journalpost. */
export const SLA_BREACH_STAGES = ['vurdering', 'registrering'] as const;
export type SlaBreachStage = (typeof SLA_BREACH_STAGES)[number];

/** Minutes from receipt per priority, as an `sla` rule of the data-quality catalogue gives them. */
export type SlaTable = Partial<Record<Priority, { assessWithinMinutes?: number; registerWithinMinutes?: number }>>;

/** An `sla` rule of the catalogue in force: the configurable deadlines. */
export interface SlaRule {
  ruleId: string;
  slas: SlaTable;
}

/** One missed deadline of one report. */
export interface SlaBreach {
  reportId: string;
  journalNumber?: string;
  ruleId: string;
  priority: Priority;
  /** True when the report is not assessed yet and its clock runs as SLA_UNASSESSED_PRIORITY's. */
  priorityAssumed: boolean;
  stage: SlaBreachStage;
  receivedAt: string;
  deadline: string;
  /** When the step was done, late; absent while it is still not done (the breach is ongoing). */
  doneAt?: string;
  minutesLate: number;
}

const MINUTE_MS = 60_000;

/** The `sla` rules of a catalogue (usually one). */
export function slaRulesOf(catalogue: DqCatalogue): SlaRule[] {
  return catalogue.rules.flatMap((rule) => (rule.kind === 'sla' ? [{ ruleId: rule.id, slas: rule.params.slas }] : []));
}

/**
 * The deadlines `report` missed under `rule`, as of `now`: a step done after its deadline, or not
 * done and past it. The same reading as the catalogue's timeliness check, with two choices a
 * supervisor's list needs: a report not yet assessed runs on SLA_UNASSESSED_PRIORITY's clock (it
 * could be anything, so it waits as the most urgent), and a report withdrawn (`utgar`) before a step
 * has no deadline for that step.
 */
export function slaBreachesOf(report: Report, rule: SlaRule, now: Date): SlaBreach[] {
  const own = report.registration?.priority ?? report.assessment?.priority;
  const priority = own ?? SLA_UNASSESSED_PRIORITY;
  const sla = rule.slas[priority];
  if (!sla) return [];
  const received = Date.parse(report.receivedAt);
  const breaches: SlaBreach[] = [];
  const step = (stage: SlaBreachStage, withinMinutes: number | undefined, doneAt: string | undefined) => {
    if (withinMinutes === undefined) return;
    if (doneAt === undefined && report.status === 'utgar') return;
    const deadline = received + withinMinutes * MINUTE_MS;
    const at = doneAt === undefined ? now.getTime() : Date.parse(doneAt);
    if (at <= deadline) return;
    breaches.push({
      reportId: report.id,
      ...(report.registration?.journalNumber ? { journalNumber: report.registration.journalNumber } : {}),
      ruleId: rule.ruleId,
      priority,
      priorityAssumed: own === undefined,
      stage,
      receivedAt: report.receivedAt,
      deadline: new Date(deadline).toISOString(),
      ...(doneAt !== undefined ? { doneAt } : {}),
      minutesLate: Math.ceil((at - deadline) / MINUTE_MS),
    });
  };
  step('vurdering', sla.assessWithinMinutes, report.assessment?.assessedAt);
  step('registrering', sla.registerWithinMinutes, report.registration?.registeredAt);
  return breaches;
}
