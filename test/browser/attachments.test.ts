import { readFileSync } from 'node:fs';
import { DEMO_PASSWORD } from '@mottak/bootstrap';
import { makeDocx, makeEml, makePdf } from '@mottak/test-kit';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';
import { type Browser, checkScreen, describeInBrowser, ensureWebBuild, launchChromium, logIn, newContext } from './support/browser-kit';

jest.setTimeout(180_000);

describeInBrowser('the web app: e-mail import and attachments', () => {
  let mottak: TestMottak;
  let browser: Browser;
  const pdf = makePdf(['Vedlagt rapport om Bjørnholmen']);
  const eml = makeEml({
    headers: { From: 'Kilde <kilde@example.no>', Subject: 'Tips med vedlegg fra nettleseren' },
    text: 'Se vedleggene.',
    parts: [
      { contentType: 'application/pdf', filename: 'rapport.pdf', content: pdf },
      { contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', filename: 'notat.docx', content: makeDocx(['Notat']) },
      { contentType: 'image/png', filename: 'bilde.png', content: Buffer.from('89504e470d0a1a0a0000000d4948445200', 'hex') },
    ],
  });

  beforeAll(async () => {
    const webRoot = ensureWebBuild();
    mottak = await startTestMottak({}, { webRoot });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await mottak?.close();
  });

  it('kari uploads an .eml on the intake page, sees the attachments with their extraction and downloads one', async () => {
    const { context, page, problems } = await newContext(browser, { acceptDownloads: true });
    await logIn(page, mottak.url, 'kari', DEMO_PASSWORD);
    await page.goto(`${mottak.url}/mottak/ny`);
    await page.getByLabel('E-postfil').setInputFiles({ name: 'tips.eml', mimeType: 'message/rfc822', buffer: eml });
    await page.getByRole('button', { name: 'Importer e-post' }).click();
    await page.getByText('E-posten er mottatt og lagret.').waitFor();
    expect(await checkScreen(page, '20-importer-e-post')).toEqual([]);

    const kari = await mottak.bearer('kari');
    const id = await eventually(async () => {
      const list = await mottak.http.get('/api/v1/reports').query({ status: 'vurdert', limit: 200 }).set('Authorization', kari);
      return (list.body.items as Array<{ id: string; title: string }>).find((r) => r.title === 'Tips med vedlegg fra nettleseren')?.id;
    }, 'the imported e-mail to be assessed');

    await page.goto(`${mottak.url}/rapport/${id}`);
    const table = page.getByRole('table', { name: 'Vedlegg' });
    await table.waitFor();
    const text = await table.textContent();
    expect(text).toContain('rapport.pdf');
    expect(text).toMatch(/Tekst hentet ut \(\d+ tegn\)/);
    expect(text).toContain('Word (DOCX)');
    expect(text).toContain('Ikke lest: Bilde');
    expect(text).toContain('Originalmeldingen (.eml)');
    expect(await checkScreen(page, '21-rapport-med-vedlegg')).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), table.getByRole('button', { name: 'Last ned rapport.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('rapport.pdf');
    expect(Buffer.compare(readFileSync((await download.path()) as string), pdf)).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});
