import { DEMO_PASSWORD } from '@mottak/bootstrap';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';
import { type Browser, checkScreen, describeInBrowser, ensureWebBuild, launchChromium, logIn, newContext } from './support/browser-kit';

jest.setTimeout(180_000);

describeInBrowser('the web app: supervisor, auditor and administrator pages', () => {
  let mottak: TestMottak;
  let browser: Browser;

  beforeAll(async () => {
    const webRoot = ensureWebBuild();
    mottak = await startTestMottak({}, { webRoot });
    browser = await launchChromium();
    // The demo's assessment jobs have run: the counts the page shows will hold still.
    const frida = await mottak.bearer('frida');
    await eventually(async () => {
      const counts = (await mottak.http.get('/api/v1/jobs/counts').set('Authorization', frida)).body as Record<string, number>;
      return (counts.waiting ?? 0) + (counts.active ?? 0) + (counts.delayed ?? 0) === 0 && (counts.completed ?? 0) > 0 ? true : undefined;
    }, 'the demo jobs to finish');
  });
  afterAll(async () => {
    await browser?.close();
    await mottak?.close();
  });

  it('frida (fagansvarlig) sees the job counts the API reports, a chart of them, the dead letters and the journal', async () => {
    const counts = (await mottak.http.get('/api/v1/jobs/counts').set('Authorization', await mottak.bearer('frida'))).body as Record<string, number>;
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'frida', DEMO_PASSWORD);
    await page.waitForURL('**/fagansvarlig');
    await page.getByTestId('jobbtall').waitFor();
    for (const state of ['waiting', 'active', 'completed', 'dead']) {
      expect(await page.locator(`[data-testid="jobbtall"] dd[data-state="${state}"]`).textContent()).toBe(String(counts[state] ?? 0));
    }
    expect(counts.completed).toBeGreaterThan(0);
    // The chart draws one bar per state, from the same numbers.
    await page.locator('.chart .recharts-bar-rectangle').first().waitFor();
    expect(await page.locator('.chart').getAttribute('aria-label')).toContain(`Fullført ${counts.completed}`);
    await page.getByText('Ingen døde jobber').waitFor();
    await page.getByRole('table', { name: 'Journal' }).waitFor();
    expect(await page.getByRole('table', { name: 'Journal' }).textContent()).toContain('report.registered');
    expect(await checkScreen(page, '10-fagansvarlig')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('rita (revisor) filters the audit log and verifies that journal and log are intact', async () => {
    const siri = await mottak.bearer('siri');
    await mottak.http.get('/api/v1/search').query({ q: 'kraftstasjon' }).set('Authorization', siri);
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'rita', DEMO_PASSWORD);
    await page.waitForURL('**/revisjon');
    await page.getByLabel('Hvem').fill('user:siri');
    await page.getByLabel('Handling').fill('search');
    await page.getByRole('button', { name: 'Filtrer' }).click();
    const table = page.getByRole('table', { name: 'Revisjonslogg' });
    await table.getByText('kraftstasjon').first().waitFor();
    const actors = await table.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(actors.length).toBeGreaterThan(0);
    expect(new Set(actors)).toEqual(new Set(['user:siri']));
    await page.getByRole('button', { name: 'Verifiser journal og logg' }).click();
    const verification = page.getByTestId('verifisering');
    await verification.waitFor();
    expect(await verification.textContent()).toMatch(/Journalen: intakt.*Revisjonsloggen: intakt/);
    expect(await checkScreen(page, '11-revisjon')).toEqual([]);
    await page.getByRole('tab', { name: 'Journal (endringer)' }).click();
    await page.getByRole('table', { name: 'Journal' }).waitFor();
    expect(await checkScreen(page, '12-revisjon-journal')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('adam (admin) sees the users and creates one', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'adam', DEMO_PASSWORD);
    await page.waitForURL('**/admin');
    const users = page.getByRole('table', { name: 'Brukere' });
    await users.getByText('Kari Koordinator').waitFor();
    expect(await checkScreen(page, '13-admin')).toEqual([]);

    const form = page.getByRole('form', { name: 'Ny bruker' });
    await form.getByLabel('Brukernavn').fill('ola.nordmann');
    await form.getByLabel('Navn', { exact: true }).fill('Ola Nordmann');
    await form.getByLabel('Passord').fill('kort');
    await form.getByRole('checkbox', { name: 'Søkebruker' }).check();
    await form.getByLabel('Enhet').fill('Analyse');
    await form.getByRole('button', { name: 'Opprett bruker' }).click();
    // The API's validation message is shown at the field.
    await form.getByText('må ha minst 12 tegn').waitFor();
    expect(await checkScreen(page, '14-admin-feil')).toEqual([]);
    await form.getByLabel('Passord').fill('et-langt-passord-2026');
    await form.getByRole('button', { name: 'Opprett bruker' }).click();
    await page.getByText('Brukeren ola.nordmann er opprettet').waitFor();
    await users.getByText('Ola Nordmann').waitFor();
    const created = (await mottak.http.get('/api/v1/users').set('Authorization', await mottak.bearer('adam'))).body as Array<{ username: string; roles: string[] }>;
    expect(created.find((u) => u.username === 'ola.nordmann')?.roles).toEqual(['sokebruker']);

    // Changing a user: Ola gets klarering HEMMELIG, a compartment and the need for personal data.
    await users.getByRole('button', { name: 'Endre ola.nordmann' }).click();
    const edit = page.getByRole('form', { name: 'Endre ola.nordmann' });
    await edit.getByLabel('Klarering').selectOption('HEMMELIG');
    await edit.getByLabel('Rom').fill('kontraetterretning');
    await edit.getByRole('checkbox', { name: 'Tjenstlig behov for personopplysninger' }).check();
    expect(await checkScreen(page, '15-admin-endre-bruker')).toEqual([]);
    await edit.getByRole('button', { name: 'Lagre endringene' }).click();
    await edit.waitFor({ state: 'detached' });
    const changed = (await mottak.http.get('/api/v1/users').set('Authorization', await mottak.bearer('adam'))).body as Array<{ username: string; klarering: string; compartments: string[]; needs: string[] }>;
    expect(changed.find((u) => u.username === 'ola.nordmann')).toMatchObject({ klarering: 'HEMMELIG', compartments: ['kontraetterretning'], needs: ['personopplysninger'] });

    // Taking away his own admin role is refused with the API's reason.
    await users.getByRole('button', { name: 'Endre adam' }).click();
    const self = page.getByRole('form', { name: 'Endre adam' });
    await self.getByRole('checkbox', { name: 'Administrator' }).uncheck();
    await self.getByRole('checkbox', { name: 'Revisor' }).check();
    await self.getByRole('button', { name: 'Lagre endringene' }).click();
    await self.getByText('Du kan ikke sperre deg selv eller ta fra deg selv administratorrollen').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('a search user who opens a staff page is told it is not for their role', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'siri', DEMO_PASSWORD);
    await page.goto(`${mottak.url}/revisjon`);
    await page.getByRole('heading', { name: 'Ingen tilgang' }).waitFor();
    expect(await checkScreen(page, '15-ingen-tilgang')).toEqual([]);
    // Logging out ends the session: the next page asks for a login again.
    await page.getByRole('button', { name: 'Logg ut' }).click();
    await page.waitForURL('**/logg-inn');
    await page.goto(`${mottak.url}/sok`);
    await page.waitForURL('**/logg-inn');
    expect(problems).toEqual([]);
    await context.close();
  });
});
