import { type ChainedEntry, DomainError, type User } from '@mottak/domain';
import { defineAbilityFor } from '@mottak/policies';
import type { CoreDeps } from '../deps';
import { CHECKPOINT_ACTION, latestCheckpoint, readCheckpoints, type StoredCheckpoint, streamLog } from '../log-stream';
import { type Checkpoint, checkpointSignatureValid, type LogName, signCheckpointWith } from '../merkle/checkpoint';
import { CompactRange, frontierNodes, rootOfFrontier } from '../merkle/compact-range';
import { entryLeafHash, toHex } from '../merkle/hash';
import { RangeHasher } from '../merkle/range-hashes';
import { consistencyProofRanges, inclusionProofRanges } from '../merkle/tree';
import { actorName } from '../principal';

/** Who asks: a user (checked against the policies) or the system itself (periodic signing, the CLI). */
export type LogCaller = { kind: 'user'; user: User } | { kind: 'system'; name: string };

const SUBJECT = { journal: 'Journal', audit: 'AuditLog' } as const;

/** Throws FORBIDDEN unless the caller may `action` the log (revisor); the system may always. */
export function requireLogAccess(caller: LogCaller, log: LogName, action: 'read' | 'verify'): void {
  if (caller.kind === 'system') return;
  if (!defineAbilityFor(caller.user).can(action, SUBJECT[log])) {
    throw new DomainError('FORBIDDEN', 'Bare revisorer har tilgang til loggbevisene', { user: caller.user.username });
  }
}

/** The actor name written for a caller. */
export function callerActor(caller: LogCaller): string {
  return caller.kind === 'user' ? actorName(caller) : `system:${caller.name}`;
}

/** Appends one audit entry recording that `caller` used a log proof or view. */
export async function auditLogUse(deps: CoreDeps, caller: LogCaller, action: string, details: Record<string, unknown>, subjectId?: string): Promise<void> {
  await deps.audit.append({
    at: deps.clock.now().toISOString(),
    actor: callerActor(caller),
    action,
    ...(subjectId !== undefined ? { subjectId } : {}),
    details,
  });
}

export interface SignedCheckpoint {
  checkpoint: Checkpoint;
  /** The audit entry that holds it. */
  auditSeq: number;
  /** False when `onlyIfGrown` found nothing new since the last checkpoint (the last one is returned). */
  created: boolean;
}

/** A frontier stored beside a checkpoint is trusted only when the signature holds and it folds to the signed root. */
function trustedFrontier(deps: CoreDeps, stored: Pick<StoredCheckpoint, 'checkpoint' | 'frontier'>): Buffer[] | undefined {
  const { checkpoint, frontier } = stored;
  if (!frontier || !checkpointSignatureValid(deps.checkpointKey, checkpoint)) return undefined;
  if (frontierNodes(checkpoint.treeSize).length !== frontier.length) return undefined;
  return toHex(rootOfFrontier(frontier)) === checkpoint.rootHash ? frontier : undefined;
}

/**
 * Signs a checkpoint (tree size and Merkle root) of `log` and appends it to the audit log as a
 * `checkpoint.signed` entry. Resumes from the previous checkpoint's frontier, so only entries
 * added since are read. With `onlyIfGrown`, nothing is signed when the log has no new entries
 * other than checkpoints (the periodic signer's rule).
 */
export async function signCheckpoint(deps: CoreDeps, caller: LogCaller, log: LogName, options: { onlyIfGrown?: boolean } = {}): Promise<SignedCheckpoint> {
  requireLogAccess(caller, log, 'verify');
  const previous = await latestCheckpoint(deps, log);
  const frontier = previous ? trustedFrontier(deps, previous) : undefined;
  const tree = previous && frontier ? new CompactRange(previous.checkpoint.treeSize, frontier) : new CompactRange();
  let grown = false;
  for await (const page of streamLog(deps, log, { afterSeq: tree.size })) {
    for (const entry of page) {
      tree.append(entryLeafHash(entry));
      if (entry.action !== CHECKPOINT_ACTION) grown = true;
    }
  }
  if (previous && options.onlyIfGrown && !grown) return { checkpoint: previous.checkpoint, auditSeq: previous.auditSeq, created: false };
  const checkpoint = signCheckpointWith(deps.checkpointKey, {
    log,
    treeSize: tree.size,
    rootHash: toHex(tree.root()),
    timestamp: deps.clock.now().toISOString(),
  });
  const entry = await deps.audit.append({
    at: checkpoint.timestamp,
    actor: callerActor(caller),
    action: CHECKPOINT_ACTION,
    subjectId: log,
    details: { checkpoint: { ...checkpoint }, frontier: tree.frontier().map(toHex) },
  });
  return { checkpoint, auditSeq: entry.seq, created: true };
}

