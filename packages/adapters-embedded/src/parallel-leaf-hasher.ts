import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { VerifiedLeafPage } from '@mottak/core';

/** Entries one worker checks and hashes per task: big enough to amortise the message, small enough to keep every core busy. */
export const VERIFY_PAGE_SIZE = 20_000;

/**
 * The worker: opens the database file read-only (WAL lets it read beside the writer) and, for a
 * seq range, recomputes each entry's chain hash from its stored bytes and its RFC 6962 leaf hash.
 * It must build exactly the content core's storedRowContent builds (keys in canonical order:
 * action, actor, at, details, seq, subjectId) — a test compares the two on random entries. Plain
 * JavaScript evaluated in the worker, so it runs the same under tsx, jest and a build.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { hash } = require('node:crypto');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true });
const rows = db
  .prepare('SELECT seq, at, actor, action, subject_id, details, prev_hash, hash FROM ' + workerData.table + ' WHERE seq > ? AND seq <= ? ORDER BY seq')
  .raw();
parentPort.on('message', (task) => {
  const page = rows.all(task.afterSeq, task.lastSeq);
  const leafHashes = Buffer.alloc(page.length * 32);
  let intact = page.length > 0 && page[0][0] === task.afterSeq + 1;
  let previousHash;
  for (let i = 0; i < page.length; i += 1) {
    const [seq, at, actor, action, subjectId, details, prevHash, entryHash] = page[i];
    const subject = subjectId === null ? '' : ',"subjectId":' + JSON.stringify(subjectId);
    const content = '{"action":' + JSON.stringify(action) + ',"actor":' + JSON.stringify(actor) + ',"at":' + JSON.stringify(at) + ',"details":' + details + ',"seq":' + seq + subject + '}';
    if (intact && ((i > 0 && (seq !== page[i - 1][0] + 1 || prevHash !== previousHash)) || hash('sha256', prevHash + '\\n' + content, 'hex') !== entryHash)) intact = false;
    previousHash = entryHash;
    hash('sha256', '\\u0000' + content, 'buffer').copy(leafHashes, i * 32);
  }
  const first = page[0];
  const last = page[page.length - 1];
  parentPort.postMessage(
    { id: task.id, firstSeq: first ? first[0] : task.afterSeq + 1, count: page.length, firstPrevHash: first ? first[6] : '', lastHash: last ? last[7] : '', intact: intact && page.length === task.lastSeq - task.afterSeq, leafHashes },
    [leafHashes.buffer],
  );
});
`;

/** How many workers verify at once: every core (the main thread builds the tree from their hashes). */
function workerCount(): number {
  return Math.max(1, Math.min(8, availableParallelism()));
}

/**
 * Verified pages of one chained table, checked and hashed by worker threads reading the file
 * themselves, yielded in order. Pages are handed out as seq ranges up to the last entry at the
 * start; a page that is not intact (a hash, gap or link that does not match) is still yielded, and
 * the verifier reads its rows one by one.
 */
export async function* parallelVerifiedPages(file: string, table: 'journal_entries' | 'audit_entries', lastSeq: number): AsyncGenerator<VerifiedLeafPage> {
  if (lastSeq <= 0) return;
  const ranges: Array<{ afterSeq: number; lastSeq: number }> = [];
  for (let afterSeq = 0; afterSeq < lastSeq; afterSeq += VERIFY_PAGE_SIZE) ranges.push({ afterSeq, lastSeq: Math.min(lastSeq, afterSeq + VERIFY_PAGE_SIZE) });
  const workers = Array.from({ length: Math.min(workerCount(), ranges.length) }, () => new Worker(WORKER_SOURCE, { eval: true, workerData: { file, table, driver: require.resolve('better-sqlite3') } }));
  const results = new Map<number, Promise<VerifiedLeafPage>>();
  const owners = new Map<number, Worker>();
  let next = 0;
  const dispatch = (worker: Worker) => {
    if (next >= ranges.length) return;
    const id = next;
    const range = ranges[next] as { afterSeq: number; lastSeq: number };
    next += 1;
    owners.set(id, worker);
    const result = new Promise<VerifiedLeafPage>((resolve, reject) => {
        const onMessage = (message: VerifiedLeafPage & { id: number }) => {
          if (message.id !== id) return;
          worker.off('message', onMessage);
          worker.off('error', reject);
          const { id: _id, ...page } = message;
          // Transferred as an ArrayBuffer; a Buffer over it again.
          resolve({ ...page, leafHashes: Buffer.from(page.leafHashes.buffer, page.leafHashes.byteOffset, page.leafHashes.byteLength) });
        };
        worker.on('message', onMessage);
        worker.once('error', reject);
        worker.postMessage({ id, ...range });
    });
    // Awaited in order below; handled now so that a failure of a later page is not "unhandled" meanwhile.
    result.catch(() => undefined);
    results.set(id, result);
  };
  try {
    // Two tasks per worker in flight: a worker never waits for the main thread to hand out the next.
    for (const worker of workers) {
      dispatch(worker);
      dispatch(worker);
    }
    for (let id = 0; id < ranges.length; id += 1) {
      const page = await (results.get(id) as Promise<VerifiedLeafPage>);
      results.delete(id);
      const worker = owners.get(id);
      owners.delete(id);
      if (worker) dispatch(worker);
      yield page;
    }
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
