import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_RULESET_PATH } from '@mottak/assessment';
import { DEMO_PASSWORD } from '@mottak/bootstrap';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';
import { type Browser, checkScreen, describeInBrowser, ensureWebBuild, launchChromium, logIn, newContext } from './support/browser-kit';

jest.setTimeout(180_000);

describeInBrowser('the web app: Admiralty suggestion in registration, rule set and override rates for supervisors', () => {
  let mottak: TestMottak;
  let browser: Browser;
  let rulesDir: string;
  let rulesFile: string;

  beforeAll(async () => {
    const webRoot = ensureWebBuild();
    rulesDir = mkdtempSync(path.join(os.tmpdir(), 'mottak-rules-web-'));
    rulesFile = path.join(rulesDir, 'regler.yaml');
    writeFileSync(rulesFile, readFileSync(DEFAULT_RULESET_PATH, 'utf8').replace(/^version: ".*"$/m, 'version: "nett-1"'));
    // No watcher: the reload button, not a file event, must be what loads the file here.
    mottak = await startTestMottak({ MOTTAK_RULES_FILE: rulesFile, MOTTAK_RULES_WATCH: 'false' }, { webRoot });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await mottak?.close();
    rmSync(rulesDir, { recursive: true, force: true });
  });

  it('kari sees the suggested source letter with its reason and records the final grading when registering', async () => {
    const title = 'Observasjon fra partner ved havna';
    const sent = await mottak.http.post('/api/v1/reports').set('X-API-Key', mottak.partnerKey).send({ channel: 'partner', title, body: 'Et fartøy lå lenge ved kaia.' });
    const kari = await mottak.bearer('kari');
    await eventually(async () => ((await mottak.http.get(`/api/v1/reports/${sent.body.id}`).set('Authorization', kari)).body.status === 'vurdert' ? true : undefined), 'the report to be assessed');

    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'kari', DEMO_PASSWORD);
    await page.waitForURL('**/mottak');
    await page.locator('[role="option"]', { hasText: title }).click();
    await page.getByRole('heading', { level: 2, name: title }).waitFor();
    const suggestion = page.getByTestId('kildeforslag');
    await suggestion.getByText('Forslag:').waitFor();
    // The demo partner's two earlier reports were registered without a grading: nothing to judge by.
    expect(await suggestion.textContent()).toContain('Ingen tidligere graderte meldinger fra kilden');
    expect(await suggestion.textContent()).toContain('partner Oslo politidistrikt (demo)');
    expect(await page.getByLabel('Kildens pålitelighet').inputValue()).toBe('F');
    await page.getByLabel('Kildens pålitelighet').selectOption('B');
    await page.getByLabel('Opplysningens troverdighet').selectOption('2');
    expect(await checkScreen(page, '30-registrering-kildevurdering')).toEqual([]);
    await page.getByRole('button', { name: 'Registrer (r)' }).click();
    await page.getByTestId('journalnummer').waitFor();

    const stored = await mottak.http.get(`/api/v1/reports/${sent.body.id}`).set('Authorization', kari);
    expect(stored.body.sourceGrading).toMatchObject({ reliability: 'B', credibility: 2, gradedBy: 'kari' });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('frida sees the rule set and the override rates, and an invalid file’s line when she reloads it', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'frida', DEMO_PASSWORD);
    await page.waitForURL('**/fagansvarlig');
    const ruleSet = page.getByTestId('regelsett');
    await ruleSet.getByText('nett-1').waitFor();
    expect(await ruleSet.textContent()).toContain(rulesFile);
    await page.getByRole('table', { name: 'Overstyringer per regel' }).waitFor();
    expect(await page.getByRole('table', { name: 'Overstyringer per regel' }).textContent()).toContain('trussel-vold');
    expect(await checkScreen(page, '31-fagansvarlig-regelsett')).toEqual([]);

    writeFileSync(rulesFile, 'version: "nett-2"\ndefaults:\n  priority: P9\n  category: annet\nrules: []\n');
    await page.getByRole('button', { name: 'Last inn regelsettet på nytt' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Ugyldig regelsett' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('linje 3');
    expect(await alert.textContent()).toContain('nett-1 gjelder fortsatt');
    expect(await ruleSet.textContent()).toContain('nett-1');

    writeFileSync(rulesFile, 'version: "nett-2"\ndefaults:\n  priority: P4\n  category: annet\nrules: []\n');
    await page.getByRole('button', { name: 'Last inn regelsettet på nytt' }).click();
    await ruleSet.getByText('nett-2').waitFor();
    await page.getByText('Regelsett nett-2 er lest inn og gjelder nå.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('an administrator uploads a rule set: every problem shown line by line, nothing changed; then a valid one is in force', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'adam', DEMO_PASSWORD);
    await page.goto(`${mottak.url}/fagansvarlig`);
    const ruleSet = page.getByTestId('regelsett');
    await ruleSet.waitFor();
    const running = (await ruleSet.textContent()) ?? '';
    const chooser = async (name: string, text: string) => {
      const [fileChooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('regelsett-last-opp').click()]);
      await fileChooser.setFiles({ name, mimeType: 'text/yaml', buffer: Buffer.from(text, 'utf8') });
    };
    // Line 3: an unknown priority; line 7: a rule without an id.
    await chooser('feil.yaml', 'version: "nett-9"\ndefaults:\n  priority: P9\n  category: annet\nrules:\n  - description: Uten id\n    when: {}\n    then: { priority: P1 }\n');
    const refused = page.getByTestId('regelsett-feil');
    await refused.waitFor();
    const lines = await refused.locator('li').allTextContents();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines.some((line) => line.startsWith('Linje 3:'))).toBe(true);
    expect(await checkScreen(page, '32-regelsett-opplasting-avvist')).toEqual([]);
    expect(await ruleSet.textContent()).toBe(running);
    expect(readFileSync(rulesFile, 'utf8')).not.toContain('nett-9');

    await chooser('ny.yaml', 'version: "nett-3"\ndefaults:\n  priority: P4\n  category: annet\nrules: []\n');
    await page.getByText('ny.yaml er kontrollert og lagret: regelsett nett-3 gjelder nå').waitFor();
    await ruleSet.getByText('nett-3').waitFor();
    expect(readFileSync(rulesFile, 'utf8')).toContain('nett-3');
    expect(problems).toEqual([]);
    await context.close();
  });
});
