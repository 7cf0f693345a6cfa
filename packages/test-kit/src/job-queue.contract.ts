import type { Job, JobConsumer, JobHandler, JobQueue, JobState } from '@mottak/core';
import { createGate, waitFor } from './wait-for';

/** Settings a contract test needs to control so that retries and lease expiry happen quickly. */
export interface JobQueueContractOptions {
  visibilityTimeoutMs: number;
  maxAttempts: number;
  backoffBaseMs: number;
}

export interface JobQueueFixture {
  /** A queue over a fresh, empty backend. */
  subject: JobQueue;
  /** Another queue over the same backend, as a second process would open it. */
  openPeer(): Promise<JobQueue>;
  /** Closes the subject and every peer, and removes the backend. */
  cleanup(): Promise<void>;
}

export type MakeJobQueue = (options: JobQueueContractOptions) => Promise<JobQueueFixture>;

const DEFAULTS: JobQueueContractOptions = { visibilityTimeoutMs: 10_000, maxAttempts: 3, backoffBaseMs: 10 };
const NAME = 'assess-report';
/** The port's JOB_STATES, spelt out so the suite loads without the core's runtime code. */
const ALL_STATES: readonly JobState[] = ['waiting', 'delayed', 'active', 'completed', 'dead'];

/**
 * The behaviour every JobQueue adapter must show: at-least-once delivery, retries and dead letters,
 * replay, dedup by jobId, concurrency limits, graceful close and fencing of late workers.
 */
