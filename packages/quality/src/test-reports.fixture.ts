import type { Assessment, Report } from '@mottak/domain';

/** A registered report as the data-quality rules see it, for this package's tests; override any field. */
export function registeredReport(overrides: Partial<Report> = {}, assessment: Partial<Assessment> = {}): Report {
  return {
    id: 'r-1',
    channel: 'tipsskjema',
    title: 'Mistenkelig fotografering',
    body: 'En mann fotograferte inngangen.',
    receivedAt: '2026-03-02T08:00:00.000Z',
    source: { kind: 'public' },
    status: 'registrert',
    contentHash: 'hash-1',
    gradering: 'BEGRENSET',
    compartments: [],
    assessment: {
      assessedAt: '2026-03-02T08:01:00.000Z',
      ruleSetVersion: 't',
      contentHash: 'hash-1',
      entities: [],
      duplicateOf: [],
      priority: 'P3',
      category: 'annet',
      firedRules: [],
      ...assessment,
    },
    registration: {
      journalNumber: '2026/000001',
      registeredAt: '2026-03-02T08:30:00.000Z',
      registeredBy: 'kari',
      priority: 'P3',
      category: 'annet',
      priorityOverridden: false,
      categoryOverridden: false,
    },
    version: 3,
    updatedAt: '2026-03-02T08:30:00.000Z',
    ...overrides,
  };
}
