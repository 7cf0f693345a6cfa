import type { Response } from 'supertest';
import { EventStream } from '../support/event-stream';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

interface SavedSearchView {
  id: string;
  name: string;
  q: string;
  filters: Record<string, string[]>;
  seenAt: string;
  newCount: number | null;
  unavailable?: string;
}

/**
 * Saved searches through the real API: each user's own (someone else's is 404), new matches counted
 * under the user's rights now (never a report they may not see), opening marks them seen, the
 * search rules for personal identifiers apply, and the live `saved-search` event tells the owner only.
 */
describe('saved searches with new matches', () => {
  let mottak: TestMottak;
  let kari: string;
  let sander: string;
  let siri: string;

  beforeAll(async () => {
    mottak = await startTestMottak();
    kari = await mottak.bearer('kari');
    sander = await mottak.bearer('sander');
    siri = await mottak.bearer('siri');
  });
  afterAll(async () => {
    await mottak.close();
  });

  /** Sends a report, waits for its assessment, registers it as kari, and waits until search finds it. */
  async function registeredAndIndexed(title: string, body: string, marking: { gradering: string; compartments?: string[] } = { gradering: 'BEGRENSET' }): Promise<string> {
    const sent = await mottak.http.post('/api/v1/reports').set('X-API-Key', mottak.partnerKey).send({ channel: 'partner', title, body });
    expect(sent.status).toBe(202);
    const id = sent.body.id as string;
    await eventually(async () => ((await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', kari)).body.status === 'vurdert' ? true : undefined), 'the assessment');
    const registered = await mottak.http.post(`/api/v1/reports/${id}/registration`).set('Authorization', kari).send({ compartments: [], ...marking });
    expect(registered.status).toBe(201);
    // Kari (HEMMELIG, kontraetterretning) may find every report these tests register.
    await eventually(async () => {
      const found = await mottak.http.get('/api/v1/search').query({ q: title }).set('Authorization', kari);
      return (found.body.hits as Array<{ id: string }>).some((hit) => hit.id === id) ? true : undefined;
    }, `"${title}" to be indexed`);
    return id;
  }

  async function saved(authorization: string): Promise<SavedSearchView[]> {
    const response = await mottak.http.get('/api/v1/saved-searches').set('Authorization', authorization);
    expect(response.status).toBe(200);
    return response.body.items as SavedSearchView[];
  }

  async function save(authorization: string, body: object): Promise<Response> {
    return mottak.http.post('/api/v1/saved-searches').set('Authorization', authorization).send(body);
  }

  function expectProblem(response: Response, status: number, code: string): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe(code);
  }

  it('counts new matches under each owner’s rights, never a report they may not see, and opening marks them seen', async () => {
    const bySander = await save(sander, { name: 'Sabotasje mot vannverk', q: 'vannverkssabotasje' });
    expect(bySander.status).toBe(201);
    expect(bySander.headers.location).toBe(`/api/v1/saved-searches/${bySander.body.id as string}`);
    expect(bySander.body).toMatchObject({ name: 'Sabotasje mot vannverk', q: 'vannverkssabotasje', filters: {}, newCount: 0 });
    const bySiri = await save(siri, { name: 'Vannverk', q: 'vannverkssabotasje' });
    expect(bySiri.status).toBe(201);

    const siriStream = await EventStream.open(mottak.url, siri);
    const sanderStream = await EventStream.open(mottak.url, sander);
    try {
      // A HEMMELIG report in a compartment: sander may see it, siri (BEGRENSET) may not.
      await registeredAndIndexed('Vannverkssabotasje planlegges', 'Kilden sier at vannverkssabotasje planlegges i kontraetterretningssaken.', {
        gradering: 'HEMMELIG',
        compartments: ['kontraetterretning'],
      });
      await registeredAndIndexed('Mistanke om vannverkssabotasje', 'En mann spurte om vannverkssabotasje ved inntaket i går.');

      const sanders = await saved(sander);
      expect(sanders).toEqual([expect.objectContaining({ id: bySander.body.id, newCount: 2 })]);
      const siris = await saved(siri);
      expect(siris).toEqual([expect.objectContaining({ id: bySiri.body.id, newCount: 1 })]);

      // The live event reaches each owner with their own counts; siri never hears of the hidden report.
      await sanderStream.until((s) => s.events.some((e) => e.type === 'saved-search' && (e.data as unknown as { newTotal: number }).newTotal === 2));
      await siriStream.until((s) => s.events.some((e) => e.type === 'saved-search'));
      const siriAlerts = siriStream.events.filter((e) => e.type === 'saved-search').map((e) => e.data as unknown as { newTotal: number; searches: Array<{ id: string; newCount: number }> });
      for (const alert of siriAlerts) {
        expect(alert.newTotal).toBeLessThanOrEqual(1);
        expect(alert.searches.map((s) => s.id)).toEqual([bySiri.body.id]);
      }
      expect(siriAlerts.at(-1)?.newTotal).toBe(1);
    } finally {
      siriStream.close();
      sanderStream.close();
    }

    const opened = await mottak.http.post(`/api/v1/saved-searches/${bySander.body.id as string}/open`).set('Authorization', sander);
    expect(opened.status).toBe(200);
    expect(opened.body.previousSeenAt).toBe(bySander.body.seenAt);
    expect(opened.body.search).toMatchObject({ id: bySander.body.id, newCount: 0 });
    expect(opened.body.search.seenAt > bySander.body.seenAt).toBe(true);
    expect(await saved(sander)).toEqual([expect.objectContaining({ newCount: 0 })]);
    // Siri's count is her own: sander opening his changes nothing for her.
    expect(await saved(siri)).toEqual([expect.objectContaining({ newCount: 1 })]);

    // Creation and opening are in the audit log, like searches.
    const rita = await mottak.bearer('rita');
    const audit = await mottak.http.get('/api/v1/audit').query({ actor: 'user:sander', limit: 1000 }).set('Authorization', rita);
    const actions = (audit.body as Array<{ action: string; details: Record<string, unknown> }>).filter((e) => e.action.startsWith('saved-search.'));
    expect(actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'saved-search.create', details: expect.objectContaining({ id: bySander.body.id, q: 'vannverkssabotasje' }) }),
        expect.objectContaining({ action: 'saved-search.open', details: expect.objectContaining({ id: bySander.body.id, outcome: 'shown' }) }),
      ]),
    );
  });

  it("answers 404 for someone else's saved search, exactly as for a missing one, and changes nothing", async () => {
    const mine = await save(sander, { name: 'Bare mitt', q: 'ambassaden' });
    expect(mine.status).toBe(201);
    const id = mine.body.id as string;
    for (const [method, path] of [
      ['post', `/api/v1/saved-searches/${id}/open`],
      ['delete', `/api/v1/saved-searches/${id}`],
    ] as const) {
      const other = await mottak.http[method](path).set('Authorization', siri);
      const missing = await mottak.http[method](path.replace(id, 'finnes-ikke')).set('Authorization', siri);
      expectProblem(other, 404, 'NOT_FOUND');
      expectProblem(missing, 404, 'NOT_FOUND');
      expect(other.body.detail).toBe(missing.body.detail);
    }
    expect((await saved(siri)).map((s) => s.id)).not.toContain(id);
    expect((await saved(sander)).find((s) => s.id === id)).toMatchObject({ seenAt: mine.body.seenAt });
    expect((await mottak.http.delete(`/api/v1/saved-searches/${id}`).set('Authorization', sander)).status).toBe(204);
    expect((await saved(sander)).map((s) => s.id)).not.toContain(id);
  });

  it('refuses a search by a personal identifier from a user who sees personal data masked, as searching does', async () => {
    const refused = await save(siri, { name: 'Telefon', q: '922 33 444' });
    expectProblem(refused, 403, 'PERSONAL_DATA_NEED_REQUIRED');
    expect((await saved(siri)).map((s) => s.name)).not.toContain('Telefon');
    const allowed = await save(sander, { name: 'Telefon', q: '922 33 444' });
    expect(allowed.status).toBe(201);
  });

  it('answers bad input with problem+json naming the field, a taken name and too many with 409', async () => {
    const unknownValue = await save(sander, { name: 'Feil', q: 'drone', filters: { priority: ['P9'] } });
    expectProblem(unknownValue, 400, 'VALIDATION_FAILED');
    expect(unknownValue.body.errors).toEqual([expect.objectContaining({ field: 'body.filters.priority.0' })]);
    const unknownField = await save(sander, { name: 'Feil', q: 'drone', filters: { farge: ['rød'] } });
    expectProblem(unknownField, 400, 'VALIDATION_FAILED');
    expect(unknownField.body.errors[0].field).toBe('body.filters');
    const empty = await save(sander, { name: '  ', q: 'drone' });
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'body.name' })]);
    const fine = await save(sander, { name: 'Drone', q: 'drone', filters: { gradering: ['BEGRENSET', 'BEGRENSET'], category: ['sabotasje'], status: [] } });
    expect(fine.status).toBe(201);
    // Repeated values once, empty fields left out.
    expect(fine.body.filters).toEqual({ category: ['sabotasje'], gradering: ['BEGRENSET'] });
  });

  it('limits each user to 50 saved searches and names to one each', async () => {
    const kim = await mottak.bearer('kim');
    const first = await save(kim, { name: 'Søk nummer 0', q: 'drone', filters: { channel: ['tipsskjema'] } });
    expect(first.status).toBe(201);
    expectProblem(await save(kim, { name: 'SØK NUMMER 0', q: 'noe annet' }), 409, 'SAVED_SEARCH_NAME_TAKEN');
    for (let i = 1; i < 50; i++) expect((await save(kim, { name: `Søk nummer ${i}`, q: 'drone' })).status).toBe(201);
    const tooMany = await save(kim, { name: 'Ett for mye', q: 'drone' });
    expectProblem(tooMany, 409, 'SAVED_SEARCH_LIMIT_REACHED');
    expect(tooMany.body.limit).toBe(50);
    expect(await saved(kim)).toHaveLength(50);
  });

  it('is for users who search: an auditor cannot save one', async () => {
    const rita = await mottak.bearer('rita');
    expectProblem(await save(rita, { name: 'Revisjon', q: 'drone' }), 403, 'FORBIDDEN');
    expectProblem(await mottak.http.get('/api/v1/saved-searches').set('Authorization', rita), 403, 'FORBIDDEN');
  });
});
