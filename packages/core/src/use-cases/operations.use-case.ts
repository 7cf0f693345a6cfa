import { type ChainVerification, type ChainedEntry, DomainError, type User } from '@mottak/domain';
import { defineAbilityFor } from '@mottak/policies';
import type { CoreDeps } from '../deps';
import type { AuditQuery, JobLatency, JobState, JobView } from '../ports';
import { actorName } from '../principal';

function requireAbility(user: User, allowed: boolean, message: string): void {
  if (!allowed) throw new DomainError('FORBIDDEN', message, { user: user.username });
}

/** Jobs in a state (e.g. the dead letters), for supervisors and administrators. */
export async function listJobs(deps: CoreDeps, user: User, state: JobState | undefined, limit: number): Promise<JobView[]> {
  requireAbility(user, defineAbilityFor(user).can('read', 'Job'), 'Ingen tilgang til jobbkøen');
  return deps.queue.list({ ...(state ? { state } : {}), limit });
}

/** Counts per job state. */
export async function jobCounts(deps: CoreDeps, user: User): Promise<Record<JobState, number>> {
  requireAbility(user, defineAbilityFor(user).can('read', 'Job'), 'Ingen tilgang til jobbkøen');
  return deps.queue.counts();
}

/** Time from enqueue to completion per job name, as histogram buckets (for /metrics). */
export async function jobLatency(deps: CoreDeps, user: User): Promise<JobLatency[]> {
  requireAbility(user, defineAbilityFor(user).can('read', 'Job'), 'Ingen tilgang til jobbkøen');
  return deps.queue.latency();
}

/** Replays a dead-lettered job (after the cause is fixed); audited. */
export async function replayJob(deps: CoreDeps, user: User, jobId: string): Promise<void> {
  requireAbility(user, defineAbilityFor(user).can('replay', 'Job'), 'Ingen tilgang til å kjøre jobber på nytt');
  const replayed = await deps.queue.replay(jobId);
  if (!replayed) throw new DomainError('JOB_NOT_FOUND', 'Fant ingen død jobb med den id-en');
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'job.replayed',
    subjectId: jobId,
    details: {},
  });
}

/** The audit log, for auditors (revisor); reading it is itself audited. */
export async function readAuditLog(deps: CoreDeps, user: User, query: AuditQuery): Promise<ChainedEntry[]> {
  requireAbility(user, defineAbilityFor(user).can('read', 'AuditLog'), 'Bare revisorer kan lese revisjonsloggen');
  const entries = await deps.audit.list(query);
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: actorName({ kind: 'user', user }),
    action: 'audit.read',
    details: { query: { ...query }, returned: entries.length },
  });
  return entries;
}

/** The journal in sequence order, for supervisors and auditors. */
export async function readJournal(deps: CoreDeps, user: User, query: { afterSeq?: number; limit: number }): Promise<ChainedEntry[]> {
  requireAbility(user, defineAbilityFor(user).can('read', 'Journal'), 'Ingen tilgang til journalen');
  return deps.store.listJournal(query);
}

export interface LogVerification {
  journal: ChainVerification;
  audit: ChainVerification;
}

/** Verifies both hash chains; `by` undefined means the CLI (an operator on the server). */
export async function verifyLogs(deps: CoreDeps, by: User | undefined): Promise<LogVerification> {
  if (by) requireAbility(by, defineAbilityFor(by).can('verify', 'Journal'), 'Bare revisorer kan verifisere loggene');
  const result = { journal: await deps.store.verifyJournal(), audit: await deps.audit.verify() };
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: by ? actorName({ kind: 'user', user: by }) : 'system:cli',
    action: 'logs.verified',
    details: { journalOk: result.journal.ok, auditOk: result.audit.ok },
  });
  return result;
}
