import { Redis } from 'ioredis';
import type { ReportEvent } from '@mottak/core';
import { describeReportEventsContract, waitFor } from '@mottak/test-kit';
import { readRedisServerInfo } from './redis-server';
import { requireRedisUrl, TEST_RUN_PREFIX } from './redis-test-env';
import { createRedisReportEvents, parseMessage, type RedisReportEvents } from './report-events.redis';

let namespaces = 0;

/** Handles on one fresh channel, as separate processes would open them; errors collected instead of printed. */
function handlesOnFreshChannel() {
  const prefix = `${TEST_RUN_PREFIX}:events-${++namespaces}`;
  const opened: RedisReportEvents[] = [];
  const invalid: Array<{ reason: string; excerpt: string }> = [];
  const errors: unknown[] = [];
  const open = () => {
    const events = createRedisReportEvents({
      redisUrl: requireRedisUrl(),
      prefix,
      onError: (error) => errors.push(error),
      onInvalidMessage: (reason, excerpt) => invalid.push({ reason, excerpt }),
    });
    opened.push(events);
    return events;
  };
  return { prefix, open, invalid, errors, cleanup: async () => Promise.all(opened.map((events) => events.close())) };
}

beforeAll(async () => {
  const server = await readRedisServerInfo(requireRedisUrl());
  process.stdout.write(`RedisReportEvents: running against ${server.engine} ${server.version}\n`);
});

describeReportEventsContract('Redis pub/sub', async () => {
  const handles = handlesOnFreshChannel();
  return { events: handles.open(), openPeer: async () => handles.open(), cleanup: async () => void (await handles.cleanup()) };
});

describe('RedisReportEvents', () => {
  const changed = (reportId: string): ReportEvent => ({ type: 'report.changed', reportId, status: 'vurdert', version: 2, at: '2026-03-02T08:16:00.000Z' });

  /** Publishes `event` from `from` until `to` has heard it (the subscription may still be on its way). */
  async function untilHeard(from: { publish(event: ReportEvent): void }, heard: ReportEvent[], id: string): Promise<void> {
    await waitFor(
      () => {
        if (heard.some((event) => event.reportId === id)) return true;
        from.publish(changed(id));
        return false;
      },
      { intervalMs: 25, description: `event ${id}` },
    );
  }

  it('drops and reports malformed messages on the channel, and goes on delivering valid ones', async () => {
    const handles = handlesOnFreshChannel();
    const api = handles.open();
    const heard: ReportEvent[] = [];
    api.subscribe((event) => heard.push(event));
    const raw = new Redis(requireRedisUrl(), { maxRetriesPerRequest: 1 });
    try {
      await untilHeard({ publish: (event) => void raw.publish(api.channel, JSON.stringify({ v: 1, origin: 'worker-1', event })) }, heard, 'ready');
      const bad = [
        'ikke json',
        '[1,2]',
        JSON.stringify({ v: 2, origin: 'worker-1', event: changed('v2') }),
        JSON.stringify({ v: 1, event: changed('no-origin') }),
        JSON.stringify({ v: 1, origin: 'worker-1', event: { ...changed('bad-status'), status: 'slettet' } }),
        JSON.stringify({ v: 1, origin: 'worker-1', event: { ...changed('extra'), body: 'hemmelig tekst' } }),
        JSON.stringify({ v: 1, origin: 'worker-1', event: { type: 'alert', kind: 'p1', reportId: '', at: '2026-03-02T08:16:00.000Z' } }),
        JSON.stringify({ v: 1, origin: 'worker-1', event: { ...changed('bad-at'), at: 'i går' } }),
        JSON.stringify({ v: 1, origin: 'worker-1', event: changed('x'.repeat(5000)) }),
      ];
      for (const message of bad) await raw.publish(api.channel, message);
      await raw.publish(api.channel, JSON.stringify({ v: 1, origin: 'worker-1', event: changed('after') }));
      await waitFor(() => heard.some((event) => event.reportId === 'after'), { description: 'the valid event after the bad ones' });
      // Messages on one connection arrive in order: every bad one was seen (and dropped) before 'after'.
      expect(heard.map((event) => event.reportId)).toEqual(['ready', 'after']);
      expect(handles.invalid).toHaveLength(bad.length);
      expect(handles.invalid.map((i) => i.reason)).toEqual([
        'not JSON',
        'not an object',
        expect.stringContaining('envelope version 2'),
        expect.stringContaining('origin'),
        expect.stringContaining('event.status'),
        expect.stringContaining('body'),
        expect.stringContaining('event.reportId'),
        expect.stringContaining('event.at'),
        expect.stringContaining('bytes'),
      ]);
      // The log gets an excerpt, bounded in length.
      expect(Math.max(...handles.invalid.map((i) => i.excerpt.length))).toBeLessThan(200);
    } finally {
      raw.disconnect();
      await handles.cleanup();
    }
  });

  it('reconnects and subscribes again after its subscriber connection is killed', async () => {
    const handles = handlesOnFreshChannel();
    const api = handles.open();
    const worker = handles.open();
    const heard: ReportEvent[] = [];
    api.subscribe((event) => heard.push(event));
    const admin = new Redis(requireRedisUrl(), { maxRetriesPerRequest: 1 });
    try {
      await untilHeard(worker, heard, 'before');
      const clients = (await admin.client('LIST')) as string;
      const line = clients.split('\n').find((l) => l.includes(`name=mottak-events-sub-${api.shortId}`));
      const id = line && /(?:^|\s)id=(\d+)/.exec(line)?.[1];
      expect(id).toBeDefined();
      expect(await admin.client('KILL', 'ID', id!)).toBe(1);
      // The worker's events reach the API again once ioredis has reconnected and re-subscribed.
      await untilHeard(worker, heard, 'after');
      expect(heard.map((event) => event.reportId)).toContain('after');
      expect(handles.errors.every((error) => error instanceof Error)).toBe(true);
    } finally {
      admin.disconnect();
      await handles.cleanup();
    }
  });

  it('never throws from publish, also when Redis is unreachable or after close, and reports the outage once', async () => {
    const errors: unknown[] = [];
    // A port nothing listens on: every publish fails.
    const events = createRedisReportEvents({ redisUrl: 'redis://127.0.0.1:1', prefix: `${TEST_RUN_PREFIX}:nowhere`, onError: (error) => errors.push(error) });
    const heard: ReportEvent[] = [];
    events.subscribe((event) => heard.push(event));
    for (let i = 0; i < 5; i++) expect(() => events.publish(changed(`local-${i}`))).not.toThrow();
    // This process's own listeners still hear its events.
    expect(heard.map((event) => event.reportId)).toEqual(['local-0', 'local-1', 'local-2', 'local-3', 'local-4']);
    await waitFor(() => errors.length > 0, { description: 'the outage to be reported' });
    await events.close();
    expect(() => events.publish(changed('closed'))).not.toThrow();
    expect(heard).toHaveLength(5);
  });

  it('tells its own echo from other instances', () => {
    const own = 'instance-a';
    expect(parseMessage(JSON.stringify({ v: 1, origin: own, event: changed('r1') }), own)).toEqual({ kind: 'own' });
    expect(parseMessage(JSON.stringify({ v: 1, origin: 'instance-b', event: changed('r1') }), own)).toEqual({ kind: 'event', event: changed('r1') });
  });
});
