import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';
import { type Browser, checkScreen, describeInBrowser, launchChromium, newContext, screenshot, seriousA11yViolations } from './support/browser-kit';

jest.setTimeout(120_000);

describeInBrowser('the public tip form in a browser', () => {
  let mottak: TestMottak;
  let browser: Browser;

  beforeAll(async () => {
    // The tip form is served by the API itself; it needs no web build.
    mottak = await startTestMottak({ MOTTAK_DEMO_SEED: 'true' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await mottak?.close();
  });

  it('submits without JavaScript, shows field errors in Norwegian first, then a receipt', async () => {
    const { context, page, problems } = await newContext(browser, { javaScriptEnabled: false });
    await page.goto(`${mottak.url}/tips`);
    await page.getByRole('heading', { level: 1, name: 'Tips oss' }).waitFor();

    // Nothing filled in: the page comes back with an error summary and a message at each field.
    await page.getByRole('button', { name: 'Send tips' }).click();
    await page.getByText('Du må rette opp dette før du kan sende tipset').waitFor();
    expect(await page.getByRole('link', { name: 'Skriv en kort tittel.' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Beskriv hva du har sett eller hørt.' }).count()).toBe(1);
    expect(await page.getByLabel('Hva gjelder tipset?').getAttribute('aria-invalid')).toBe('true');
    // JavaScript is off, so axe cannot run here; the next test checks the same pages.
    await screenshot(page, '20-tips-feil');

    await page.getByLabel('Hva gjelder tipset?').fill('Mistenkelig drone ved havna');
    await page.getByLabel('Hva har du sett eller hørt?').fill('En drone fløy lavt over containerhavna i natt, ca. kl. 03.\nDen kom fra en båt med telefonnummer 922 33 444 malt på siden.');
    await page.getByLabel('E-post').fill('tipser@example.no');
    await page.getByRole('button', { name: 'Send tips' }).click();
    await page.getByRole('heading', { level: 1, name: 'Takk for tipset' }).waitFor();
    const reference = (await page.locator('.ref').textContent()) ?? '';
    expect(reference).toMatch(/^[0-9a-f-]{36}$/);
    await screenshot(page, '21-tips-kvittering');
    expect(problems).toEqual([]);
    await context.close();

    const kari = await mottak.bearer('kari');
    const report = await eventually(async () => {
      const response = await mottak.http.get(`/api/v1/reports/${reference}`).set('Authorization', kari);
      return response.body.assessment ? response.body : undefined;
    }, 'the tip to be assessed');
    expect(report).toMatchObject({ channel: 'tipsskjema', title: 'Mistenkelig drone ved havna', source: { kind: 'public' }, reporterContact: { email: 'tipser@example.no' } });
    expect(report.assessment.entities).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'phone', value: '+4792233444' })]));
  });

  it('form, error page and receipt have no serious or critical accessibility violations', async () => {
    // axe runs as a script, so this context has JavaScript; the pages themselves have none.
    const { context, page, problems } = await newContext(browser);
    await page.goto(`${mottak.url}/tips`);
    expect(await checkScreen(page, '22-tips-skjema')).toEqual([]);
    await page.getByRole('button', { name: 'Send tips' }).click();
    await page.getByText('Du må rette opp dette').waitFor();
    expect(await checkScreen(page, '23-tips-feil-a11y')).toEqual([]);
    await page.getByLabel('Hva gjelder tipset?').fill('Tips');
    await page.getByLabel('Hva har du sett eller hørt?').fill('Tekst');
    await page.getByRole('button', { name: 'Send tips' }).click();
    await page.getByRole('heading', { name: 'Takk for tipset' }).waitFor();
    expect(await checkScreen(page, '24-tips-kvittering-a11y')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('the accessibility check is real: it reports a page with unlabelled controls', async () => {
    const { context, page } = await newContext(browser);
    await page.setContent('<!doctype html><html lang="nb"><title>Feil</title><main><img src="data:,"><button></button><input></main></html>');
    const violations = await seriousA11yViolations(page);
    expect(violations.map((v) => v.id)).toEqual(expect.arrayContaining(['image-alt', 'button-name', 'label']));
    await context.close();
  });
});
