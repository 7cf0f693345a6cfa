import { randomUUID } from 'node:crypto';
import type { JournalDraft, RegistrationCommand, SessionRecord } from '@mottak/core';
import type { Assessment, ChainedEntryInput, Report, User } from '@mottak/domain';

let sequence = 0;
/** A small number unique within this test process, for readable ids and usernames. */
function next(): number {
  sequence += 1;
  return sequence;
}

/** A received (`mottatt`) report valid per reportSchema; override any field. */
export function aReport(overrides: Partial<Report> = {}): Report {
  const id = overrides.id ?? `report-${randomUUID()}`;
  const receivedAt = overrides.receivedAt ?? '2026-03-02T08:15:00.000Z';
  return {
    id,
    channel: 'tipsskjema',
    title: 'Person fotograferer inngangspartiet',
    body: 'En mann har fotografert inngangen flere dager på rad. Han ringte fra +47 912 34 567.',
    receivedAt,
    source: { kind: 'public' },
    status: 'mottatt',
    contentHash: `content-${id}`,
    gradering: 'BEGRENSET',
    compartments: [],
    version: 1,
    updatedAt: receivedAt,
    ...overrides,
  };
}

/** A first assessment valid per assessmentSchema; override any field. */
export function anAssessment(overrides: Partial<Assessment> = {}): Assessment {
  return {
    assessedAt: '2026-03-02T08:16:00.000Z',
    ruleSetVersion: 'test-1',
    contentHash: 'content-hash',
    entities: [{ type: 'phone', value: '+4791234567', raw: '+47 912 34 567', start: 70, end: 84 }],
    duplicateOf: [],
    priority: 'P3',
    category: 'observasjon',
    firedRules: [{ ruleId: 'phone-present', description: 'Telefonnummer oppgitt', reason: 'Fant +4791234567', priority: 'P3' }],
    ...overrides,
  };
}

/** An active user (koordinator, klarering HEMMELIG, no compartments) with a unique username. */
export function aUser(overrides: Partial<User> = {}): User {
  const n = next();
  return {
    id: `user-${randomUUID()}`,
    username: `bruker${n}`,
    displayName: `Test Bruker ${n}`,
    roles: ['koordinator'],
    klarering: 'HEMMELIG',
    unit: 'mottak',
    compartments: [],
    needs: [],
    disabled: false,
    ...overrides,
  };
}

/** What a use case hands the store for one journal entry. */
export function aJournalDraft(overrides: Partial<JournalDraft> = {}): JournalDraft {
  return {
    at: '2026-03-02T08:15:00.000Z',
    actor: 'user:koordinator1',
    action: 'report.received',
    details: {},
    ...overrides,
  };
}

/** A registration of `report` (at its current version) in 2026; override any field. */
export function aRegistrationCommand(report: Pick<Report, 'id' | 'version'>, overrides: Partial<RegistrationCommand> = {}): RegistrationCommand {
  return {
    reportId: report.id,
    expectedVersion: report.version,
    year: 2026,
    registration: {
      registeredAt: '2026-03-02T09:00:00.000Z',
      registeredBy: 'koordinator1',
      priority: 'P3',
      category: 'observasjon',
      priorityOverridden: false,
      categoryOverridden: false,
    },
    gradering: 'KONFIDENSIELT',
    compartments: [],
    journal: aJournalDraft({ at: '2026-03-02T09:00:00.000Z', action: 'report.registered' }),
    ...overrides,
  };
}

/** An audit entry as a use case appends it (a user reading a report). */
export function anAuditEntry(overrides: Partial<ChainedEntryInput> = {}): ChainedEntryInput {
  return {
    at: '2026-03-02T10:00:00.000Z',
    actor: 'user:kari',
    action: 'report.read',
    subjectId: 'report-1',
    details: {},
    ...overrides,
  };
}

/** A login session of `userId` with a unique token hash, valid for a working day. */
export function aSession(userId: string, overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    tokenHash: `token-${randomUUID()}`,
    userId,
    createdAt: '2026-03-02T08:00:00.000Z',
    expiresAt: '2026-03-02T16:00:00.000Z',
    ...overrides,
  };
}
