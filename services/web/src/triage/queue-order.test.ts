import type { Priority, Report } from '../api/types';
import { orderQueue, queueRefetchGap } from './queue-order';

function report(id: string, receivedAt: string, priority?: Priority): Report {
  return {
    id,
    channel: 'tipsskjema',
    title: id,
    body: '',
    receivedAt,
    source: { kind: 'public' },
    status: priority ? 'vurdert' : 'mottatt',
    contentHash: '',
    gradering: 'BEGRENSET',
    compartments: [],
    version: 1,
    updatedAt: receivedAt,
    ...(priority
      ? { assessment: { assessedAt: receivedAt, ruleSetVersion: '1', contentHash: '', entities: [], duplicateOf: [], priority, category: 'annet', firedRules: [] } }
      : {}),
  };
}

describe('triage queue order', () => {
  it('puts P1 first, oldest first within a priority, and unassessed reports last', () => {
    const ordered = orderQueue([
      report('p3-old', '2026-01-01T08:00:00Z', 'P3'),
      report('unassessed', '2026-01-01T07:00:00Z'),
      report('p1-new', '2026-01-01T10:00:00Z', 'P1'),
      report('p1-old', '2026-01-01T09:00:00Z', 'P1'),
      report('p2', '2026-01-01T11:00:00Z', 'P2'),
    ]);
    expect(ordered.map((r) => r.id)).toEqual(['p1-old', 'p1-new', 'p2', 'p3-old', 'unassessed']);
  });

  it('refetches on events at most twice a second, less often for queues of many pages', () => {
    expect(queueRefetchGap(12, 200)).toBe(500);
    expect(queueRefetchGap(10_000, 200)).toBe(12_500);
    expect(queueRefetchGap(1_000_000, 200)).toBe(15_000);
  });
});
