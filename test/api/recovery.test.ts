import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

/** Nothing accepted is lost: failing assessments are dead-lettered and replayable; lost queue signals are reconciled. */
describe('dead letters and reconciliation', () => {
  let mottak: TestMottak;
  beforeAll(async () => {
    mottak = await startTestMottak({
      MOTTAK_QUEUE_MAX_ATTEMPTS: '2',
      MOTTAK_QUEUE_BACKOFF_MS: '10',
      MOTTAK_RECONCILE_INTERVAL_MS: '100',
      MOTTAK_RECONCILE_AFTER_MS: '200',
    });
  });
  afterAll(async () => {
    await mottak.close();
  });

  async function reportStatus(id: string): Promise<string> {
    const response = await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', await mottak.bearer('kari'));
    return response.body.status as string;
  }

  it('an assessment that keeps failing is dead-lettered, visible with its error, and replayable after the fix', async () => {
    const deps = mottak.running.core.deps;
    const working = deps.ruleSet;
    // The rule set becomes unavailable (e.g. a broken deployment): every assessment throws.
    deps.ruleSet = () => {
      throw new Error('regelsettet kunne ikke lastes');
    };
    const intake = await mottak.http.post('/api/v1/reports').set('X-API-Key', mottak.partnerKey).send({ channel: 'partner', title: 'Giftig', body: 'Denne feiler i vurderingen.' });
    expect(intake.status).toBe(202);

    const frida = await mottak.bearer('frida');
    const dead = await eventually(async () => {
      const response = await mottak.http.get('/api/v1/jobs').query({ state: 'dead' }).set('Authorization', frida);
      return response.body.find((job: { id: string }) => job.id === intake.body.id);
    }, 'the job to be dead-lettered');
    expect(dead).toMatchObject({ name: 'assess', state: 'dead', attempt: 2, maxAttempts: 2 });
    expect(dead.lastError).toContain('regelsettet kunne ikke lastes');
    expect(await reportStatus(intake.body.id)).toBe('mottatt'); // kept as received, never lost

    const counts = await mottak.http.get('/api/v1/jobs/counts').set('Authorization', frida);
    expect(counts.body.dead).toBeGreaterThanOrEqual(1);
    // The reconciler must not resurrect a dead letter on its own.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect((await mottak.http.get('/api/v1/jobs').query({ state: 'dead' }).set('Authorization', frida)).body.map((j: { id: string }) => j.id)).toContain(intake.body.id);

    deps.ruleSet = working;
    const replay = await mottak.http.post(`/api/v1/jobs/${intake.body.id}/replay`).set('Authorization', frida);
    expect(replay.status).toBe(204);
    await eventually(async () => ((await reportStatus(intake.body.id)) === 'vurdert' ? true : undefined), 'the replayed report to be assessed');

    // Only supervisors and admins see and replay jobs.
    const siri = await mottak.bearer('siri');
    expect((await mottak.http.get('/api/v1/jobs').set('Authorization', siri)).status).toBe(403);
    expect((await mottak.http.post('/api/v1/jobs/finnes-ikke/replay').set('Authorization', frida)).status).toBe(404);
  });

  it('a report whose queue signal was lost is found and assessed by the reconciler', async () => {
    const queue = mottak.running.core.deps.queue;
    const enqueue = queue.enqueue.bind(queue);
    // The queue is down at the moment of intake: the report is still stored and acknowledged.
    queue.enqueue = async () => {
      throw new Error('køen svarer ikke');
    };
    let intake;
    try {
      intake = await mottak.http.post('/api/v1/reports').set('X-API-Key', mottak.partnerKey).send({ channel: 'partner', title: 'Uten signal', body: 'Køen var nede da denne kom.' });
    } finally {
      queue.enqueue = enqueue;
    }
    expect(intake.status).toBe(202);
    await eventually(async () => ((await reportStatus(intake.body.id)) === 'vurdert' ? true : undefined), 'the reconciler to bring the report through');
  });
});
