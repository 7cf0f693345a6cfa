import { randomUUID } from 'node:crypto';
import type { AssessmentStatsStore, ReportStore } from '@mottak/core';
import type { DisposalRecord, FiredRule, Gradering, InformationCredibility, Priority, Report } from '@mottak/domain';
import type { AccessCondition } from '@mottak/policies';
import { aJournalDraft, anAssessment, aRegistrationCommand, aReport } from './builders';

/** An assessment-stats store beside the report store whose reports it counts. */
export interface AssessmentStatsFixture {
  reports: ReportStore;
  stats: AssessmentStatsStore;
  cleanup(): Promise<void>;
}

const GRADERINGER: Gradering[] = ['UGRADERT', 'BEGRENSET', 'KONFIDENSIELT', 'HEMMELIG', 'STRENGT_HEMMELIG'];
const upTo = (gradering: Gradering): AccessCondition => ({ kind: 'in', field: 'gradering', values: GRADERINGER.slice(0, GRADERINGER.indexOf(gradering) + 1) });
const EVERYTHING: AccessCondition = { kind: 'all' };

const DISPOSAL: DisposalRecord = {
  disposedAt: '2036-03-03T09:00:00.000Z',
  requestId: 'req-1',
  requestedBy: 'frida',
  requestedAt: '2036-03-02T09:00:00.000Z',
  approvedBy: 'fiona',
  reason: 'Bevaringstiden er ute',
  rule: { category: '*', reviewAfterYears: 5, disposeAfterYears: 10, ruleSetVersion: 'test' },
  dueAt: '2036-03-02T09:00:00.000Z',
};

const rule = (ruleId: string, priority?: Priority, category?: string): FiredRule => ({
  ruleId,
  description: ruleId,
  reason: 'fordi',
  ...(priority ? { priority } : {}),
  ...(category ? { category } : {}),
});

