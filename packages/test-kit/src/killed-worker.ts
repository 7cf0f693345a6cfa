import { spawn } from 'node:child_process';
import type { Job, JobPayload, JobQueue } from '@mottak/core';
import { waitFor } from './wait-for';

/**
 * Proves at-least-once delivery across a real crash: enqueues a job, then a second process opens the queue (with
 * `openQueueExpression`, JavaScript evaluated in the child, e.g. `require(path).createXQueue(…)`),
 * claims `jobId` with a handler that never finishes, and is killed with SIGKILL. `queue` must then
 * deliver the job again (attempt 2) once the child's visibility timeout has run out.
 * The child runs under node itself (tsx only as a require hook) so SIGKILL reaches the process
 * holding the lease; its unref'd timer is a safety net should the test die before killing it.
 */
export async function expectJobOfKilledProcessRedelivered(
  queue: JobQueue,
  job: { name: string; id: string; payload: JobPayload },
  openQueueExpression: string,
): Promise<void> {
  const { name: jobName, id: jobId, payload } = job;
  await queue.enqueue(jobName, jobId, payload);
  const script = `
    setTimeout(() => process.exit(1), 60000).unref();
    const queue = ${openQueueExpression};
    queue.process(${JSON.stringify(jobName)}, (job) => {
      process.stdout.write('claimed ' + job.id + ' ' + job.attempt + '\\n');
      return new Promise(() => {});
    });`;
  const child = spawn(process.execPath, ['-r', require.resolve('tsx/cjs'), '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    await waitFor(() => output.includes(`claimed ${jobId} 1`), { timeoutMs: 20_000, description: `child claim (${output})` });
    expect(await queue.get(jobId)).toMatchObject({ state: 'active', attempt: 1 });
  } finally {
    child.kill('SIGKILL');
  }
  expect(await exited).toBe('SIGKILL');

  const delivered: Job[] = [];
  const consumer = queue.process(jobName, async (job) => void delivered.push(job));
  await waitFor(async () => (await queue.get(jobId))?.state === 'completed', { description: 'completed after kill' });
  await consumer.close();
  expect(delivered).toEqual([{ id: jobId, name: jobName, payload, attempt: 2 }]);
}