/** Signs both logs if they grew: the journal first, so that the audit checkpoint covers the journal's. */
export async function signCheckpointsIfGrown(deps: CoreDeps, name = 'checkpoint'): Promise<SignedCheckpoint[]> {
  const caller: LogCaller = { kind: 'system', name };
  return [await signCheckpoint(deps, caller, 'journal', { onlyIfGrown: true }), await signCheckpoint(deps, caller, 'audit', { onlyIfGrown: true })];
}

export interface CheckpointView extends Checkpoint {
  number: number;
  auditSeq: number;
}

/** The checkpoints of `log`, newest first (audited). */
export async function listCheckpoints(deps: CoreDeps, caller: LogCaller, log: LogName, limit: number): Promise<CheckpointView[]> {
  requireLogAccess(caller, log, 'read');
  const all = await readCheckpoints(deps, log);
  const views = all
    .slice(-limit)
    .reverse()
    .map((c) => ({ ...c.checkpoint, number: c.number, auditSeq: c.auditSeq }));
  await auditLogUse(deps, caller, 'audit.checkpoints.read', { log, returned: views.length });
  return views;
}

/** The tree size proofs default to: the newest checkpoint's, so the answer can be checked against a signature. */
async function defaultTreeSize(deps: CoreDeps, log: LogName): Promise<number> {
  const latest = await latestCheckpoint(deps, log);
  if (latest) return latest.checkpoint.treeSize;
  let size = 0;
  for await (const page of streamLog(deps, log)) size += page.length;
  return size;
}

/** Streams the first `treeSize` entries once, hashing the given subtrees and keeping the entries asked for. */
async function hashPrefix(deps: CoreDeps, log: LogName, treeSize: number, ranges: Array<{ start: number; end: number }>, keep: Set<number>) {
  const hasher = new RangeHasher(ranges);
  const root = new CompactRange();
  const kept = new Map<number, { entry: ChainedEntry; leafHash: Buffer }>();
  for await (const page of streamLog(deps, log, { max: treeSize })) {
    for (const entry of page) {
      const leaf = entryLeafHash(entry);
      if (keep.has(root.size)) kept.set(root.size, { entry, leafHash: leaf });
      hasher.append(leaf);
      root.append(leaf);
    }
  }
  if (root.size < treeSize) {
    throw new DomainError('TREE_SIZE_INVALID', `Loggen har bare ${root.size} oppføringer, ikke ${treeSize}`, { field: 'treeSize', size: root.size });
  }
  return { hasher, root: root.root(), kept };
}

/** The checkpoint of `log` signed at exactly `treeSize`, if there is one. */
export async function checkpointAt(deps: CoreDeps, log: LogName, treeSize: number): Promise<CheckpointView | undefined> {
  const found = (await readCheckpoints(deps, log)).filter((c) => c.checkpoint.treeSize === treeSize).at(-1);
  return found ? { ...found.checkpoint, number: found.number, auditSeq: found.auditSeq } : undefined;
}

export interface InclusionProofView {
  log: LogName;
  seq: number;
  /** 0-based position of the leaf (seq − 1 in an intact log). */
  leafIndex: number;
  treeSize: number;
  rootHash: string;
  leafHash: string;
  /** The entry whose canonical content is the leaf. */
  entry: ChainedEntry;
  /** Hex hashes from the leaf's sibling upwards (RFC 6962 audit path). */
  proof: string[];
  /** The signed checkpoint at this tree size, when one exists. */
  checkpoint?: CheckpointView;
}

