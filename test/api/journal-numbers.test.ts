import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

describe('journal numbers under concurrent registration', () => {
  let mottak: TestMottak;
  beforeAll(async () => {
    mottak = await startTestMottak({ MOTTAK_DEMO_SEED: 'true' });
  });
  afterAll(async () => {
    await mottak.close();
  });

  it('50 concurrent registrations get consecutive numbers with no gaps or repeats', async () => {
    const kari = await mottak.bearer('kari');
    const ids: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      const response = await mottak.http
        .post('/api/v1/reports')
        .set('X-API-Key', mottak.partnerKey)
        .send({ channel: 'partner', title: `Melding ${i}`, body: `Innhold nummer ${i} fra partner.` });
      ids.push(response.body.id);
    }
    await eventually(async () => {
      const response = await mottak.http.get('/api/v1/reports').query({ status: 'mottatt', limit: 1 }).set('Authorization', kari);
      return response.body.total === 0 ? true : undefined;
    }, 'all reports to be assessed', 20_000);

    const before = await mottak.http.get('/api/v1/reports').query({ status: 'registrert', limit: 1 }).set('Authorization', kari);
    const alreadyRegistered = before.body.total as number; // the demo data registered some
    const responses = await Promise.all(
      ids.map((id) => mottak.http.post(`/api/v1/reports/${id}/registration`).set('Authorization', kari).send({ gradering: 'BEGRENSET' })),
    );
    expect(responses.map((r) => r.status)).toEqual(ids.map(() => 201));
    const sequences = responses.map((r) => Number((r.body.registration.journalNumber as string).split('/')[1])).sort((a, b) => a - b);
    const expected = Array.from({ length: 50 }, (_, i) => alreadyRegistered + i + 1);
    expect(sequences).toEqual(expected);
  });
});
