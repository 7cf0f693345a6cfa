import { spawnSync } from 'node:child_process';
import { createRedisReportEvents, type RedisReportEvents } from '@mottak/adapters-redis';
import type { ReportEvent } from '@mottak/core';
import { validateStixBundle } from '@mottak/exports';
import { aJournalDraft, aReport } from '@mottak/test-kit';
import { EventStream } from '../support/event-stream';
import { describeWithProductionEngines, ENGINE_URLS, type IsolatedProduction, isolatedProduction } from '../support/production-engines';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

/** The job-latency histogram of one job name from a /metrics text: cumulative buckets, +Inf, sum and count. */
function latencyHistogram(metrics: string, jobName: string) {
  const label = `job_name="${jobName}"`;
  const buckets = [...metrics.matchAll(new RegExp(`^mottak_job_latency_seconds_bucket\\{${label},le="([^"]+)"\\} (\\d+)$`, 'gm'))].map((m) => ({
    le: m[1]!,
    count: Number(m[2]),
  }));
  const single = (suffix: string) => {
    const match = new RegExp(`^mottak_job_latency_seconds_${suffix}\\{${label}\\} ([\\d.e+-]+)$`, 'm').exec(metrics);
    return match ? Number(match[1]) : undefined;
  };
  return { buckets, sum: single('sum'), count: single('count') };
}

async function expectLatencyOfAssessJobs(mottak: TestMottak): Promise<void> {
  const frida = await mottak.bearer('frida');
  // The demo data went through the queue: its assessment jobs completed and were counted.
  const histogram = await eventually(async () => {
    const response = await mottak.http.get('/metrics').set('Authorization', frida);
    expect(response.status).toBe(200);
    expect(response.text).toMatch(/^# TYPE mottak_job_latency_seconds histogram$/m);
    const found = latencyHistogram(response.text, 'assess');
    return (found.count ?? 0) > 0 ? found : undefined;
  }, 'completed assessment jobs in the latency histogram', 20_000);
  expect(histogram.buckets.at(-1)).toEqual({ le: '+Inf', count: histogram.count });
  // Cumulative: never falling from one bound to the next.
  for (let i = 1; i < histogram.buckets.length; i++) expect(histogram.buckets[i]!.count).toBeGreaterThanOrEqual(histogram.buckets[i - 1]!.count);
  expect(histogram.sum).toBeGreaterThanOrEqual(0);
  // Operations data: not for a koordinator.
  expect((await mottak.http.get('/metrics').set('Authorization', await mottak.bearer('kari'))).status).toBe(403);
}

/**
 * SLA breaches through the API: two reports received two hours ago and never handled (stored
 * directly, as if the desk had been down), one in a compartment frida is not in.
 */
async function expectSlaBreaches(mottak: TestMottak): Promise<void> {
  const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
  // A bomb threat: P1 whether the reconciler has had it assessed (late) by now or not.
  const text = { title: 'Trussel om bombe', body: 'En mann truet med å sprenge en bombe ved stasjonen.' };
  const late = aReport({ ...text, receivedAt: twoHoursAgo, updatedAt: twoHoursAgo });
  const hidden = aReport({ ...text, receivedAt: twoHoursAgo, updatedAt: twoHoursAgo, compartments: ['annet-rom'] });
  for (const report of [late, hidden]) await mottak.running.core.deps.store.receive(report, aJournalDraft({ at: twoHoursAgo }));
  const frida = await mottak.bearer('frida');

  const list = await mottak.http.get('/api/v1/quality/sla-breaches').set('Authorization', frida);
  expect(list.status).toBe(200);
  const mine = (list.body.items as Array<{ reportId: string; stage: string; priority: string; priorityAssumed: boolean; minutesLate: number }>).filter(
    (b) => b.reportId === late.id,
  );
  // Not assessed within P1's 15 minutes, nor registered within the hour.
  expect(mine.map((b) => b.stage).sort()).toEqual(['registrering', 'vurdering']);
  expect(mine.every((b) => b.priority === 'P1' && b.minutesLate >= 60)).toBe(true);
  expect(JSON.stringify(list.body)).not.toContain(hidden.id);
  expect(list.body.total).toBe(list.body.items.length);

  const registering = await mottak.http.get('/api/v1/quality/sla-breaches').query({ stage: 'registrering', ongoing: 'true' }).set('Authorization', frida);
  expect(registering.body.items.some((b: { reportId: string }) => b.reportId === late.id)).toBe(true);
  expect(registering.body.items.every((b: { stage: string; doneAt?: string }) => b.stage === 'registrering' && b.doneAt === undefined)).toBe(true);

  const csv = await mottak.http.get('/api/v1/quality/sla-breaches').query({ format: 'csv' }).set('Authorization', frida);
  expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  const lines = csv.text.split('\r\n').filter(Boolean);
  expect(lines[0]).toBe('reportId,journalNumber,priority,priorityAssumed,stage,receivedAt,deadline,doneAt,minutesLate,ruleId');
  expect(lines.filter((line) => line.startsWith(`${late.id},`))).toHaveLength(2);

  // A window before the reports came in holds none of them; a bad window is a clear 400.
  const earlier = await mottak.http.get('/api/v1/quality/sla-breaches').query({ to: twoHoursAgo }).set('Authorization', frida);
  expect(earlier.body.items.some((b: { reportId: string }) => b.reportId === late.id)).toBe(false);
  const backwards = await mottak.http.get('/api/v1/quality/sla-breaches').query({ from: '2026-03-02T00:00:00Z', to: '2026-03-01T00:00:00Z' }).set('Authorization', frida);
  expect(backwards.status).toBe(400);
  expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'to' })]);
  expect((await mottak.http.get('/api/v1/quality/sla-breaches').query({ from: 'i går' }).set('Authorization', frida)).status).toBe(400);
  expect((await mottak.http.get('/api/v1/quality/sla-breaches').set('Authorization', await mottak.bearer('kari'))).status).toBe(403);
}

