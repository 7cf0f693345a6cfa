import type { Response } from 'supertest';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

interface HandoverItem {
  id: string;
  title: string;
  status: string;
  noteCount: number;
  latestNote: { text: string; author: string; authorName: string; at: string };
}

/**
 * Shift handover notes through the real API: written by coordinators on open reports, journaled
 * without their text, shown only to users who may read the report (masked for masked readers), and
 * listed in the «Overlevering» view through the access-filtered query — a hidden report's notes
 * never show, nor count.
 */
describe('shift handover notes', () => {
  let mottak: TestMottak;
  let kari: string;
  let kim: string;

  beforeAll(async () => {
    mottak = await startTestMottak();
    kari = await mottak.bearer('kari');
    kim = await mottak.bearer('kim');
  });
  afterAll(async () => {
    await mottak.close();
  });

  async function assessed(title: string, body = `Innhold for ${title}.`): Promise<string> {
    const sent = await mottak.http.post('/api/v1/reports').set('X-API-Key', mottak.partnerKey).send({ channel: 'partner', title, body });
    expect(sent.status).toBe(202);
    const id = sent.body.id as string;
    await eventually(async () => ((await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', kari)).body.status === 'vurdert' ? true : undefined), 'the assessment');
    return id;
  }

  async function registered(title: string, gradering = 'BEGRENSET', compartments: string[] = []): Promise<{ id: string; version: number }> {
    const id = await assessed(title);
    const response = await mottak.http.post(`/api/v1/reports/${id}/registration`).set('Authorization', kari).send({ gradering, compartments });
    expect(response.status).toBe(201);
    return { id, version: response.body.version as number };
  }

  function note(authorization: string, id: string, text: string) {
    return mottak.http.post(`/api/v1/reports/${id}/handover-notes`).set('Authorization', authorization).send({ text });
  }

  async function handover(authorization: string): Promise<{ total: number; items: HandoverItem[] }> {
    const response = await mottak.http.get('/api/v1/handover').set('Authorization', authorization);
    expect(response.status).toBe(200);
    return response.body;
  }

  function expectProblem(response: Response, status: number, code: string): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe(code);
  }

  it('a coordinator writes a note the next shift reads on the report and in the handover view; the journal has who and when, not the text', async () => {
    const id = await assessed('Melder skal ringes tilbake');
    const written = await note(kari, id, '  Ringte melder, venter på svar  ');
    expect(written.status).toBe(201);
    expect(written.body).toMatchObject({ reportId: id, note: { text: 'Ringte melder, venter på svar', author: 'kari', authorName: expect.any(String) } });

    // Kim, on the next shift, sees it on the report and at the top of his handover view.
    const report = await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', kim);
    expect(report.body.handoverNotes).toEqual([written.body.note]);
    expect(report.body.version).toBe(written.body.version);
    const second = await note(kim, id, 'Melder ringte tilbake kl. 07.10; ny samtale avtalt');
    expect(second.status).toBe(201);
    const view = await handover(kim);
    const item = view.items.find((i) => i.id === id);
    expect(item).toMatchObject({ title: 'Melder skal ringes tilbake', status: 'vurdert', noteCount: 2, latestNote: { author: 'kim', text: 'Melder ringte tilbake kl. 07.10; ny samtale avtalt' } });
    expect(view.items[0]?.id).toBe(id);

    const journal = await mottak.http.get(`/api/v1/reports/${id}/journal`).set('Authorization', kari);
    const notes = (journal.body as Array<{ action: string; actor: string; details: Record<string, unknown> }>).filter((e) => e.action === 'report.handover_note');
    expect(notes.map((e) => e.actor)).toEqual(['user:kari', 'user:kim']);
    expect(notes[0]?.details).toMatchObject({ noteId: written.body.note.id, version: written.body.version });
    // The chained journal itself (what outlives disposal) holds the text's length only.
    const frida = await mottak.bearer('frida');
    const chain = await mottak.http.get('/api/v1/journal').query({ limit: 1000 }).set('Authorization', frida);
    const stored = (chain.body as Array<{ action: string; subjectId?: string }>).filter((e) => e.action === 'report.handover_note' && e.subjectId === id);
    expect(stored).toHaveLength(2);
    expect(JSON.stringify(stored)).not.toMatch(/venter på svar|ny samtale/);
  });

  it("never shows or counts the notes of a report the user may not see, and refuses notes on it as missing", async () => {
    const hidden = await registered('Kontraetterretning: overvåking av ambassade', 'HEMMELIG', ['kontraetterretning']);
    const visible = await assessed('Synlig for kim');
    expect((await note(kari, hidden.id, 'Hemmelig overlevering: kilde ringer i kveld')).status).toBe(201);
    expect((await note(kari, visible, 'Synlig overlevering')).status).toBe(201);

    const karis = await handover(kari);
    expect(karis.items.map((i) => i.id)).toEqual(expect.arrayContaining([hidden.id, visible]));
    const kims = await handover(kim);
    expect(kims.items.map((i) => i.id)).toContain(visible);
    expect(kims.items.map((i) => i.id)).not.toContain(hidden.id);
    expect(kims.total).toBe(karis.total - 1);
    expect(JSON.stringify(kims)).not.toContain('Hemmelig overlevering');

    const kimsRead = await mottak.http.get(`/api/v1/reports/${hidden.id}`).set('Authorization', kim);
    const kimsNote = await note(kim, hidden.id, 'Forsøk');
    const missing = await note(kim, 'finnes-ikke', 'Forsøk');
    expectProblem(kimsRead, 404, 'REPORT_NOT_FOUND');
    expectProblem(kimsNote, 404, 'REPORT_NOT_FOUND');
    expectProblem(missing, 404, 'REPORT_NOT_FOUND');
    expect(kimsNote.body.detail).toBe(missing.body.detail);
    expect((await mottak.http.get(`/api/v1/reports/${hidden.id}`).set('Authorization', kari)).body.handoverNotes).toHaveLength(1);
  });

  it('masks personal identifiers in notes for readers without the personopplysninger need; search users neither write notes nor see the view', async () => {
    const report = await registered('Registrert sak med telefonnummer');
    expect((await note(kari, report.id, 'Melder ringte fra 922 33 444, venter på svar')).status).toBe(201);
    const siri = await mottak.bearer('siri');
    const masked = await mottak.http.get(`/api/v1/reports/${report.id}`).set('Authorization', siri);
    expect(masked.status).toBe(200);
    expect(masked.body.handoverNotes[0].text).toBe('Melder ringte fra [telefonnummer skjult], venter på svar');
    expect(JSON.stringify(masked.body)).not.toContain('922 33 444');
    const sander = await mottak.bearer('sander');
    expect((await mottak.http.get(`/api/v1/reports/${report.id}`).set('Authorization', sander)).body.handoverNotes[0].text).toContain('922 33 444');
    // The journal's resolved values are masked for her too.
    const journal = await mottak.http.get(`/api/v1/reports/${report.id}/journal`).set('Authorization', siri);
    expect(JSON.stringify(journal.body)).not.toContain('922 33 444');

    expectProblem(await note(siri, report.id, 'Søkebruker prøver'), 403, 'FORBIDDEN');
    expectProblem(await mottak.http.get('/api/v1/handover').set('Authorization', siri), 403, 'FORBIDDEN');
  });

  it('takes notes only on open reports, and answers bad input with problem+json naming the field', async () => {
    const report = await registered('Ferdig sak');
    let version = report.version;
    for (const to of ['under_behandling', 'ferdigbehandlet']) {
      const changed = await mottak.http.post(`/api/v1/reports/${report.id}/status`).set('Authorization', kari).send({ to, reason: 'Ferdig', expectedVersion: version });
      expect(changed.status).toBe(200);
      version = changed.body.version as number;
      if (to === 'under_behandling') {
        // Under behandling is still open work: a note is taken there.
        const taken = await note(kari, report.id, 'Saksbehandler varslet');
        expect(taken.status).toBe(201);
        version = taken.body.version as number;
      }
    }
    const closed = await note(kari, report.id, 'For sent');
    expectProblem(closed, 409, 'INVALID_STATE_TRANSITION');

    const open = await assessed('Tom merknad');
    const empty = await note(kari, open, '   ');
    expectProblem(empty, 400, 'VALIDATION_FAILED');
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'body.text' })]);
    const long = await note(kari, open, 'x'.repeat(1001));
    expectProblem(long, 400, 'VALIDATION_FAILED');
    const extra = await mottak.http.post(`/api/v1/reports/${open}/handover-notes`).set('Authorization', kari).send({ text: 'Hei', author: 'kim' });
    expectProblem(extra, 400, 'VALIDATION_FAILED');
    expect((await mottak.http.get(`/api/v1/reports/${open}`).set('Authorization', kari)).body.handoverNotes).toBeUndefined();
  });
});
