import { DEMO_PASSWORD } from '@mottak/bootstrap';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';
import { type Browser, checkScreen, describeInBrowser, ensureWebBuild, launchChromium, logIn, newContext } from './support/browser-kit';

jest.setTimeout(180_000);

describeInBrowser('the web app: a live queue with deadlines, search facets and the identifier pivot', () => {
  let mottak: TestMottak;
  let browser: Browser;

  beforeAll(async () => {
    const webRoot = ensureWebBuild();
    mottak = await startTestMottak({}, { webRoot });
    browser = await launchChromium();
    const sander = await mottak.bearer('sander');
    await eventually(async () => {
      const response = await mottak.http.get('/api/v1/search').query({ q: 'tipser' }).set('Authorization', sander);
      return response.body.total === 2 ? true : undefined;
    }, 'the demo reports to be indexed');
  });
  afterAll(async () => {
    await browser?.close();
    await mottak?.close();
  });

  it('a report sent while the queue is open appears in it, and is assessed in place, without a reload', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'kari', DEMO_PASSWORD);
    await page.waitForURL('**/mottak');
    await page.locator('[role="option"]').first().waitFor();
    // Every row shows the time left to its deadline.
    await page.locator('[role="option"] .sla').first().waitFor();
    expect(await page.locator('[role="option"] .sla').first().textContent()).toMatch(/igjen|over fristen/);
    // A reload would lose this.
    await page.evaluate(() => ((globalThis as unknown as { stillHere: boolean }).stillHere = true));

    const title = 'Ukjent person tok bilder av vannverket';
    const receipt = await mottak.http
      .post('/api/v1/reports')
      .send({ channel: 'tipsskjema', title, body: 'En ukjent person tok bilder av inngangen til vannverket i morges og kjørte en hvit bil.' });
    expect(receipt.status).toBe(202);

    const row = page.locator('[role="option"]', { hasText: title });
    await row.waitFor();
    // First "Vurderes" (no assessment yet), then the worker's priority and a registration deadline.
    await row.locator('.pending-tag').waitFor({ state: 'detached' });
    expect(await row.locator('.sla').getAttribute('title')).toMatch(/^Registreres innen/);
    expect(await page.evaluate(() => (globalThis as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    expect(await checkScreen(page, '20-mottak-live-ko-med-frister')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a report whose assessment keeps failing says so in the queue and on the report, never just «Vurderes»', async () => {
    const deps = mottak.running.core.deps;
    const working = deps.ruleSet;
    deps.ruleSet = () => {
      throw new Error('Regelsettet kunne ikke leses: disken svarer ikke');
    };
    try {
      const { context, page, problems } = await newContext(browser);
      await logIn(page, mottak.url, 'kari', DEMO_PASSWORD);
      await page.waitForURL('**/mottak');
      const title = 'Pakke satt igjen ved rådhuset';
      const receipt = await mottak.http.post('/api/v1/reports').send({ channel: 'tipsskjema', title, body: 'En pakke ble satt igjen ved inngangen til rådhuset i dag.' });
      expect(receipt.status).toBe(202);
      const row = page.locator('[role="option"]', { hasText: title });
      await row.locator('.pending-tag-failed').waitFor();
      await row.click();
      const notice = page.getByTestId('vurdering-feilet');
      await notice.waitFor();
      expect(await notice.textContent()).toContain('disken svarer ikke');
      expect(await checkScreen(page, '25-mottak-vurdering-feilet')).toEqual([]);
      expect(problems).toEqual([]);
      await context.close();
    } finally {
      deps.ruleSet = working;
    }
  });

  it('a P1 suggestion pops up as an alert on any page for a coordinator, and a break-glass use for a supervisor', async () => {
    const kari = await newContext(browser);
    await logIn(kari.page, mottak.url, 'kari', DEMO_PASSWORD);
    await kari.page.waitForURL('**/mottak');
    // On the search page, away from the queue: alerts follow the coordinator everywhere.
    await kari.page.goto(`${mottak.url}/sok`);
    const frida = await newContext(browser);
    await logIn(frida.page, mottak.url, 'frida', DEMO_PASSWORD);
    await frida.page.goto(`${mottak.url}/tilgang`);

    const receipt = await mottak.http.post('/api/v1/reports').send({ channel: 'tipsskjema', title: 'Akutt livsfare ved skolen', body: 'Akutt livsfare: en mann med våpen står ved skolen nå.' });
    expect(receipt.status).toBe(202);
    const alert = kari.page.getByTestId('varsel-p1');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('P1-forslag');
    expect(await checkScreen(kari.page, '23-varsel-p1')).toEqual([]);
    await alert.getByRole('link', { name: 'Åpne rapporten' }).click();
    await kari.page.waitForURL(`**/rapport/${receipt.body.id as string}`);
    await alert.waitFor({ state: 'detached' });

    // Kim breaks the glass on it once it is in a compartment he is not in; frida is alerted.
    const registered = await mottak.http
      .post(`/api/v1/reports/${receipt.body.id as string}/registration`)
      .set('Authorization', await mottak.bearer('kari'))
      .send({ gradering: 'BEGRENSET', compartments: ['kontraetterretning'] });
    expect(registered.status).toBe(201);
    const opened = await mottak.http
      .post(`/api/v1/reports/${receipt.body.id as string}/break-glass`)
      .set('Authorization', await mottak.bearer('kim'))
      .send({ reason: 'Vakthavende ba om å se den med en gang' });
    expect(opened.status).toBe(200);
    const glass = frida.page.getByTestId('varsel-break-glass');
    await glass.waitFor();
    expect(await glass.textContent()).toContain('Nødtilgang brukt av kim');
    expect(await checkScreen(frida.page, '24-varsel-nodtilgang')).toEqual([]);
    await glass.getByRole('button').first().click();
    await glass.waitFor({ state: 'detached' });
    expect(kari.problems).toEqual([]);
    expect(frida.problems).toEqual([]);
    await kari.context.close();
    await frida.context.close();
  });

  it('a search user narrows hits with facet checkboxes whose counts never include what they may not see', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'sander', DEMO_PASSWORD);
    await page.goto(`${mottak.url}/sok?q=tipser`);
    await page.getByTestId('treff-totalt').filter({ hasText: '2 treff' }).waitFor();
    const gradering = page.getByRole('group', { name: 'Gradering' });
    await gradering.getByRole('checkbox', { name: /KONFIDENSIELT \(1\)/ }).waitFor();
    expect(await gradering.getByRole('checkbox').count()).toBe(2);
    expect(await checkScreen(page, '21-sok-fasetter')).toEqual([]);

    // click, not check(): the box is controlled by the address, which updates a moment later.
    await gradering.getByRole('checkbox', { name: /KONFIDENSIELT/ }).click();
    await page.getByTestId('treff-totalt').filter({ hasText: '1 treff' }).waitFor();
    expect(page.url()).toContain('gradering=KONFIDENSIELT');
    const identifiers = page.getByRole('group', { name: 'Identifikator' }).getByRole('checkbox');
    expect(await identifiers.count()).toBe(1);
    expect(await identifiers.getAttribute('value')).toBe('fodselsnummer');
    await page.getByRole('checkbox', { name: /Fødselsnummer \(1\)/ }).waitFor();
    expect(await checkScreen(page, '22-sok-fasett-valgt')).toEqual([]);
    // The period: registered up to a day long before today finds nothing, and says so in the address.
    const period = page.getByRole('group', { name: 'Periode (registrert)' });
    await period.getByLabel('Fra og med').fill('01.01.2020');
    await period.getByLabel('Fra og med').press('Tab');
    await period.getByLabel('Til og med').fill('31.12.2020');
    await period.getByLabel('Til og med').press('Tab');
    await page.getByTestId('treff-totalt').filter({ hasText: 'Ingen treff' }).waitFor();
    expect(page.url()).toContain('fra=2020-01-01');
    expect(page.url()).toContain('til=2020-12-31');
    expect(await checkScreen(page, '22b-sok-periode')).toEqual([]);
    await context.close();

    // Siri (BEGRENSET) gets the same search with one hit, and no KONFIDENSIELT value to tick.
    const siri = await newContext(browser);
    await logIn(siri.page, mottak.url, 'siri', DEMO_PASSWORD);
    await siri.page.goto(`${mottak.url}/sok?q=tipser`);
    await siri.page.getByTestId('treff-totalt').filter({ hasText: '1 treff' }).waitFor();
    const siriGradering = siri.page.getByRole('group', { name: 'Gradering' }).getByRole('checkbox');
    expect(await siriGradering.count()).toBe(1);
    await siri.page.getByRole('checkbox', { name: /BEGRENSET \(1\)/ }).waitFor();
    expect(problems).toEqual([]);
    expect(siri.problems).toEqual([]);
    await siri.context.close();
  });

  it('clicking an identifier on a report searches for every report with it', async () => {
    const sander = await mottak.bearer('sander');
    const found = await mottak.http.get('/api/v1/search').query({ q: 'kraftstasjon' }).set('Authorization', sander);
    const reportId = found.body.hits[0].id as string;

    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'sander', DEMO_PASSWORD);
    await page.goto(`${mottak.url}/rapport/${reportId}`);
    const pivot = page.getByRole('table', { name: 'Identifikatorer' }).getByRole('link', { name: '+4792233444' });
    await pivot.click();
    await page.waitForURL(/\/sok\?q=%2B4792233444/);
    await page.getByTestId('treff-totalt').filter({ hasText: 'treff' }).waitFor();
    expect(await page.getByRole('link', { name: 'Mistenkelig fotografering ved kraftstasjon' }).count()).toBeGreaterThanOrEqual(1);
    expect(await checkScreen(page, '23-sok-identifikator-pivot')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
