import { DEMO_PASSWORD } from '@mottak/bootstrap';
import { BODY, EDITED_BODY, TITLE } from '../support/seen-before-text';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';
import { type Browser, checkScreen, describeInBrowser, ensureWebBuild, launchChromium, logIn, newContext } from './support/browser-kit';

jest.setTimeout(180_000);


describeInBrowser('the web app: «sett før» with near-duplicates and identifiers in earlier reports', () => {
  let mottak: TestMottak;
  let browser: Browser;
  let earlier: { id: string; journalNumber: string };
  let latestId: string;

  /** Kari sends a report by phone note, waits for its assessment, and registers it as BEGRENSET. */
  async function registered(body: string): Promise<{ id: string; journalNumber: string }> {
    const kari = await mottak.bearer('kari');
    const intake = await mottak.http.post('/api/v1/reports').set('Authorization', kari).send({ channel: 'telefon', title: TITLE, body });
    const id = intake.body.id as string;
    await eventually(async () => ((await mottak.http.get(`/api/v1/reports/${id}/status`).set('Authorization', kari)).body.assessed ? true : undefined), 'assessment');
    const registration = await mottak.http.post(`/api/v1/reports/${id}/registration`).set('Authorization', kari).send({ gradering: 'BEGRENSET' });
    return { id, journalNumber: registration.body.registration.journalNumber as string };
  }

  beforeAll(async () => {
    const webRoot = ensureWebBuild();
    mottak = await startTestMottak({}, { webRoot });
    browser = await launchChromium();
    earlier = await registered(BODY);
    latestId = (await registered(EDITED_BODY)).id;
  });
  afterAll(async () => {
    await browser?.close();
    await mottak?.close();
  });

  it('a coordinator sees the earlier report as a near-duplicate and the shared phone number with a link to it', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'kari', DEMO_PASSWORD);
    await page.goto(`${mottak.url}/rapport/${latestId}`);
    await page.getByRole('heading', { name: 'Mulige nærduplikater' }).waitFor();
    const near = page.getByTestId('naerduplikater');
    await near.getByRole('link', { name: earlier.journalNumber }).waitFor();
    expect(await near.textContent()).toMatch(/\d+\s%\slik tekst/);
    const overlaps = page.getByTestId('felles-identifikatorer');
    expect(await overlaps.textContent()).toContain(`Telefonnummeret +4748123456 finnes i 1 tidligere rapport (1 registrert: ${earlier.journalNumber})`);
    expect(await checkScreen(page, '40-rapport-sett-for')).toEqual([]);
    await overlaps.getByRole('link', { name: earlier.journalNumber }).first().click();
    await page.waitForURL(`${mottak.url}/rapport/${earlier.id}`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a search user without the need sees the near-duplicate and the IP address, but no overlap on the phone number', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'siri', DEMO_PASSWORD);
    await page.goto(`${mottak.url}/rapport/${latestId}`);
    await page.getByRole('heading', { name: 'Mulige nærduplikater' }).waitFor();
    const overlaps = await page.getByTestId('felles-identifikatorer').textContent();
    expect(overlaps).toContain('IP-adressen 203.0.113.77 finnes i 1 tidligere rapport');
    expect(overlaps).not.toContain('Telefonnummeret');
    expect(problems).toEqual([]);
    await context.close();
  });
});
