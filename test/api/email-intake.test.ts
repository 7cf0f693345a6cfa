import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Response } from 'supertest';
import { makeDocx, makeEml, makePdf } from '@mottak/test-kit';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

/** Attachments and originals may be this large here (small enough to test the limit quickly). */
const LIMIT = 12 * 1024 * 1024;
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

/** Words and identifiers that appear only in the attachments, never in a message's own text. */
const PDF_WORD = 'Lyngheiaskogen';
const PDF_ACCOUNT = '1234.56.78903';
const DOCX_PHONE = '+47 415 55 123';
const FORWARDED_WORD = 'Nattravnbukta';

interface Attachment {
  sha256: string;
  filename: string;
  size: number;
  contentType: string;
  declaredType?: string;
  extraction: { status: string; failure?: string; reason?: string; characters?: number };
}

/** The fields of a report these tests read. */
interface ReportJson {
  id: string;
  status: string;
  title: string;
  body: string;
  attachments: Attachment[];
  original: { sha256: string; size: number };
  assessment: { entities: Array<{ type: string; value: string; attachment?: string }> };
}

/**
 * E-mail (.eml) import and attachments on any channel, through the real API, worker and indexer
 * (embedded profile): import → extraction in the worker's assessment → search by attachment text →
 * download → access → disposal removes the content. Also the bad input the issue lists.
 */
