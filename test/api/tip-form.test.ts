import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';

/** The hidden one-time id of a rendered form. */
function formIdOf(html: string): string {
  const id = /name="skjemaId" value="([^"]+)"/.exec(html)?.[1];
  if (!id) throw new Error('no skjemaId in the form');
  return id;
}

describe('the public tip form (server-rendered HTML, no JavaScript needed)', () => {
  let mottak: TestMottak;
  beforeAll(async () => {
    mottak = await startTestMottak({ MOTTAK_DEMO_SEED: 'true', MOTTAK_TIP_RATE_LIMIT_PER_MINUTE: '6' });
  });
  afterAll(async () => {
    await mottak.close();
  });

  it('GET /tips is an accessible Norwegian HTML form with a strict CSP and no script', async () => {
    const response = await mottak.http.get('/tips');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('<html lang="nb">');
    expect(response.text).toContain('<form method="post" action="/tips"');
    expect(response.text).toContain('<label for="felt-tittel">');
    expect(response.text).not.toMatch(/<script/i);
    const csp = response.headers['content-security-policy'] as string;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toMatch(/style-src 'sha256-[A-Za-z0-9+/=]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('a posted form is stored as a tipsskjema report and answered with a receipt', async () => {
    const form = await mottak.http.get('/tips');
    const response = await mottak.http
      .post('/tips')
      .type('form')
      .send({ tittel: 'Drone over havna', beskrivelse: 'Så en drone over havna i natt, ring meg på 922 33 444.', navn: '', epost: 'tipser@example.no', telefon: '', skjemaId: formIdOf(form.text) });
    expect(response.status).toBe(202);
    expect(response.text).toContain('Takk for tipset');
    const id = /<span class="ref">([^<]+)<\/span>/.exec(response.text)?.[1];
    expect(id).toBeDefined();
    const kari = await mottak.bearer('kari');
    const report = await eventually(async () => {
      const read = await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', kari);
      return read.body.assessment ? read.body : undefined;
    }, 'the tip to be assessed');
    expect(report).toMatchObject({ channel: 'tipsskjema', title: 'Drone over havna', source: { kind: 'public' }, reporterContact: { email: 'tipser@example.no' } });
    expect(report.reporterContact.name).toBeUndefined();
  });

  it('sending the same form twice (double click, reload) stores one tip', async () => {
    const form = await mottak.http.get('/tips');
    const fields = { tittel: 'Samme tips', beskrivelse: 'Sendt to ganger.', skjemaId: formIdOf(form.text) };
    const first = await mottak.http.post('/tips').type('form').send(fields);
    const second = await mottak.http.post('/tips').type('form').send(fields);
    expect(second.status).toBe(202);
    const ref = (html: string) => /<span class="ref">([^<]+)<\/span>/.exec(html)?.[1];
    expect(ref(second.text)).toBe(ref(first.text));
    const edited = await mottak.http.post('/tips').type('form').send({ ...fields, beskrivelse: 'Endret etter «tilbake».' });
    expect(edited.status).toBe(409);
    expect(edited.text).toContain('allerede sendt inn');
    expect(edited.text).toContain('Endret etter «tilbake».');
    expect(formIdOf(edited.text)).not.toBe(fields.skjemaId);
  });

  it('invalid fields come back with Norwegian messages, the values kept and escaped', async () => {
    const response = await mottak.http
      .post('/tips')
      .type('form')
      .send({ tittel: '   ', beskrivelse: '<script>alert(1)</script>', epost: 'ikke-en-adresse' });
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('Du må rette opp dette før du kan sende tipset');
    expect(response.text).toContain('<a href="#felt-tittel">Skriv en kort tittel.</a>');
    expect(response.text).toContain('Skriv en gyldig e-postadresse');
    expect(response.text).toContain('id="felt-epost" name="epost" autocomplete="email" maxlength="320" aria-describedby="felt-epost-feil" aria-invalid="true" value="ikke-en-adresse"');
    expect(response.text).not.toContain('<script>alert(1)</script>');
    expect(response.text).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
  });

  it('a JSON body on the form route is refused as the wrong media type', async () => {
    const response = await mottak.http.post('/tips').send({ tittel: 'x', beskrivelse: 'y' });
    expect(response.status).toBe(415);
  });

  it('is described in the OpenAPI document as a form post answering HTML', async () => {
    const document = (await mottak.http.get('/api/v1/openapi.json')).body;
    expect(document.paths['/tips'].get.responses['200'].content['text/html']).toBeDefined();
    const post = document.paths['/tips'].post;
    expect(Object.keys(post.requestBody.content)).toEqual(['application/x-www-form-urlencoded']);
    expect(Object.keys(post.requestBody.content['application/x-www-form-urlencoded'].schema.properties)).toEqual(
      expect.arrayContaining(['tittel', 'beskrivelse', 'navn', 'epost', 'telefon', 'skjemaId']),
    );
  });

  it('shares the per-client rate limit with the JSON intake and says so in the form', async () => {
    // Earlier tests in this file used part of the limit of 6; use up the rest through the JSON intake.
    for (let i = 0; i < 6; i += 1) {
      await mottak.http.post('/api/v1/reports').send({ channel: 'tipsskjema', title: `Tips ${i}`, body: 'Tekst' });
    }
    const response = await mottak.http.post('/tips').type('form').send({ tittel: 'Ett til', beskrivelse: 'Over grensen' });
    expect(response.status).toBe(429);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.text).toContain('Du har sendt mange tips på kort tid');
    expect(response.text).toContain('Over grensen');
  });
});

describe('serving the browser app build', () => {
  let mottak: TestMottak;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = mkdtempSync(path.join(os.tmpdir(), 'mottak-web-'));
    mkdirSync(path.join(webRoot, 'assets'));
    writeFileSync(path.join(webRoot, 'index.html'), '<!doctype html><title>Mottak</title><div id="root"></div><script type="module" src="/assets/app-1234.js"></script>');
    writeFileSync(path.join(webRoot, 'assets', 'app-1234.js'), 'console.log("app")');
    mottak = await startTestMottak({ MOTTAK_DEMO_SEED: 'false' }, { webRoot });
  });
  afterAll(async () => {
    await mottak.close();
    rmSync(webRoot, { recursive: true, force: true });
  });

  it('serves index.html at / and for client-side routes, never cached', async () => {
    for (const route of ['/', '/sok', '/mottak/rapport/abc']) {
      const response = await mottak.http.get(route).set('Accept', 'text/html');
      expect(response.status).toBe(200);
      expect(response.text).toContain('<div id="root">');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with a long cache and a CSP without unsafe-inline', async () => {
    const response = await mottak.http.get('/assets/app-1234.js');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
    const page = await mottak.http.get('/').set('Accept', 'text/html');
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('leaves API, tip-form and missing-file paths to the server', async () => {
    const api = await mottak.http.get('/api/v1/nothing-here').set('Accept', 'text/html');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/problem\+json/);
    expect((await mottak.http.get('/assets/missing-9999.js')).status).toBe(404);
    expect((await mottak.http.get('/tips')).text).toContain('Tips oss');
  });
});
