import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

/** Data quality through the real API: blocking rules at registration, batch runs, summary, findings and CSV. */
describe('data quality', () => {
  let mottak: TestMottak;
  beforeAll(async () => {
    mottak = await startTestMottak();
  });
  afterAll(async () => {
    await mottak.close();
  });

  async function assessedReport(body: string): Promise<string> {
    const kari = await mottak.bearer('kari');
    const intake = await mottak.http.post('/api/v1/reports').set('Authorization', kari).send({ channel: 'telefon', title: 'Oppringning om nabo', body });
    expect(intake.status).toBe(202);
    await eventually(async () => {
      const response = await mottak.http.get(`/api/v1/reports/${intake.body.id}`).set('Authorization', kari);
      return response.body.status === 'vurdert' ? true : undefined;
    }, 'assessment');
    return intake.body.id as string;
  }

  it('stops a registration that breaks a blocking rule, with the list of what to fix, and lets the corrected one through', async () => {
    const kari = await mottak.bearer('kari');
    const id = await assessedReport('Innringer oppga fødselsnummer 01017000027 for naboen som oppfører seg mistenkelig.');
    const blocked = await mottak.http.post(`/api/v1/reports/${id}/registration`).set('Authorization', kari).send({ gradering: 'UGRADERT' });
    expect(blocked.status).toBe(422);
    expect(blocked.headers['content-type']).toContain('application/problem+json');
    expect(blocked.body).toMatchObject({
      code: 'DQ_BLOCKED',
      detail: expect.stringContaining('må graderes minst BEGRENSET'),
      findings: [{ ruleId: 'personopplysninger-gradering', dimension: 'consistency', severity: 'blocking', message: expect.stringContaining('(er UGRADERT)') }],
    });
    // Nothing was registered: the report is still `vurdert`.
    expect((await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', kari)).body.status).toBe('vurdert');
    const registered = await mottak.http.post(`/api/v1/reports/${id}/registration`).set('Authorization', kari).send({ gradering: 'BEGRENSET' });
    expect(registered.status).toBe(201);
  });

  it('lets supervisors run the rules over the journal and read the summary, findings and CSV; others are refused', async () => {
    const kari = await mottak.bearer('kari');
    const frida = await mottak.bearer('frida');
    expect((await mottak.http.post('/api/v1/quality/runs').set('Authorization', kari)).status).toBe(403);
    expect((await mottak.http.get('/api/v1/quality/summary').set('Authorization', kari)).status).toBe(403);
    expect((await mottak.http.get('/api/v1/quality/findings').set('Authorization', kari)).status).toBe(403);

    // A registered duplicate gives a uniqueness finding.
    const text = 'Samme melding to ganger: mann filmet porten ved kraftstasjonen i går kveld.';
    const first = await assessedReport(text);
    const second = await assessedReport(text);
    for (const id of [first, second]) {
      expect((await mottak.http.post(`/api/v1/reports/${id}/registration`).set('Authorization', kari).send({ gradering: 'BEGRENSET' })).status).toBe(201);
    }

    const run = await mottak.http.post('/api/v1/quality/runs').set('Authorization', frida);
    expect(run.status).toBe(201);
    expect(run.body.summary.reports).toBeGreaterThanOrEqual(3);
    expect(run.body.summary.byRule.map((r: { ruleId: string }) => r.ruleId)).toEqual(expect.arrayContaining(['uavklarte-duplikater', 'tidsfrister']));
    expect(run.body.summary.byCoordinator).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'kari' })]));
    expect(run.body.summary.byWeek[0].key).toMatch(/^\d{4}-W\d{2}$/);

    const summary = await mottak.http.get('/api/v1/quality/summary').set('Authorization', frida);
    expect(summary.status).toBe(200);
    expect(summary.body.id).toBe(run.body.id);

    const duplicates = await mottak.http.get('/api/v1/quality/findings?ruleId=uavklarte-duplikater&dimension=uniqueness').set('Authorization', frida);
    expect(duplicates.status).toBe(200);
    expect(duplicates.body.items.map((f: { reportId: string }) => f.reportId)).toContain(second);
    expect(duplicates.body.items.every((f: { ruleId: string; severity: string }) => f.ruleId === 'uavklarte-duplikater' && f.severity === 'warning')).toBe(true);
    expect((await mottak.http.get('/api/v1/quality/findings?severity=blocking').set('Authorization', frida)).body.total).toBe(0);
    expect((await mottak.http.get('/api/v1/quality/findings?severity=fatal').set('Authorization', frida)).status).toBe(400);

    const csv = await mottak.http.get('/api/v1/quality/findings?ruleId=uavklarte-duplikater&format=csv').set('Authorization', frida);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toBe('reportId,journalNumber,ruleId,dimension,severity,message,evaluatedAt');
    expect(lines.some((line) => line.startsWith(`${second},`))).toBe(true);
  });
});
