import type { Report } from '@mottak/domain';
import { DqAggregator, evaluateBatch, NO_CATEGORY_KEY, UNREGISTERED_KEY } from './batch-evaluator';
import { parseDqCatalogue } from './dq-catalogue.loader';
import { evaluateReport } from './evaluate-report';
import { isoWeekOf, isoWeekOfDate } from './iso-week';
import { registeredReport } from './test-reports.fixture';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const catalogue = parseDqCatalogue(
  JSON.stringify({
    version: 't',
    rules: [
      { id: 'tidspunkt', kind: 'required-fields', dimension: 'completeness', severity: 'warning', explanation: 'x', params: { fields: ['occurredAt'] } },
      { id: 'dup', kind: 'no-unresolved-duplicates', dimension: 'uniqueness', severity: 'blocking', explanation: 'y' },
    ],
  }),
  'test',
);

function reportOf(i: number): Report {
  const base = registeredReport({ id: `r-${i}` });
  return {
    ...base,
    ...(i % 2 === 0 ? { occurredAt: '2026-03-01T00:00:00Z' } : {}),
    registration: {
      ...base.registration!,
      registeredBy: i % 3 === 0 ? 'kari' : 'ola',
      category: i % 4 === 0 ? 'trussel' : 'annet',
      // 2026-03-02 is Monday of week 10; 2026-03-09 of week 11.
      registeredAt: i < 6 ? '2026-03-02T08:30:00.000Z' : '2026-03-09T08:30:00.000Z',
    },
    assessment: { ...base.assessment!, duplicateOf: i === 5 ? ['r-1'] : [] },
  };
}

async function* stream(n: number): AsyncIterable<Report> {
  for (let i = 0; i < n; i++) yield reportOf(i);
}

describe('evaluateBatch', () => {
  it('aggregates per rule, category, coordinator and week', async () => {
    const stored: string[] = [];
    const summary = await evaluateBatch(stream(8), catalogue, NOW, { onEvaluated: (report, evaluation) => void stored.push(`${report.id}:${evaluation.score}`) });
    expect(stored).toHaveLength(8);
    expect(summary.reports).toBe(8);
    expect(summary.byRule).toEqual([
      { ruleId: 'tidspunkt', dimension: 'completeness', severity: 'warning', applicable: 8, passed: 4, failed: 4, score: 50 },
      { ruleId: 'dup', dimension: 'uniqueness', severity: 'blocking', applicable: 1, passed: 0, failed: 1, score: 0 },
    ]);
    // Even ids score 100, odd ones 0 (r-5 fails both rules): mean 50.
    expect(summary.score).toBe(50);
    expect(summary.byCoordinator).toEqual([
      { key: 'kari', reports: 3, score: 66.7, blockingFindings: 0, warningFindings: 1 },
      { key: 'ola', reports: 5, score: 40, blockingFindings: 1, warningFindings: 3 },
    ]);
    expect(summary.byCategory.map((g) => [g.key, g.reports, g.score])).toEqual([
      ['annet', 6, 33.3],
      ['trussel', 2, 100],
    ]);
    expect(summary.byWeek.map((g) => [g.key, g.reports])).toEqual([
      ['2026-W10', 6],
      ['2026-W11', 2],
    ]);
  });

  it('gives the same summary from a plain iterable as the aggregator fed by hand', async () => {
    const reports = Array.from({ length: 5 }, (_, i) => reportOf(i));
    const aggregator = new DqAggregator(catalogue);
    for (const report of reports) aggregator.add(report, evaluateReport(report, catalogue, NOW));
    expect(await evaluateBatch(reports, catalogue, NOW)).toEqual(aggregator.summary());
  });

  it('groups unregistered reports under their own keys', async () => {
    const report = registeredReport({ status: 'mottatt', registration: undefined, assessment: undefined });
    const summary = await evaluateBatch([report], catalogue, NOW);
    expect(summary.byCoordinator[0]?.key).toBe(UNREGISTERED_KEY);
    expect(summary.byCategory[0]?.key).toBe(NO_CATEGORY_KEY);
    expect(summary.byWeek[0]?.key).toBe('2026-W10');
  });

  it('summarises an empty stream as full marks', async () => {
    const summary = await evaluateBatch([], catalogue, NOW);
    expect(summary).toMatchObject({ reports: 0, score: 100, byCategory: [] });
    expect(summary.byRule.every((r) => r.applicable === 0 && r.score === 100)).toBe(true);
  });
});

describe('isoWeekOf', () => {
  it('follows ISO 8601 at year boundaries', () => {
    expect(isoWeekOfDate(2026, 1, 1)).toBe('2026-W01');
    expect(isoWeekOfDate(2027, 1, 1)).toBe('2026-W53');
    expect(isoWeekOfDate(2024, 12, 30)).toBe('2025-W01');
  });

  it('uses the date in Norway, not in UTC', () => {
    // Sunday 23:30 UTC is already Monday in Oslo.
    expect(isoWeekOf('2026-03-08T23:30:00.000Z')).toBe('2026-W11');
    expect(isoWeekOf('2026-03-08T22:30:00.000Z')).toBe('2026-W10');
    expect(isoWeekOf('2026-03-09T00:30:00+01:00')).toBe('2026-W11');
  });
});
