import { DEMO_PASSWORD } from '@mottak/bootstrap';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';
import { type Browser, describeInBrowser, ensureWebBuild, launchChromium, logIn, newContext } from './support/browser-kit';

jest.setTimeout(180_000);

/** More than three of the API's 200-report pages. */
const REPORTS = 650;

describeInBrowser('the triage queue with many open reports', () => {
  let mottak: TestMottak;
  let browser: Browser;
  let total: number;

  beforeAll(async () => {
    const webRoot = ensureWebBuild();
    mottak = await startTestMottak({ MOTTAK_DEMO_SEED: 'true' }, { webRoot });
    browser = await launchChromium();
    const kari = await mottak.bearer('kari');
    for (let i = 0; i < REPORTS; i += 25) {
      await Promise.all(
        Array.from({ length: Math.min(25, REPORTS - i) }, (_, j) =>
          mottak.http
            .post('/api/v1/reports')
            .set('Authorization', kari)
            .send({ channel: 'telefon', title: `Telefonnotat ${String(i + j).padStart(4, '0')}`, body: `Innringer nummer ${i + j} meldte en observasjon.` })
            .expect(202),
        ),
      );
    }
    await eventually(async () => {
      const waiting = await mottak.http.get('/api/v1/reports').query({ status: 'mottatt', limit: 1 }).set('Authorization', kari);
      return waiting.body.total === 0 ? true : undefined;
    }, 'every report to be assessed', 120_000);
    total = (await mottak.http.get('/api/v1/reports').query({ status: 'mottatt,vurdert', limit: 1 }).set('Authorization', kari)).body.total;
    expect(total).toBeGreaterThanOrEqual(REPORTS);
  });
  afterAll(async () => {
    await browser?.close();
    await mottak?.close();
  });

  it('reads every page of the queue but keeps only the rows in view in the page', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'kari', DEMO_PASSWORD);
    await page.waitForURL('**/mottak');
    await page.getByRole('heading', { level: 1, name: `Mottak: ${total} åpne` }).waitFor();
    const listbox = page.getByRole('listbox');
    // The top of the desk comes first; the label says so until the whole queue is read.
    expect(await listbox.getAttribute('aria-label')).toContain(`${total} åpne rapporter`);
    await eventually(async () => ((await listbox.getAttribute('aria-label'))?.includes('lest inn så langt') ? undefined : true), 'the whole queue to be read');
    // Virtualised: a few dozen rows exist, each telling its place in the whole list.
    const rendered = await page.locator('[role="option"]').count();
    expect(rendered).toBeGreaterThan(5);
    expect(rendered).toBeLessThan(60);
    expect(await page.locator('[role="option"]').first().getAttribute('aria-setsize')).toBe(String(total));

    // With the queue focused, End jumps to the last report, which is then in the DOM and selected.
    await listbox.focus();
    await page.keyboard.press('End');
    const last = page.locator('[role="option"][aria-selected="true"]');
    await eventually(async () => ((await last.getAttribute('aria-posinset')) === String(total) ? true : undefined), 'the last row to be selected');
    expect(await page.locator('[role="option"]').count()).toBeLessThan(60);
    await page.keyboard.press('Enter');
    const title = (await last.locator('.queue-title').textContent()) ?? '';
    await page.getByRole('heading', { level: 2, name: title }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