describe('e-mail and attachment intake', () => {
  let mottak: TestMottak;
  let rulesDir: string;
  let kari: string;

  const pdf = makePdf(['Observasjonsrapport fra vakt', `Møtested: ${PDF_WORD}, betaling til konto ${PDF_ACCOUNT}.`]);
  const docx = makeDocx(['Notat fra tipser', `Ring tipser på ${DOCX_PHONE} etter kl. 18.`]);
  const forwarded = makeEml({
    headers: { From: 'Kilde <kilde@example.no>', To: 'kollega@example.no', Subject: 'Det jeg så', Date: 'Mon, 2 Mar 2026 08:00:00 +0100' },
    text: `Jeg så en båt i ${FORWARDED_WORD} i natt.`,
  });
  const eml = makeEml({
    headers: {
      From: '=?utf-8?q?Bj=C3=B8rn_Tipser?= <bjorn.tipser@example.no>',
      To: 'Mottak <mottak@example.no>',
      Subject: '=?utf-8?q?Tips_om_m=C3=B8te_ved_kraftstasjonen?=',
      Date: 'Tue, 3 Mar 2026 14:30:00 +0100',
      'Message-ID': '<tips-0001@example.no>',
    },
    text: 'Hei! Jeg har sett noe mistenkelig ved kraftstasjonen. Se vedleggene – dette er en lang linje som blir delt med myke linjeskift i quoted-printable.',
    html: '<html><body><p>Hei! Jeg har sett noe <b>mistenkelig</b> ved kraftstasjonen.</p></body></html>',
    parts: [
      // Declared as an unknown binary with a misleading name: the type is sniffed from the bytes.
      { contentType: 'application/octet-stream', filename: 'skann.bin', content: pdf },
      { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', filename: 'notat fra tipser.docx', content: docx },
      { contentType: 'message/rfc822', filename: 'videresendt.eml', content: forwarded, encoding: '8bit' },
    ],
  });

  beforeAll(async () => {
    rulesDir = mkdtempSync(path.join(os.tmpdir(), 'mottak-email-'));
    const rulesFile = path.join(rulesDir, 'retention.yaml');
    writeFileSync(rulesFile, ['version: test-email', 'rules:', "  - { category: '*', reviewAfterYears: 0, disposeAfterYears: 0 }", ''].join('\n'));
    mottak = await startTestMottak({ MOTTAK_RETENTION_RULES_FILE: rulesFile, MOTTAK_ATTACHMENT_LIMIT_BYTES: String(LIMIT) });
    kari = await mottak.bearer('kari');
  });
  afterAll(async () => {
    await mottak.close();
    rmSync(rulesDir, { recursive: true, force: true });
  });

  function importEml(message: Buffer | string, auth = kari, contentType = 'message/rfc822') {
    return mottak.http.post('/api/v1/reports/import/eml').set('Authorization', auth).set('Content-Type', contentType).send(message);
  }

  async function assessed(id: string): Promise<ReportJson> {
    return eventually(async () => {
      const response = await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', kari);
      return response.body.status === 'vurdert' ? (response.body as ReportJson) : undefined;
    }, `report ${id} to be assessed`);
  }

  function expectProblem(response: Response, status: number, code: string): void {
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body.code).toBe(code);
  }

  async function reportCount(): Promise<number> {
    const response = await mottak.http.get('/api/v1/reports').query({ limit: 1 }).set('Authorization', kari);
    return response.body.total as number;
  }

  function binary(response: import('supertest').Test): import('supertest').Test {
    return response.buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
  }

  it('imports an .eml, extracts attachment text in the worker, finds it by attachment text, serves the files, hides them, and disposal removes them', async () => {
    const imported = await importEml(eml);
    expect(imported.status).toBe(202);
    expect(imported.body).toMatchObject({ status: 'mottatt', replayed: false });
    const id = imported.body.id as string;

    // The same bytes again are the same report, not a second one.
    const again = await importEml(eml);
    expect(again.status).toBe(202);
    expect(again.body).toMatchObject({ id, replayed: true });

    const report = await assessed(id);
    expect(report).toMatchObject({
      channel: 'e-post',
      title: 'Tips om møte ved kraftstasjonen',
      reporterContact: { name: 'Bjørn Tipser', email: 'bjorn.tipser@example.no' },
      source: { kind: 'user', username: 'kari' },
      original: { size: eml.length, contentType: 'message/rfc822', messageId: '<tips-0001@example.no>' },
    });
    expect(report.body).toContain('mistenkelig ved kraftstasjonen');
    // A message forwarded as an attachment is read into the text as well.
    expect(report.body).toContain(`Videresendt melding`);
    expect(report.body).toContain(FORWARDED_WORD);
    expect(report.body).not.toContain(PDF_WORD);

    const attachments = report.attachments;
    const byName = Object.fromEntries(attachments.map((a) => [a.filename, a]));
    expect(Object.keys(byName).sort()).toEqual(['notat fra tipser.docx', 'skann.bin', 'videresendt.eml']);
    expect(byName['skann.bin']).toMatchObject({ contentType: 'application/pdf', declaredType: 'application/octet-stream', size: pdf.length, extraction: { status: 'extracted' } });
    expect(byName['notat fra tipser.docx']).toMatchObject({ contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extraction: { status: 'extracted' } });
    expect(byName['videresendt.eml']).toMatchObject({ contentType: 'message/rfc822', extraction: { status: 'extracted' } });
    const pdfSha = byName['skann.bin']!.sha256;
    const docxSha = byName['notat fra tipser.docx']!.sha256;

    // The assessment found identifiers that appear only in the attachments, marked with their attachment.
    const entities = report.assessment.entities;
    expect(entities).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'kontonummer', value: '12345678903', attachment: pdfSha }),
      expect.objectContaining({ type: 'phone', value: '+4741555123', attachment: docxSha }),
    ]));

    const listed = await mottak.http.get(`/api/v1/reports/${id}/attachments`).set('Authorization', kari);
    expect(listed.status).toBe(200);
    expect(listed.body.attachments).toHaveLength(3);
    expect(listed.body.original).toMatchObject({ size: eml.length });

    // Downloads: the sniffed type, always as an attachment, never sniffed again; the original byte for byte.
    const download = await binary(mottak.http.get(`/api/v1/reports/${id}/attachments/${pdfSha}`).set('Authorization', kari));
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="skann.bin"; filename*=UTF-8''skann.bin`);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);
    const docxDownload = await binary(mottak.http.get(`/api/v1/reports/${id}/attachments/${docxSha}`).set('Authorization', kari));
    expect(docxDownload.headers['content-disposition']).toContain(`filename*=UTF-8''notat%20fra%20tipser.docx`);
    const original = await binary(mottak.http.get(`/api/v1/reports/${id}/original`).set('Authorization', kari));
    expect(original.status).toBe(200);
    expect(original.headers['content-type']).toMatch(/^message\/rfc822/);
    expect(Buffer.compare(original.body as Buffer, eml)).toBe(0);
    expectProblem(await mottak.http.get(`/api/v1/reports/${id}/attachments/${'0'.repeat(64)}`).set('Authorization', kari), 404, 'NOT_FOUND');

    // Registered HEMMELIG in a compartment; search finds it by a word and an identifier only the attachments hold.
    const registered = await mottak.http.post(`/api/v1/reports/${id}/registration`).set('Authorization', kari).send({ gradering: 'HEMMELIG', compartments: ['kontraetterretning'] });
    expect(registered.status).toBe(201);
    const sander = await mottak.bearer('sander');
    await eventually(async () => {
      const hits = await mottak.http.get('/api/v1/search').query({ q: PDF_WORD }).set('Authorization', sander);
      return (hits.body.hits as Array<{ id: string }> | undefined)?.some((h) => h.id === id) ? true : undefined;
    }, 'the report to be found by attachment text');
    const byPhone = await mottak.http.get('/api/v1/search').query({ q: '41555123' }).set('Authorization', sander);
    expect((byPhone.body.hits as Array<{ id: string }>).map((h) => h.id)).toContain(id);

    // Kim (BEGRENSET, no compartment) gets exactly what a missing report gives, on every file route.
    const kim = await mottak.bearer('kim');
    for (const suffix of ['/attachments', `/attachments/${pdfSha}`, '/original']) {
      const hidden = await mottak.http.get(`/api/v1/reports/${id}${suffix}`).set('Authorization', kim);
      const missing = await mottak.http.get(`/api/v1/reports/${MISSING_ID}${suffix}`).set('Authorization', kim);
      expectProblem(hidden, 404, 'REPORT_NOT_FOUND');
      expect({ ...hidden.body, instance: undefined }).toEqual({ ...missing.body, instance: undefined });
    }
    const hiddenSearch = await mottak.http.get('/api/v1/search').query({ q: PDF_WORD }).set('Authorization', await mottak.bearer('siri'));
    expect(hiddenSearch.body.total).toBe(0);

    // Every fetch is audited, the refused ones too.
    const audit = await mottak.http.get('/api/v1/audit').query({ action: 'report.attachment.read' }).set('Authorization', await mottak.bearer('rita'));
    expect(audit.status).toBe(200);
    const entries = (Array.isArray(audit.body) ? audit.body : audit.body.items) as Array<{ actor: string; subjectId: string; details: Record<string, unknown> }>;
    expect(entries).toEqual(expect.arrayContaining([
      expect.objectContaining({ actor: 'user:kari', subjectId: id, details: expect.objectContaining({ sha256: pdfSha, outcome: 'shown' }) }),
      expect.objectContaining({ actor: 'user:kim', subjectId: id, details: expect.objectContaining({ outcome: 'not_found' }) }),
    ]));

    // Disposal (four eyes) removes the files with the content: from the report, the API and the store.
    const store = mottak.running.core.deps.attachments!;
    expect(await store.get(pdfSha)).toBeDefined();
    const [frida, fiona] = [await mottak.bearer('frida'), await mottak.bearer('fiona')];
    const requested = await mottak.http.post(`/api/v1/reports/${id}/disposal`).set('Authorization', frida).send({ reason: 'Bevaringstiden er ute' });
    expect(requested.status).toBe(202);
    const approved = await mottak.http.post(`/api/v1/approvals/${requested.body.id as string}/decision`).set('Authorization', fiona).send({ approve: true });
    expect(approved.status).toBe(200);
    const after = await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', kari);
    expect(after.body.attachments).toBeUndefined();
    expect(after.body.original).toBeUndefined();
    expect(JSON.stringify(after.body)).not.toMatch(/skann\.bin|notat fra tipser|Lyngheia/);
    expect((await mottak.http.get(`/api/v1/reports/${id}/attachments`).set('Authorization', kari)).body).toEqual({ attachments: [] });
    expectProblem(await mottak.http.get(`/api/v1/reports/${id}/attachments/${pdfSha}`).set('Authorization', kari), 404, 'NOT_FOUND');
    expectProblem(await mottak.http.get(`/api/v1/reports/${id}/original`).set('Authorization', kari), 404, 'NOT_FOUND');
    expect(await store.get(pdfSha)).toBeUndefined();
    expect(await store.get(docxSha)).toBeUndefined();
    expect(await store.get(report.original.sha256)).toBeUndefined();
    expect(await store.listFor(id)).toEqual([]);
    await eventually(async () => {
      const hits = await mottak.http.get('/api/v1/search').query({ q: PDF_WORD }).set('Authorization', sander);
      return (hits.body.hits as Array<{ id: string }>).some((h) => h.id === id) ? undefined : true;
    }, 'the report to leave the index');
  });

  it('takes attachments on the JSON intake of any channel, flags what cannot be read, and never drops it', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f30000000049454e44ae426082', 'hex');
    const files = [
      { filename: 'rapport.pdf', contentBase64: makePdf(['Partnerens vedlegg nevner Svartskjæret.']).toString('base64'), contentType: 'application/pdf' },
      { filename: 'låst.pdf', contentBase64: makePdf(['Hemmelig'], { encrypted: true }).toString('base64') },
      { filename: 'ødelagt.pdf', contentBase64: makePdf(['Avkuttet']).subarray(0, 60).toString('base64') },
      { filename: 'bilde.pdf', contentBase64: png.toString('base64'), contentType: 'application/pdf' },
      { filename: 'ukjent.dat', contentBase64: Buffer.from([0, 1, 2, 3, 250, 251, 252, 0, 9]).toString('base64') },
      { filename: '../../etc/passwd', contentBase64: Buffer.from('Ren tekst i et vedlegg.\n').toString('base64') },
    ];
    const sent = await mottak.http
      .post('/api/v1/reports')
      .set('X-API-Key', mottak.partnerKey)
      .send({ channel: 'partner', title: 'Melding med vedlegg', body: 'Se vedlagte filer.', attachments: files });
    expect(sent.status).toBe(202);
    const report = await assessed(sent.body.id as string);
    const attachments = report.attachments;
    expect(attachments.map((a) => a.filename)).toEqual(['rapport.pdf', 'låst.pdf', 'ødelagt.pdf', 'bilde.pdf', 'ukjent.dat', 'passwd']);
    expect(attachments.map((a) => [a.contentType, a.extraction.status, a.extraction.failure])).toEqual([
      ['application/pdf', 'extracted', undefined],
      ['application/pdf', 'failed', 'encrypted'],
      ['application/pdf', 'failed', 'corrupt'],
      ['image/png', 'failed', 'unsupported'],
      ['application/octet-stream', 'failed', 'unsupported'],
      ['text/plain; charset=utf-8', 'extracted', undefined],
    ]);
    expect(attachments[1]?.extraction.reason).toMatch(/passord/);
    // Unreadable files are kept: each can still be downloaded as it came.
    for (const [i, attachment] of attachments.entries()) {
      const response = await binary(mottak.http.get(`/api/v1/reports/${report.id}/attachments/${attachment.sha256}`).set('Authorization', kari));
      expect(response.status).toBe(200);
      expect((response.body as Buffer).toString('base64')).toBe(files[i]?.contentBase64);
    }
    // A masked reader (no need for personal data) may see the report but not fetch its files.
    const registered = await mottak.http.post(`/api/v1/reports/${report.id}/registration`).set('Authorization', kari).send({ gradering: 'BEGRENSET' });
    expect(registered.status).toBe(201);
    const siri = await mottak.bearer('siri');
    expect((await mottak.http.get(`/api/v1/reports/${report.id}/attachments`).set('Authorization', siri)).status).toBe(200);
    expectProblem(await mottak.http.get(`/api/v1/reports/${report.id}/attachments/${attachments[0]!.sha256}`).set('Authorization', siri), 403, 'PERSONAL_DATA_NEED_REQUIRED');
  });

  it('refuses what is not a message with a clear 400, too much with 413, and writes nothing half', async () => {
    const before = await reportCount();
    expectProblem(await importEml(Buffer.alloc(0)), 400, 'EMAIL_INVALID');
    expectProblem(await importEml(Buffer.from('89504e470d0a1a0a0000000d4948445200', 'hex')), 400, 'EMAIL_INVALID');
    expectProblem(await importEml('Bare litt tekst\nuten noen meldingshoder\n'), 400, 'EMAIL_INVALID');
    expectProblem(await importEml(JSON.stringify({ eml: 'x' }), kari, 'application/json'), 415, 'UNSUPPORTED_MEDIA_TYPE');
    expectProblem(await importEml(Buffer.alloc(LIMIT + 1, 0x41)), 413, 'PAYLOAD_TOO_LARGE');
    expectProblem(await importEml(eml, await mottak.bearer('siri')), 403, 'FORBIDDEN');
    expect((await mottak.http.post('/api/v1/reports/import/eml').set('Content-Type', 'message/rfc822').send(eml)).status).toBe(401);

    const tooLarge = await mottak.http
      .post('/api/v1/reports')
      .set('Authorization', kari)
      .send({ channel: 'telefon', title: 'For stort', body: 'Vedlegget er for stort.', attachments: [{ filename: 'a.bin', contentBase64: Buffer.alloc(LIMIT + 1).toString('base64') }] });
    expectProblem(tooLarge, 413, 'ATTACHMENT_TOO_LARGE');
    expect(tooLarge.body.errors).toEqual([{ field: 'attachments.0.contentBase64', message: expect.any(String) }]);
    const badBase64 = await mottak.http
      .post('/api/v1/reports')
      .set('Authorization', kari)
      .send({ channel: 'telefon', title: 'Feil', body: 'Feil base64.', attachments: [{ filename: 'a.bin', contentBase64: '@@@ ikke base64' }] });
    expectProblem(badBase64, 400, 'VALIDATION_FAILED');
    expect(badBase64.body.errors).toEqual([{ field: 'body.attachments.0.contentBase64', message: expect.any(String) }]);
    expect(await reportCount()).toBe(before);
  });

  it('keeps damaged and odd messages as received: broken MIME, invalid UTF-8, no text, a 10 MB body', async () => {
    const broken = Buffer.from(
      'From: a@example.no\r\nSubject: Avbrutt melding\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nTeksten før bruddet\r\n--b\r\nContent-Type: application/pdf; name="x.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK%%%\r\n',
    );
    const invalidUtf8 = Buffer.concat([
      Buffer.from('From: b@example.no\r\nSubject: Ugyldig UTF-8\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nF\u00f8r '),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(' etter \u200f\u05e9\u05dc\u05d5\u05dd 🙂\r\n'),
    ]);
    const noText = Buffer.from('From: c@example.no\r\nTo: mottak@example.no\r\n\r\n');
    const huge = Buffer.concat([Buffer.from('From: d@example.no\r\nSubject: Stor melding\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n'), Buffer.alloc(10 * 1024 * 1024, 'Lang tekst om ingenting. ')]);

    for (const [message, check] of [
      [broken, (r: ReportJson) => expect(r.body).toContain('Teksten før bruddet')],
      [invalidUtf8, (r: ReportJson) => expect(r.body).toMatch(/Før \uFFFD+ etter/)],
      [noText, (r: ReportJson) => expect(r).toMatchObject({ title: '(uten emne)', body: '(meldingen har ingen tekst)' })],
      [huge, (r: ReportJson) => expect(r.body).toMatch(/hele meldingen er lagret som original\]$/)],
    ] as const) {
      const response = await importEml(message);
      expect(response.status).toBe(202);
      const report = await assessed(response.body.id as string);
      check(report);
      expect(report.original.size).toBe(message.length);
      const original = await binary(mottak.http.get(`/api/v1/reports/${report.id}/original`).set('Authorization', kari));
      expect(Buffer.compare(original.body as Buffer, message)).toBe(0);
    }
  });
});
