import type { ChainVerification } from '@mottak/domain';
import type { CoreDeps } from '../deps';
import { createChainVerifier } from '../hash-chain';
import { readCheckpoints, type StoredCheckpoint, streamLog, streamStoredRows, verifiedLeafPages } from '../log-stream';
import { checkpointSignatureValid, type LogName } from '../merkle/checkpoint';
import { CompactRange, frontierNodes, rootOfFrontier, type TreeNode } from '../merkle/compact-range';
import { entryLeafData, leafHash, toHex } from '../merkle/hash';
import { auditLogUse, type LogCaller, requireLogAccess } from './log-proofs.use-case';

/** What went wrong first, with the entries it concerns (seq numbers, 1-based). */
export interface LogProblem {
  kind: 'chain' | 'altered' | 'truncated' | 'checkpoint-signature';
  /** First entry that may be the bad one; with `lastSeq` the range the first bad entry lies in. */
  firstSeq?: number;
  /** Equal to firstSeq when the entry is pinpointed exactly. */
  lastSeq?: number;
  /** The signed checkpoint the log no longer matches (or whose signature fails). */
  checkpoint?: { number: number; treeSize: number; auditSeq: number };
  /** Norwegian, for auditors. */
  message: string;
}

export interface MerkleLogVerification {
  log: LogName;
  ok: boolean;
  entries: number;
  chain: ChainVerification;
  checkpoints: { total: number; signatureValid: number; rootsChecked: number };
  /** The first problem (smallest entry number); undefined when ok. */
  problem?: LogProblem;
  problems: LogProblem[];
}

interface AuthenticNode {
  node: TreeNode;
  hash: Buffer;
  owner: StoredCheckpoint;
  status: 'pending' | 'match' | 'mismatch';
}

/** A subtree as one number (level ≤ 64, index < 2^40: exact in a double), so lookups allocate nothing. */
const nodeKey = (level: number, index: number) => level * 2 ** 40 + index;
const startOf = (n: TreeNode) => n.index * 2 ** n.level;
const endOf = (n: TreeNode) => (n.index + 1) * 2 ** n.level;
const label = (c: StoredCheckpoint) => `sjekkpunkt #${c.number} (størrelse ${c.checkpoint.treeSize})`;
const ref = (c: StoredCheckpoint) => ({ number: c.number, treeSize: c.checkpoint.treeSize, auditSeq: c.auditSeq });

/**
 * Verifies a whole log in one streamed pass: the hash chain entry by entry, and the Merkle root at
 * every signed checkpoint (signatures checked first). Pinpoints the first altered, removed or
 * reordered entry as closely as the signed data allows: every checkpoint's frontier (trusted only
 * when it folds to the signed root) vouches for whole subtrees, so the first bad entry is narrowed
 * to the smallest vouched-for subtree that no longer matches, minus those that still do. Also
 * notices a log cut below a signed size. Audited.
 */