describe('job latency and SLA breaches on the embedded profile (SQLite)', () => {
  let mottak: TestMottak;
  beforeAll(async () => {
    mottak = await startTestMottak();
  });
  afterAll(async () => mottak?.close());

  it('serves the time from enqueue to completion as a Prometheus histogram', async () => {
    await expectLatencyOfAssessJobs(mottak);
  });

  it('lists SLA breaches for supervisors, as JSON and CSV, only for reports they may read', async () => {
    await expectSlaBreaches(mottak);
  });
});

/**
 * What supervisors and live views need on the production profile — MongoDB (the wire-compatible
 * test server), Redis and Elasticsearch: data quality and exports on the Mongo quality store, the
 * job-latency metric from BullMQ, and live events carried between processes by Redis pub/sub.
 */
describeWithProductionEngines('production supervision test')('production profile: quality, exports, job latency, SLA breaches and live events', () => {
  const tag = `sup${process.pid}${Date.now().toString(36)}`;
  let mottak: TestMottak;
  let production: IsolatedProduction | undefined;
  /** Stands for a worker process: its own Redis connections on the same channel as the API. */
  let worker: RedisReportEvents;
  const streams: EventStream[] = [];

  beforeAll(async () => {
    production = isolatedProduction(tag);
    mottak = await startTestMottak(production.config);
    worker = createRedisReportEvents({ redisUrl: ENGINE_URLS.redis!, prefix: production.config.MOTTAK_REDIS_PREFIX! });
  }, 60_000);

  afterAll(async () => {
    for (const stream of streams) stream.close();
    await worker?.close();
    await mottak?.close();
    await production?.cleanup();
  });

  async function openStream(username: string): Promise<EventStream> {
    const stream = await EventStream.open(mottak.url, await mottak.bearer(username));
    streams.push(stream);
    return stream;
  }

  /** Registered demo reports frida may read: the HEMMELIG one (compartment kontraetterretning) and two BEGRENSET. */
  async function demoReports(): Promise<{ secret: string; open: string; other: string }> {
    const frida = await mottak.bearer('frida');
    const registered = await eventually(async () => {
      const page = await mottak.http.get('/api/v1/reports').query({ status: 'registrert', limit: 50 }).set('Authorization', frida);
      return page.body.total >= 5 ? (page.body.items as Array<{ id: string; gradering: string }>) : undefined;
    }, 'the demo reports to be registered');
    const begrenset = registered.filter((r) => r.gradering === 'BEGRENSET');
    return { secret: registered.find((r) => r.gradering === 'HEMMELIG')!.id, open: begrenset[0]!.id, other: begrenset[1]!.id };
  }

  it('runs data quality over the journal on MongoDB: summary, findings as JSON and CSV; others are refused', async () => {
    const frida = await mottak.bearer('frida');
    const kari = await mottak.bearer('kari');
    await demoReports();
    expect((await mottak.http.post('/api/v1/quality/runs').set('Authorization', kari)).status).toBe(403);

    const run = await mottak.http.post('/api/v1/quality/runs').set('Authorization', frida);
    expect(run.status).toBe(201);
    expect(run.body.summary.reports).toBe(5);
    expect(run.body.summary.byRule.map((r: { ruleId: string }) => r.ruleId)).toEqual(expect.arrayContaining(['tidsfrister', 'uavklarte-duplikater']));

    const summary = await mottak.http.get('/api/v1/quality/summary').set('Authorization', frida);
    expect(summary.status).toBe(200);
    expect(summary.body.id).toBe(run.body.id);

    const findings = await mottak.http.get('/api/v1/quality/findings').query({ limit: 100 }).set('Authorization', frida);
    expect(findings.status).toBe(200);
    expect(findings.body.total).toBe(findings.body.items.length);
    for (const finding of findings.body.items) expect(finding.journalNumber).toMatch(/^\d{4}\/\d{6}$/);

    const csv = await mottak.http.get('/api/v1/quality/findings').query({ format: 'csv' }).set('Authorization', frida);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('reportId,journalNumber,ruleId,dimension,severity,message,evaluatedAt');
    expect(lines).toHaveLength(findings.body.total + 1);
  });

  it('exports STIX and the archival extract from MongoDB, only what the user may read', async () => {
    const frida = await mottak.bearer('frida');
    const { secret } = await demoReports();
    const stix = await mottak.http.get('/api/v1/exports/stix').set('Authorization', frida);
    expect(stix.status).toBe(200);
    expect(validateStixBundle(stix.body)).toEqual({ valid: true });
    expect((stix.body.objects as Array<{ type: string }>).filter((o) => o.type === 'report')).toHaveLength(5);

    const extract = await mottak.http.post('/api/v1/exports/arkivuttrekk').set('Authorization', frida).send({});
    expect(extract.status).toBe(200);
    expect(extract.body.manifest.journalposter).toBe(5);
    expect(extract.body.manifest.reportIds).toContain(secret);
    expect((await mottak.http.post('/api/v1/exports/arkivuttrekk').set('Authorization', await mottak.bearer('kari')).send({})).status).toBe(403);
  });

  it('serves the time from enqueue to completion of BullMQ jobs as a Prometheus histogram', async () => {
    await expectLatencyOfAssessJobs(mottak);
  });

  it('lists SLA breaches from MongoDB, as JSON and CSV, only for reports the supervisor may read', async () => {
    await expectSlaBreaches(mottak);
  });

  it("carries another process's changes and P1 alerts to the API's event streams, only to those who may read the report", async () => {
    const { secret, open, other } = await demoReports();
    const kari = await openStream('kari');
    const kim = await openStream('kim');
    const changed = (reportId: string): ReportEvent => ({ type: 'report.changed', reportId, status: 'registrert', version: 3, at: new Date().toISOString() });

    // Until the API's subscription is in place, a publish may go unheard: publish until one arrives.
    await eventually(async () => {
      worker.publish(changed(open));
      return kari.about('report.changed', open).length > 0 && kim.about('report.changed', open).length > 0 ? true : undefined;
    }, "the worker's event to reach the API's streams");
    expect(kari.about('report.changed', open)[0]!.data).toEqual({ id: open, status: 'registrert' });

    // A P1 alert about the HEMMELIG report reaches kari (klarering and compartment), not kim.
    worker.publish({ type: 'alert', kind: 'p1', reportId: secret, at: new Date().toISOString() });
    await kari.until((s) => s.about('alert', secret).length === 1);
    expect(kari.about('alert', secret)[0]!.data).toMatchObject({ kind: 'p1', id: secret });

    // Garbage on the channel is dropped; the API and its streams go on.
    const almostAnEvent = { type: 'report.changed', reportId: other, status: 'slettet', version: 2, at: new Date().toISOString() };
    for (const garbage of ['ikke en hendelse', JSON.stringify({ v: 1, origin: 'fremmed', event: almostAnEvent })]) {
      const published = spawnSync('redis-cli', ['-u', ENGINE_URLS.redis!, 'PUBLISH', worker.channel, garbage], { encoding: 'utf8' });
      expect(published.status).toBe(0);
    }
    // A marker kim may read: once it is there, everything published before it has been handled.
    worker.publish({ type: 'alert', kind: 'p1', reportId: open, at: new Date().toISOString() });
    await kim.until((s) => s.about('alert', open).length === 1);
    await kari.until((s) => s.about('alert', open).length === 1);
    expect(kim.about('alert', secret)).toEqual([]);
    expect(kim.events.some((event) => event.data.id === secret)).toBe(false);
    // The malformed event about a report both may read was dropped, not passed on.
    expect(kim.about('report.changed', other)).toEqual([]);
    expect(kari.about('report.changed', other)).toEqual([]);
    expect(kari.ended || kim.ended).toBe(false);
    expect((await mottak.http.get('/readyz')).status).toBe(200);
  });
});
