import { DEMO_PASSWORD } from '@mottak/bootstrap';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';
import { type Browser, checkScreen, describeInBrowser, ensureWebBuild, launchChromium, logIn, newContext, type Page } from './support/browser-kit';

jest.setTimeout(180_000);

const TIP = {
  channel: 'tipsskjema',
  title: 'Trussel mot rådhuset i Kvernhusveien',
  body: 'En mann ringte fra 922 33 444 og truet med bombe mot rådhuset i Kvernhusveien.\r\nHan sendte også e-post fra trussel@example.com.',
};

/** The text of the queue row the keyboard has selected. */
async function activeRow(page: Page): Promise<string> {
  return (await page.locator('[role="option"][aria-selected="true"]').textContent()) ?? '';
}

describeInBrowser('the web app: a coordinator triages with the keyboard, search users find only what they may see', () => {
  let mottak: TestMottak;
  let browser: Browser;
  let tipId: string;
  let journalNumber: string;

  beforeAll(async () => {
    const webRoot = ensureWebBuild();
    mottak = await startTestMottak({}, { webRoot });
    browser = await launchChromium();
    const receipt = await mottak.http.post('/api/v1/reports').send(TIP);
    tipId = receipt.body.id;
    const kari = await mottak.bearer('kari');
    await eventually(async () => {
      const report = await mottak.http.get(`/api/v1/reports/${tipId}`).set('Authorization', kari);
      return report.body.status === 'vurdert' ? true : undefined;
    }, 'the tip to be assessed');
  });
  afterAll(async () => {
    await browser?.close();
    await mottak?.close();
  });

  it('kari logs in, finds the tip in the queue, overrides priority and gradering and registers it — keyboard only', async () => {
    const { context, page, problems } = await newContext(browser);
    await page.goto(`${mottak.url}/`);
    await page.waitForURL('**/logg-inn');
    expect(await checkScreen(page, '01-innlogging')).toEqual([]);

    // The username field has focus; type, Tab, type, Enter.
    await page.keyboard.type('kari');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/mottak');
    const header = page.getByTestId('innlogget-bruker');
    await expect(header.textContent()).resolves.toContain('Kari Koordinator');
    await expect(header.textContent()).resolves.toContain('klarering HEMMELIG');
    await expect(header.textContent()).resolves.toContain('FRS');

    await page.locator('[role="option"]').first().waitFor();
    const rows = await page.locator('[role="option"]').count();
    expect(rows).toBeGreaterThanOrEqual(3);
    // Most urgent first: the bomb threat is P1 and arrived last, yet it is at the top.
    expect(await activeRow(page)).toContain(TIP.title);
    await page.keyboard.press('j');
    expect(await activeRow(page)).not.toContain(TIP.title);
    await page.keyboard.press('k');
    expect(await activeRow(page)).toContain(TIP.title);

    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: TIP.title }).waitFor();
    const marks = page.locator('[data-testid="rapporttekst"] mark.entity');
    expect(await marks.allTextContents()).toEqual(expect.arrayContaining([expect.stringContaining('922 33 444'), expect.stringContaining('trussel@example.com')]));
    await page.getByRole('region', { name: 'Regler som slo til' }).waitFor();
    expect(await checkScreen(page, '02-mottak-rapport-apnet')).toEqual([]);

    // Override the suggested priority (P1 → P2) and set gradering UGRADERT, then register.
    await page.keyboard.press('2');
    expect(await page.getByLabel('Prioritet (1–4)').inputValue()).toBe('P2');
    await page.keyboard.press('g');
    expect(await page.locator(':focus').getAttribute('id')).toBe(await page.getByLabel('Gradering (g)').getAttribute('id'));
    await page.keyboard.press('U');
    await page.keyboard.press('Escape');
    expect(await page.getByLabel('Gradering (g)').inputValue()).toBe('UGRADERT');
    await page.keyboard.press('r');

    const shown = page.getByTestId('journalnummer');
    await shown.waitFor();
    journalNumber = (await shown.textContent()) ?? '';
    expect(journalNumber).toMatch(/^\d{4}\/\d{6}$/);
    expect(await checkScreen(page, '03-mottak-registrert')).toEqual([]);

    const stored = await mottak.http.get(`/api/v1/reports/${tipId}`).set('Authorization', await mottak.bearer('kari'));
    expect(stored.body).toMatchObject({ status: 'registrert', gradering: 'UGRADERT', registration: { journalNumber, priority: 'P2', priorityOverridden: true, categoryOverridden: false } });
    // The registered report leaves the queue.
    await eventually(async () => ((await page.locator('[role="option"]', { hasText: TIP.title }).count()) === 0 ? true : undefined), 'the queue to drop the registered report');

    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Hurtigtaster i mottaket' }).waitFor();
    expect(await checkScreen(page, '04-mottak-hurtigtaster')).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    // n opens the form for phone notes.
    await page.keyboard.press('n');
    await page.waitForURL('**/mottak/ny');
    await page.getByRole('heading', { level: 1, name: 'Ny rapport' }).waitFor();
    expect(await checkScreen(page, '05-ny-rapport')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a coordinator records a phone note and opens it in the queue', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'kim', DEMO_PASSWORD);
    await page.goto(`${mottak.url}/mottak/ny`);
    await page.getByLabel('Tittel').fill('Telefon fra vaktmester');
    await page.getByLabel('Hva ble meldt?').fill('Vaktmesteren så en ukjent person ved serverrommet. Ring tilbake på 400 00 000.');
    await page.getByRole('button', { name: 'Lagre rapport' }).click();
    await page.getByText('Rapporten er mottatt og lagret').waitFor();
    expect(await checkScreen(page, '06-ny-rapport-lagret')).toEqual([]);
    await page.getByRole('link', { name: 'Åpne den i mottaket' }).click();
    await page.getByRole('heading', { level: 2, name: 'Telefon fra vaktmester' }).waitFor();
    await page.getByRole('button', { name: 'Registrer (r)' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('siri (søkebruker, BEGRENSET) finds the registered tip but not the HEMMELIG report; sander finds both', async () => {
    const siriToken = await mottak.bearer('siri');
    await eventually(async () => {
      const response = await mottak.http.get('/api/v1/search').query({ q: 'Kvernhusveien' }).set('Authorization', siriToken);
      return response.body.total === 1 ? true : undefined;
    }, 'the registered tip to be indexed');

    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'siri', DEMO_PASSWORD);
    await page.waitForURL('**/sok');
    const search = page.getByRole('searchbox', { name: 'Søk i registrerte rapporter' });
    await search.fill('Kvernhusveien');
    await search.press('Enter');
    await page.getByTestId('treff-totalt').filter({ hasText: '1 treff' }).waitFor();
    const hit = page.locator('.hit').first();
    expect(await hit.textContent()).toContain(journalNumber);
    expect(await hit.locator('.snippet mark').first().textContent()).toMatch(/kvernhusveien/i);
    expect(await checkScreen(page, '07-sok-treff')).toEqual([]);

    // Siri has no need for personal data: searching by a phone number is refused, and she is told why.
    await search.fill('+47 922 33 444');
    await search.press('Enter');
    await page.getByText('krever tjenstlig behov for personopplysninger').waitFor();

    await search.fill('diplomat');
    await search.press('Enter');
    await page.getByTestId('treff-totalt').filter({ hasText: 'Ingen treff' }).waitFor();
    expect(await page.locator('.hit').count()).toBe(0);
    expect(await checkScreen(page, '08-sok-ingen-treff')).toEqual([]);

    await page.goto(`${mottak.url}/sok?q=${encodeURIComponent('Kvernhusveien')}`);
    await page.locator('.hit a').first().click();
    await page.getByRole('heading', { level: 1, name: TIP.title }).waitFor();
    await page.getByRole('heading', { name: 'Endringslogg' }).waitFor();
    await page.getByRole('table', { name: 'Endringslogg' }).waitFor();
    expect(await page.getByText(journalNumber).count()).toBeGreaterThan(0);
    expect(await checkScreen(page, '09-rapport')).toEqual([]);
    // The refused identifier search is the one expected error response.
    expect(problems.filter((problem) => !problem.includes('403'))).toEqual([]);
    await context.close();

    const sander = await newContext(browser);
    await logIn(sander.page, mottak.url, 'sander', DEMO_PASSWORD);
    await sander.page.goto(`${mottak.url}/sok?q=diplomat`);
    await sander.page.getByTestId('treff-totalt').filter({ hasText: '1 treff' }).waitFor();
    expect(await sander.page.locator('.hit').first().textContent()).toContain('HEMMELIG');
    // An identifier written another way finds the tip, and is shown as recognised.
    await sander.page.goto(`${mottak.url}/sok?q=${encodeURIComponent('+47 922 33 444')}`);
    await sander.page.getByText('Gjenkjente identifikatorer:').waitFor();
    expect(await sander.page.locator('.hit', { hasText: TIP.title }).count()).toBe(1);
    expect(sander.problems).toEqual([]);
    await sander.context.close();
  });
});
