import type { ChainedEntry, Report } from '@mottak/domain';

/** A registered report for this package's tests; override any field. */
export function registeredReport(overrides: Partial<Report> = {}): Report {
  return {
    id: 'r-1',
    channel: 'tipsskjema',
    title: 'Mistenkelig trafikk',
    body: 'Serveren 198.51.100.7 kontaktet https://evil.example.com/x. Melder: ola@example.no, tlf 912 34 567, fnr 01017000027.',
    receivedAt: '2026-03-02T08:00:00.000Z',
    source: { kind: 'public' },
    status: 'registrert',
    contentHash: 'hash-1',
    gradering: 'BEGRENSET',
    compartments: [],
    reporterContact: { name: 'Ola Nordmann', email: 'ola@example.no', phone: '+47 912 34 567' },
    assessment: {
      assessedAt: '2026-03-02T08:01:00.000Z',
      ruleSetVersion: 't',
      contentHash: 'hash-1',
      entities: [
        { type: 'ipv4', value: '198.51.100.7', raw: '198.51.100.7', start: 9, end: 21 },
        { type: 'url', value: 'https://evil.example.com/x', raw: 'https://evil.example.com/x', start: 32, end: 58 },
        { type: 'email', value: 'ola@example.no', raw: 'ola@example.no', start: 67, end: 81 },
        { type: 'phone', value: '+4791234567', raw: '912 34 567', start: 87, end: 97 },
        { type: 'fodselsnummer', value: '01017000027', raw: '01017000027', start: 103, end: 114 },
      ],
      duplicateOf: [],
      priority: 'P2',
      category: 'digital',
      firedRules: [],
    },
    registration: {
      journalNumber: '2026/000001',
      registeredAt: '2026-03-02T08:30:00.000Z',
      registeredBy: 'kari',
      priority: 'P2',
      category: 'digital',
      priorityOverridden: false,
      categoryOverridden: false,
    },
    version: 3,
    updatedAt: '2026-03-02T08:30:00.000Z',
    ...overrides,
  };
}

/** The journal of a registered report: received, then registered with field changes. */
export function journalOf(report: Report, extra: Partial<ChainedEntry> = {}): ChainedEntry[] {
  return [
    { seq: 1, at: report.receivedAt, actor: 'public', action: 'report.received', subjectId: report.id, details: {}, prevHash: '0', hash: 'a' },
    {
      seq: 2,
      at: '2026-03-02T08:30:00.000Z',
      actor: 'user:kari',
      action: 'report.registered',
      subjectId: report.id,
      details: {
        changes: [
          { field: 'status', from: 'vurdert', to: 'registrert' },
          { field: 'compartments', from: [], to: ['kontra'] },
          { field: 'skjerming', from: undefined, to: { hjemmel: 'offl. § 13' } },
        ],
        reason: 'Registrert etter vurdering',
      },
      prevHash: 'a',
      hash: 'b',
      ...extra,
    },
  ];
}
