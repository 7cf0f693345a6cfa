import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Response } from 'supertest';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

/**
 * Retention and disposal (kassasjon) through the real API. The rules make everything registered
 * due at once (`*`: 0 years), except category `langtid`, which is kept for 100 years.
 */
describe('retention and disposal', () => {
  let mottak: TestMottak;
  let rulesDir: string;
  let kari: string;
  let frida: string;
  let fiona: string;

  beforeAll(async () => {
    rulesDir = mkdtempSync(path.join(os.tmpdir(), 'mottak-retention-'));
    const rulesFile = path.join(rulesDir, 'retention.yaml');
    writeFileSync(
      rulesFile,
      ['version: test-1', 'rules:', "  - { category: '*', reviewAfterYears: 0, disposeAfterYears: 0 }", '  - { category: langtid, reviewAfterYears: 50, disposeAfterYears: 100 }', ''].join('\n'),
    );
    mottak = await startTestMottak({ MOTTAK_RETENTION_RULES_FILE: rulesFile });
    [kari, frida, fiona] = await Promise.all([mottak.bearer('kari'), mottak.bearer('frida'), mottak.bearer('fiona')]);
  });
  afterAll(async () => {
    await mottak.close();
    rmSync(rulesDir, { recursive: true, force: true });
  });

  /** A report sent by the partner, assessed by the worker and registered by kari. */
  async function registered(title: string, body: string, extra: Record<string, unknown> = {}): Promise<{ id: string; version: number; registration: { journalNumber: string } }> {
    const sent = await mottak.http
      .post('/api/v1/reports')
      .set('X-API-Key', mottak.partnerKey)
      .send({ channel: 'partner', title, body, reporterContact: { name: 'Ola Tipser', phone: '+47 912 34 567' } });
    expect(sent.status).toBe(202);
    const id = sent.body.id as string;
    await eventually(async () => {
      const response = await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', kari);
      return response.body.status === 'vurdert' ? true : undefined;
    }, 'the report to be assessed');
    const response = await mottak.http.post(`/api/v1/reports/${id}/registration`).set('Authorization', kari).send({ gradering: 'BEGRENSET', compartments: [], ...extra });
    expect(response.status).toBe(201);
    return response.body;
  }

  async function due(user: string, kind: 'review' | 'disposal', extra: Record<string, string> = {}): Promise<Response> {
    return mottak.http.get('/api/v1/retention/due').query({ kind, ...extra }).set('Authorization', user);
  }

  function dueIds(response: Response): string[] {
    expect(response.status).toBe(200);
    return (response.body.items as Array<{ reportId: string }>).map((i) => i.reportId);
  }

  function expectProblem(response: Response, status: number, code: string): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe(code);
  }

  it('lists what is due by category rule, leaves out long-kept reports and reports in an open case, and pages', async () => {
    const a = await registered('Kort bevaring A', 'Tekst A om bevaring.');
    const b = await registered('Kort bevaring B', 'Tekst B om bevaring.');
    const kept = await registered('Lang bevaring', 'Skal bevares lenge.', { category: 'langtid' });
    const inCase = await registered('I åpen sak', 'Hører til en sak.');
    const created = await mottak.http.post('/api/v1/cases').set('Authorization', kari).send({ title: 'Åpen sak' });
    expect(created.status).toBe(201);
    expect((await mottak.http.post(`/api/v1/cases/${created.body.id as string}/reports/${inCase.id}`).set('Authorization', kari)).status).toBe(200);

    const disposal = dueIds(await due(frida, 'disposal', { limit: '500' }));
    expect(disposal).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(disposal).not.toContain(kept.id);
    expect(disposal).not.toContain(inCase.id);
    expect(dueIds(await due(frida, 'review', { limit: '500' }))).toEqual(expect.arrayContaining([a.id, b.id]));
    // Evaluated at a point before anything was registered, nothing is due.
    expect(dueIds(await due(frida, 'disposal', { at: '2000-01-01T00:00:00Z' }))).toEqual([]);
    // Evaluated a century and a day later, the long-kept report is due too.
    expect(dueIds(await due(frida, 'disposal', { at: '2127-01-01T00:00:00Z', limit: '500' }))).toContain(kept.id);

    // Pages: one at a time, following nextCursor, gives the same list.
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await due(frida, 'disposal', { limit: '1', ...(cursor ? { cursor } : {}) });
      paged.push(...dueIds(page));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(disposal);
    expect(disposal[0]).toBeDefined();
    expect((await due(frida, 'disposal', { limit: '500' })).body.items[0]).toMatchObject({ ruleCategory: '*', years: 0, journalNumber: expect.stringMatching(/^\d{4}\/\d{6}$/) });
  });

  it('is for fagansvarlige only (deny by default)', async () => {
    expectProblem(await due(kari, 'disposal'), 403, 'FORBIDDEN');
    expectProblem(await due(await mottak.bearer('rita'), 'review'), 403, 'FORBIDDEN');
    expect((await due(frida, 'bogus' as 'review')).status).toBe(400);
  });

  it('the daily job ran at start and recorded the count in the audit log', async () => {
    const rita = await mottak.bearer('rita');
    const response = await mottak.http.get('/api/v1/audit').query({ action: 'retention.due.listed' }).set('Authorization', rita);
    expect(response.status).toBe(200);
    const entries = (Array.isArray(response.body) ? response.body : response.body.items ?? response.body.entries) as Array<{ actor: string; details: Record<string, unknown> }>;
    expect(entries.length).toBeGreaterThanOrEqual(1);
    expect(entries[0]).toMatchObject({ actor: 'system:retention', details: { ruleSetVersion: 'test-1', review: expect.any(Number), disposal: expect.any(Number) } });
  });

  it('disposal needs four eyes and removes the content from the report, its versions and the index, keeping the journal metadata', async () => {
    const report = await registered('Kassasjon Fjordbyen 4471', 'Innholdet om Fjordbyen 4471 skal bort. Ring 912 34 567.');
    // A correction first (title and body), so that an earlier version with content exists and the
    // journal has a change of both.
    const corrected = await mottak.http
      .patch(`/api/v1/reports/${report.id}`)
      .set('Authorization', kari)
      .send({ title: 'Kassasjon Fjordbyen 4471 (rettet)', body: 'Rettet innhold om Fjordbyen 4471.', reason: 'Retter teksten før kassasjon', expectedVersion: report.version });
    expect(corrected.status).toBe(200);
    await eventually(async () => {
      const hits = await mottak.http.get('/api/v1/search').query({ q: 'Fjordbyen' }).set('Authorization', frida);
      return (hits.body.hits as Array<{ id: string }> | undefined)?.some((h) => h.id === report.id) ? true : undefined;
    }, 'the report to be searchable');

    // Only fagansvarlige may ask; only for reports due; kari cannot.
    expectProblem(await mottak.http.post(`/api/v1/reports/${report.id}/disposal`).set('Authorization', kari).send({ reason: 'Bevaringstiden er ute' }), 403, 'FORBIDDEN');
    const requested = await mottak.http.post(`/api/v1/reports/${report.id}/disposal`).set('Authorization', frida).send({ reason: 'Bevaringstiden er ute' });
    expect(requested.status).toBe(202);
    expect(requested.body).toMatchObject({ kind: 'kassasjon', reportId: report.id, requestedBy: 'frida', status: 'venter' });
    const requestId = requested.body.id as string;
    // Nothing is removed yet, and a second request for the same report is refused.
    expect((await mottak.http.get(`/api/v1/reports/${report.id}`).set('Authorization', kari)).body.title).toBe('Kassasjon Fjordbyen 4471 (rettet)');
    expectProblem(await mottak.http.post(`/api/v1/reports/${report.id}/disposal`).set('Authorization', fiona).send({ reason: 'Bevaringstiden er ute' }), 409, 'NOT_DUE_FOR_DISPOSAL');

    // Four eyes: frida cannot approve her own request.
    expectProblem(await mottak.http.post(`/api/v1/approvals/${requestId}/decision`).set('Authorization', frida).send({ approve: true }), 403, 'SAME_PERSON');
    const approved = await mottak.http.post(`/api/v1/approvals/${requestId}/decision`).set('Authorization', fiona).send({ approve: true, note: 'Enig' });
    expect(approved.status).toBe(200);
    expect(approved.body.request).toMatchObject({ status: 'godkjent', decidedBy: 'fiona' });

    const after = await mottak.http.get(`/api/v1/reports/${report.id}`).set('Authorization', kari);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({
      title: '[Kassert]',
      body: '',
      status: 'utgar',
      gradering: 'BEGRENSET',
      registration: { journalNumber: report.registration.journalNumber, registeredBy: 'kari' },
      disposal: { requestId, requestedBy: 'frida', approvedBy: 'fiona', reason: 'Bevaringstiden er ute', rule: { category: '*', disposeAfterYears: 0, ruleSetVersion: 'test-1' } },
    });
    expect(after.body.reporterContact).toBeUndefined();
    expect(after.body.assessment?.entities ?? []).toEqual([]);
    expect(JSON.stringify(after.body)).not.toMatch(/Fjordbyen|912 34 567|Ola Tipser/);

    // Every stored version is emptied too.
    const versions = await mottak.http.get(`/api/v1/reports/${report.id}/versions`).set('Authorization', kari);
    expect(versions.status).toBe(200);
    expect(versions.body.length).toBeGreaterThanOrEqual(4);
    for (const v of versions.body as Array<{ version: number; title: string }>) {
      expect(v.title).toBe('[Kassert]');
      const one = await mottak.http.get(`/api/v1/reports/${report.id}/versions/${v.version}`).set('Authorization', kari);
      expect(one.status).toBe(200);
      expect(JSON.stringify(one.body)).not.toMatch(/Fjordbyen|912 34 567|Ola Tipser/);
    }

    // Gone from the search index.
    await eventually(async () => {
      const hits = await mottak.http.get('/api/v1/search').query({ q: 'Fjordbyen' }).set('Authorization', frida);
      return (hits.body.hits as Array<{ id: string }>).some((h) => h.id === report.id) ? undefined : true;
    }, 'the report to leave the index');
    const byNumber = await mottak.http.get('/api/v1/search').query({ q: 'Kassert' }).set('Authorization', frida);
    expect((byNumber.body.hits as Array<{ id: string }>).map((h) => h.id)).not.toContain(report.id);

    // Journaled, and it cannot be corrected, re-opened or disposed again.
    const journal = await mottak.http.get(`/api/v1/reports/${report.id}/journal`).set('Authorization', kari);
    const disposed = (journal.body as Array<{ action: string; actor: string; details: Record<string, unknown> }>).find((e) => e.action === 'report.disposed');
    expect(disposed).toMatchObject({ actor: 'user:fiona', details: { requestedBy: 'frida', approvedBy: 'fiona', requestId } });
    // No entry of the append-only journal kept the content — not the corrected title, not a fingerprint
    // of it: the correction's old and new values now resolve to the redacted versions.
    expect(JSON.stringify(journal.body)).not.toMatch(/Fjordbyen|912 34 567|Ola Tipser/);
    const correction = (journal.body as Array<{ action: string; details: { changes?: Array<{ field: string; from: unknown; to: unknown }> } }>).find((e) => e.action === 'report.corrected');
    expect(correction?.details.changes?.find((c) => c.field === 'title')).toMatchObject({ from: { value: '[Kassert]' }, to: { value: '[Kassert]' } });
    // The raw journal, every page of it, as an auditor reads it (unresolved).
    const rita = await mottak.bearer('rita');
    let aboutReport = 0;
    for (let afterSeq = 0; ; ) {
      const page = await mottak.http.get('/api/v1/journal').query({ afterSeq, limit: 1000 }).set('Authorization', rita);
      expect(page.status).toBe(200);
      const entries = page.body as Array<{ seq: number; subjectId?: string }>;
      expect(JSON.stringify(entries)).not.toMatch(/Fjordbyen|912 34 567|Ola Tipser/);
      aboutReport += entries.filter((e) => e.subjectId === report.id).length;
      if (entries.length < 1000) break;
      afterSeq = entries.at(-1)!.seq;
    }
    expect(aboutReport).toBeGreaterThanOrEqual(4);
    expectProblem(
      await mottak.http.patch(`/api/v1/reports/${report.id}`).set('Authorization', kari).send({ title: 'Gjenoppliv', reason: 'Vil ha den tilbake', expectedVersion: after.body.version }),
      409,
      'INVALID_STATE_TRANSITION',
    );
    expectProblem(await mottak.http.post(`/api/v1/reports/${report.id}/status`).set('Authorization', kari).send({ to: 'under_behandling', reason: 'Gjenåpne', expectedVersion: after.body.version }), 409, 'INVALID_STATE_TRANSITION');
    expectProblem(await mottak.http.post(`/api/v1/reports/${report.id}/disposal`).set('Authorization', frida).send({ reason: 'Bevaringstiden er ute' }), 409, 'NOT_DUE_FOR_DISPOSAL');
    expect(dueIds(await due(frida, 'disposal', { limit: '500' }))).not.toContain(report.id);

    // The hash-chained journal still verifies: disposal appends, it never rewrites.
    const verified = await mottak.http.post('/api/v1/journal/verify').set('Authorization', await mottak.bearer('rita'));
    expect(verified.status).toBe(200);
    expect(verified.body.journal).toMatchObject({ ok: true });
    expect(verified.body.audit).toMatchObject({ ok: true });
  });

  it('refuses disposal of a report not due, and re-checks at approval (a report that joined an open case stays)', async () => {
    const kept = await registered('Langtidsbevart', 'Skal ikke kasseres ennå.', { category: 'langtid' });
    expectProblem(await mottak.http.post(`/api/v1/reports/${kept.id}/disposal`).set('Authorization', frida).send({ reason: 'Prøver for tidlig' }), 409, 'NOT_DUE_FOR_DISPOSAL');

    const report = await registered('Blir med i sak', 'Innhold som en sak trenger.');
    const requested = await mottak.http.post(`/api/v1/reports/${report.id}/disposal`).set('Authorization', frida).send({ reason: 'Bevaringstiden er ute' });
    expect(requested.status).toBe(202);
    const created = await mottak.http.post('/api/v1/cases').set('Authorization', kari).send({ title: 'Ny sak' });
    expect((await mottak.http.post(`/api/v1/cases/${created.body.id as string}/reports/${report.id}`).set('Authorization', kari)).status).toBe(200);
    expectProblem(await mottak.http.post(`/api/v1/approvals/${requested.body.id as string}/decision`).set('Authorization', fiona).send({ approve: true }), 409, 'NOT_DUE_FOR_DISPOSAL');
    const still = await mottak.http.get(`/api/v1/reports/${report.id}`).set('Authorization', kari);
    expect(still.body).toMatchObject({ title: 'Blir med i sak', body: 'Innhold som en sak trenger.' });
    // The request is still open, to be rejected.
    const rejected = await mottak.http.post(`/api/v1/approvals/${requested.body.id as string}/decision`).set('Authorization', fiona).send({ approve: false, note: 'Saken trenger den' });
    expect(rejected.body.request).toMatchObject({ status: 'avslatt' });
  });
});
