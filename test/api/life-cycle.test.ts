import type { Response } from 'supertest';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

/** The journal's life cycle through the real API: status changes, corrections as versions, the daily journal. */
describe('journal life cycle', () => {
  let mottak: TestMottak;
  let kari: string;
  beforeAll(async () => {
    mottak = await startTestMottak();
    kari = await mottak.bearer('kari');
  });
  afterAll(async () => {
    await mottak.close();
  });

  /** Sends a report as the demo partner and waits until the worker has assessed it. */
  async function assessed(title: string, body = `Innhold for ${title}.`): Promise<{ id: string; version: number }> {
    const sent = await mottak.http.post('/api/v1/reports').set('X-API-Key', mottak.partnerKey).send({ channel: 'partner', title, body });
    expect(sent.status).toBe(202);
    return eventually(async () => {
      const response = await mottak.http.get(`/api/v1/reports/${sent.body.id as string}`).set('Authorization', kari);
      return response.body.status === 'vurdert' ? { id: response.body.id as string, version: response.body.version as number } : undefined;
    }, 'the report to be assessed');
  }

  /** An assessed report registered by kari at `gradering`. */
  async function registered(title: string, gradering = 'BEGRENSET', body?: string, compartments: string[] = []) {
    const report = await assessed(title, body);
    const response = await mottak.http.post(`/api/v1/reports/${report.id}/registration`).set('Authorization', kari).send({ gradering, compartments });
    expect(response.status).toBe(201);
    return response.body as { id: string; version: number; title: string; body: string; registration: { journalNumber: string; priority: string } };
  }

  async function journal(id: string): Promise<Array<{ action: string; actor: string; at: string; details: Record<string, unknown> }>> {
    const response = await mottak.http.get(`/api/v1/reports/${id}/journal`).set('Authorization', kari);
    expect(response.status).toBe(200);
    return response.body;
  }

  function expectProblem(response: Response, status: number, code: string): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe(code);
  }

  describe('status transitions', () => {
    it('walks registrert → under behandling → ferdigbehandlet → arkivert, journaling who, when, why for each', async () => {
      const report = await registered('Livsløp hele veien');
      let version = report.version;
      for (const to of ['under_behandling', 'ferdigbehandlet', 'arkivert']) {
        const response = await mottak.http
          .post(`/api/v1/reports/${report.id}/status`)
          .set('Authorization', kari)
          .send({ to, reason: `Videre til ${to}`, expectedVersion: version });
        expect(response.status).toBe(200);
        expect(response.body).toMatchObject({ status: to, version: version + 1 });
        version = response.body.version;
      }
      const entries = (await journal(report.id)).filter((e) => e.action === 'report.status');
      expect(entries.map((e) => [e.details['from'], e.details['to']])).toEqual([
        ['registrert', 'under_behandling'],
        ['under_behandling', 'ferdigbehandlet'],
        ['ferdigbehandlet', 'arkivert'],
      ]);
      for (const entry of entries) {
        expect(entry.actor).toBe('user:kari');
        expect(entry.details['reason']).toMatch(/^Videre til /);
        expect(Number.isNaN(Date.parse(entry.at))).toBe(false);
      }

      // arkivert is final: nothing leads out of it, not even utgår.
      const out = await mottak.http.post(`/api/v1/reports/${report.id}/status`).set('Authorization', kari).send({ to: 'utgar', reason: 'Feil', expectedVersion: version });
      expectProblem(out, 409, 'ILLEGAL_TRANSITION');
      expect(out.body).toMatchObject({ from: 'arkivert', to: 'utgar', allowed: [] });
    });

    it('refuses illegal transitions naming from, to and the allowed targets, and changes nothing', async () => {
      const report = await registered('Ulovlig hopp');
      for (const to of ['arkivert', 'ferdigbehandlet', 'vurdert', 'mottatt', 'registrert']) {
        const response = await mottak.http.post(`/api/v1/reports/${report.id}/status`).set('Authorization', kari).send({ to, reason: 'Prøver', expectedVersion: report.version });
        expectProblem(response, 409, 'ILLEGAL_TRANSITION');
        expect(response.body).toMatchObject({ from: 'registrert', to, allowed: ['under_behandling', 'utgar'] });
        expect(response.body.detail).toContain('registrert');
      }
      // Registration gives the journal number: it is not a status change.
      const unregistered = await assessed('Ikke registrert ennå');
      const skip = await mottak.http.post(`/api/v1/reports/${unregistered.id}/status`).set('Authorization', kari).send({ to: 'registrert', reason: 'Snarvei', expectedVersion: unregistered.version });
      expectProblem(skip, 409, 'ILLEGAL_TRANSITION');
      expect(skip.body).toMatchObject({ from: 'vurdert', to: 'registrert', allowed: ['utgar'] });

      const after = await mottak.http.get(`/api/v1/reports/${report.id}`).set('Authorization', kari);
      expect(after.body).toMatchObject({ status: 'registrert', version: report.version });
      expect((await journal(report.id)).some((e) => e.action === 'report.status')).toBe(false);
    });

    it('a stale expectedVersion is a 409 with the current version, and nothing is half-applied', async () => {
      const report = await registered('Gammel versjon');
      const first = await mottak.http.post(`/api/v1/reports/${report.id}/status`).set('Authorization', kari).send({ to: 'under_behandling', reason: 'Starter', expectedVersion: report.version });
      expect(first.status).toBe(200);
      const stale = await mottak.http.post(`/api/v1/reports/${report.id}/status`).set('Authorization', kari).send({ to: 'utgar', reason: 'Trekkes', expectedVersion: report.version });
      expectProblem(stale, 409, 'VERSION_CONFLICT');
      expect(stale.body.currentVersion).toBe(report.version + 1);
      const after = await mottak.http.get(`/api/v1/reports/${report.id}`).set('Authorization', kari);
      expect(after.body).toMatchObject({ status: 'under_behandling', version: report.version + 1 });
    });

    it('utgår needs a reason, is reachable before registration too, and the report stays readable', async () => {
      const report = await assessed('Trukket tilbake');
      const noReason = await mottak.http.post(`/api/v1/reports/${report.id}/status`).set('Authorization', kari).send({ to: 'utgar', expectedVersion: report.version });
      expectProblem(noReason, 400, 'VALIDATION_FAILED');
      expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('body.reason');
      const withdrawn = await mottak.http.post(`/api/v1/reports/${report.id}/status`).set('Authorization', kari).send({ to: 'utgar', reason: 'Tipser trakk tipset', expectedVersion: report.version });
      expect(withdrawn.status).toBe(200);
      const read = await mottak.http.get(`/api/v1/reports/${report.id}`).set('Authorization', kari);
      expect(read.status).toBe(200);
      expect(read.body.status).toBe('utgar');
    });

    it('only coordinators and supervisors may change status; hidden reports answer 404', async () => {
      const open = await registered('Hvem kan endre', 'BEGRENSET');
      const secret = await registered('Hemmelig endring', 'HEMMELIG', undefined, ['kontraetterretning']);
      const change = (id: string, version: number, who: string) =>
        mottak.bearer(who).then((auth) => mottak.http.post(`/api/v1/reports/${id}/status`).set('Authorization', auth).send({ to: 'under_behandling', reason: 'Tar saken', expectedVersion: version }));
      // A search user can read a registered report but not change it.
      expectProblem(await change(open.id, open.version, 'siri'), 403, 'FORBIDDEN');
      // Kim (BEGRENSET) and Rita (revisor) cannot see the secret one at all: same answer as missing.
      expectProblem(await change(secret.id, secret.version, 'kim'), 404, 'REPORT_NOT_FOUND');
      expectProblem(await change(secret.id, secret.version, 'rita'), 404, 'REPORT_NOT_FOUND');
      expectProblem(await change('finnes-ikke', 1, 'kari'), 404, 'REPORT_NOT_FOUND');
      const frida = await change(secret.id, secret.version, 'frida');
      expect(frida.status).toBe(200);
      expect((await journal(secret.id)).at(-1)).toMatchObject({ action: 'report.status', actor: 'user:frida' });
    });
  });

  describe('corrections', () => {
    it('creates a new version whose endringslogg has element, old and new value, who, when and why; old versions stay readable', async () => {
      const report = await registered('Feilstavet tittel', 'BEGRENSET', 'Opprinnelig tekst om kaiområdet i Bergen.');
      const newPriority = report.registration.priority === 'P1' ? 'P2' : 'P1';
      const response = await mottak.http
        .patch(`/api/v1/reports/${report.id}`)
        .set('Authorization', kari)
        .send({ title: 'Riktig stavet tittel', body: 'Rettet tekst om containerhavna i Bergen.', priority: newPriority, reason: 'Skrivefeil rettet etter samtale med tipser', expectedVersion: report.version });
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ title: 'Riktig stavet tittel', version: report.version + 1, status: 'registrert' });
      expect(response.body.registration).toMatchObject({ priority: newPriority, journalNumber: report.registration.journalNumber });

      const entry = (await journal(report.id)).at(-1)!;
      expect(entry).toMatchObject({ action: 'report.corrected', actor: 'user:kari', details: { reason: 'Skrivefeil rettet etter samtale med tipser', version: report.version + 1 } });
      const changes = entry.details['changes'] as Array<{ field: string; from: unknown; to: unknown }>;
      expect(changes).toEqual(
        expect.arrayContaining([
          // Content is resolved from the stored versions; the journal itself keeps only its length.
          { field: 'title', from: { length: 'Feilstavet tittel'.length, value: 'Feilstavet tittel' }, to: { length: 'Riktig stavet tittel'.length, value: 'Riktig stavet tittel' } },
          { field: 'registration.priority', from: report.registration.priority, to: newPriority },
        ]),
      );
      expect(changes.find((c) => c.field === 'body')).toMatchObject({ from: { length: report.body.length }, to: { length: 'Rettet tekst om containerhavna i Bergen.'.length } });

      const versions = await mottak.http.get(`/api/v1/reports/${report.id}/versions`).set('Authorization', kari);
      expect(versions.status).toBe(200);
      const listed = versions.body as Array<{ version: number; title: string; change?: { action: string; reason?: string } }>;
      expect(listed.map((v) => v.version)).toEqual(Array.from({ length: report.version + 1 }, (_, i) => i + 1));
      expect(listed.at(-1)).toMatchObject({ title: 'Riktig stavet tittel', change: { action: 'report.corrected', reason: 'Skrivefeil rettet etter samtale med tipser' } });
      expect(listed[0]!.change?.action).toBe('report.received');
      const old = await mottak.http.get(`/api/v1/reports/${report.id}/versions/${report.version}`).set('Authorization', kari);
      expect(old.status).toBe(200);
      expect(old.body).toMatchObject({ title: 'Feilstavet tittel', body: 'Opprinnelig tekst om kaiområdet i Bergen.', version: report.version });
      const beyond = await mottak.http.get(`/api/v1/reports/${report.id}/versions/${report.version + 5}`).set('Authorization', kari);
      expect(beyond.status).toBe(404);

      // Search follows the correction (the outbox re-indexes the new text).
      const siri = await mottak.bearer('siri');
      await eventually(async () => {
        const hits = await mottak.http.get('/api/v1/search').query({ q: 'containerhavna' }).set('Authorization', siri);
        return hits.body.hits?.some((h: { id: string }) => h.id === report.id) ? true : undefined;
      }, 'the corrected text to be searchable');
    });

    it('versions are readable only to those who may read the report', async () => {
      const secret = await registered('Hemmelige versjoner', 'HEMMELIG', undefined, ['kontraetterretning']);
      for (const who of ['kim', 'siri', 'rita']) {
        const auth = await mottak.bearer(who);
        expect((await mottak.http.get(`/api/v1/reports/${secret.id}/versions`).set('Authorization', auth)).status).toBe(404);
        expect((await mottak.http.get(`/api/v1/reports/${secret.id}/versions/1`).set('Authorization', auth)).status).toBe(404);
      }
      // A search user sees only the registered versions of what they may read, not the intake versions.
      const open = await registered('Søkebrukerens versjoner', 'BEGRENSET', 'Tipser ringte fra 922 33 444 om kaia.');
      const siri = await mottak.bearer('siri');
      const seen = await mottak.http.get(`/api/v1/reports/${open.id}/versions`).set('Authorization', siri);
      expect(seen.status).toBe(200);
      expect((seen.body as Array<{ status: string }>).map((v) => v.status)).toEqual(['registrert']);
      expect((await mottak.http.get(`/api/v1/reports/${open.id}/versions/1`).set('Authorization', siri)).status).toBe(404);
      // Without the personopplysninger need, a version is masked like the report itself.
      const current = await mottak.http.get(`/api/v1/reports/${open.id}/versions/${open.version}`).set('Authorization', siri);
      expect(current.status).toBe(200);
      expect(current.body.body).not.toContain('922 33 444');
      const unmasked = await mottak.http.get(`/api/v1/reports/${open.id}/versions/${open.version}`).set('Authorization', kari);
      expect(unmasked.body.body).toContain('922 33 444');
    });

    it.each(['journalNumber', 'status', 'gradering', 'compartments', 'skjerming', 'assessment', 'registration', 'version', 'id', 'mergedInto', 'caseId'])(
      'refuses %s in a correction (mass assignment) with 400 naming it, and changes nothing',
      async (field) => {
        const report = await registered(`Massetilordning ${field}`);
        const response = await mottak.http
          .patch(`/api/v1/reports/${report.id}`)
          .set('Authorization', kari)
          .send({ title: 'Ny tittel', reason: 'Forsøk', expectedVersion: report.version, [field]: field === 'compartments' ? [] : 'x' });
        expectProblem(response, 400, 'VALIDATION_FAILED');
        const messages = (response.body.errors as Array<{ message: string }>).map((e) => e.message).join(' ');
        expect(messages).toContain(field);
        const after = await mottak.http.get(`/api/v1/reports/${report.id}`).set('Authorization', kari);
        expect(after.body).toMatchObject({ title: report.title, version: report.version });
      },
    );

    it('refuses corrections before registration, without a reason, without changes, or against a stale version', async () => {
      const unregistered = await assessed('Ikke registrert');
      const early = await mottak.http.patch(`/api/v1/reports/${unregistered.id}`).set('Authorization', kari).send({ title: 'Ny', reason: 'Retter', expectedVersion: unregistered.version });
      expectProblem(early, 409, 'INVALID_STATE_TRANSITION');

      const report = await registered('Rettelsesregler');
      const noReason = await mottak.http.patch(`/api/v1/reports/${report.id}`).set('Authorization', kari).send({ title: 'Ny', expectedVersion: report.version });
      expectProblem(noReason, 400, 'VALIDATION_FAILED');
      const noVersion = await mottak.http.patch(`/api/v1/reports/${report.id}`).set('Authorization', kari).send({ title: 'Ny', reason: 'Retter' });
      expectProblem(noVersion, 400, 'VALIDATION_FAILED');
      const nothing = await mottak.http.patch(`/api/v1/reports/${report.id}`).set('Authorization', kari).send({ reason: 'Retter', expectedVersion: report.version });
      expectProblem(nothing, 400, 'VALIDATION_FAILED');
      const same = await mottak.http.patch(`/api/v1/reports/${report.id}`).set('Authorization', kari).send({ title: report.title, reason: 'Retter', expectedVersion: report.version });
      expectProblem(same, 400, 'VALIDATION_FAILED');

      const first = await mottak.http.patch(`/api/v1/reports/${report.id}`).set('Authorization', kari).send({ title: 'Første rettelse', reason: 'Retter', expectedVersion: report.version });
      expect(first.status).toBe(200);
      const stale = await mottak.http.patch(`/api/v1/reports/${report.id}`).set('Authorization', kari).send({ title: 'Andre rettelse', reason: 'Retter', expectedVersion: report.version });
      expectProblem(stale, 409, 'VERSION_CONFLICT');
      expect(stale.body.currentVersion).toBe(report.version + 1);

      const archived = await registered('Arkivert kan ikke rettes');
      let version = archived.version;
      for (const to of ['under_behandling', 'ferdigbehandlet', 'arkivert']) {
        version = (await mottak.http.post(`/api/v1/reports/${archived.id}/status`).set('Authorization', kari).send({ to, reason: 'Videre', expectedVersion: version })).body.version;
      }
      const late = await mottak.http.patch(`/api/v1/reports/${archived.id}`).set('Authorization', kari).send({ title: 'For sent', reason: 'Retter', expectedVersion: version });
      expectProblem(late, 409, 'INVALID_STATE_TRANSITION');
    });
  });

  describe('daily journal', () => {
    it('lists who registered what that day for supervisors, leaving out rows of reports they may not read', async () => {
      const open = await registered('Dagens journal åpen', 'BEGRENSET');
      const secret = await registered('Dagens journal hemmelig', 'HEMMELIG', undefined, ['kontraetterretning']);
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Oslo' }).format(new Date());

      const frida = await mottak.http.get('/api/v1/journal/daily').query({ date: today }).set('Authorization', await mottak.bearer('frida'));
      expect(frida.status).toBe(200);
      const rows = frida.body.rows as Array<{ journalNumber: string; title: string; registeredBy: string }>;
      expect(rows).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ journalNumber: open.registration.journalNumber, title: 'Dagens journal åpen', registeredBy: 'kari' }),
          expect.objectContaining({ journalNumber: secret.registration.journalNumber, title: 'Dagens journal hemmelig', registeredBy: 'kari' }),
        ]),
      );
      const numbers = rows.map((r) => r.journalNumber);
      expect(numbers).toEqual([...numbers].sort());

      // The auditor may read the journal but no report: every row is hidden, not shown as a bare number.
      const rita = await mottak.http.get('/api/v1/journal/daily').query({ date: today }).set('Authorization', await mottak.bearer('rita'));
      expect(rita.status).toBe(200);
      expect(rita.body.rows).toEqual([]);
      expect(JSON.stringify(rita.body)).not.toContain(secret.registration.journalNumber);

      // Another day has none of today's registrations.
      const yesterday = await mottak.http.get('/api/v1/journal/daily').query({ date: '2001-01-01' }).set('Authorization', await mottak.bearer('frida'));
      expect(yesterday.body.rows).toEqual([]);
    });

    it('is for supervisors and auditors only, and a bad date is a 400', async () => {
      expectProblem(await mottak.http.get('/api/v1/journal/daily').query({ date: '2026-11-23' }).set('Authorization', kari), 403, 'FORBIDDEN');
      expectProblem(await mottak.http.get('/api/v1/journal/daily').query({ date: '2026-11-23' }), 401, 'UNAUTHENTICATED');
      const frida = await mottak.bearer('frida');
      for (const date of ['2026-13-01', '2026-02-30', '23.11.2026', '']) {
        expectProblem(await mottak.http.get('/api/v1/journal/daily').query({ date }).set('Authorization', frida), 400, 'VALIDATION_FAILED');
      }
    });
  });
});
