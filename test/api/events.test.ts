import { EventStream } from '../support/event-stream';
import { startTestMottak, type TestMottak } from '../support/test-mottak';

/** Everything jest can fake except Date: the in-process server's timers must keep running. */
const REAL_TIMERS = ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'requestAnimationFrame', 'cancelAnimationFrame', 'requestIdleCallback', 'cancelIdleCallback', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] as const;

describe('GET /api/v1/events: live report changes as server-sent events', () => {
  let mottak: TestMottak;
  const readers: EventStream[] = [];

  async function subscribe(username: string): Promise<EventStream> {
    const { status, contentType, stream: reader } = await EventStream.connect(mottak.url, await mottak.bearer(username));
    expect(status).toBe(200);
    expect(contentType).toMatch(/^text\/event-stream/);
    readers.push(reader);
    return reader;
  }

  async function submitTip(title: string): Promise<string> {
    const response = await mottak.http.post('/api/v1/reports').send({ channel: 'tipsskjema', title, body: `${title}: en bil sto parkert lenge.` });
    expect(response.status).toBe(202);
    return response.body.id as string;
  }

  beforeAll(async () => {
    mottak = await startTestMottak();
  });
  afterAll(async () => {
    for (const reader of readers) reader.close();
    await mottak.close();
  });

  it('tells every coordinator who may read a new report its id and each new status, and nothing else', async () => {
    const kari = await subscribe('kari');
    const kim = await subscribe('kim');
    const id = await submitTip('Ny tips fra publikum');

    await kari.until((r) => r.statusesOf(id).includes('vurdert'));
    await kim.until((r) => r.statusesOf(id).includes('vurdert'));
    expect(kari.statusesOf(id)).toEqual(['mottatt', 'vurdert']);
    for (const event of kari.changes) expect(Object.keys(event).sort()).toEqual(['id', 'status']);
    // The first lines are the reconnect delay and a comment.
    expect(kari.comments[0]).toBe('mottak hendelser');
  });

  it('never sends the id of a report the user may not read', async () => {
    const kim = await subscribe('kim');
    const siri = await subscribe('siri');
    const kari = await subscribe('kari');
    const secret = await submitTip('Hemmelig observasjon');
    await kari.until((r) => r.statusesOf(secret).includes('vurdert'));
    // Registered HEMMELIG in a compartment: kari may read it, kim (BEGRENSET) and siri may not.
    const registered = await mottak.http
      .post(`/api/v1/reports/${secret}/registration`)
      .set('Authorization', await mottak.bearer('kari'))
      .send({ gradering: 'HEMMELIG', compartments: ['kontraetterretning'] });
    expect(registered.status).toBe(201);
    await kari.until((r) => r.statusesOf(secret).includes('registrert'));

    // Each stream keeps publish order, so once a later visible change has arrived, the hidden one never will.
    const later = await submitTip('Senere tips');
    await kim.until((r) => r.statusesOf(later).includes('vurdert'));
    expect(kim.statusesOf(secret)).toEqual(['mottatt', 'vurdert']);

    // A search user reads only registered reports: neither the intake nor the HEMMELIG registration reaches siri.
    const visibleToSiri = await submitTip('Åpen sak');
    await kari.until((r) => r.statusesOf(visibleToSiri).includes('vurdert'));
    await mottak.http
      .post(`/api/v1/reports/${visibleToSiri}/registration`)
      .set('Authorization', await mottak.bearer('kari'))
      .send({ gradering: 'BEGRENSET' });
    await siri.until((r) => r.statusesOf(visibleToSiri).includes('registrert'));
    expect(siri.changes.map((event) => event.id)).not.toContain(secret);
    expect(siri.statusesOf(visibleToSiri)).toEqual(['registrert']);
    expect(siri.changes.some((event) => event.status === 'mottatt' || event.status === 'vurdert')).toBe(false);
  });

  it('follows need-to-know grants: changes reach a grantee only while the grant is approved', async () => {
    const kari = await mottak.bearer('kari');
    const siriStream = await subscribe('siri');
    const kariStream = await subscribe('kari');
    const id = await submitTip('Fiberkabler kuttet');
    await kariStream.until((r) => r.statusesOf(id).includes('vurdert'));
    // BEGRENSET (within siri's klarering) but in a compartment siri is not in: hidden until a grant.
    const registered = await mottak.http.post(`/api/v1/reports/${id}/registration`).set('Authorization', kari).send({ gradering: 'BEGRENSET', compartments: ['kontraetterretning'] });
    expect(registered.status).toBe(201);
    const changeStatus = async (to: string, version: number) => {
      const changed = await mottak.http.post(`/api/v1/reports/${id}/status`).set('Authorization', kari).send({ to, reason: 'Saken følges opp', expectedVersion: version });
      expect([changed.status, changed.body.detail]).toEqual([200, undefined]);
      return changed.body.version as number;
    };
    let version = await changeStatus('under_behandling', registered.body.version as number);
    await kariStream.until((r) => r.statusesOf(id).includes('under_behandling'));

    const request = await mottak.http.post('/api/v1/approvals').set('Authorization', await mottak.bearer('siri')).send({ reportId: id, reason: 'Trenger innsyn for å koordinere med politiet', hours: 1 });
    expect(request.status).toBe(202);
    const approved = await mottak.http.post(`/api/v1/approvals/${request.body.id}/decision`).set('Authorization', await mottak.bearer('frida')).send({ approve: true });
    expect(approved.status).toBe(200);
    version = await changeStatus('ferdigbehandlet', version);
    await siriStream.until((r) => r.statusesOf(id).includes('ferdigbehandlet'));
    // Before the grant, nothing about the report reached siri.
    expect(siriStream.statusesOf(id)).toEqual(['ferdigbehandlet']);

    // Lapsed by the clock: an hour later (only Date is faked; the server runs in this process, its
    // timers stay real) the grant no longer counts, and the next change is not sent.
    jest.useFakeTimers({ doNotFake: [...REAL_TIMERS], now: Date.now() + 61 * 60_000 });
    try {
      await changeStatus('arkivert', version);
      await kariStream.until((r) => r.statusesOf(id).includes('arkivert'));
      const later = await submitTip('Etterpå');
      await kariStream.until((r) => r.statusesOf(later).includes('vurdert'));
      await mottak.http.post(`/api/v1/reports/${later}/registration`).set('Authorization', kari).send({ gradering: 'BEGRENSET' });
      // Each stream keeps publish order: once the later change arrived, the archived one never will.
      await siriStream.until((r) => r.statusesOf(later).includes('registrert'));
      expect(siriStream.statusesOf(id)).toEqual(['ferdigbehandlet']);
    } finally {
      jest.useRealTimers();
    }
  });

  it('refuses a request without a valid session', async () => {
    const anonymous = await fetch(`${mottak.url}/api/v1/events`);
    expect(anonymous.status).toBe(401);
    const forged = await fetch(`${mottak.url}/api/v1/events`, { headers: { Authorization: 'Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(forged.status).toBe(401);
  });

  it('is documented in OpenAPI as an event stream', async () => {
    const document = (await mottak.http.get('/api/v1/openapi.json')).body;
    expect(Object.keys(document.paths['/api/v1/events'].get.responses['200'].content)).toEqual(['text/event-stream']);
  });

  it('ends open streams when the server shuts down', async () => {
    const own = await startTestMottak();
    const { stream: reader } = await EventStream.connect(own.url, await own.bearer('kari'));
    expect(own.running.core.deps.events).toBeDefined();
    await own.close();
    await reader.until((r) => r.ended);
    expect(reader.ended).toBe(true);
  });

  it('alerts coordinators who may read it to a P1 suggestion, and supervisors to a break-glass use', async () => {
    const kari = await subscribe('kari');
    const frida = await subscribe('frida');
    const siri = await subscribe('siri');
    const urgent = await submitTip('Akutt livsfare ved skolen');
    await kari.until((r) => r.alerts.some((alert) => alert.kind === 'p1' && alert.id === urgent));

    // Kim breaks the glass to open a report in a compartment he is not in.
    const registered = await mottak.http
      .post(`/api/v1/reports/${urgent}/registration`)
      .set('Authorization', await mottak.bearer('kari'))
      .send({ gradering: 'BEGRENSET', compartments: ['kontraetterretning'] });
    expect(registered.status).toBe(201);
    const opened = await mottak.http
      .post(`/api/v1/reports/${urgent}/break-glass`)
      .set('Authorization', await mottak.bearer('kim'))
      .send({ reason: 'Akutt situasjon, vakthavende ba om å se den' });
    expect(opened.status).toBe(200);
    await frida.until((r) => r.alerts.some((alert) => alert.kind === 'break-glass' && alert.actor === 'kim'));
    expect(frida.alerts.find((alert) => alert.kind === 'break-glass')?.id).toBe(urgent);
    // A search user neither assesses nor supervises: no alert of either kind reaches siri.
    expect(siri.alerts).toEqual([]);
  });
});
