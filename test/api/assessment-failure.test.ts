import type { CoreDeps } from '@mottak/core';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

interface Progress {
  state: string;
  attempts: number;
  maxAttempts: number;
  lastError?: string;
}

/**
 * A first assessment that fails is never silent: the report is kept as received, the failure is
 * retried, and coordinators see how it stands (in the queue and on the report) until it succeeds —
 * or, once every attempt failed, until a supervisor replays it.
 */
describe('a failing first assessment is visible to coordinators, retried and recoverable', () => {
  let mottak: TestMottak;
  let deps: CoreDeps;
  let workingRuleSet: CoreDeps['ruleSet'];

  beforeAll(async () => {
    mottak = await startTestMottak({ MOTTAK_QUEUE_MAX_ATTEMPTS: '3', MOTTAK_QUEUE_BACKOFF_MS: '200' });
    deps = mottak.running.core.deps;
    workingRuleSet = deps.ruleSet;
  });
  afterAll(async () => {
    deps.ruleSet = workingRuleSet;
    await mottak.close();
  });

  it('shows retrying, then failed with the reason; a replay after the fault is fixed assesses it', async () => {
    const kari = await mottak.bearer('kari');
    // The fault: the assessment cannot read its rule set (the worker shares this process's deps).
    deps.ruleSet = () => {
      throw new Error('Regelsettet kunne ikke leses: disken svarer ikke');
    };
    const intake = await mottak.http.post('/api/v1/reports').send({ channel: 'tipsskjema', title: 'Mistenkelig pakke', body: 'En pakke ble satt igjen ved inngangen til rådhuset.' });
    expect(intake.status).toBe(202);
    const id = intake.body.id as string;

    const progress = async (): Promise<Progress | undefined> => (await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', kari)).body.assessmentProgress as Progress | undefined;
    const retrying = await eventually(async () => {
      const p = await progress();
      return p?.state === 'retrying' ? p : undefined;
    }, 'the first failure to show', 15_000);
    expect(retrying).toMatchObject({ attempts: expect.any(Number), maxAttempts: 3, lastError: expect.stringContaining('Regelsettet kunne ikke leses') });

    const failed = await eventually(async () => {
      const p = await progress();
      return p?.state === 'failed' ? p : undefined;
    }, 'every attempt to fail', 15_000);
    expect(failed).toMatchObject({ attempts: 3, maxAttempts: 3, lastError: expect.stringContaining('disken svarer ikke') });

    // Kept as received, and the queue says so for this row too.
    const report = await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', kari);
    expect(report.body).toMatchObject({ status: 'mottatt', title: 'Mistenkelig pakke' });
    const queue = await mottak.http.get('/api/v1/reports').query({ status: 'mottatt', limit: 200 }).set('Authorization', kari);
    expect((queue.body.items as Array<{ id: string; assessmentProgress?: Progress }>).find((r) => r.id === id)?.assessmentProgress).toMatchObject({ state: 'failed' });

    // The fault is fixed; a supervisor replays the dead letter and the report is assessed.
    deps.ruleSet = workingRuleSet;
    const replay = await mottak.http.post(`/api/v1/jobs/${id}/replay`).set('Authorization', await mottak.bearer('frida'));
    expect(replay.status).toBeLessThan(300);
    await eventually(async () => ((await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', kari)).body.status === 'vurdert' ? true : undefined), 'the replayed assessment', 15_000);
    const assessed = await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', kari);
    expect(assessed.body.assessmentProgress).toBeUndefined();
    expect(assessed.body.assessment).toMatchObject({ ruleSetVersion: expect.any(String) });
  });

  it('says nothing of assessment progress once a report is assessed', async () => {
    const kari = await mottak.bearer('kari');
    const intake = await mottak.http.post('/api/v1/reports').send({ channel: 'tipsskjema', title: 'Vanlig tips', body: 'En bil sto parkert lenge ved havna.' });
    await eventually(async () => ((await mottak.http.get(`/api/v1/reports/${intake.body.id as string}`).set('Authorization', kari)).body.status === 'vurdert' ? true : undefined), 'assessment');
    const list = await mottak.http.get('/api/v1/reports').query({ status: 'vurdert' }).set('Authorization', kari);
    expect((list.body.items as Array<{ assessmentProgress?: unknown }>).every((r) => r.assessmentProgress === undefined)).toBe(true);
  });
});
