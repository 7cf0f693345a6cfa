import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { makeEml, makePdf } from '@mottak/test-kit';
import { describeWithProductionEngines, type IsolatedProduction, isolatedProduction } from '../support/production-engines';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

/**
 * E-mail import with an attachment on the production engines: the report (with its attachments)
 * in MongoDB, the content in the Mongo attachment store, text extraction in the worker, search in
 * Elasticsearch, and disposal removing the content.
 */
describeWithProductionEngines('production e-mail intake test')('e-mail and attachments on the production profile', () => {
  const tag = `eml${process.pid}${Date.now().toString(36)}`;
  let mottak: TestMottak;
  let production: IsolatedProduction | undefined;
  let rulesDir: string;

  beforeAll(async () => {
    production = isolatedProduction(tag);
    rulesDir = mkdtempSync(path.join(os.tmpdir(), 'mottak-email-prod-'));
    const rulesFile = path.join(rulesDir, 'retention.yaml');
    writeFileSync(rulesFile, ['version: test-email', 'rules:', "  - { category: '*', reviewAfterYears: 0, disposeAfterYears: 0 }", ''].join('\n'));
    mottak = await startTestMottak({ ...production.config, MOTTAK_RETENTION_RULES_FILE: rulesFile });
  }, 60_000);

  afterAll(async () => {
    await mottak?.close();
    await production?.cleanup();
    rmSync(rulesDir, { recursive: true, force: true });
  });

  it('imports, extracts, finds by attachment text, serves the file and disposes of it', async () => {
    const pdf = makePdf(['Rapport om Kvitholmsundet og konto 1234.56.78903']);
    const eml = makeEml({ headers: { From: 'kilde@example.no', Subject: 'Tips med vedlegg' }, text: 'Se vedlagt PDF.', parts: [{ contentType: 'application/pdf', filename: 'rapport.pdf', content: pdf }] });
    const kari = await mottak.bearer('kari');
    const imported = await mottak.http.post('/api/v1/reports/import/eml').set('Authorization', kari).set('Content-Type', 'message/rfc822').send(eml);
    expect(imported.status).toBe(202);
    const id = imported.body.id as string;
    const report = await eventually(async () => {
      const response = await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', kari);
      return response.body.status === 'vurdert' ? response.body : undefined;
    }, 'assessment on the production engines', 20_000);
    expect(report.attachments).toEqual([expect.objectContaining({ filename: 'rapport.pdf', contentType: 'application/pdf', extraction: expect.objectContaining({ status: 'extracted' }) })]);
    const sha256 = report.attachments[0].sha256 as string;
    expect(report.assessment.entities).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'kontonummer', attachment: sha256 })]));

    expect((await mottak.http.post(`/api/v1/reports/${id}/registration`).set('Authorization', kari).send({ gradering: 'BEGRENSET' })).status).toBe(201);
    const sander = await mottak.bearer('sander');
    await eventually(async () => {
      const response = await mottak.http.get('/api/v1/search').query({ q: 'Kvitholmsundet' }).set('Authorization', sander);
      return response.body.total === 1 && response.body.hits[0].id === id ? true : undefined;
    }, 'the report to be found in Elasticsearch by attachment text', 20_000);

    const download = await mottak.http
      .get(`/api/v1/reports/${id}/attachments/${sha256}`)
      .set('Authorization', kari)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);

    const requested = await mottak.http.post(`/api/v1/reports/${id}/disposal`).set('Authorization', await mottak.bearer('frida')).send({ reason: 'Bevaringstiden er ute' });
    expect(requested.status).toBe(202);
    expect((await mottak.http.post(`/api/v1/approvals/${requested.body.id as string}/decision`).set('Authorization', await mottak.bearer('fiona')).send({ approve: true })).status).toBe(200);
    expect(await mottak.running.core.deps.attachments?.get(sha256)).toBeUndefined();
    expect((await mottak.http.get(`/api/v1/reports/${id}/original`).set('Authorization', kari)).status).toBe(404);
  });
});
