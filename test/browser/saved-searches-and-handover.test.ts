import { DEMO_PASSWORD } from '@mottak/bootstrap';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';
import { type Browser, checkScreen, describeInBrowser, ensureWebBuild, launchChromium, logIn, newContext } from './support/browser-kit';

jest.setTimeout(180_000);

/** A word no demo report holds, so the saved search starts with no matches. */
const WORD = 'laserpekerangrep';

describeInBrowser('the web app: saved searches that alert on new matches, and shift handover notes', () => {
  let mottak: TestMottak;
  let browser: Browser;
  let kari: string;

  beforeAll(async () => {
    const webRoot = ensureWebBuild();
    mottak = await startTestMottak({}, { webRoot });
    browser = await launchChromium();
    kari = await mottak.bearer('kari');
  });
  afterAll(async () => {
    await browser?.close();
    await mottak?.close();
  });

  /** A partner notice, assessed by the worker; its id. */
  async function assessed(title: string, body: string): Promise<string> {
    const sent = await mottak.http.post('/api/v1/reports').set('X-API-Key', mottak.partnerKey).send({ channel: 'partner', title, body });
    expect(sent.status).toBe(202);
    const id = sent.body.id as string;
    await eventually(async () => ((await mottak.http.get(`/api/v1/reports/${id}`).set('Authorization', kari)).body.status === 'vurdert' ? true : undefined), 'the assessment');
    return id;
  }

  it('a search user saves a search, is told in the menu when a new matching report is registered, and opening it clears that', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'sander', DEMO_PASSWORD);
    await page.goto(`${mottak.url}/sok?q=${WORD}`);
    await page.getByTestId('treff-totalt').filter({ hasText: 'Ingen treff' }).waitFor();
    await page.getByLabel('Navn på søket').fill('Laserangrep mot fly');
    await page.getByRole('button', { name: 'Lagre søket' }).click();
    const saved = page.getByTestId('lagret-sok-Laserangrep mot fly');
    await saved.getByText('Ingen nye').waitFor();
    expect(await checkScreen(page, '60-sok-lagret')).toEqual([]);

    // Away from the search page: the menu is where the alert shows.
    await page.getByRole('link', { name: 'Tilgang' }).click();
    await page.waitForURL('**/tilgang');
    expect(await page.getByTestId('sok-nye-treff').count()).toBe(0);

    const id = await assessed('Laserpekerangrep mot politihelikopter', `Et ${WORD} mot politihelikopteret over Gardermoen i kveld.`);
    const registered = await mottak.http.post(`/api/v1/reports/${id}/registration`).set('Authorization', kari).send({ gradering: 'BEGRENSET', compartments: [] });
    expect(registered.status).toBe(201);

    const badge = page.getByTestId('sok-nye-treff');
    await badge.waitFor();
    expect(await badge.textContent()).toBe('Søk (1) nye treff i lagrede søk');
    expect(await checkScreen(page, '61-meny-nye-treff')).toEqual([]);

    await page.getByRole('link', { name: /^Søk \(1\)/ }).click();
    await page.waitForURL('**/sok');
    await saved.getByTestId('lagret-sok-nye').filter({ hasText: '1 ny' }).waitFor();
    await saved.getByRole('button', { name: 'Laserangrep mot fly', exact: true }).click();
    await page.waitForURL(/nye-siden=/);
    await page.getByTestId('treff-totalt').filter({ hasText: '1 treff' }).waitFor();
    await page.getByTestId('nytt-treff').waitFor();
    await saved.getByText('Ingen nye').waitFor();
    await badge.waitFor({ state: 'detached' });
    expect(await checkScreen(page, '62-lagret-sok-apnet')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a coordinator writes a handover note on the desk; the next coordinator sees the marker, the note and the «Overlevering» view, never a hidden report’s note', async () => {
    const title = 'Mann fotograferte vaktbu ved havna';
    const id = await assessed(title, 'En mann fotograferte vaktbua ved havna flere ganger i løpet av kvelden.');
    // A note on a HEMMELIG report in a compartment kim is not in: kim must never see it.
    const sander = await mottak.bearer('sander');
    const secret = await eventually(async () => {
      const found = await mottak.http.get('/api/v1/search').query({ q: 'diplomat' }).set('Authorization', sander);
      return found.body.total === 1 ? (found.body.hits[0].id as string) : undefined;
    }, 'the demo HEMMELIG report to be indexed');
    const hiddenNote = await mottak.http.post(`/api/v1/reports/${secret}/handover-notes`).set('Authorization', kari).send({ text: 'Hemmelig overlevering: kilden ringer i kveld' });
    expect(hiddenNote.status).toBe(201);

    const first = await newContext(browser);
    await logIn(first.page, mottak.url, 'kari', DEMO_PASSWORD);
    await first.page.goto(`${mottak.url}/mottak?rapport=${id}`);
    await first.page.getByRole('heading', { name: title }).waitFor();
    // The keyboard: `o` goes to the note field.
    await first.page.getByRole('heading', { name: title }).focus();
    await first.page.keyboard.press('o');
    const field = first.page.getByLabel('Notat til neste vakt (o)');
    expect(await field.evaluate((element) => element === (globalThis as unknown as { document: { activeElement: unknown } }).document.activeElement)).toBe(true);
    await first.page.keyboard.type('Ringte melder, venter på svar');
    await first.page.getByRole('button', { name: 'Lagre notat' }).click();
    await first.page.getByRole('list', { name: 'Overleveringsnotater, nyeste først' }).getByText('Ringte melder, venter på svar').waitFor();
    await first.page.locator('[role="option"]', { hasText: title }).getByTestId('overlevering-markor').waitFor();
    expect(await checkScreen(first.page, '63-mottak-overleveringsnotat')).toEqual([]);
    expect(first.problems).toEqual([]);
    await first.context.close();

    const next = await newContext(browser);
    await logIn(next.page, mottak.url, 'kim', DEMO_PASSWORD);
    await next.page.waitForURL('**/mottak');
    const row = next.page.locator('[role="option"]', { hasText: title });
    expect(await row.getByTestId('overlevering-markor').textContent()).toContain('1 notat til overlevering');
    await row.click();
    await next.page.getByRole('list', { name: 'Overleveringsnotater, nyeste først' }).getByText('Ringte melder, venter på svar').waitFor();
    expect(await next.page.getByText('Kari Koordinator', { exact: false }).count()).toBeGreaterThanOrEqual(1);

    await next.page.getByRole('link', { name: 'Overlevering' }).click();
    await next.page.waitForURL('**/mottak/overlevering');
    const handoverRow = next.page.getByTestId('overlevering-rad').filter({ hasText: title });
    await handoverRow.getByText('Ringte melder, venter på svar').waitFor();
    expect(await next.page.getByText('Hemmelig overlevering').count()).toBe(0);
    expect(await next.page.getByTestId('overlevering-rad').count()).toBe(1);
    expect(await checkScreen(next.page, '64-overlevering')).toEqual([]);
    expect(next.problems).toEqual([]);
    await next.context.close();
  });
});