export async function verifyLog(deps: CoreDeps, caller: LogCaller, log: LogName): Promise<MerkleLogVerification> {
  requireLogAccess(caller, log, 'verify');
  const stored = (await readCheckpoints(deps, log)).filter((c) => c.checkpoint.log === log);
  const problems: LogProblem[] = [];
  const valid: StoredCheckpoint[] = [];
  for (const c of stored) {
    if (checkpointSignatureValid(deps.checkpointKey, c.checkpoint)) valid.push(c);
    else {
      problems.push({
        kind: 'checkpoint-signature',
        checkpoint: ref(c),
        message: `${label(c)} i revisjonsloggens oppføring ${c.auditSeq} har ikke en gyldig signatur fra nøkkel ${deps.checkpointKey.keyId}`,
      });
    }
  }

  // Subtrees the signed checkpoints vouch for, from their frontiers.
  const authentic = new Map<number, AuthenticNode>();
  for (const c of valid) {
    const nodes = frontierNodes(c.checkpoint.treeSize);
    if (!c.frontier || c.frontier.length !== nodes.length || toHex(rootOfFrontier(c.frontier)) !== c.checkpoint.rootHash) continue;
    nodes.forEach((node, i) => {
      if (!authentic.has(nodeKey(node.level, node.index))) authentic.set(nodeKey(node.level, node.index), { node, hash: c.frontier![i] as Buffer, owner: c, status: 'pending' });
    });
  }
  const bySize = new Map<number, StoredCheckpoint[]>();
  for (const c of valid) bySize.set(c.checkpoint.treeSize, [...(bySize.get(c.checkpoint.treeSize) ?? []), c]);

  const onNode =
    authentic.size > 0
      ? (level: number, index: number, hash: Buffer) => {
          const known = authentic.get(nodeKey(level, index));
          if (known && known.status === 'pending') known.status = known.hash.equals(hash) ? 'match' : 'mismatch';
        }
      : undefined;
  const tree = new CompactRange(0, [], onNode);
  const chain = createChainVerifier();
  let rootsChecked = 0;
  let largestMatched = 0;
  let firstMismatch: StoredCheckpoint | undefined;
  const checkRoots = () => {
    const here = bySize.get(tree.size);
    if (!here) return;
    const root = toHex(tree.root());
    for (const c of here) {
      rootsChecked += 1;
      if (c.checkpoint.rootHash === root) largestMatched = Math.max(largestMatched, tree.size);
      else firstMismatch ??= c;
    }
  };
  checkRoots();
  // Fastest: pages the adapter verified in parallel; the first page that is not intact (or does not
  // link) ends that, and the rows from there on are read one by one to pinpoint the problem.
  const pages = verifiedLeafPages(deps, log);
  if (pages) {
    for await (const page of pages) {
      if (!chain.nextPage(page)) break;
      for (let i = 0; i < page.count; i += 1) {
        tree.append(page.leafHashes.subarray(i * 32, i * 32 + 32));
        checkRoots();
      }
    }
  }
  const storedRows = streamStoredRows(deps, log, chain.expectedSeq - 1);
  if (storedRows) {
    // The fast path: stored bytes hashed as they are, no JSON round trip for intact entries.
    for await (const page of storedRows) {
      for (const row of page) {
        tree.append(leafHash(chain.nextStored(row)));
        checkRoots();
      }
    }
  } else {
    for await (const page of streamLog(deps, log, { afterSeq: chain.expectedSeq - 1 })) {
      for (const entry of page) {
        const content = entryLeafData(entry);
        chain.next(entry, content);
        tree.append(leafHash(content));
        checkRoots();
      }
    }
  }
  const entries = tree.size;
  const chainResult = chain.result();

  if (!chainResult.ok) {
    problems.push({
      kind: 'chain',
      firstSeq: chainResult.firstBrokenSeq,
      lastSeq: chainResult.firstBrokenSeq,
      message: `hashkjeden er brutt ved oppføring ${chainResult.firstBrokenSeq}: ${chainResult.reason}`,
    });
  }

  const mismatched = [...authentic.values()].filter((a) => a.status === 'mismatch');
  if (mismatched.length > 0 || firstMismatch) {
    problems.push(alteredProblem(mismatched, [...authentic.values()].filter((a) => a.status === 'match'), firstMismatch, largestMatched));
  }

  const longest = valid.reduce<StoredCheckpoint | undefined>((a, c) => (!a || c.checkpoint.treeSize > a.checkpoint.treeSize ? c : a), undefined);
  if (longest && entries < longest.checkpoint.treeSize) {
    problems.push({
      kind: 'truncated',
      firstSeq: entries + 1,
      lastSeq: longest.checkpoint.treeSize,
      checkpoint: ref(longest),
      message: `loggen er avkortet: ${label(longest)} signerte ${longest.checkpoint.treeSize} oppføringer, men bare ${entries} finnes (oppføring ${entries + 1}–${longest.checkpoint.treeSize} mangler)`,
    });
  }

  problems.sort((a, b) => (a.firstSeq ?? Number.POSITIVE_INFINITY) - (b.firstSeq ?? Number.POSITIVE_INFINITY));
  const result: MerkleLogVerification = {
    log,
    ok: problems.length === 0,
    entries,
    chain: chainResult,
    checkpoints: { total: stored.length, signatureValid: valid.length, rootsChecked },
    ...(problems[0] ? { problem: problems[0] } : {}),
    problems,
  };
  await auditLogUse(deps, caller, 'logs.verified', {
    log,
    ok: result.ok,
    entries,
    ...(result.problem?.firstSeq !== undefined ? { firstBadSeq: result.problem.firstSeq } : {}),
  });
  return result;
}

/**
 * The range the first altered leaf lies in. The leftmost altered leaf x lies in every vouched-for
 * subtree containing it, all of which mismatch; the mismatching subtree with the smallest start
 * (then the smallest size) must contain x, and so must the same choice among its mismatching
 * descendants. Matching subtrees and a matching checkpoint root exclude the leaves they cover.
 */
function alteredProblem(mismatched: AuthenticNode[], matched: AuthenticNode[], firstMismatch: StoredCheckpoint | undefined, largestMatched: number): LogProblem {
  const order = (a: AuthenticNode, b: AuthenticNode) => startOf(a.node) - startOf(b.node) || a.node.level - b.node.level;
  let lo: number;
  let hi: number;
  let blamed: StoredCheckpoint;
  if (mismatched.length > 0) {
    let d = [...mismatched].sort(order)[0] as AuthenticNode;
    for (;;) {
      const inside = mismatched.filter((m) => m !== d && startOf(m.node) >= startOf(d.node) && endOf(m.node) <= endOf(d.node) && m.node.level < d.node.level);
      if (inside.length === 0) break;
      d = inside.sort(order)[0] as AuthenticNode;
    }
    lo = startOf(d.node);
    hi = endOf(d.node) - 1;
    blamed = d.owner;
  } else {
    blamed = firstMismatch as StoredCheckpoint;
    lo = 0;
    hi = blamed.checkpoint.treeSize - 1;
  }
  lo = Math.max(lo, Math.min(largestMatched, hi));
  const covering = (leaf: number) => matched.find((m) => startOf(m.node) <= leaf && leaf < endOf(m.node));
  for (let m = covering(lo); lo < hi && m; m = covering(lo)) lo = Math.min(hi, endOf(m.node));
  for (let m = covering(hi); hi > lo && m; m = covering(hi)) hi = Math.max(lo, startOf(m.node) - 1);
  const [first, last] = [lo + 1, hi + 1];
  const what = first === last ? `oppføring ${first} er endret, fjernet eller flyttet` : `første endrede, fjernede eller flyttede oppføring er blant ${first}–${last}`;
  return {
    kind: 'altered',
    firstSeq: first,
    lastSeq: last,
    checkpoint: ref(blamed),
    message: `${what}: ${first === last ? 'den er ikke den' : 'de er ikke de'} ${label(blamed)} signerte`,
  };
}
