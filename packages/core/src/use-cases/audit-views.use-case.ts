import { type ChainedEntry, DomainError } from '@mottak/domain';
import type { CoreDeps } from '../deps';
import { latestCheckpoint } from '../log-stream';
import type { AuditQuery } from '../ports';
import { auditLogUse, buildInclusionProofs, checkpointAt, type CheckpointView, type InclusionProofView, type LogCaller, requireLogAccess } from './log-proofs.use-case';

/** Paging and a time range [from, to) for the auditor views. */
export interface AuditViewPage {
  from?: string;
  to?: string;
  afterSeq?: number;
  limit: number;
}

/** The audit action of a break-glass opening (the break-glass feature writes it). */
export const BREAK_GLASS_ACTION = 'report.break_glass';

async function view(deps: CoreDeps, caller: LogCaller, what: string, query: AuditQuery, subjectId?: string): Promise<ChainedEntry[]> {
  requireLogAccess(caller, 'audit', 'read');
  const entries = await deps.audit.list(query);
  await auditLogUse(deps, caller, 'audit.read', { view: what, query: { ...query }, returned: entries.length }, subjectId);
  return entries;
}

/**
 * Everything that touched or showed report `reportId` — reads, journal reads, break-glass, and the
 * searches, lists and exports whose results included it — oldest first; audited.
 */
export function whoAccessedReport(deps: CoreDeps, caller: LogCaller, reportId: string, page: AuditViewPage): Promise<ChainedEntry[]> {
  return view(deps, caller, 'report-access', { ...page, mentions: reportId }, reportId);
}

/** What user `username` did and saw (reads, searches with the ids shown, exports) in [from, to); audited. */
export function userActivity(deps: CoreDeps, caller: LogCaller, username: string, page: AuditViewPage): Promise<ChainedEntry[]> {
  return view(deps, caller, 'user-activity', { ...page, actor: `user:${username}` });
}

/** Every break-glass opening, oldest first; audited. */
export function breakGlassUses(deps: CoreDeps, caller: LogCaller, page: AuditViewPage): Promise<ChainedEntry[]> {
  return view(deps, caller, 'break-glass', { ...page, action: BREAK_GLASS_ACTION });
}

export interface AuditExtract {
  /** The filters the extract was made with. */
  query: AuditViewPage & { actor?: string; subjectId?: string; action?: string };
  /** The signed checkpoint every proof leads to. */
  checkpoint: CheckpointView;
  entries: ChainedEntry[];
  /** One inclusion proof per entry, in the same order. */
  proofs: Array<Omit<InclusionProofView, 'entry' | 'checkpoint' | 'log'>>;
  /** The public key (SPKI PEM) that verifies the checkpoint's signature. */
  publicKeyPem: string;
}

/** Entries per extract: each carries a proof of about 20 hashes. */
export const MAX_EXTRACT_ENTRIES = 1000;

/**
 * An audit extract an auditor can take away and check without Mottak: the entries matching the
 * filters that the newest audit checkpoint covers, that checkpoint, an inclusion proof per entry and
 * the public key. Audited (after the extract is made, so it does not cover its own read).
 */
export async function auditExtract(deps: CoreDeps, caller: LogCaller, query: AuditExtract['query']): Promise<AuditExtract> {
  requireLogAccess(caller, 'audit', 'read');
  const latest = await latestCheckpoint(deps, 'audit');
  if (!latest) throw new DomainError('NOT_FOUND', 'Revisjonsloggen har ingen signerte sjekkpunkter ennå; signer et først');
  const { treeSize } = latest.checkpoint;
  const limit = Math.min(query.limit, MAX_EXTRACT_ENTRIES);
  const entries = (await deps.audit.list({ ...query, limit })).filter((e) => e.seq <= treeSize);
  const proofs = entries.length > 0 ? await buildInclusionProofs(deps, 'audit', entries.map((e) => e.seq), treeSize) : [];
  const checkpoint = (await checkpointAt(deps, 'audit', treeSize)) as CheckpointView;
  await auditLogUse(deps, caller, 'audit.extract', { query: { ...query }, returned: entries.length, treeSize });
  return {
    query,
    checkpoint,
    entries,
    proofs: proofs.map(({ entry: _entry, checkpoint: _checkpoint, log: _log, ...proof }) => proof),
    publicKeyPem: deps.checkpointKey.publicKeyPem,
  };
}