/** The behaviour every AssessmentStatsStore adapter must show. */
export function describeAssessmentStatsContract(name: string, open: () => Promise<AssessmentStatsFixture>): void {
  describe(`AssessmentStatsStore contract: ${name}`, () => {
    let fixture: AssessmentStatsFixture;
    // Keys unique to this run: the suites share nothing but must not see each other's reports.
    const key = (label: string) => `test:${label}-${randomUUID()}`;

    beforeAll(async () => {
      fixture = await open();
    });
    afterAll(async () => fixture.cleanup());

    /** A report stored with an assessment (as the worker leaves it), optionally graded. */
    async function fromSource(sourceKeys: string[], options: { receivedAt: string; gradering?: Gradering; credibility?: InformationCredibility }): Promise<Report> {
      const report = aReport({
        receivedAt: options.receivedAt,
        status: 'vurdert',
        gradering: options.gradering ?? 'BEGRENSET',
        assessment: anAssessment({ sourceKeys }),
        ...(options.credibility ? { sourceGrading: { reliability: 'C', credibility: options.credibility, gradedAt: options.receivedAt, gradedBy: 'kari' } } : {}),
      });
      await fixture.reports.receive(report, aJournalDraft());
      return report;
    }

    it('counts a source’s earlier reports, graded and confirmed, by any of its keys', async () => {
      const email = key('e-post');
      const phone = key('telefon');
      await fromSource([email], { receivedAt: '2026-01-01T10:00:00.000Z', credibility: 1 });
      await fromSource([phone], { receivedAt: '2026-01-02T10:00:00.000Z', credibility: 2 });
      await fromSource([email, phone], { receivedAt: '2026-01-03T10:00:00.000Z', credibility: 4 });
      await fromSource([email], { receivedAt: '2026-01-04T10:00:00.000Z' });
      await fromSource([key('someone-else')], { receivedAt: '2026-01-04T11:00:00.000Z', credibility: 1 });
      const current = await fromSource([email, phone], { receivedAt: '2026-02-01T10:00:00.000Z' });
      // Later reports are not its history.
      await fromSource([email], { receivedAt: '2026-03-01T10:00:00.000Z', credibility: 1 });

      const query = { sourceKeys: [email, phone], reportId: current.id, receivedBefore: current.receivedAt };
      expect(await fixture.stats.sourceHistory(query, EVERYTHING)).toEqual({ earlier: 4, graded: 3, confirmed: 2 });
      expect(await fixture.stats.sourceHistory({ ...query, sourceKeys: [phone] }, EVERYTHING)).toEqual({ earlier: 2, graded: 2, confirmed: 1 });
      expect(await fixture.stats.sourceHistory({ ...query, sourceKeys: [key('unknown')] }, EVERYTHING)).toEqual({ earlier: 0, graded: 0, confirmed: 0 });
      expect(await fixture.stats.sourceHistory({ ...query, sourceKeys: [] }, EVERYTHING)).toEqual({ earlier: 0, graded: 0, confirmed: 0 });
      // Never its own history, even if asked about a later instant.
      expect(await fixture.stats.sourceHistory({ ...query, receivedBefore: '2026-02-15T00:00:00.000Z' }, EVERYTHING)).toEqual({ earlier: 4, graded: 3, confirmed: 2 });
    });

    it('counts only reports access allows', async () => {
      const source = key('partner');
      await fromSource([source], { receivedAt: '2026-01-01T10:00:00.000Z', credibility: 1 });
      await fromSource([source], { receivedAt: '2026-01-02T10:00:00.000Z', credibility: 1, gradering: 'HEMMELIG' });
      await fromSource([source], { receivedAt: '2026-01-03T10:00:00.000Z', credibility: 5, gradering: 'KONFIDENSIELT' });
      const query = { sourceKeys: [source], reportId: 'none', receivedBefore: '2026-06-01T00:00:00.000Z' };
      expect(await fixture.stats.sourceHistory(query, upTo('HEMMELIG'))).toEqual({ earlier: 3, graded: 3, confirmed: 2 });
      expect(await fixture.stats.sourceHistory(query, upTo('BEGRENSET'))).toEqual({ earlier: 1, graded: 1, confirmed: 1 });
      expect(await fixture.stats.sourceHistory(query, { kind: 'none' })).toEqual({ earlier: 0, graded: 0, confirmed: 0 });
    });

    it('follows the report as it changes: assessed, graded, and disposed', async () => {
      const person = key('telefon');
      const partner = `partner:${randomUUID()}`;
      const report = aReport({ receivedAt: '2026-01-01T10:00:00.000Z' });
      await fixture.reports.receive(report, aJournalDraft());
      const query = { sourceKeys: [person, partner], reportId: 'none', receivedBefore: '2026-06-01T00:00:00.000Z' };
      expect(await fixture.stats.sourceHistory(query, EVERYTHING)).toEqual({ earlier: 0, graded: 0, confirmed: 0 });

      const assessed = await fixture.reports.applyChange({
        reportId: report.id,
        expectedVersion: 1,
        set: { status: 'vurdert', assessment: anAssessment({ sourceKeys: [person, partner] }) },
        journal: aJournalDraft(),
      });
      expect(await fixture.stats.sourceHistory(query, EVERYTHING)).toEqual({ earlier: 1, graded: 0, confirmed: 0 });

      const graded = await fixture.reports.applyChange({
        reportId: report.id,
        expectedVersion: assessed.version,
        set: { sourceGrading: { reliability: 'B', credibility: 2, gradedAt: '2026-01-02T00:00:00.000Z', gradedBy: 'kari' } },
        journal: aJournalDraft(),
      });
      expect(await fixture.stats.sourceHistory(query, EVERYTHING)).toEqual({ earlier: 1, graded: 1, confirmed: 1 });

      // Disposal removes the person's key (a fingerprint of their contact details); the partner's stays.
      const registered = await fixture.reports.register(aRegistrationCommand(graded, { gradering: 'BEGRENSET' }));
      await fixture.reports.disposeContent({ reportId: report.id, expectedVersion: registered.version, status: 'utgar', disposal: DISPOSAL, journal: aJournalDraft() });
      expect(await fixture.stats.sourceHistory({ ...query, sourceKeys: [person] }, EVERYTHING)).toEqual({ earlier: 0, graded: 0, confirmed: 0 });
      expect(await fixture.stats.sourceHistory({ ...query, sourceKeys: [partner] }, EVERYTHING)).toEqual({ earlier: 1, graded: 1, confirmed: 1 });
    });

    describe('override counts per rule', () => {
      // A window of its own (year 2031): registrations of the other tests fall outside it.
      const window = { from: '2031-01-01T00:00:00.000Z', to: '2031-02-01T00:00:00.000Z' };

      async function registered(options: {
        suggested: { priority: Priority; category: string };
        fired: FiredRule[];
        final: { priority: Priority; category: string };
        registeredAt: string;
        gradering?: Gradering;
      }): Promise<void> {
        const report = aReport({
          status: 'vurdert',
          assessment: anAssessment({ priority: options.suggested.priority, category: options.suggested.category, firedRules: options.fired }),
        });
        await fixture.reports.receive(report, aJournalDraft());
        await fixture.reports.register(
          aRegistrationCommand(report, {
            year: 2031,
            gradering: options.gradering ?? 'BEGRENSET',
            registration: {
              registeredAt: options.registeredAt,
              registeredBy: 'kari',
              priority: options.final.priority,
              category: options.final.category,
              priorityOverridden: options.final.priority !== options.suggested.priority,
              categoryOverridden: options.final.category !== options.suggested.category,
            },
          }),
        );
      }

      beforeAll(async () => {
        const threat = rule('trussel-vold', 'P1', 'trussel');
        const phone = rule('telefon', 'P3');
        const urgent = rule('akutt', 'P1');
        // 1: confirmed as suggested.
        await registered({ suggested: { priority: 'P1', category: 'trussel' }, fired: [threat, phone], final: { priority: 'P1', category: 'trussel' }, registeredAt: '2031-01-05T10:00:00.000Z' });
        // 2: priority lowered: both P1 rules gave it; the P3 rule decided nothing.
        await registered({ suggested: { priority: 'P1', category: 'trussel' }, fired: [threat, urgent, phone], final: { priority: 'P2', category: 'trussel' }, registeredAt: '2031-01-06T10:00:00.000Z' });
        // 3: category changed: only the rule that gave the category.
        await registered({ suggested: { priority: 'P1', category: 'trussel' }, fired: [threat, urgent], final: { priority: 'P1', category: 'annet' }, registeredAt: '2031-01-07T10:00:00.000Z' });
        // 4: the phone rule alone decided the priority, and was overridden.
        await registered({ suggested: { priority: 'P3', category: 'annet' }, fired: [phone], final: { priority: 'P4', category: 'annet' }, registeredAt: '2031-01-08T10:00:00.000Z' });
        // 5: HEMMELIG, overridden: hidden from a BEGRENSET reader.
        await registered({ suggested: { priority: 'P1', category: 'trussel' }, fired: [threat], final: { priority: 'P3', category: 'trussel' }, registeredAt: '2031-01-09T10:00:00.000Z', gradering: 'HEMMELIG' });
        // 6: outside the window ([from, to) is half-open).
        await registered({ suggested: { priority: 'P1', category: 'trussel' }, fired: [threat], final: { priority: 'P4', category: 'annet' }, registeredAt: window.to });
      });

      it('counts fired and overridden per rule, by the field the rule decided', async () => {
        const counts = await fixture.stats.ruleOverrides(window, upTo('STRENGT_HEMMELIG'));
        expect(counts.registered).toBe(5);
        expect(counts.overriddenReports).toBe(4);
        expect(counts.rules).toEqual([
          { ruleId: 'akutt', fired: 2, overridden: 1, priorityOverridden: 1, categoryOverridden: 0 },
          { ruleId: 'telefon', fired: 3, overridden: 1, priorityOverridden: 1, categoryOverridden: 0 },
          { ruleId: 'trussel-vold', fired: 4, overridden: 3, priorityOverridden: 2, categoryOverridden: 1 },
        ]);
      });

      it('counts only reports access allows, and nothing outside the window', async () => {
        const counts = await fixture.stats.ruleOverrides(window, upTo('BEGRENSET'));
        expect(counts).toMatchObject({ registered: 4, overriddenReports: 3 });
        expect(counts.rules.find((r) => r.ruleId === 'trussel-vold')).toEqual({ ruleId: 'trussel-vold', fired: 3, overridden: 2, priorityOverridden: 1, categoryOverridden: 1 });
        expect(await fixture.stats.ruleOverrides(window, { kind: 'none' })).toEqual({ registered: 0, overriddenReports: 0, rules: [] });
        expect(await fixture.stats.ruleOverrides({ from: '2030-01-01T00:00:00.000Z', to: window.from }, EVERYTHING)).toEqual({ registered: 0, overriddenReports: 0, rules: [] });
      });
    });
  });
}
