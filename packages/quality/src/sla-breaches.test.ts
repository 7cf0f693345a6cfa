import { defaultDqCatalogue } from './dq-catalogue.loader';
import { type SlaRule, slaBreachesOf, slaRulesOf } from './sla-breaches';
import { registeredReport } from './test-reports.fixture';

const rule: SlaRule = { ruleId: 'tidsfrister', slas: { P1: { assessWithinMinutes: 15, registerWithinMinutes: 60 }, P3: { registerWithinMinutes: 120 } } };
const NOW = new Date('2026-03-02T12:00:00.000Z');

describe('slaBreachesOf', () => {
  it('lists each missed deadline with how late, and nothing for steps done in time', () => {
    const late = registeredReport(
      { registration: { ...registeredReport().registration!, priority: 'P1', registeredAt: '2026-03-02T09:30:00.000Z' } },
      { priority: 'P1', assessedAt: '2026-03-02T08:20:00.000Z' },
    );
    expect(slaBreachesOf(late, rule, NOW)).toEqual([
      {
        reportId: 'r-1',
        journalNumber: '2026/000001',
        ruleId: 'tidsfrister',
        priority: 'P1',
        priorityAssumed: false,
        stage: 'vurdering',
        receivedAt: '2026-03-02T08:00:00.000Z',
        deadline: '2026-03-02T08:15:00.000Z',
        doneAt: '2026-03-02T08:20:00.000Z',
        minutesLate: 5,
      },
      expect.objectContaining({ stage: 'registrering', deadline: '2026-03-02T09:00:00.000Z', doneAt: '2026-03-02T09:30:00.000Z', minutesLate: 30 }),
    ]);
    // P3: registered after 30 minutes, within its 2 hours; no assessment deadline configured.
    expect(slaBreachesOf(registeredReport(), rule, NOW)).toEqual([]);
  });

  it('counts a step not done once its deadline has passed, with the clock of a P1 while unassessed', () => {
    const unassessed = registeredReport({ status: 'mottatt', assessment: undefined, registration: undefined });
    expect(slaBreachesOf(unassessed, rule, new Date('2026-03-02T08:10:00.000Z'))).toEqual([]);
    expect(slaBreachesOf(unassessed, rule, NOW).map((b) => [b.stage, b.priority, b.priorityAssumed, b.doneAt, b.minutesLate])).toEqual([
      ['vurdering', 'P1', true, undefined, 225],
      ['registrering', 'P1', true, undefined, 180],
    ]);
  });

  it('sets no deadline for a step a withdrawn report never took, nor for priorities without an SLA', () => {
    expect(slaBreachesOf(registeredReport({ status: 'utgar', assessment: undefined, registration: undefined }), rule, NOW)).toEqual([]);
    expect(slaBreachesOf(registeredReport({ registration: undefined, status: 'vurdert' }, { priority: 'P4' }), rule, NOW)).toEqual([]);
  });

  it('reads the deadlines from the catalogue in force (P1: assessed within 15 minutes, registered within an hour)', () => {
    expect(slaRulesOf(defaultDqCatalogue())).toEqual([
      expect.objectContaining({ ruleId: 'tidsfrister', slas: expect.objectContaining({ P1: { assessWithinMinutes: 15, registerWithinMinutes: 60 } }) }),
    ]);
  });
});
