import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

/** Cases (saker) and merging duplicates, through the real API. */
describe('cases and merging duplicates', () => {
  let mottak: TestMottak;
  let kari: string;
  beforeAll(async () => {
    mottak = await startTestMottak();
    kari = await mottak.bearer('kari');
  });
  afterAll(async () => {
    await mottak.close();
  });

  async function assessed(title: string): Promise<{ id: string; version: number }> {
    const sent = await mottak.http.post('/api/v1/reports').set('X-API-Key', mottak.partnerKey).send({ channel: 'partner', title, body: `Innhold: ${title}` });
    expect(sent.status).toBe(202);
    return eventually(async () => {
      const response = await mottak.http.get(`/api/v1/reports/${sent.body.id as string}`).set('Authorization', kari);
      return response.body.status === 'vurdert' ? { id: response.body.id as string, version: response.body.version as number } : undefined;
    }, 'the report to be assessed');
  }

  async function registered(title: string, gradering = 'BEGRENSET', compartments: string[] = []): Promise<{ id: string; version: number }> {
    const report = await assessed(title);
    const response = await mottak.http.post(`/api/v1/reports/${report.id}/registration`).set('Authorization', kari).send({ gradering, compartments });
    expect(response.status).toBe(201);
    return { id: response.body.id, version: response.body.version };
  }

  async function createCase(title: string) {
    const response = await mottak.http.post('/api/v1/cases').set('Authorization', kari).send({ title });
    expect(response.status).toBe(201);
    return response.body as { id: string; caseNumber: string; version: number };
  }

  it('gives cases their own gap-free numbers per year, even when created concurrently', async () => {
    const year = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Oslo', year: 'numeric' }).format(new Date());
    const created = await Promise.all(Array.from({ length: 10 }, (_, i) => mottak.http.post('/api/v1/cases').set('Authorization', kari).send({ title: `Sak ${i}` })));
    expect(created.map((r) => r.status)).toEqual(created.map(() => 201));
    const numbers = created.map((r) => r.body.caseNumber as string).sort();
    expect(numbers[0]).toMatch(new RegExp(`^SAK-${year}-\\d{4}$`));
    const sequences = numbers.map((n) => Number(n.split('-')[2]));
    expect(sequences).toEqual(Array.from({ length: 10 }, (_, i) => sequences[0]! + i));
    expect(created[0]!.body).toMatchObject({ status: 'open', createdBy: 'user:kari', version: 1 });
  });

  it('links and unlinks reports (journaled on the report); a case shows and counts only what the user may read', async () => {
    const sak = await createCase('Kraftstasjonen');
    const open = await registered('Sak: åpen rapport', 'BEGRENSET');
    const secret = await registered('Sak: hemmelig rapport', 'HEMMELIG', ['kontraetterretning']);
    for (const report of [open, secret]) {
      const linked = await mottak.http.post(`/api/v1/cases/${sak.id}/reports/${report.id}`).set('Authorization', kari);
      expect(linked.status).toBe(200);
      expect(linked.body.caseId).toBe(sak.id);
    }
    // Linking again changes nothing.
    const again = await mottak.http.post(`/api/v1/cases/${sak.id}/reports/${open.id}`).set('Authorization', kari);
    expect(again.body.version).toBe(open.version + 1);

    const journal = await mottak.http.get(`/api/v1/reports/${open.id}/journal`).set('Authorization', kari);
    expect(journal.body.at(-1)).toMatchObject({ action: 'report.case.linked', actor: 'user:kari', details: { caseId: sak.id, caseNumber: sak.caseNumber } });

    const asKari = await mottak.http.get(`/api/v1/cases/${sak.id}`).set('Authorization', kari);
    expect(asKari.status).toBe(200);
    expect(asKari.body.reportCount).toBe(2);
    expect(asKari.body.reports.map((r: { id: string }) => r.id).sort()).toEqual([open.id, secret.id].sort());

    // Kim (koordinator, BEGRENSET, no compartments) sees the case but neither the secret report nor its count.
    const kim = await mottak.bearer('kim');
    const asKim = await mottak.http.get(`/api/v1/cases/${sak.id}`).set('Authorization', kim);
    expect(asKim.body.reportCount).toBe(1);
    expect(asKim.body.reports.map((r: { id: string }) => r.id)).toEqual([open.id]);
    expect(JSON.stringify(asKim.body)).not.toContain(secret.id);
    const listed = await mottak.http.get('/api/v1/cases').query({ limit: 200 }).set('Authorization', kim);
    expect(listed.body.items.find((c: { id: string }) => c.id === sak.id)).toMatchObject({ reportCount: 1 });
    // Nor may Kim link or unlink what Kim cannot see.
    expect((await mottak.http.delete(`/api/v1/cases/${sak.id}/reports/${secret.id}`).set('Authorization', kim)).status).toBe(404);

    // A report belongs to one case at a time.
    const other = await createCase('Annen sak');
    const moved = await mottak.http.post(`/api/v1/cases/${other.id}/reports/${open.id}`).set('Authorization', kari);
    expect(moved.status).toBe(409);

    const unlinked = await mottak.http.delete(`/api/v1/cases/${sak.id}/reports/${open.id}`).set('Authorization', kari);
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.caseId).toBeUndefined();
    expect((await mottak.http.get(`/api/v1/cases/${sak.id}`).set('Authorization', kari)).body.reportCount).toBe(1);
    const unlinkJournal = await mottak.http.get(`/api/v1/reports/${open.id}/journal`).set('Authorization', kari);
    expect(unlinkJournal.body.at(-1)).toMatchObject({ action: 'report.case.unlinked', details: { caseId: sak.id } });
    expect((await mottak.http.delete(`/api/v1/cases/${sak.id}/reports/${open.id}`).set('Authorization', kari)).status).toBe(404);
  });

  it('closes and reopens a case with a reason; a closed case takes no new reports; stale versions are 409', async () => {
    const sak = await createCase('Lukkes');
    const closed = await mottak.http.post(`/api/v1/cases/${sak.id}/status`).set('Authorization', kari).send({ status: 'closed', reason: 'Ferdig etterforsket', expectedVersion: 1 });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', version: 2 });
    expect(closed.body.history.at(-1)).toMatchObject({ action: 'case.closed', actor: 'user:kari', reason: 'Ferdig etterforsket' });
    const report = await registered('Til lukket sak');
    expect((await mottak.http.post(`/api/v1/cases/${sak.id}/reports/${report.id}`).set('Authorization', kari)).status).toBe(409);
    const stale = await mottak.http.post(`/api/v1/cases/${sak.id}/status`).set('Authorization', kari).send({ status: 'open', reason: 'Nye opplysninger', expectedVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    const reopened = await mottak.http.post(`/api/v1/cases/${sak.id}/status`).set('Authorization', kari).send({ status: 'open', reason: 'Nye opplysninger', expectedVersion: 2 });
    expect(reopened.body.status).toBe('open');
    const closedList = await mottak.http.get('/api/v1/cases').query({ status: 'closed' }).set('Authorization', kari);
    expect(closedList.body.items.some((c: { id: string }) => c.id === sak.id)).toBe(false);
  });

  it('is for coordinators and supervisors; unknown cases are 404 and bad input 400', async () => {
    for (const who of ['siri', 'rita', 'adam']) {
      const auth = await mottak.bearer(who);
      expect((await mottak.http.post('/api/v1/cases').set('Authorization', auth).send({ title: 'Nei' })).status).toBe(403);
      expect((await mottak.http.get('/api/v1/cases').set('Authorization', auth)).status).toBe(403);
    }
    expect((await mottak.http.get('/api/v1/cases/finnes-ikke').set('Authorization', kari)).status).toBe(404);
    const bad = await mottak.http.post('/api/v1/cases').set('Authorization', kari).send({ title: '', caseNumber: 'SAK-2026-9999' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.errors)).toContain('caseNumber');
  });

  it('merges a duplicate into its target: the duplicate is utgår with the link kept, and both journals record it', async () => {
    const target = await registered('Originalen');
    const duplicate = await registered('Duplikatet');
    const merged = await mottak.http
      .post(`/api/v1/reports/${duplicate.id}/merge-into/${target.id}`)
      .set('Authorization', kari)
      .send({ reason: 'Samme hendelse meldt to ganger', expectedVersion: duplicate.version });
    expect(merged.status).toBe(200);
    expect(merged.body.duplicate).toMatchObject({ id: duplicate.id, status: 'utgar', mergedInto: target.id });

    const still = await mottak.http.get(`/api/v1/reports/${duplicate.id}`).set('Authorization', kari);
    expect(still.body).toMatchObject({ status: 'utgar', mergedInto: target.id });
    const dupJournal = await mottak.http.get(`/api/v1/reports/${duplicate.id}/journal`).set('Authorization', kari);
    expect(dupJournal.body.at(-1)).toMatchObject({ action: 'report.merged', actor: 'user:kari', details: { into: target.id, reason: 'Samme hendelse meldt to ganger' } });
    const targetJournal = await mottak.http.get(`/api/v1/reports/${target.id}/journal`).set('Authorization', kari);
    expect(targetJournal.body.at(-1)).toMatchObject({ action: 'report.merged-from', details: { from: duplicate.id } });

    // Merging again, into itself, into a withdrawn report, or with a stale version is refused.
    const twice = await mottak.http.post(`/api/v1/reports/${duplicate.id}/merge-into/${target.id}`).set('Authorization', kari).send({ reason: 'Igjen' });
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', from: 'utgar', allowed: [] });
    const self = await mottak.http.post(`/api/v1/reports/${target.id}/merge-into/${target.id}`).set('Authorization', kari).send({ reason: 'Selv' });
    expect(self.status).toBe(400);
    const third = await registered('Tredje');
    const intoWithdrawn = await mottak.http.post(`/api/v1/reports/${third.id}/merge-into/${duplicate.id}`).set('Authorization', kari).send({ reason: 'Feil mål' });
    expect(intoWithdrawn.status).toBe(409);
    const stale = await mottak.http.post(`/api/v1/reports/${third.id}/merge-into/${target.id}`).set('Authorization', kari).send({ reason: 'Gammel', expectedVersion: third.version - 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: third.version });
  });

  it('does not merge into or from a report the user may not see', async () => {
    const secret = await registered('Hemmelig mål', 'HEMMELIG', ['kontraetterretning']);
    const open = await registered('Åpen kilde');
    const kim = await mottak.bearer('kim');
    const response = await mottak.http.post(`/api/v1/reports/${open.id}/merge-into/${secret.id}`).set('Authorization', kim).send({ reason: 'Prøver' });
    expect(response.status).toBe(404);
    const after = await mottak.http.get(`/api/v1/reports/${open.id}`).set('Authorization', kari);
    expect(after.body.status).toBe('registrert');
  });
});
