import type { DqEvaluation, QualityStore, ReportStore } from '@mottak/core';
import type { Gradering } from '@mottak/domain';
import type { AccessCondition } from '@mottak/policies';
import { aJournalDraft, aRegistrationCommand, aReport } from './builders';

/** A quality store beside the report store whose reports it reads. */
export interface QualityStoreFixture {
  reports: ReportStore;
  quality: QualityStore;
  cleanup(): Promise<void>;
}

const upTo = (gradering: Gradering): AccessCondition => ({
  kind: 'in',
  field: 'gradering',
  values: ['UGRADERT', 'BEGRENSET', 'KONFIDENSIELT', 'HEMMELIG', 'STRENGT_HEMMELIG'].slice(
    0,
    ['UGRADERT', 'BEGRENSET', 'KONFIDENSIELT', 'HEMMELIG', 'STRENGT_HEMMELIG'].indexOf(gradering) + 1,
  ),
});

function evaluation(score: number, ...findings: Array<[string, 'blocking' | 'warning']>): DqEvaluation {
  return {
    score,
    blocked: findings.some(([, s]) => s === 'blocking'),
    outcomes: [],
    findings: findings.map(([ruleId, severity]) => ({ ruleId, severity, dimension: 'completeness', message: `Brudd på ${ruleId}` })),
  };
}

