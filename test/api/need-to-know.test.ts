import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

const MISSING_ID = '00000000-0000-4000-8000-000000000000';
const REASON = 'Trenger dette for analyse av sak om kraftforsyning';

/**
 * Need-to-know beyond roles and klarering: masking of personal data, time-limited grants approved
 * by a second person, break-glass with a reason, four-eyes on lowering a marking, and login lockout.
 * Everything through the real HTTP API over the embedded engines.
 */
describe('need-to-know: masking, grants, break-glass, four eyes', () => {
  let mottak: TestMottak;

  beforeAll(async () => {
    mottak = await startTestMottak();
  });
  afterAll(async () => {
    await mottak.close();
  });

  /** A report received and registered by kari with the given marking; returns its id once it is searchable. */
  async function registeredReport(title: string, body: string, marking: { gradering: string; compartments?: string[] }): Promise<string> {
    const kari = await mottak.bearer('kari');
    const intake = await mottak.http.post('/api/v1/reports').set('Authorization', kari).send({ channel: 'telefon', title, body });
    expect(intake.status).toBe(202);
    const id = intake.body.id as string;
    await eventually(async () => {
      const status = await mottak.http.get(`/api/v1/reports/${id}/status`).set('Authorization', kari);
      return status.body.assessed ? true : undefined;
    }, 'the report to be assessed');
    const registered = await mottak.http.post(`/api/v1/reports/${id}/registration`).set('Authorization', kari).send(marking);
    expect(registered.status).toBe(201);
    await eventually(async () => {
      const status = await mottak.http.get(`/api/v1/reports/${id}/status`).set('Authorization', kari);
      return status.body.indexed ? true : undefined;
    }, 'the report to be indexed');
    return id;
  }

  describe('masking personal data for search users without the need', () => {
    let reportId: string;
    beforeAll(async () => {
      reportId = await registeredReport(
        'Innringer om tyveri av strømkabler',
        'Innringer Ola (fnr 01010012356) så to menn ved trafostasjonen. Ring ham på 922 33 445 eller skriv til ola.tipser@example.no. Bil AB 12345.',
        { gradering: 'BEGRENSET' },
      );
    });

    it('siri sees the report with identifiers masked; sander, who has the need, sees them', async () => {
      const siri = await mottak.http.get(`/api/v1/reports/${reportId}`).set('Authorization', await mottak.bearer('siri'));
      expect(siri.status).toBe(200);
      expect(siri.body.personalDataMasked).toBe(true);
      expect(siri.body.body).toContain('[fødselsnummer skjult]');
      expect(siri.body.body).toContain('[telefonnummer skjult]');
      expect(siri.body.body).toContain('[e-postadresse skjult]');
      const leaked = JSON.stringify(siri.body);
      for (const secret of ['01010012356', '922 33 445', '92233445', 'ola.tipser@example.no']) expect(leaked).not.toContain(secret);
      expect(siri.body.body).toContain('trafostasjonen');

      const sander = await mottak.http.get(`/api/v1/reports/${reportId}`).set('Authorization', await mottak.bearer('sander'));
      expect(sander.body.personalDataMasked).toBeUndefined();
      expect(sander.body.body).toContain('01010012356');
    });

    it('masks lists and the journal too, and audits the read as masked', async () => {
      const siri = await mottak.bearer('siri');
      const list = await mottak.http.get('/api/v1/reports').query({ limit: 200 }).set('Authorization', siri);
      const item = list.body.items.find((r: { id: string }) => r.id === reportId);
      expect(item.body).not.toContain('01010012356');
      const journal = await mottak.http.get(`/api/v1/reports/${reportId}/journal`).set('Authorization', siri);
      expect(journal.status).toBe(200);
      expect(JSON.stringify(journal.body)).not.toContain('01010012356');
    });

    it('masks search hits and refuses searching by a personal identifier without the need', async () => {
      const siri = await mottak.bearer('siri');
      const hits = await mottak.http.get('/api/v1/search').query({ q: 'trafostasjonen' }).set('Authorization', siri);
      expect(hits.status).toBe(200);
      const hit = hits.body.hits.find((h: { id: string }) => h.id === reportId);
      expect(hit).toBeDefined();
      for (const secret of ['01010012356', '922', 'ola.tipser']) expect(hit.snippet).not.toContain(secret);

      const byPhone = await mottak.http.get('/api/v1/search').query({ q: '922 33 445' }).set('Authorization', siri);
      expect(byPhone.status).toBe(403);
      expect(byPhone.body.code).toBe('PERSONAL_DATA_NEED_REQUIRED');
      const sander = await mottak.http.get('/api/v1/search').query({ q: '922 33 445' }).set('Authorization', await mottak.bearer('sander'));
      expect(sander.body.hits.map((h: { id: string }) => h.id)).toContain(reportId);
    });
  });

  describe('time-limited grants', () => {
    let compartmentReportId: string;
    beforeAll(async () => {
      compartmentReportId = await registeredReport('Sabotasje mot datasenter', 'Ukjente har kuttet fiberkabler ved datasenteret to netter på rad.', {
        gradering: 'BEGRENSET',
        compartments: ['kontraetterretning'],
      });
    });

    it('a grant request looks the same for a hidden, a missing and a visible report', async () => {
      const siri = await mottak.bearer('siri');
      const hidden = await mottak.http.post('/api/v1/approvals').set('Authorization', siri).send({ reportId: compartmentReportId, reason: REASON });
      const missing = await mottak.http.post('/api/v1/approvals').set('Authorization', siri).send({ reportId: MISSING_ID, reason: REASON });
      expect(hidden.status).toBe(202);
      expect(missing.status).toBe(202);
      expect(Object.keys(hidden.body).sort()).toEqual(Object.keys(missing.body).sort());
      expect(hidden.body.status).toBe('venter');
    });

    it('opens the report to the grantee once a supervisor approves, in get and search alike', async () => {
      const siri = await mottak.bearer('siri');
      const frida = await mottak.bearer('frida');
      expect((await mottak.http.get(`/api/v1/reports/${compartmentReportId}`).set('Authorization', siri)).status).toBe(404);
      const request = await mottak.http.post('/api/v1/approvals').set('Authorization', siri).send({ reportId: compartmentReportId, reason: REASON, hours: 2 });

      const selfDecision = await mottak.http.post(`/api/v1/approvals/${request.body.id}/decision`).set('Authorization', siri).send({ approve: true });
      expect(selfDecision.status).toBe(403);

      const mine = await mottak.http.get('/api/v1/approvals').set('Authorization', siri);
      expect(mine.body.every((r: { requestedBy: string }) => r.requestedBy === 'siri')).toBe(true);
      const pending = await mottak.http.get('/api/v1/approvals').query({ status: 'venter' }).set('Authorization', frida);
      expect(pending.body.map((r: { id: string }) => r.id)).toContain(request.body.id);

      const decision = await mottak.http.post(`/api/v1/approvals/${request.body.id}/decision`).set('Authorization', frida).send({ approve: true, note: 'Ok i to timer' });
      expect(decision.status).toBe(200);
      expect(decision.body.request).toMatchObject({ status: 'godkjent', decidedBy: 'frida' });
      const hours = (Date.parse(decision.body.request.expiresAt) - Date.now()) / 3_600_000;
      expect(hours).toBeGreaterThan(1.9);
      expect(hours).toBeLessThanOrEqual(2);

      const again = await mottak.http.post(`/api/v1/approvals/${request.body.id}/decision`).set('Authorization', frida).send({ approve: false });
      expect(again.status).toBe(409);

      const opened = await mottak.http.get(`/api/v1/reports/${compartmentReportId}`).set('Authorization', siri);
      expect(opened.status).toBe(200);
      const found = await mottak.http.get('/api/v1/search').query({ q: 'fiberkabler datasenteret' }).set('Authorization', siri);
      expect(found.body.hits.map((h: { id: string }) => h.id)).toContain(compartmentReportId);
      // Kim, with the same rights as siri before the grant, still sees nothing.
      expect((await mottak.http.get(`/api/v1/reports/${compartmentReportId}`).set('Authorization', await mottak.bearer('kim'))).status).toBe(404);
    });

    it('a rejected request opens nothing', async () => {
      const kim = await mottak.bearer('kim');
      const request = await mottak.http.post('/api/v1/approvals').set('Authorization', kim).send({ reportId: compartmentReportId, reason: REASON });
      const decision = await mottak.http.post(`/api/v1/approvals/${request.body.id}/decision`).set('Authorization', await mottak.bearer('frida')).send({ approve: false });
      expect(decision.body.request.status).toBe('avslatt');
      expect((await mottak.http.get(`/api/v1/reports/${compartmentReportId}`).set('Authorization', kim)).status).toBe(404);
    });
  });

  describe('break-glass', () => {
    let compartmentReportId: string;
    beforeAll(async () => {
      compartmentReportId = await registeredReport('Drone over havneanlegg', 'En drone fløy lavt over containerhavna i natt.', {
        gradering: 'BEGRENSET',
        compartments: ['kontraetterretning'],
      });
    });

    it('opens a report outside need-to-know with a reason, and supervisors see every use', async () => {
      const kim = await mottak.bearer('kim');
      expect((await mottak.http.get(`/api/v1/reports/${compartmentReportId}`).set('Authorization', kim)).status).toBe(404);
      const tooShort = await mottak.http.post(`/api/v1/reports/${compartmentReportId}/break-glass`).set('Authorization', kim).send({ reason: 'haster' });
      expect(tooShort.status).toBe(400);
      const opened = await mottak.http
        .post(`/api/v1/reports/${compartmentReportId}/break-glass`)
        .set('Authorization', kim)
        .send({ reason: 'Akutt trussel mot havna, vakthavende ba om det' });
      expect(opened.status).toBe(200);
      expect(opened.body.title).toBe('Drone over havneanlegg');

      const uses = await mottak.http.get('/api/v1/break-glass').set('Authorization', await mottak.bearer('frida'));
      expect(uses.status).toBe(200);
      expect(uses.body[0]).toMatchObject({ actor: 'user:kim', reportId: compartmentReportId, outcome: 'shown', neededGlass: true, reason: 'Akutt trussel mot havna, vakthavende ba om det' });
      expect((await mottak.http.get('/api/v1/break-glass').set('Authorization', kim)).status).toBe(403);
    });

    it('never reaches above klarering: the answer is the 404 of a missing report', async () => {
      const kim = await mottak.bearer('kim');
      const secret = await registeredReport('Hemmelig kilde', 'Kilden melder om planlagt aksjon.', { gradering: 'HEMMELIG' });
      const above = await mottak.http.post(`/api/v1/reports/${secret}/break-glass`).set('Authorization', kim).send({ reason: 'Akutt trussel, må se dette nå' });
      const missing = await mottak.http.post(`/api/v1/reports/${MISSING_ID}/break-glass`).set('Authorization', kim).send({ reason: 'Akutt trussel, må se dette nå' });
      expect(above.status).toBe(404);
      expect({ ...above.body, instance: undefined }).toEqual({ ...missing.body, instance: undefined });
    });
  });

  describe('four eyes on loosening a marking', () => {
    it('raising applies at once; lowering waits for a different supervisor and is journaled with both names', async () => {
      const kari = await mottak.bearer('kari');
      const frida = await mottak.bearer('frida');
      const id = await registeredReport('Rekruttering på campus', 'En student forteller om forsøk på rekruttering.', { gradering: 'BEGRENSET' });

      const raised = await mottak.http.post(`/api/v1/reports/${id}/marking`).set('Authorization', kari).send({ gradering: 'KONFIDENSIELT', compartments: [], reason: 'Opplysningene er mer følsomme enn antatt' });
      expect(raised.status).toBe(200);
      expect(raised.body.report.gradering).toBe('KONFIDENSIELT');

      const lowered = await mottak.http.post(`/api/v1/reports/${id}/marking`).set('Authorization', kari).send({ gradering: 'UGRADERT', compartments: [], reason: 'Informasjonen er allerede offentlig kjent' });
      expect(lowered.status).toBe(202);
      expect(lowered.body.request).toMatchObject({ kind: 'nedgradering', status: 'venter', change: { gradering: 'UGRADERT' } });
      expect((await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', kari)).body.gradering).toBe('KONFIDENSIELT');

      const byKari = await mottak.http.post(`/api/v1/approvals/${lowered.body.request.id}/decision`).set('Authorization', kari).send({ approve: true });
      expect(byKari.status).toBe(403);
      const approved = await mottak.http.post(`/api/v1/approvals/${lowered.body.request.id}/decision`).set('Authorization', frida).send({ approve: true });
      expect(approved.status).toBe(200);
      expect(approved.body.report.gradering).toBe('UGRADERT');

      const journal = await mottak.http.get(`/api/v1/reports/${id}/journal`).set('Authorization', kari);
      const change = journal.body.filter((e: { action: string }) => e.action === 'report.marking.changed').at(-1);
      expect(change).toMatchObject({ actor: 'user:frida', details: { requestedBy: 'kari', approvedBy: 'frida' } });
    });

    it('a supervisor cannot approve their own request', async () => {
      const frida = await mottak.bearer('frida');
      const id = await registeredReport('Ulovlig kartlegging', 'En person tok bilder av ansatte ved inngangen.', { gradering: 'KONFIDENSIELT' });
      const lowered = await mottak.http.post(`/api/v1/reports/${id}/marking`).set('Authorization', frida).send({ gradering: 'BEGRENSET', compartments: [], reason: 'Mindre følsomt enn først antatt' });
      expect(lowered.status).toBe(202);
      const own = await mottak.http.post(`/api/v1/approvals/${lowered.body.request.id}/decision`).set('Authorization', frida).send({ approve: true });
      expect(own.status).toBe(403);
      expect(own.body.code).toBe('SAME_PERSON');
    });
  });

  describe('authentication hardening', () => {
    it('locks an account after repeated failures with the same answer as a wrong password', async () => {
      const wrong = { username: 'kim', password: 'feil-passord-12345' };
      for (let attempt = 0; attempt < 5; attempt += 1) {
        expect((await mottak.http.post('/api/v1/auth/login').send(wrong)).status).toBe(401);
      }
      const locked = await mottak.http.post('/api/v1/auth/login').send({ username: 'kim', password: 'mottak-demo-2026' });
      const unknown = await mottak.http.post('/api/v1/auth/login').send({ username: 'finnesikke', password: 'mottak-demo-2026' });
      expect(locked.status).toBe(401);
      expect({ ...locked.body, instance: undefined }).toEqual({ ...unknown.body, instance: undefined });
      // Other accounts are not affected.
      expect((await mottak.http.post('/api/v1/auth/login').send({ username: 'siri', password: 'mottak-demo-2026' })).status).toBe(200);
    });

    it('an administrator can end every session of a user at once', async () => {
      const login = await mottak.http.post('/api/v1/auth/login').send({ username: 'rita', password: 'mottak-demo-2026' });
      const rita = `Bearer ${login.body.token as string}`;
      expect((await mottak.http.get('/api/v1/me').set('Authorization', rita)).status).toBe(200);
      const revoked = await mottak.http.delete('/api/v1/users/rita/sessions').set('Authorization', await mottak.bearer('adam'));
      expect(revoked.status).toBe(200);
      expect(revoked.body.revoked).toBeGreaterThanOrEqual(1);
      expect((await mottak.http.get('/api/v1/me').set('Authorization', rita)).status).toBe(401);
      expect((await mottak.http.delete('/api/v1/users/rita/sessions').set('Authorization', await mottak.bearer('frida'))).status).toBe(403);
    });
  });
});
