import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

/** The whole flow through the real HTTP API: intake → assessment → registration → search, per channel. */
describe('intake → assessment → registration → search', () => {
  let mottak: TestMottak;
  beforeAll(async () => {
    mottak = await startTestMottak();
  });
  afterAll(async () => {
    await mottak.close();
  });

  async function waitForStatus(id: string, status: string, username = 'kari') {
    const auth = await mottak.bearer(username);
    return eventually(async () => {
      const response = await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', auth);
      return response.status === 200 && response.body.status === status ? response.body : undefined;
    }, `report ${id} to be ${status}`);
  }

  const channels = [
    { channel: 'tipsskjema', auth: async () => ({}) },
    { channel: 'partner', auth: async () => ({ 'X-API-Key': mottak.partnerKey }) },
    { channel: 'telefon', auth: async () => ({ Authorization: await mottak.bearer('kari') }) },
  ] as const;

  it.each(channels)('a report on channel $channel is assessed, registered and found by phone number in another format', async ({ channel, auth }) => {
    // 9xxxxxxx is always a valid Norwegian mobile number (4xx only partly is).
    const phoneDigits = String(90000000 + Math.floor(Math.random() * 9_999_999));
    const body = `Mistenkelig person ringte fra +47 ${phoneDigits.slice(0, 3)} ${phoneDigits.slice(3, 5)} ${phoneDigits.slice(5)} og truet med bombe mot rådhuset via ${channel}.`;
    const intake = await mottak.http
      .post('/api/v1/reports')
      .set(await auth())
      .send({ channel, title: `Trussel mot rådhuset (${channel})`, body });
    expect(intake.status).toBe(202);
    expect(intake.body).toEqual({ id: expect.any(String), status: 'mottatt', receivedAt: expect.any(String), statusUrl: `/api/v1/reports/${intake.body.id}/status` });
    expect(intake.headers.location).toBe(intake.body.statusUrl);

    const assessed = await waitForStatus(intake.body.id, 'vurdert');
    expect(assessed.assessment.entities).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'phone', value: `+47${phoneDigits}` })]));
    expect(assessed.assessment.priority).toBe('P1');
    expect(assessed.assessment.firedRules.length).toBeGreaterThan(0);
    expect(assessed.assessment.firedRules[0].reason).toEqual(expect.any(String));

    const registered = await mottak.http
      .post(`/api/v1/reports/${intake.body.id}/registration`)
      .set('Authorization', await mottak.bearer('kari'))
      .send({ gradering: 'BEGRENSET', category: 'trussel' });
    expect(registered.status).toBe(201);
    expect(registered.body.status).toBe('registrert');
    expect(registered.body.registration.journalNumber).toMatch(/^\d{4}\/\d{6}$/);

    // Sander holds the personopplysninger need: searching by a phone number is processing personal data.
    const searcher = await mottak.bearer('sander');
    const found = await eventually(async () => {
      const response = await mottak.http.get('/api/v1/search').query({ q: `0047 ${phoneDigits}` }).set('Authorization', searcher);
      return response.status === 200 && response.body.total === 1 ? response.body : undefined;
    }, 'the report to be searchable by phone');
    expect(found.identifiers).toEqual([`+47${phoneDigits}`]);
    expect(found.hits[0]).toMatchObject({ id: intake.body.id, journalNumber: registered.body.registration.journalNumber });

    const byWord = await mottak.http.get('/api/v1/search').query({ q: `rådhuset ${channel}` }).set('Authorization', searcher);
    expect(byWord.body.hits.map((h: { id: string }) => h.id)).toContain(intake.body.id);
    expect(byWord.body.hits.find((h: { id: string }) => h.id === intake.body.id).snippet).toContain('<mark>');

    const status = await mottak.http.get(intake.body.statusUrl).set('Authorization', await mottak.bearer('kari'));
    expect(status.body).toMatchObject({ status: 'registrert', assessed: true, indexed: true, journalNumber: registered.body.registration.journalNumber });

    const journal = await mottak.http.get(`/api/v1/reports/${intake.body.id}/journal`).set('Authorization', await mottak.bearer('kari'));
    expect(journal.body.map((e: { action: string }) => e.action)).toEqual(['report.received', 'report.assessed', 'report.registered']);
  });

  it('an Idempotency-Key repeat returns the first answer and creates nothing new', async () => {
    const auth = { 'X-API-Key': mottak.partnerKey };
    const report = { channel: 'partner', title: 'Gjentatt melding', body: 'Samme melding sendt to ganger på grunn av nettverksfeil.' };
    const first = await mottak.http.post('/api/v1/reports').set(auth).set('Idempotency-Key', 'melding-42').send(report);
    const second = await mottak.http.post('/api/v1/reports').set(auth).set('Idempotency-Key', 'melding-42').send(report);
    expect(first.status).toBe(202);
    expect(second.status).toBe(202);
    expect(second.body.id).toBe(first.body.id);
    expect(second.headers['idempotent-replayed']).toBe('true');

    const changed = await mottak.http.post('/api/v1/reports').set(auth).set('Idempotency-Key', 'melding-42').send({ ...report, body: 'Noe annet' });
    expect(changed.status).toBe(422);
    expect(changed.headers['content-type']).toMatch(/application\/problem\+json/);

    const list = await mottak.http.get('/api/v1/reports').query({ limit: 200 }).set('Authorization', await mottak.bearer('kari'));
    expect(list.body.items.filter((r: { title: string }) => r.title === 'Gjentatt melding')).toHaveLength(1);
  });

  it('the assessment finds the exact duplicate among earlier reports', async () => {
    const auth = { 'X-API-Key': mottak.partnerKey };
    const report = { channel: 'partner', title: 'Dobbel rapport', body: 'Bilen med skilt AB 12345 sto parkert utenfor ambassaden.' };
    const first = await mottak.http.post('/api/v1/reports').set(auth).send(report);
    await waitForStatus(first.body.id, 'vurdert');
    const second = await mottak.http.post('/api/v1/reports').set(auth).send({ ...report, body: `  ${report.body.toUpperCase()} ` });
    const assessed = await waitForStatus(second.body.id, 'vurdert');
    expect(assessed.assessment.duplicateOf).toEqual([first.body.id]);
  });

  it('registering twice, or before assessment, is refused with 409', async () => {
    const kari = await mottak.bearer('kari');
    const intake = await mottak.http.post('/api/v1/reports').set('Authorization', kari).send({ channel: 'telefon', title: 'Telefonnotat', body: 'Innringer meldte om droneflyging.' });
    const assessed = await waitForStatus(intake.body.id, 'vurdert');
    const first = await mottak.http.post(`/api/v1/reports/${assessed.id}/registration`).set('Authorization', kari).send({ gradering: 'UGRADERT' });
    expect(first.status).toBe(201);
    const again = await mottak.http.post(`/api/v1/reports/${assessed.id}/registration`).set('Authorization', kari).send({ gradering: 'UGRADERT' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('INVALID_STATE_TRANSITION');
  });

  it('a coordinator cannot classify above their own klarering or into a compartment they are not in', async () => {
    const kim = await mottak.bearer('kim');
    const intake = await mottak.http.post('/api/v1/reports').set('Authorization', kim).send({ channel: 'manuell', title: 'Notat', body: 'Et kort notat.' });
    await waitForStatus(intake.body.id, 'vurdert', 'kim');
    const tooHigh = await mottak.http.post(`/api/v1/reports/${intake.body.id}/registration`).set('Authorization', kim).send({ gradering: 'HEMMELIG' });
    expect(tooHigh.status).toBe(400);
    expect(tooHigh.body.errors[0].field).toBe('gradering');
    const foreign = await mottak.http.post(`/api/v1/reports/${intake.body.id}/registration`).set('Authorization', kim).send({ gradering: 'BEGRENSET', compartments: ['kontraetterretning'] });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].field).toBe('compartments');
  });
});
