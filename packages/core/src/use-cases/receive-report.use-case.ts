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
import type { IdempotencyRecord, ReceiveOutcome } from '../ports';
import { assertWithinLimit, type IncomingFile, releaseQuietly, sha256Hex, storeIncomingFiles, storeOriginal } from './attachments.use-case';
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
  const { attachments: uploads, ...fields } = input;
  const files: IncomingFile[] = (uploads ?? []).map((upload, i) => ({
    filename: upload.filename,
    content: Buffer.from(upload.contentBase64, 'base64'),
    ...(upload.contentType ? { declaredType: upload.contentType } : {}),
    field: `attachments.${i}.contentBase64`,
  }));
  for (const file of files) assertWithinLimit(deps, file.content.length, file.field);
  // The request is fingerprinted with each file's digest, not its base64: same files, same request.
  const fingerprint = files.length > 0 ? { ...fields, attachments: files.map((f) => ({ filename: f.filename, sha256: sha256Hex(f.content) })) } : fields;
  const idempotency = idempotencyKey
    ? {
        scope: idempotencyScope(principal),
        key: idempotencyKey,
        requestHash: createHash('sha256').update(canonicalJson(fingerprint)).digest('hex'),
      }
    : undefined;
  return receiveWithFiles(deps, principal, fields, files, { ...(idempotency ? { idempotency } : {}) });
}

/** The text fields of a report on its way in (NewReport without its uploads). */
export type ReportDraft = Omit<NewReport, 'attachments'>;

/**
 * Stores a received report with its files: the files first (content-addressed, referenced by the
 * new report's id), then the report in one durable write, then the signal to the worker. A report
 * that is not created after all (an idempotent repeat, a failed write) gives its references back.
 */
export async function receiveWithFiles(
  deps: CoreDeps,
  principal: Principal,
  input: ReportDraft,
  files: readonly IncomingFile[],
  options: { idempotency?: IdempotencyRecord; original?: { raw: Buffer; messageId?: string } } = {},
): Promise<ReceiveResult> {
  const now = deps.clock.now().toISOString();
  const id = deps.ids.newId();
  const storesFiles = files.length > 0 || options.original !== undefined;
  let outcome: ReceiveOutcome;
  try {
    const attachments = files.length > 0 ? await storeIncomingFiles(deps, id, files) : undefined;
    const original = options.original ? await storeOriginal(deps, id, options.original.raw, options.original.messageId) : undefined;
    const report: Report = {
      id,
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
      ...(attachments ? { attachments } : {}),
      ...(original ? { original } : {}),
      version: 1,
      updatedAt: now,
    };
    const details = { channel: input.channel, ...(attachments ? { attachments: attachments.length } : {}), ...(original ? { original: true } : {}) };
    outcome = await deps.store.receive(report, { at: now, actor: actorName(principal), action: 'report.received', details }, options.idempotency);
  } catch (error) {
    if (storesFiles) await releaseQuietly(deps, id);
    throw error;
  }
  if (outcome.kind !== 'created' && storesFiles) await releaseQuietly(deps, id);
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

/** Refuses a channel the principal may not submit on (and users who may not create reports). */
export function assertChannelAllowed(principal: Principal, channel: Channel): void {
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
