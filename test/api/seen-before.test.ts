import { BODY, EDITED_BODY, TITLE } from '../support/seen-before-text';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';


interface NearDuplicate {
  id: string;
  journalNumber?: string;
  similarity: number;
}
interface EntityOverlap {
  type: string;
  value: string;
  count: number;
  registeredCount: number;
  registered: Array<{ id: string; journalNumber: string }>;
}

/**
 * "Sett før" in the report view: near-duplicates and identifiers seen in earlier reports, over the
 * real API on the embedded engines — only what the reader may see is listed or counted, and a
 * reader without the personopplysninger need gets no overlaps on personal identifiers.
 */
describe('seen before: near-duplicates and identifier overlaps in GET /api/v1/reports/{id}', () => {
  let mottak: TestMottak;
  let open: { id: string; journalNumber: string };
  let secret: { id: string; journalNumber: string };
  let latest: { id: string; journalNumber: string };

  /** Kari sends a report by phone note and registers it with the marking; returns its id and journal number. */
  async function registered(title: string, body: string, marking: { gradering: string; compartments?: string[] }) {
    const kari = await mottak.bearer('kari');
    const intake = await mottak.http.post('/api/v1/reports').set('Authorization', kari).send({ channel: 'telefon', title, body });
    expect(intake.status).toBe(202);
    const id = intake.body.id as string;
    await eventually(async () => {
      const status = await mottak.http.get(`/api/v1/reports/${id}/status`).set('Authorization', kari);
      return status.body.assessed ? true : undefined;
    }, 'the report to be assessed');
    const registration = await mottak.http.post(`/api/v1/reports/${id}/registration`).set('Authorization', kari).send(marking);
    expect(registration.status).toBe(201);
    return { id, journalNumber: registration.body.registration.journalNumber as string };
  }

  async function view(username: string, id: string) {
    const response = await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', await mottak.bearer(username));
    expect(response.status).toBe(200);
    return response.body as { nearDuplicates: NearDuplicate[]; entityOverlaps: EntityOverlap[]; personalDataMasked?: true };
  }

  beforeAll(async () => {
    mottak = await startTestMottak();
    open = await registered(TITLE, BODY, { gradering: 'BEGRENSET' });
    secret = await registered(TITLE, BODY, { gradering: 'HEMMELIG', compartments: ['kontraetterretning'] });
    latest = await registered(TITLE, EDITED_BODY, { gradering: 'BEGRENSET' });
  }, 60_000);
  afterAll(async () => {
    await mottak.close();
  });

  it('shows a cleared coordinator both earlier reports as near-duplicates and counts the shared identifiers in both', async () => {
    const kari = await view('kari', latest.id);
    expect(kari.nearDuplicates.map((d) => d.id).sort()).toEqual([open.id, secret.id].sort());
    for (const duplicate of kari.nearDuplicates) {
      expect(duplicate.similarity).toBeGreaterThanOrEqual(0.85);
      expect(duplicate.similarity).toBeLessThan(1);
      expect(duplicate.journalNumber).toBe(duplicate.id === open.id ? open.journalNumber : secret.journalNumber);
    }
    expect(kari.entityOverlaps).toEqual(
      expect.arrayContaining([
        { type: 'phone', value: '+4748123456', count: 2, registeredCount: 2, registered: [secret, open] },
        { type: 'ipv4', value: '203.0.113.77', count: 2, registeredCount: 2, registered: [secret, open] },
      ]),
    );
    // The first report saw nothing before it.
    const first = await view('kari', open.id);
    expect(first.nearDuplicates).toEqual([]);
    expect(first.entityOverlaps).toEqual([]);
  });

  it('never lists or counts a report the reader may not see', async () => {
    const kim = await mottak.http.get(`/api/v1/reports/${latest.id}`).set('Authorization', await mottak.bearer('kim'));
    expect(kim.status).toBe(200);
    expect(kim.body.nearDuplicates).toEqual([expect.objectContaining({ id: open.id, journalNumber: open.journalNumber })]);
    expect(kim.body.entityOverlaps).toEqual(expect.arrayContaining([{ type: 'phone', value: '+4748123456', count: 1, registeredCount: 1, registered: [open] }]));
    const leaked = JSON.stringify(kim.body);
    expect(leaked).not.toContain(secret.id);
    expect(leaked).not.toContain(secret.journalNumber);
  });

  it('gives a search user without the personopplysninger need no overlaps on personal identifiers, not even a count', async () => {
    const siri = await view('siri', latest.id);
    expect(siri.personalDataMasked).toBe(true);
    expect(siri.nearDuplicates.map((d) => d.id)).toEqual([open.id]);
    expect(siri.entityOverlaps).toEqual([{ type: 'ipv4', value: '203.0.113.77', count: 1, registeredCount: 1, registered: [open] }]);
    expect(JSON.stringify(siri)).not.toMatch(/48123456|481 23 456|\+4748123456/);

    const sander = await view('sander', latest.id);
    expect(sander.entityOverlaps.find((o) => o.type === 'phone')).toEqual({
      type: 'phone',
      value: '+4748123456',
      count: 2,
      registeredCount: 2,
      registered: [secret, open],
    });
  });

  it('audits the read with the near-duplicates it pointed to', async () => {
    await view('kari', latest.id);
    const audit = await mottak.http.get('/api/v1/audit').query({ actor: 'user:kari' }).set('Authorization', await mottak.bearer('rita'));
    expect(audit.status).toBe(200);
    const reads = (audit.body as Array<{ action: string; subjectId?: string; details: Record<string, unknown> }>).filter(
      (entry) => entry.action === 'report.read' && entry.subjectId === latest.id,
    );
    expect(reads.map((entry) => entry.details)).toEqual(
      expect.arrayContaining([expect.objectContaining({ outcome: 'shown', nearDuplicates: expect.arrayContaining([open.id, secret.id]) })]),
    );
  });
});
