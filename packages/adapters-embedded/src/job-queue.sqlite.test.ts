import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeJobQueueContract, expectJobOfKilledProcessRedelivered, waitFor } from '@mottak/test-kit';
import { createSqliteJobQueue, type SqliteJobQueue, type SqliteJobQueueOptions } from './job-queue.sqlite';

function tempFile(): { file: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mottak-queue-'));
  return { file: path.join(dir, 'queue.db'), remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Opens queues over one temp file and closes them all at the end. */
function queuesOver(options: SqliteJobQueueOptions) {
  const temp = tempFile();
  const opened: SqliteJobQueue[] = [];
  const open = () => {
    const queue = createSqliteJobQueue(temp.file, { pollIntervalMs: 10, ...options });
    opened.push(queue);
    return queue;
  };
  const cleanup = async () => {
    await Promise.all(opened.map((queue) => queue.close()));
    temp.remove();
  };
  return { file: temp.file, open, cleanup };
}

describeJobQueueContract('SQLite', async (options) => {
  const queues = queuesOver(options);
  return { subject: queues.open(), openPeer: async () => queues.open(), cleanup: queues.cleanup };
});

describe('SqliteJobQueue', () => {
  let cleanup: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await cleanup?.();
    cleanup = undefined;
  });

  it('hands a job claimed by a process that was killed to another process after the visibility timeout', async () => {
    const queues = queuesOver({ visibilityTimeoutMs: 500 });
    cleanup = queues.cleanup;
    const queue = queues.open();
    // A real second process takes the job and is then killed without any chance to clean up.
    const modulePath = path.join(__dirname, 'job-queue.sqlite.ts');
    await expectJobOfKilledProcessRedelivered(
      queue,
      { name: 'assess-report', id: 'job-1', payload: { reportId: 'r-1' } },
      `require(${JSON.stringify(modulePath)}).createSqliteJobQueue(${JSON.stringify(queues.file)}, { visibilityTimeoutMs: 500, pollIntervalMs: 10 })`,
    );
  });

  it('dead-letters a job whose lease expires on its last attempt instead of retrying it forever', async () => {
    const queues = queuesOver({ visibilityTimeoutMs: 200, maxAttempts: 1 });
    cleanup = queues.cleanup;
    const queue = queues.open();
    let hungStarted = false;
    const hung = queue.process('assess-report', () => {
      hungStarted = true;
      return new Promise<void>(() => undefined);
    });
    await queue.enqueue('assess-report', 'job-1', {});
    await waitFor(() => hungStarted, { description: 'first delivery' });

    const peer = queues.open();
    const peerSeen: string[] = [];
    const peerConsumer = peer.process('assess-report', async (job) => void peerSeen.push(job.id));
    const dead = await waitFor(async () => {
      const view = await peer.get('job-1');
      return view?.state === 'dead' ? view : undefined;
    }, { description: 'dead after lease expiry' });
    await Promise.all([hung.close(0), peerConsumer.close()]);
    expect(dead.lastError).toMatch(/Fristen/);
    expect(peerSeen).toEqual([]);
  });

  it('does not start a job again in the process where its handler is still running', async () => {
    const queues = queuesOver({ visibilityTimeoutMs: 100 });
    cleanup = queues.cleanup;
    const queue = queues.open();
    const delivered: string[] = [];
    const consumer = queue.process(
      'assess-report',
      (job) => {
        delivered.push(job.id);
        return job.id === 'slow' ? new Promise<void>(() => undefined) : Promise.resolve();
      },
      { concurrency: 2 },
    );
    await queue.enqueue('assess-report', 'slow', {});
    await waitFor(() => delivered.includes('slow'), { description: 'slow job started' });
    // Let the lease run out (set-up, not an assertion): the free slot could now take 'slow' again.
    await new Promise((resolve) => setTimeout(resolve, 300));
    await queue.enqueue('assess-report', 'fast', {});
    await waitFor(async () => (await queue.get('fast'))?.state === 'completed', { description: 'fast job completed' });
    await consumer.close(0);
    expect(delivered).toEqual(['slow', 'fast']);
  });

  it('with keepCompleted false removes finished jobs, so the same id can be queued again', async () => {
    const queues = queuesOver({ keepCompleted: false });
    cleanup = queues.cleanup;
    const queue = queues.open();
    let handled = 0;
    const consumer = queue.process('assess-report', async () => void handled++);
    await queue.enqueue('assess-report', 'job-1', {});
    await waitFor(() => handled === 1 && queue.get('job-1').then((view) => view === undefined), { description: 'removed' });
    expect(await queue.enqueue('assess-report', 'job-1', {})).toEqual({ added: true });
    await waitFor(() => handled === 2, { description: 'second delivery' });
    await consumer.close();
    expect((await queue.counts()).completed).toBe(0);
  });

  it('keeps waiting jobs in the file across close and reopen', async () => {
    const queues = queuesOver({});
    cleanup = queues.cleanup;
    const first = queues.open();
    await first.enqueue('assess-report', 'job-1', { reportId: 'r-1' });
    await first.close();
    const reopened = queues.open();
    expect(await reopened.get('job-1')).toMatchObject({ state: 'waiting', payload: { reportId: 'r-1' } });
  });
});