/** The behaviour every QualityStore adapter must show. */
export function describeQualityStoreContract(name: string, open: () => Promise<QualityStoreFixture>): void {
  describe(`QualityStore contract: ${name}`, () => {
    let fixture: QualityStoreFixture;
    const ids: string[] = [];

    beforeAll(async () => {
      fixture = await open();
      // Five registered reports (the last one HEMMELIG) and one still `mottatt`.
      for (let i = 0; i < 6; i++) {
        const report = aReport({ id: `q-${String(i).padStart(2, '0')}-${Math.random().toString(36).slice(2, 8)}` });
        await fixture.reports.receive(report, aJournalDraft());
        if (i < 5) {
          await fixture.reports.register(aRegistrationCommand(report, { gradering: i === 4 ? 'HEMMELIG' : 'BEGRENSET' }));
          ids.push(report.id);
        }
      }
      ids.sort();
    });
    afterAll(async () => fixture.cleanup());

    it('pages through the reports access allows, by id, with a status filter', async () => {
      const access = upTo('KONFIDENSIELT');
      const first = await fixture.quality.reportPage(access, { statuses: ['registrert'], limit: 2 });
      const rest = await fixture.quality.reportPage(access, { statuses: ['registrert'], limit: 10, afterId: first[1]!.id });
      expect([...first, ...rest].map((r) => r.id)).toEqual(ids.slice(0, 4));
      expect(rest.every((r) => r.status === 'registrert')).toBe(true);
      expect(await fixture.quality.reportPage({ kind: 'none' }, { limit: 10 })).toEqual([]);
    });

    it('pages through the reports received in a time window', async () => {
      const early = aReport({ id: `q-ea-${Math.random().toString(36).slice(2, 8)}`, receivedAt: '2025-01-01T10:00:00.000Z' });
      const late = aReport({ id: `q-la-${Math.random().toString(36).slice(2, 8)}`, receivedAt: '2025-01-02T10:00:00.000Z' });
      for (const report of [early, late]) await fixture.reports.receive(report, aJournalDraft());
      const window = (receivedFrom: string, receivedBefore: string) =>
        fixture.quality.reportPage(upTo('KONFIDENSIELT'), { receivedFrom, receivedBefore, limit: 10 }).then((page) => page.map((r) => r.id));
      expect(await window('2025-01-01T00:00:00.000Z', '2025-01-03T00:00:00.000Z')).toEqual([early.id, late.id].sort());
      // From is inclusive, before is exclusive.
      expect(await window('2025-01-02T10:00:00.000Z', '2025-01-03T00:00:00.000Z')).toEqual([late.id]);
      expect(await window('2025-01-01T00:00:00.000Z', '2025-01-02T10:00:00.000Z')).toEqual([early.id]);
    });

    it('stores the latest evaluation per report and filters findings, only for reports access allows', async () => {
      await fixture.quality.saveEvaluations('run-1', '2026-03-03T10:00:00.000Z', ids.map((id) => ({ reportId: id, evaluation: evaluation(50, ['a', 'warning']) })));
      await fixture.quality.saveEvaluations('run-2', '2026-03-04T10:00:00.000Z', [
        { reportId: ids[0]!, evaluation: evaluation(0, ['b', 'blocking'], ['a', 'warning']) },
        { reportId: ids[4]!, evaluation: evaluation(0, ['b', 'blocking']) },
      ]);
      const all = await fixture.quality.findings(upTo('STRENGT_HEMMELIG'), { limit: 100, offset: 0 });
      expect(all.total).toBe(6);
      expect(all.items[0]).toMatchObject({ reportId: ids[0], ruleId: 'b', severity: 'blocking', evaluatedAt: '2026-03-04T10:00:00.000Z', journalNumber: expect.stringMatching(/^2026\//) });
      const blocking = await fixture.quality.findings(upTo('KONFIDENSIELT'), { severity: 'blocking', limit: 100, offset: 0 });
      // The HEMMELIG report's finding stays hidden.
      expect(blocking.items.map((f) => f.reportId)).toEqual([ids[0]]);
      const byRule = await fixture.quality.findings(upTo('KONFIDENSIELT'), { ruleId: 'a', dimension: 'completeness', limit: 2, offset: 1 });
      expect(byRule).toMatchObject({ total: 4 });
      expect(byRule.items).toHaveLength(2);
      expect(await fixture.quality.resultFor(ids[0]!, upTo('BEGRENSET'))).toMatchObject({ runId: 'run-2', score: 0, findings: [{ ruleId: 'b' }, { ruleId: 'a' }] });
      expect(await fixture.quality.resultFor(ids[4]!, upTo('BEGRENSET'))).toBeUndefined();
    });

    it('decides access to findings by the report as it is now, compartments included', async () => {
      const report = aReport({ id: `q-zz-${Math.random().toString(36).slice(2, 8)}` });
      await fixture.reports.receive(report, aJournalDraft());
      const registered = await fixture.reports.register(aRegistrationCommand(report, { gradering: 'BEGRENSET' }));
      await fixture.quality.saveEvaluations('run-3', '2026-03-05T10:00:00.000Z', [{ reportId: report.id, evaluation: evaluation(0, ['c', 'warning']) }]);
      // Need-to-know: a user without compartments may not read a report that has any.
      const withoutCompartments: AccessCondition = {
        kind: 'and',
        conditions: [upTo('KONFIDENSIELT'), { kind: 'not', condition: { kind: 'hasElementOutside', field: 'compartments', values: [] } }],
      };
      const visible = async () => (await fixture.quality.findings(withoutCompartments, { ruleId: 'c', limit: 10, offset: 0 })).items.map((f) => f.reportId);
      expect(await visible()).toEqual([report.id]);
      // The report moves into a compartment after the run: its findings and result are hidden at once.
      await fixture.reports.applyChange({
        reportId: report.id,
        expectedVersion: registered.version,
        set: { compartments: ['kontraetterretning'] },
        journal: aJournalDraft({ action: 'report.corrected' }),
      });
      expect(await visible()).toEqual([]);
      expect(await fixture.quality.findings(withoutCompartments, { ruleId: 'c', limit: 10, offset: 0 })).toEqual({ total: 0, items: [] });
      expect(await fixture.quality.resultFor(report.id, withoutCompartments)).toBeUndefined();
      expect(await fixture.quality.resultFor(report.id, upTo('KONFIDENSIELT'))).toMatchObject({ runId: 'run-3' });
    });

    it('returns the latest run', async () => {
      const summary = { reports: 1, score: 100, byRule: [], byCategory: [], byCoordinator: [], byWeek: [] };
      await fixture.quality.saveRun({ id: 'r1', startedAt: '2026-03-03T10:00:00.000Z', finishedAt: '2026-03-03T10:01:00.000Z', startedBy: 'frida', catalogueVersion: '1', summary });
      await fixture.quality.saveRun({ id: 'r2', startedAt: '2026-03-04T10:00:00.000Z', finishedAt: '2026-03-04T10:01:00.000Z', startedBy: 'frida', catalogueVersion: '1', summary });
      expect((await fixture.quality.latestRun())?.id).toBe('r2');
    });
  });
}
