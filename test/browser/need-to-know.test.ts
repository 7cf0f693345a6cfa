import { DEMO_PASSWORD } from '@mottak/bootstrap';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';
import { type Browser, checkScreen, describeInBrowser, ensureWebBuild, launchChromium, logIn, newContext } from './support/browser-kit';

jest.setTimeout(180_000);

describeInBrowser('the web app: masked personal data, asking for access, and four-eyes decisions', () => {
  let mottak: TestMottak;
  let browser: Browser;
  let maskedId: string;
  let hiddenId: string;

  beforeAll(async () => {
    const webRoot = ensureWebBuild();
    mottak = await startTestMottak({}, { webRoot });
    browser = await launchChromium();
    const sander = await mottak.bearer('sander');
    maskedId = await eventually(async () => {
      const response = await mottak.http.get('/api/v1/search').query({ q: 'kraftstasjon' }).set('Authorization', sander);
      return response.body.hits[0]?.id as string | undefined;
    }, 'the demo BEGRENSET report to be indexed');
    hiddenId = await eventually(async () => {
      const response = await mottak.http.get('/api/v1/search').query({ q: 'propaganda' }).set('Authorization', sander);
      return response.body.hits[0]?.id as string | undefined;
    }, 'the demo KONFIDENSIELT report to be indexed');
  });
  afterAll(async () => {
    await browser?.close();
    await mottak?.close();
  });

  it('a search user without the need sees a report with the phone number masked, and is told why', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'siri', DEMO_PASSWORD);
    await page.goto(`${mottak.url}/rapport/${maskedId}`);
    await page.getByText('Personopplysninger (fødselsnummer').waitFor();
    const text = await page.locator('main').textContent();
    expect(text).toContain('[telefonnummer skjult]');
    expect(text).not.toContain('922 33 444');
    expect(await checkScreen(page, '30-rapport-maskert')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a hidden report offers a grant request; a supervisor approves it on the access page', async () => {
    const kim = await newContext(browser);
    await logIn(kim.page, mottak.url, 'kim', DEMO_PASSWORD);
    await kim.page.goto(`${mottak.url}/rapport/${hiddenId}`);
    await kim.page.getByRole('heading', { name: 'Be om tilgang' }).waitFor();
    await kim.page.getByLabel('Begrunnelse (tjenstlig behov)').fill('Trenger rapporten for oppfølging av radikaliseringssak');
    await kim.page.getByRole('button', { name: 'Send forespørsel' }).click();
    await kim.page.getByText('Forespørselen er sendt').waitFor();
    expect(await checkScreen(kim.page, '31-rapport-be-om-tilgang')).toEqual([]);
    expect(kim.problems.filter((p) => !p.includes('404'))).toEqual([]);
    await kim.context.close();

    const frida = await newContext(browser);
    await logIn(frida.page, mottak.url, 'frida', DEMO_PASSWORD);
    await frida.page.goto(`${mottak.url}/tilgang`);
    const row = frida.page.getByRole('row', { name: /radikaliseringssak/ });
    await row.waitFor();
    expect(await checkScreen(frida.page, '32-tilgang-fire-oyne')).toEqual([]);
    await row.getByRole('button', { name: 'Godkjenn' }).click();
    await row.getByText('Godkjent').waitFor();
    expect(frida.problems).toEqual([]);
    await frida.context.close();

    // Kim's klarering is BEGRENSET: the grant is need-to-know, never clearance, so the KONFIDENSIELT
    // report stays closed for him.
    const response = await mottak.http.get(`/api/v1/reports/${hiddenId}`).set('Authorization', await mottak.bearer('kim'));
    expect(response.status).toBe(404);
  });
});
