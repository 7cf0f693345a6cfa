import path from 'node:path';
import type { Job } from '@mottak/core';
import { createGate, describeJobQueueContract, expectJobOfKilledProcessRedelivered, waitFor } from '@mottak/test-kit';
import { Redis } from 'ioredis';
import { LEASE_EXPIRED_ON_LAST_ATTEMPT } from './job-consumer.bullmq';
import { deleteKeysWithPrefix, readRedisServerInfo, redactRedisUrl } from './redis-server';
import { claimEmptyDatabase, queuesOver, requireRedisUrl, TEST_RUN_PREFIX } from './redis-test-env';

const NAME = 'assess-report';
const redisUrlSet = Boolean(process.env.REDIS_URL);
const inCi = process.env.CI === 'true';

if (!redisUrlSet && !inCi) {
  // eslint-disable-next-line no-console -- says why a whole engine suite did not run
  console.warn('BullMQ/Redis-testene hoppes over: REDIS_URL er ikke satt (kjør scripts/provision-redis.sh og sett REDIS_URL).');
  describe.skip('BullMQ job queue on Redis (REDIS_URL is not set)', () => {
    it('needs REDIS_URL', () => undefined);
  });
} else {
  describe('BullMQ job queue on Redis', () => {
    beforeAll(async () => {
      // In CI a missing engine is a failure, never a silent skip.
      const url = requireRedisUrl();
      const server = await readRedisServerInfo(url);
      // eslint-disable-next-line no-console -- names the engine this suite ran against
      console.log(`JobQueue engine: ${server.engine} ${server.version} at ${redactRedisUrl(url)} (key prefix ${TEST_RUN_PREFIX})`);
    });

    afterAll(async () => {
      if (redisUrlSet) await deleteKeysWithPrefix(requireRedisUrl(), TEST_RUN_PREFIX);
    });

    describeJobQueueContract('BullMQ on Redis', async (options) => {
      const queues = queuesOver(options);
      return { subject: queues.open(), openPeer: async () => queues.open(), cleanup: queues.cleanup };
    });

    describe('BullMqJobQueue', () => {
      let cleanup: (() => Promise<void>) | undefined;
      afterEach(async () => {
        await cleanup?.();
        cleanup = undefined;
      });

      it('dead-letters a poison job after the configured attempts while the other jobs flow on, and replays it', async () => {
        const queues = queuesOver({ maxAttempts: 3, backoffBaseMs: 20 });
        cleanup = queues.cleanup;
        const queue = queues.open();
        let fixed = false;
        const poisonAttempts: number[] = [];
        const completedOthers = new Set<string>();
        // Concurrency 1 and the poison job first: had it blocked the worker, nothing else would run.
        const consumer = queue.process(NAME, async (job) => {
          if (job.payload.poison === true) {
            poisonAttempts.push(job.attempt);
            if (!fixed) throw new Error('giftig rapport: vurderingen krasjer');
            return;
          }
          completedOthers.add(job.id);
        });
        await queue.enqueue(NAME, 'poison', { reportId: 'r-poison', poison: true });
        for (let i = 0; i < 30; i++) await queue.enqueue(NAME, `report-${i}`, { reportId: `r-${i}` });

        await waitFor(async () => (await queue.get('poison'))?.state === 'dead', { description: 'poison dead' });
        await waitFor(() => completedOthers.size === 30, { description: 'other reports completed' });
        expect(poisonAttempts).toEqual([1, 2, 3]);
        const dead = await queue.list({ state: 'dead', limit: 10 });
        expect(dead.map((job) => job.id)).toEqual(['poison']);
        expect(dead[0]).toMatchObject({ attempt: 3, maxAttempts: 3, payload: { reportId: 'r-poison', poison: true } });
        expect(dead[0]?.lastError).toContain('giftig rapport');
        expect(await queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, completed: 30, dead: 1 });

        fixed = true;
        expect(await queue.replay('poison')).toBe(true);
        await waitFor(async () => (await queue.get('poison'))?.state === 'completed', { description: 'replayed poison completed' });
        await consumer.close();
        expect(poisonAttempts).toEqual([1, 2, 3, 1]);
        expect(await queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, completed: 31, dead: 0 });
      });

      it('loses its state to a FLUSHDB mid-batch, keeps counting, and takes the same ids again (the reconciler in core re-enqueues)', async () => {
        const database = await claimEmptyDatabase(requireRedisUrl());
        const queues = queuesOver({}, database.url);
        cleanup = async () => {
          await queues.cleanup();
          await database.release();
        };
        const queue = queues.open();
        const gate = createGate();
        const delivered: string[] = [];
        const consumer = queue.process(NAME, async (job) => {
          delivered.push(job.id);
          if (delivered.length === 6) await gate.promise;
        });
        const ids = Array.from({ length: 20 }, (_, i) => `report-${i}`);
        for (const id of ids) await queue.enqueue(NAME, id, { reportId: id });
        await waitFor(async () => (await queue.counts()).completed === 5 && delivered.length === 6, {
          description: 'five completed, the sixth in flight',
        });

        const admin = new Redis(database.url, { maxRetriesPerRequest: 1 });
        try {
          await admin.flushdb();
        } finally {
          admin.disconnect();
        }
        // Redis is not the source of truth: everything queued is gone, and the views say so.
        expect(await queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, completed: 0, dead: 0 });
        expect(await queue.get('report-10')).toBeUndefined();
        gate.open();

        // What the reconciler does for reports the store still has as received: enqueue them again.
        const deliveredBefore = new Set(delivered);
        for (const id of ids) expect(await queue.enqueue(NAME, id, { reportId: id })).toEqual({ added: true });
        await waitFor(async () => (await queue.counts()).completed === 20, { description: 'all 20 completed after the flush' });
        await consumer.close();
        const afterFlush = delivered.slice(deliveredBefore.size);
        expect([...afterFlush].sort()).toEqual([...ids].sort());
        expect(await queue.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, completed: 20, dead: 0 });
      });

      it('never runs one job in two consumers of two queue instances at once, retries included', async () => {
        const queues = queuesOver({ maxAttempts: 3, backoffBaseMs: 5 });
        cleanup = queues.cleanup;
        const [first, second] = [queues.open(), queues.open()];
        const running = new Set<string>();
        const deliveries = new Map<string, number[]>();
        let overlaps = 0;
        const handler = async (job: Job) => {
          if (running.has(job.id)) overlaps++;
          running.add(job.id);
          deliveries.set(job.id, [...(deliveries.get(job.id) ?? []), job.attempt]);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 8));
          running.delete(job.id);
          // Every fourth job fails once, so retries (delayed, then promoted) are in the mix too.
          if (Number(job.payload.i) % 4 === 0 && job.attempt === 1) throw new Error('forbigående feil');
        };
        const consumers = [first.process(NAME, handler, { concurrency: 3 }), second.process(NAME, handler, { concurrency: 3 })];
        for (let i = 0; i < 60; i++) await (i % 2 ? first : second).enqueue(NAME, `job-${i}`, { i });

        await waitFor(async () => (await first.counts()).completed === 60, { description: 'all 60 completed' });
        await Promise.all(consumers.map((consumer) => consumer.close()));
        expect(overlaps).toBe(0);
        expect(deliveries.size).toBe(60);
        for (const [id, attempts] of deliveries) {
          expect({ id, attempts }).toEqual({ id, attempts: Number(id.slice(4)) % 4 === 0 ? [1, 2] : [1] });
        }
      });

      it('close(grace) returns in-flight jobs at once, uncounted, and ignores their handlers finishing later', async () => {
        // A visibility timeout far beyond the test: only the graceful return can free the jobs.
        const queues = queuesOver({ visibilityTimeoutMs: 120_000 });
        cleanup = queues.cleanup;
        const [leaving, staying] = [queues.open(), queues.open()];
        const gate = createGate();
        const started: string[] = [];
        const leavingConsumer = leaving.process(
          NAME,
          async (job) => {
            started.push(job.id);
            await gate.promise;
          },
          { concurrency: 2 },
        );
        await leaving.enqueue(NAME, 'job-a', {});
        await leaving.enqueue(NAME, 'job-b', {});
        await waitFor(() => started.length === 2, { description: 'both started' });

        await leavingConsumer.close(50);
        for (const id of ['job-a', 'job-b']) {
          expect(await staying.get(id)).toMatchObject({ id, state: 'waiting', attempt: 0 });
        }

        const delivered: Job[] = [];
        const stayingConsumer = staying.process(NAME, async (job) => void delivered.push(job));
        await waitFor(async () => (await staying.counts()).completed === 2, { description: 'taken over and completed' });
        gate.open();
        await stayingConsumer.close();
        expect(delivered.map((job) => `${job.id}@${job.attempt}`).sort()).toEqual(['job-a@1', 'job-b@1']);
        expect(started.sort()).toEqual(['job-a', 'job-b']);
        expect(await staying.counts()).toEqual({ waiting: 0, delayed: 0, active: 0, completed: 2, dead: 0 });
      });

      it('hands the job of a worker process killed with SIGKILL to another worker after the visibility timeout', async () => {
        const queues = queuesOver({ visibilityTimeoutMs: 500 });
        cleanup = queues.cleanup;
        const queue = queues.open();
        // A real second process takes the job and is killed without any chance to clean up.
        const modulePath = path.join(__dirname, 'job-queue.bullmq.ts');
        await expectJobOfKilledProcessRedelivered(
          queue,
          { name: NAME, id: 'job-1', payload: { reportId: 'r-1' } },
          `require(${JSON.stringify(modulePath)}).createBullMqJobQueue({ redisUrl: ${JSON.stringify(queues.redisUrl)}, prefix: ${JSON.stringify(queues.prefix)}, visibilityTimeoutMs: 500 })`,
        );
      });

      it('dead-letters a job whose lease expires on its last attempt instead of delivering it again', async () => {
        const queues = queuesOver({ visibilityTimeoutMs: 200, maxAttempts: 1 });
        cleanup = queues.cleanup;
        const queue = queues.open();
        let hungStarted = false;
        const hung = queue.process(NAME, () => {
          hungStarted = true;
          return new Promise<void>(() => undefined);
        });
        await queue.enqueue(NAME, 'job-1', {});
        await waitFor(() => hungStarted, { description: 'first delivery' });

        const peer = queues.open();
        const peerSeen: string[] = [];
        const peerConsumer = peer.process(NAME, async (job) => void peerSeen.push(job.id));
        const dead = await waitFor(async () => {
          const view = await peer.get('job-1');
          return view?.state === 'dead' ? view : undefined;
        }, { description: 'dead after lease expiry' });
        await Promise.all([hung.close(0), peerConsumer.close()]);
        expect(dead).toMatchObject({ attempt: 1, maxAttempts: 1, lastError: LEASE_EXPIRED_ON_LAST_ATTEMPT });
        expect(peerSeen).toEqual([]);
      });

      it('accepts ids BullMQ would refuse (integers, colons, empty) and deduplicates them', async () => {
        const queues = queuesOver({});
        cleanup = queues.cleanup;
        const queue = queues.open();
        const ids = ['42', 'rapport:2025:7', '', '~tilde', '%41'];
        for (const id of ids) expect(await queue.enqueue(NAME, id, { id })).toEqual({ added: true });
        for (const id of ids) expect(await queue.enqueue(NAME, id, { id })).toEqual({ added: false });
        expect((await queue.list({ limit: 10 })).map((job) => job.id).sort()).toEqual([...ids].sort());

        const delivered: Job[] = [];
        const consumer = queue.process(NAME, async (job) => void delivered.push(job));
        await waitFor(async () => (await queue.counts()).completed === ids.length, { description: 'all completed' });
        await consumer.close();
        expect(delivered.map((job) => job.id).sort()).toEqual([...ids].sort());
        expect(delivered.every((job) => job.payload.id === job.id)).toBe(true);
        expect(await queue.get('42')).toMatchObject({ id: '42', state: 'completed' });
      });
    });
  });
}