/** Builds inclusion proofs for several entries against one tree size (one pass over the log). */
export async function buildInclusionProofs(deps: CoreDeps, log: LogName, seqs: number[], treeSize: number): Promise<InclusionProofView[]> {
  for (const seq of seqs) {
    if (!Number.isSafeInteger(seq) || seq < 1 || seq > treeSize) {
      throw new DomainError('LOG_ENTRY_NOT_FOUND', `Oppføring ${seq} finnes ikke i et tre med ${treeSize} oppføringer`, { field: 'seq' });
    }
  }
  const perSeq = seqs.map((seq) => ({ seq, ranges: inclusionProofRanges(seq - 1, treeSize) }));
  const { hasher, root, kept } = await hashPrefix(deps, log, treeSize, perSeq.flatMap((p) => p.ranges), new Set(seqs.map((s) => s - 1)));
  const checkpoint = await checkpointAt(deps, log, treeSize);
  return perSeq.map(({ seq, ranges }) => {
    const leaf = kept.get(seq - 1) as { entry: ChainedEntry; leafHash: Buffer };
    return {
      log,
      seq,
      leafIndex: seq - 1,
      treeSize,
      rootHash: toHex(root),
      leafHash: toHex(leaf.leafHash),
      entry: leaf.entry,
      proof: ranges.map((r) => toHex(hasher.hashOf(r))),
      ...(checkpoint ? { checkpoint } : {}),
    };
  });
}

/** An inclusion proof of entry `seq` in the tree of `treeSize` entries (default: the newest checkpoint's); audited. */
export async function inclusionProof(deps: CoreDeps, caller: LogCaller, log: LogName, seq: number, treeSize?: number): Promise<InclusionProofView> {
  requireLogAccess(caller, log, 'read');
  const size = treeSize ?? (await defaultTreeSize(deps, log));
  const [proof] = await buildInclusionProofs(deps, log, [seq], size);
  await auditLogUse(deps, caller, 'audit.proof.inclusion', { log, seq, treeSize: size });
  return proof as InclusionProofView;
}

export interface ConsistencyProofView {
  log: LogName;
  oldSize: number;
  newSize: number;
  oldRootHash: string;
  newRootHash: string;
  proof: string[];
  oldCheckpoint?: CheckpointView;
  newCheckpoint?: CheckpointView;
}

/** A consistency proof that the log at `oldSize` is a prefix of the log at `newSize` (default: newest checkpoint); audited. */
export async function consistencyProof(deps: CoreDeps, caller: LogCaller, log: LogName, oldSize: number, newSize?: number): Promise<ConsistencyProofView> {
  requireLogAccess(caller, log, 'read');
  const size = newSize ?? (await defaultTreeSize(deps, log));
  if (!Number.isSafeInteger(oldSize) || oldSize < 0 || oldSize > size) {
    throw new DomainError('TREE_SIZE_INVALID', `Den gamle størrelsen (${oldSize}) må være mellom 0 og den nye (${size})`, { field: 'oldSize' });
  }
  const ranges = consistencyProofRanges(oldSize, size);
  const { hasher, root } = await hashPrefix(deps, log, size, oldSize > 0 ? [...ranges, { start: 0, end: oldSize }] : ranges, new Set());
  const [oldCheckpoint, newCheckpoint] = [await checkpointAt(deps, log, oldSize), await checkpointAt(deps, log, size)];
  await auditLogUse(deps, caller, 'audit.proof.consistency', { log, oldSize, newSize: size });
  return {
    log,
    oldSize,
    newSize: size,
    oldRootHash: oldSize === 0 ? toHex(new CompactRange().root()) : toHex(hasher.hashOf({ start: 0, end: oldSize })),
    newRootHash: toHex(root),
    proof: ranges.map((r) => toHex(hasher.hashOf(r))),
    ...(oldCheckpoint ? { oldCheckpoint } : {}),
    ...(newCheckpoint ? { newCheckpoint } : {}),
  };
}