export function describeJobQueueContract(name: string, makeQueue: MakeJobQueue): void {
  describe(`JobQueue contract: ${name}`, () => {
    let fixture: JobQueueFixture | undefined;
    let consumers: JobConsumer[] = [];

    async function setUp(overrides: Partial<JobQueueContractOptions> = {}): Promise<JobQueueFixture> {
      fixture = await makeQueue({ ...DEFAULTS, ...overrides });
      return fixture;
    }

    function consume(queue: JobQueue, handler: JobHandler, concurrency = 1, jobName = NAME): JobConsumer {
      const consumer = queue.process(jobName, handler, { concurrency });
      consumers.push(consumer);
      return consumer;
    }

    async function stateOf(queue: JobQueue, jobId: string) {
      return (await queue.get(jobId))?.state;
    }

    afterEach(async () => {
      await Promise.all(consumers.map((consumer) => consumer.close(0)));
      consumers = [];
      await fixture?.cleanup();
      fixture = undefined;
    });

    it('delivers an enqueued job with its payload and marks it completed', async () => {
      const { subject } = await setUp();
      const payload = { reportId: 'r-1', count: 3, urgent: true, note: null };
      expect(await subject.enqueue(NAME, 'job-1', payload)).toEqual({ added: true });
      const delivered: Job[] = [];
      consume(subject, async (job) => void delivered.push(job));

      await waitFor(async () => (await stateOf(subject, 'job-1')) === 'completed', { description: 'job-1 completed' });
      expect(delivered).toEqual([{ id: 'job-1', name: NAME, payload, attempt: 1 }]);
      const counts = await subject.counts();
      expect(Object.keys(counts).sort()).toEqual([...ALL_STATES].sort());
      expect(counts).toMatchObject({ completed: 1, waiting: 0, active: 0, dead: 0 });
    });

    it('only hands a job to consumers of its name', async () => {
      const { subject } = await setUp();
      const seen: string[] = [];
      consume(subject, async (job) => void seen.push(`other:${job.id}`), 1, 'other-name');
      consume(subject, async (job) => void seen.push(`${NAME}:${job.id}`));
      await subject.enqueue(NAME, 'job-a', {});
      await subject.enqueue('other-name', 'job-b', {});
      await waitFor(async () => (await subject.counts()).completed === 2, { description: 'both completed' });
      expect(seen.sort()).toEqual([`${NAME}:job-a`, 'other:job-b']);
    });

    it('adds nothing for a jobId that is waiting or active, and queues a completed id again', async () => {
      const { subject } = await setUp();
      expect(await subject.enqueue(NAME, 'job-1', { v: 1 })).toEqual({ added: true });
      expect(await subject.enqueue(NAME, 'job-1', { v: 2 })).toEqual({ added: false });
      expect((await subject.counts()).waiting).toBe(1);

      const gate = createGate();
      const delivered: Job[] = [];
      consume(subject, async (job) => {
        delivered.push(job);
        await gate.promise;
      });
      await waitFor(async () => (await stateOf(subject, 'job-1')) === 'active', { description: 'job-1 active' });
      expect(await subject.enqueue(NAME, 'job-1', { v: 3 })).toEqual({ added: false });
      gate.open();
      await waitFor(async () => (await stateOf(subject, 'job-1')) === 'completed', { description: 'completed' });

      expect(await subject.enqueue(NAME, 'job-1', { v: 4 })).toEqual({ added: true });
      await waitFor(() => delivered.length === 2, { description: 'second delivery' });
      expect(delivered.map((job) => job.payload)).toEqual([{ v: 1 }, { v: 4 }]);
      expect(delivered[1]?.attempt).toBe(1);
    });

    it('retries a failing job and completes it when a later attempt succeeds', async () => {
      const { subject } = await setUp({ maxAttempts: 3 });
      const attempts: number[] = [];
      consume(subject, async (job) => {
        attempts.push(job.attempt);
        if (job.attempt === 1) throw new Error('midlertidig feil');
      });
      await subject.enqueue(NAME, 'job-1', {});
      await waitFor(async () => (await stateOf(subject, 'job-1')) === 'completed', { description: 'completed' });
      expect(attempts).toEqual([1, 2]);
    });

    it('dead-letters a job after its last attempt, with the last error, and dedups against it', async () => {
      const { subject } = await setUp({ maxAttempts: 3 });
      const attempts: number[] = [];
      consume(subject, async (job) => {
        attempts.push(job.attempt);
        throw new Error(`feil på forsøk ${job.attempt}`);
      });
      await subject.enqueue(NAME, 'job-1', { reportId: 'r-1' });
      await waitFor(async () => (await stateOf(subject, 'job-1')) === 'dead', { description: 'job-1 dead' });

      expect(attempts).toEqual([1, 2, 3]);
      const dead = await subject.list({ state: 'dead', limit: 10 });
      expect(dead).toHaveLength(1);
      expect(dead[0]).toMatchObject({ id: 'job-1', state: 'dead', attempt: 3, maxAttempts: 3, payload: { reportId: 'r-1' } });
      expect(dead[0]?.lastError).toContain('feil på forsøk 3');
      expect((await subject.counts()).dead).toBe(1);
      expect(await subject.enqueue(NAME, 'job-1', {})).toEqual({ added: false });
    });

    it('tells onFailed of every failed delivery once the failure is recorded, and never of a success', async () => {
      const { subject } = await setUp({ maxAttempts: 3 });
      const told: Array<{ id: string; attempt: number; message: string; recorded: string | undefined; state: string | undefined }> = [];
      const checks: Array<Promise<void>> = [];
      const consumer = subject.process(
        NAME,
        async (job) => {
          if (job.payload['fail'] === true) throw new Error(`feil på forsøk ${job.attempt}`);
        },
        {
          onFailed: (job, error) => {
            // What a live view would do when told: read the job back. The failure must be there.
            checks.push(
              subject.get(job.id).then((view) => {
                told.push({ id: job.id, attempt: job.attempt, message: (error as Error).message, recorded: view?.lastError, state: view?.state });
              }),
            );
          },
        },
      );
      consumers.push(consumer);
      await subject.enqueue(NAME, 'fine', { fail: false });
      await subject.enqueue(NAME, 'broken', { fail: true });
      await waitFor(async () => (await stateOf(subject, 'broken')) === 'dead' && (await stateOf(subject, 'fine')) === 'completed', { description: 'both done' });
      await waitFor(async () => told.length === 3, { description: 'three failures told' });
      await Promise.all(checks);
      expect(told.map((t) => [t.id, t.attempt, t.message])).toEqual([
        ['broken', 1, 'feil på forsøk 1'],
        ['broken', 2, 'feil på forsøk 2'],
        ['broken', 3, 'feil på forsøk 3'],
      ]);
      // Recorded before the call: this failure, or (if the retry already ran) a later one — never none.
      for (const t of told) expect(Number(/feil på forsøk (\d)/.exec(t.recorded ?? '')?.[1])).toBeGreaterThanOrEqual(t.attempt);
      expect(told[2]?.state).toBe('dead');
    });

    it('replays a dead job from attempt 1 and refuses to replay anything that is not dead', async () => {
      const { subject } = await setUp({ maxAttempts: 1 });
      let broken = true;
      const delivered: Job[] = [];
      consume(subject, async (job) => {
        delivered.push(job);
        if (broken) throw new Error('nede');
      });
      await subject.enqueue(NAME, 'job-1', {});
      await waitFor(async () => (await stateOf(subject, 'job-1')) === 'dead', { description: 'dead' });

      broken = false;
      expect(await subject.replay('job-1')).toBe(true);
      await waitFor(async () => (await stateOf(subject, 'job-1')) === 'completed', { description: 'completed' });
      expect(delivered.map((job) => job.attempt)).toEqual([1, 1]);
      expect(await subject.replay('job-1')).toBe(false);
      expect(await subject.replay('no-such-job')).toBe(false);
    });

    it('never runs more handlers at once than the concurrency', async () => {
      const { subject } = await setUp();
      for (let i = 0; i < 9; i++) await subject.enqueue(NAME, `job-${i}`, {});
      const gate = createGate();
      let running = 0;
      let maxRunning = 0;
      consume(
        subject,
        async () => {
          running++;
          maxRunning = Math.max(maxRunning, running);
          await gate.promise;
          running--;
        },
        3,
      );
      await waitFor(() => running === 3, { description: 'three handlers running' });
      expect(await subject.counts()).toMatchObject({ active: 3, waiting: 6 });
      gate.open();
      await waitFor(async () => (await subject.counts()).completed === 9, { description: 'all completed' });
      expect(maxRunning).toBe(3);
    });

    it('never runs one job in two places at once, even with two queue instances', async () => {
      const { subject, openPeer } = await setUp();
      const peer = await openPeer();
      const runningById = new Map<string, number>();
      const deliveries = new Map<string, number>();
      let overlaps = 0;
      const handler: JobHandler = async (job) => {
        const now = (runningById.get(job.id) ?? 0) + 1;
        runningById.set(job.id, now);
        if (now > 1) overlaps++;
        deliveries.set(job.id, (deliveries.get(job.id) ?? 0) + 1);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
        runningById.set(job.id, (runningById.get(job.id) ?? 1) - 1);
      };
      consume(subject, handler, 4);
      consume(peer, handler, 4);
      for (let i = 0; i < 40; i++) await subject.enqueue(NAME, `job-${i}`, { i });
      await waitFor(async () => (await subject.counts()).completed === 40, { description: 'all completed' });
      expect(overlaps).toBe(0);
      expect([...deliveries.values()].every((n) => n === 1)).toBe(true);
      expect(deliveries.size).toBe(40);
    });

    it('delivers a job again after the visibility timeout when its handler never returns', async () => {
      const { subject, openPeer } = await setUp({ visibilityTimeoutMs: 300 });
      const hung: Job[] = [];
      consume(subject, (job) => {
        hung.push(job);
        return new Promise<void>(() => undefined);
      });
      await subject.enqueue(NAME, 'job-1', { reportId: 'r-1' });
      await waitFor(() => hung.length === 1, { description: 'first delivery' });

      const peer = await openPeer();
      const redelivered: Job[] = [];
      consume(peer, async (job) => void redelivered.push(job));
      await waitFor(async () => (await stateOf(peer, 'job-1')) === 'completed', { description: 'redelivered, completed' });
      expect(hung[0]?.attempt).toBe(1);
      expect(redelivered).toEqual([{ id: 'job-1', name: NAME, payload: { reportId: 'r-1' }, attempt: 2 }]);
    });

    it('ignores the outcome of a worker whose lease expired and was taken over', async () => {
      const { subject, openPeer } = await setUp({ visibilityTimeoutMs: 300 });
      const gate = createGate();
      let lateStarted = false;
      const late = consume(subject, async () => {
        lateStarted = true;
        await gate.promise;
        throw new Error('sen arbeider');
      });
      await subject.enqueue(NAME, 'job-1', {});
      await waitFor(() => lateStarted, { description: 'first delivery' });

      const peer = await openPeer();
      consume(peer, async () => undefined);
      await waitFor(async () => (await stateOf(peer, 'job-1')) === 'completed', { description: 'taken over, completed' });
      gate.open();
      await late.close(10_000);

      const view = await peer.get('job-1');
      expect(view?.state).toBe('completed');
      expect(view?.lastError ?? '').not.toContain('sen arbeider');
    });

    it('close() waits for in-flight handlers that finish within the grace period', async () => {
      const { subject } = await setUp();
      const gate = createGate();
      let started = false;
      const consumer = consume(subject, async () => {
        started = true;
        await gate.promise;
      });
      await subject.enqueue(NAME, 'job-1', {});
      await waitFor(() => started, { description: 'handler started' });
      const closing = consumer.close(10_000);
      gate.open();
      await closing;
      expect(await stateOf(subject, 'job-1')).toBe('completed');
    });

    it('close() returns unfinished jobs to the queue without counting the attempt', async () => {
      const { subject } = await setUp();
      let hung = 0;
      const consumer = consume(subject, () => {
        hung++;
        return new Promise<void>(() => undefined);
      });
      await subject.enqueue(NAME, 'job-1', {});
      await waitFor(() => hung === 1, { description: 'handler started' });
      await consumer.close(20);
      expect(await subject.get('job-1')).toMatchObject({ state: 'waiting', attempt: 0 });

      const delivered: Job[] = [];
      consume(subject, async (job) => void delivered.push(job));
      await waitFor(async () => (await stateOf(subject, 'job-1')) === 'completed', { description: 'completed' });
      expect(delivered.map((job) => job.attempt)).toEqual([1]);
      expect(hung).toBe(1);
    });

    it('a closed consumer takes no more jobs', async () => {
      const { subject } = await setUp();
      const closedSeen: string[] = [];
      await consume(subject, async (job) => void closedSeen.push(job.id)).close();
      const openSeen: string[] = [];
      consume(subject, async (job) => void openSeen.push(job.id));
      for (let i = 0; i < 5; i++) await subject.enqueue(NAME, `job-${i}`, {});
      await waitFor(async () => (await subject.counts()).completed === 5, { description: 'all completed' });
      expect(closedSeen).toEqual([]);
      expect(openSeen.sort()).toEqual(['job-0', 'job-1', 'job-2', 'job-3', 'job-4']);
    });

    it('counts each completed job once in the latency histogram, from enqueue to completion, shared with another instance', async () => {
      const { subject, openPeer } = await setUp({ maxAttempts: 2 });
      const before = Date.now();
      const gate = createGate();
      consume(subject, async (job) => {
        if (job.id === 'dead') throw new Error('feiler alltid');
        if (job.id === 'retried' && job.attempt === 1) throw new Error('midlertidig feil');
        if (job.id === 'held') await gate.promise;
      }, 4);
      for (const id of ['quick', 'retried', 'held', 'dead']) await subject.enqueue(NAME, id, {});
      await waitFor(async () => (await stateOf(subject, 'dead')) === 'dead', { description: 'the dead job' });
      // The held job waits at least this long between enqueue and completion (a lower bound, not a speed).
      await new Promise((resolve) => setTimeout(resolve, 300));
      gate.open();
      const histogram = async (queue: JobQueue) => (await queue.latency()).find((latency) => latency.name === NAME);
      await waitFor(async () => (await histogram(subject))?.count === 3, { description: 'three completions counted' });
      const latency = (await histogram(subject))!;
      const elapsed = Date.now() - before;
      // Completed jobs only (not the dead one), each once, however many attempts it took.
      expect(latency.count).toBe(3);
      expect(latency.buckets.reduce((sum, n) => sum + n, 0)).toBe(3);
      expect(latency.sumMs).toBeGreaterThanOrEqual(300);
      expect(latency.sumMs).toBeLessThanOrEqual(3 * elapsed);
      expect(await histogram(await openPeer())).toEqual(latency);
    });

    it('lists jobs by state up to the limit, and shares them with another instance', async () => {
      const { subject, openPeer } = await setUp();
      for (let i = 0; i < 5; i++) await subject.enqueue(NAME, `job-${i}`, { i });
      expect(await subject.list({ state: 'waiting', limit: 3 })).toHaveLength(3);
      expect(await subject.list({ state: 'dead', limit: 10 })).toEqual([]);
      const all = await subject.list({ limit: 10 });
      expect(all.map((job) => job.id).sort()).toEqual(['job-0', 'job-1', 'job-2', 'job-3', 'job-4']);
      expect(all.every((job) => job.state === 'waiting' && job.attempt === 0 && job.name === NAME)).toBe(true);

      const peer = await openPeer();
      expect((await peer.counts()).waiting).toBe(5);
      expect(await peer.get('job-3')).toMatchObject({ id: 'job-3', payload: { i: 3 }, state: 'waiting' });
      expect(await peer.get('no-such-job')).toBeUndefined();
    });
  });
}
