import { createHash } from 'node:crypto';
import { contentHash } from '@mottak/assessment';
import {
  type Channel,
  CHANNELS,
  DEFAULT_INTAKE_GRADERING,
  DomainError,
  type NewReport,
  type Report,
  type ReportSource,
} from '@mottak/domain';
import { defineAbilityFor } from '@mottak/policies';
import { ASSESS_JOB, type CoreDeps } from '../deps';
import { canonicalJson } from '../hash-chain';
import { actorName, type Principal } from '../principal';

/** Channels each kind of principal may submit on. */
const CHANNELS_BY_PRINCIPAL: Record<Principal['kind'], readonly Channel[]> = {
  public: ['tipsskjema'],
  partner: ['partner'],
  user: ['telefon', 'e-post', 'manuell'],
  system: CHANNELS,
};

export interface ReceiveResult {
  report: Report;
  /** True when an Idempotency-Key repeat returned the first report. */
  replayed: boolean;
}

/**
 * Receives a report: stores it durably as `mottatt` (with its journal entry and idempotency key)
 * and only then signals the worker. The queue is a signal, not the source of truth: if enqueueing
 * fails, the reconciler finds the stored report and enqueues it later.
 */
export async function receiveReport(
  deps: CoreDeps,
  principal: Principal,
  input: NewReport,
  idempotencyKey?: string,
): Promise<ReceiveResult> {
  assertChannelAllowed(principal, input.channel);
  const now = deps.clock.now().toISOString();
  const report: Report = {
    id: deps.ids.newId(),
    channel: input.channel,
    title: input.title,
    body: input.body,
    ...(input.reporterContact ? { reporterContact: input.reporterContact } : {}),
    ...(input.occurredAt ? { occurredAt: input.occurredAt } : {}),
    receivedAt: now,
    source: sourceOf(principal),
    status: 'mottatt',
    contentHash: contentHash(input.title, input.body),
    gradering: DEFAULT_INTAKE_GRADERING,
    compartments: [],
    version: 1,
    updatedAt: now,
  };
  const idempotency = idempotencyKey
    ? {
        scope: idempotencyScope(principal),
        key: idempotencyKey,
        requestHash: createHash('sha256').update(canonicalJson(input)).digest('hex'),
      }
    : undefined;
  const outcome = await deps.store.receive(
    report,
    { at: now, actor: actorName(principal), action: 'report.received', details: { channel: input.channel } },
    idempotency,
  );
  if (outcome.kind === 'idempotency-conflict') {
    throw new DomainError(
      'IDEMPOTENCY_KEY_REUSED',
      'Idempotency-Key er allerede brukt for en annen forespørsel',
      { header: 'Idempotency-Key' },
    );
  }
  if (outcome.kind === 'created') {
    await enqueueAssessment(deps, outcome.report.id);
  }
  return { report: outcome.report, replayed: outcome.kind === 'replayed' };
}

/** Signals the worker; a failure is tolerated because the reconciler re-enqueues stored reports. */
export async function enqueueAssessment(deps: CoreDeps, reportId: string): Promise<boolean> {
  try {
    const { added } = await deps.queue.enqueue(ASSESS_JOB, reportId, { reportId });
    return added;
  } catch {
    return false;
  }
}

function assertChannelAllowed(principal: Principal, channel: Channel): void {
  if (principal.kind === 'user' && !defineAbilityFor(principal.user).can('create', 'Report')) {
    throw new DomainError('FORBIDDEN', 'Brukeren kan ikke registrere innkomne rapporter');
  }
  const allowed = CHANNELS_BY_PRINCIPAL[principal.kind];
  if (!allowed.includes(channel)) {
    throw new DomainError(
      'CHANNEL_NOT_ALLOWED',
      `Kanalen «${channel}» er ikke tillatt her; tillatt: ${allowed.join(', ')}`,
      { field: 'channel', allowed },
    );
  }
}

function sourceOf(principal: Principal): ReportSource {
  switch (principal.kind) {
    case 'public':
      return { kind: 'public' };
    case 'partner':
      return { kind: 'partner', partnerId: principal.partner.id, name: principal.partner.name };
    case 'user':
      return { kind: 'user', userId: principal.user.id, username: principal.user.username };
    case 'system':
      return { kind: 'import', name: principal.name };
  }
}

/** Keys are scoped to the sender so one partner cannot replay or probe another's keys. */
function idempotencyScope(principal: Principal): string {
  return actorName(principal);
}
