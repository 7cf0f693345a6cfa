import { readFileSync } from 'node:fs';
import { DEMO_PASSWORD } from '@mottak/bootstrap';
import { aJournalDraft, anAssessment, aRegistrationCommand, aReport } from '@mottak/test-kit';
import { eventually, startTestMottak, type TestMottak } from '../support/test-mottak';
import { type Browser, checkScreen, describeInBrowser, ensureWebBuild, launchChromium, logIn, newContext, type Page } from './support/browser-kit';

jest.setTimeout(240_000);

const DAY_MS = 86_400_000;
/** The score as the page writes it (Norwegian decimal comma). */
const score = (value: number) => new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 }).format(value);

interface Summary {
  reports: number;
  score: number;
  byRule: Array<{ ruleId: string; score: number; applicable: number; failed: number }>;
  byCoordinator: Array<{ key: string; score: number; reports: number }>;
  byWeek: Array<{ key: string; score: number; reports: number }>;
}

async function text(page: Page, testId: string): Promise<string> {
  return ((await page.getByTestId(testId).textContent()) ?? '').trim();
}

describeInBrowser('the web app: the data-quality dashboard for a supervisor', () => {
  let mottak: TestMottak;
  let browser: Browser;
  let frida: string;
  /** Registered by frida herself: she may not review it (four eyes). */
  let fridasReport: string;
  /** Received two hours ago and never handled: its deadlines are missed now. */
  let lateReport: string;

  beforeAll(async () => {
    const webRoot = ensureWebBuild();
    mottak = await startTestMottak({}, { webRoot });
    browser = await launchChromium();
    frida = await mottak.bearer('frida');
    const store = mottak.running.core.deps.store;

    // Three weeks ago, kari registered a report with a fødselsnummer as UGRADERT (before the rule
    // blocked it): a blocking finding, and a second ISO week in the trend.
    const receivedAt = new Date(Date.now() - 21 * DAY_MS).toISOString();
    const registeredAt = new Date(Date.parse(receivedAt) + 3 * DAY_MS).toISOString();
    const old = aReport({
      title: 'Bekymring for nabo',
      body: 'Tipser oppgir fødselsnummer 01010012356 for en nabo som har uttalt seg truende.',
      receivedAt,
      updatedAt: receivedAt,
      status: 'vurdert',
      gradering: 'UGRADERT',
      assessment: anAssessment({ assessedAt: new Date(Date.parse(receivedAt) + 60_000).toISOString(), entities: [], priority: 'P3', category: 'observasjon' }),
    });
    await store.receive(old, aJournalDraft({ at: receivedAt }));
    await store.register(
      aRegistrationCommand(old, {
        year: new Date().getFullYear(),
        gradering: 'UGRADERT',
        registration: { registeredAt, registeredBy: 'kari', priority: 'P3', category: 'observasjon', priorityOverridden: false, categoryOverridden: false },
        journal: aJournalDraft({ at: registeredAt, actor: 'user:kari', action: 'report.registered' }),
      }),
    );

    // A bomb threat received two hours ago that nobody handled (as if the desk had been down).
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000).toISOString();
    const late = aReport({ title: 'Trussel om bombe', body: 'En mann truet med å sprenge en bombe ved stasjonen.', receivedAt: twoHoursAgo, updatedAt: twoHoursAgo });
    await store.receive(late, aJournalDraft({ at: twoHoursAgo }));
    lateReport = late.id;

    // Frida registers one herself, through the API like the desk does.
    const intake = await mottak.http.post('/api/v1/reports').set('Authorization', frida).send({ channel: 'telefon', title: 'Observasjon ved havna', body: 'Innringer så en drone over havneområdet i kveld.' });
    expect(intake.status).toBe(202);
    fridasReport = intake.body.id as string;
    await eventually(async () => ((await mottak.http.get(`/api/v1/reports/${fridasReport}`).set('Authorization', frida)).body.status === 'vurdert' ? true : undefined), 'the assessment');
    const registered = await mottak.http.post(`/api/v1/reports/${fridasReport}/registration`).set('Authorization', frida).send({ gradering: 'BEGRENSET', category: 'observasjon' });
    expect(registered.status).toBe(201);

    // One access request waiting for a supervisor.
    const asked = await mottak.http
      .post('/api/v1/approvals')
      .set('Authorization', await mottak.bearer('kim'))
      .send({ reportId: fridasReport, reason: 'Trenger innsyn for å følge opp droneobservasjonene i distriktet' });
    expect(asked.status).toBe(202);
  });
  afterAll(async () => {
    await browser?.close();
    await mottak?.close();
  });

  it('runs the data-quality batch and shows scores, charts and tables with the numbers the API returns', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'frida', DEMO_PASSWORD);
    const slaResponse = page.waitForResponse((r) => r.url().includes('/api/v1/quality/sla-breaches'));
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Datakvalitet' }).click();
    await page.waitForURL('**/datakvalitet');
    await page.getByRole('button', { name: 'Kjør kontrollen nå' }).click();
    await page.getByTestId('samlet-poengsum').waitFor();

    const latest = await mottak.http.get('/api/v1/quality/summary').set('Authorization', frida);
    expect(latest.status).toBe(200);
    const summary = latest.body.summary as Summary;
    expect(await text(page, 'samlet-poengsum')).toBe(score(summary.score));
    expect(await text(page, 'kontrollerte-journalposter')).toBe(String(summary.reports));
    // Kari's five demo registrations, her old one and frida's: every registered report frida may read.
    expect(summary.reports).toBe(7);
    expect(summary.score).toBeLessThan(100);

    // Every rule that applied has its score in the chart's text alternative, drawn on its bar (a 0
    // too), and in the table; a rule that applied to nothing is in the table only, without a score.
    const ruleChart = page.getByTestId('diagram-per-regel');
    const ruleLabel = (await ruleChart.getAttribute('aria-label')) ?? '';
    const barLabels = await ruleChart.locator('.recharts-label-list text').allTextContents();
    const applied = summary.byRule.filter((rule) => rule.applicable > 0);
    expect(applied.some((rule) => rule.score === 0)).toBe(true);
    for (const rule of summary.byRule) {
      const row = page.getByTestId('poengsum-per-regel').getByRole('row').filter({ has: page.getByRole('rowheader', { name: rule.ruleId, exact: true }) });
      const cell = await row.getByRole('cell').nth(5).textContent();
      if (rule.applicable > 0) {
        expect(ruleLabel).toContain(`${rule.ruleId} ${score(rule.score)}`);
        expect(cell).toBe(score(rule.score));
      } else {
        expect(ruleLabel).not.toContain(rule.ruleId);
        expect(cell).toBe('–gjaldt ingen journalposter');
      }
    }
    expect(barLabels).toEqual(applied.map((rule) => score(rule.score)));
    const blocked = summary.byRule.find((rule) => rule.ruleId === 'personopplysninger-gradering');
    expect(blocked?.failed).toBe(1);

    // The trend: one point per ISO week, the old registration's week and this one.
    expect(summary.byWeek.length).toBeGreaterThanOrEqual(2);
    const trendLabel = (await page.getByTestId('trend-uke').getAttribute('aria-label')) ?? '';
    const trendRows = page.getByTestId('poengsum-per-uke').locator('tbody tr');
    expect(await trendRows.count()).toBe(summary.byWeek.length);
    for (const [index, week] of summary.byWeek.entries()) {
      expect(trendLabel).toContain(`${week.key} ${score(week.score)}`);
      expect(await trendRows.nth(index).locator('th').textContent()).toBe(week.key);
      expect(await trendRows.nth(index).locator('td').nth(1).textContent()).toBe(score(week.score));
    }
    // A point per week with registrations; the weeks between them are on the axis, without a point.
    expect(await page.getByTestId('trend-uke').locator('.recharts-line-dot').count()).toBe(summary.byWeek.length);
    const axisWeeks = await page.getByTestId('trend-uke').locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
    expect(axisWeeks.length).toBeGreaterThan(summary.byWeek.length);

    // Per coordinator: kari and frida, with the API's scores.
    const coordinators = page.getByTestId('poengsum-per-koordinator');
    for (const username of ['kari', 'frida']) {
      const group = summary.byCoordinator.find((g) => g.key === username);
      expect(group).toBeDefined();
      const row = coordinators.getByRole('row').filter({ has: page.getByRole('rowheader', { name: username, exact: true }) });
      expect(await row.getByRole('cell').nth(1).textContent()).toBe(score(group!.score));
    }

    // SLA breaches this week and approvals waiting, as the API counts them.
    const sla = (await (await slaResponse).json()) as { total: number };
    expect(sla.total).toBeGreaterThanOrEqual(1);
    await page.getByTestId('fristbrudd-antall').filter({ hasText: String(sla.total) }).waitFor();
    const waiting = await mottak.http.get('/api/v1/approvals').query({ status: 'venter' }).set('Authorization', frida);
    expect(waiting.body).toHaveLength(1);
    await page.getByTestId('godkjenninger-venter').filter({ hasText: '1' }).waitFor();
    expect(await page.getByRole('link', { name: 'Til godkjenning' }).getAttribute('href')).toBe('/tilgang');

    expect(await checkScreen(page, '50-datakvalitet-oversikt')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('filters the findings (by keyboard), pages to the report, and downloads them as CSV', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'frida', DEMO_PASSWORD);
    await page.goto(`${mottak.url}/datakvalitet`);
    await page.getByTestId('samlet-poengsum').waitFor();
    // The tabs work with the arrow keys.
    await page.getByRole('tab', { name: 'Oversikt' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/datakvalitet\?fane=funn$/);

    const all = await mottak.http.get('/api/v1/quality/findings').set('Authorization', frida);
    await page.getByTestId('funn-totalt').filter({ hasText: `${all.body.total as number} funn` }).waitFor();

    await page.getByLabel('Alvorlighet').selectOption('blocking');
    await page.waitForURL(/alvorlighet=blocking/);
    const blocking = await mottak.http.get('/api/v1/quality/findings').query({ severity: 'blocking' }).set('Authorization', frida);
    expect(blocking.body.total).toBe(1);
    await page.getByTestId('funn-totalt').filter({ hasText: '1 funn' }).waitFor();
    const rows = page.getByTestId('funn-tabell').locator('tbody tr');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('personopplysninger-gradering');
    expect(await rows.first().textContent()).toContain('Blokkerende');

    await page.getByLabel('Regel').selectOption('tidsfrister');
    await page.waitForURL(/regel=tidsfrister/);
    await page.getByTestId('funn-totalt').filter({ hasText: 'Ingen funn' }).waitFor();
    await page.getByLabel('Alvorlighet').selectOption('');
    const timeliness = await mottak.http.get('/api/v1/quality/findings').query({ ruleId: 'tidsfrister' }).set('Authorization', frida);
    expect(timeliness.body.total).toBeGreaterThanOrEqual(1);
    await page.getByTestId('funn-totalt').filter({ hasText: `${timeliness.body.total as number} funn` }).waitFor();
    expect(await checkScreen(page, '51-datakvalitet-funn')).toEqual([]);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('datakvalitet-funn.csv');
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n').filter(Boolean);
    expect(csv[0]).toBe('reportId,journalNumber,ruleId,dimension,severity,message,evaluatedAt');
    expect(csv).toHaveLength((timeliness.body.total as number) + 1);
    expect(csv.slice(1).every((line) => line.includes(',tidsfrister,'))).toBe(true);

    // Each finding opens its report.
    const first = (timeliness.body.items as Array<{ reportId: string }>)[0]!;
    await page.getByTestId('funn-tabell').locator('tbody tr').first().getByRole('link').click();
    await page.waitForURL(`**/rapport/${first.reportId}`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the missed deadlines with a summary, filters them by stage and downloads them', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'frida', DEMO_PASSWORD);
    const first = page.waitForResponse((r) => r.url().includes('/api/v1/quality/sla-breaches'));
    await page.goto(`${mottak.url}/datakvalitet?fane=tidsfrister`);
    const list = (await (await first).json()) as { total: number; items: Array<{ reportId: string; stage: string; doneAt?: string }> };
    const mine = list.items.filter((b) => b.reportId === lateReport);
    // Not assessed within P1's 15 minutes (or only late), and not registered within the hour.
    expect(mine.map((b) => b.stage).sort()).toEqual(['registrering', 'vurdering']);
    await page.getByTestId('fristbrudd-totalt').filter({ hasText: String(list.total) }).waitFor();
    expect(await text(page, 'fristbrudd-pagar')).toBe(String(list.items.filter((b) => b.doneAt === undefined).length));
    expect(await text(page, 'fristbrudd-for-sent')).toBe(String(list.items.filter((b) => b.doneAt !== undefined).length));
    const table = page.getByTestId('fristbrudd-tabell');
    expect(await table.locator('tbody tr').count()).toBe(list.items.length);
    const lateRows = table.locator('tbody tr').filter({ has: page.locator(`a[href="/rapport/${lateReport}"]`) });
    expect(await lateRows.count()).toBe(2);
    expect(await lateRows.first().textContent()).toContain('Ikke registrert');
    expect(await lateRows.filter({ hasText: 'Registrering' }).getByText('Pågår').count()).toBe(1);
    expect(await checkScreen(page, '52-datakvalitet-tidsfrister')).toEqual([]);

    await page.getByLabel('Steg').selectOption('registrering');
    const filtered = page.waitForResponse((r) => r.url().includes('/api/v1/quality/sla-breaches') && r.url().includes('stage=registrering'));
    await page.getByRole('button', { name: 'Vis brudd' }).click();
    const registering = (await (await filtered).json()) as { total: number; items: Array<{ stage: string }> };
    expect(registering.items.every((b) => b.stage === 'registrering')).toBe(true);
    await page.getByTestId('fristbrudd-totalt').filter({ hasText: String(registering.total) }).waitFor();
    const stages = await table.locator('tbody tr td:nth-child(3)').allTextContents();
    expect(stages.length).toBe(registering.items.length);
    expect(new Set(stages)).toEqual(new Set(['Registrering']));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Last ned CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('tidsfristbrudd.csv');
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n').filter(Boolean);
    expect(csv).toHaveLength(registering.total + 1);
    expect(csv.slice(1).every((line) => line.includes(',registrering,'))).toBe(true);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('draws a sample, records a verdict on kari’s report, and is told in Norwegian that she cannot review her own', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'frida', DEMO_PASSWORD);
    await page.goto(`${mottak.url}/datakvalitet?fane=stikkprover`);
    await page.getByLabel('Andel (%)').fill('100');
    await page.getByLabel('Grupper etter').selectOption('registeredBy');
    await page.getByRole('button', { name: 'Trekk stikkprøve' }).click();
    await page.waitForURL(/utvalg=/);
    const sampleId = new URL(page.url()).searchParams.get('utvalg')!;
    const sample = await mottak.http.get(`/api/v1/quality/review-samples/${sampleId}`).set('Authorization', frida);
    expect(sample.status).toBe(200);
    const items = sample.body.items as Array<{ reportId: string; journalNumber: string; registeredBy: string }>;
    // Everything registered in the last 30 days that she may read, grouped by who registered it.
    expect(sample.body).toMatchObject({ percentage: 100, stratifyBy: 'registeredBy', population: items.length });
    expect(new Set(items.map((i) => i.registeredBy))).toEqual(new Set(['kari', 'frida']));
    const rows = page.getByTestId('stikkprove-poster').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(items.length);
    const karis = items.filter((i) => i.registeredBy === 'kari');
    const row = (reportId: string) => page.locator(`tr[data-report-id="${reportId}"]`);

    // Approve one of kari's.
    const approved = karis[0]!;
    await row(approved.reportId).getByRole('button', { name: `Godkjenn ${approved.journalNumber}` }).click();
    await row(approved.reportId).getByText('Godkjent', { exact: true }).waitFor();
    expect(await row(approved.reportId).textContent()).toContain('av frida');

    // A deviation needs a reason: first refused at the field, then recorded with one.
    const deviating = karis[1]!;
    await row(deviating.reportId).getByRole('button', { name: `Avvik på ${deviating.journalNumber}` }).click();
    await row(deviating.reportId).getByText('et avvik må begrunnes').waitFor();
    await row(deviating.reportId).getByLabel(`Kommentar til ${deviating.journalNumber}`).fill('Feil kategori: dette er en trussel');
    await row(deviating.reportId).getByRole('button', { name: `Avvik på ${deviating.journalNumber}` }).click();
    await row(deviating.reportId).getByText('Avvik', { exact: true }).waitFor();

    // Her own registration: the API says no (four eyes), and the page says why in Norwegian.
    const own = items.find((i) => i.reportId === fridasReport)!;
    expect(own).toBeDefined();
    await row(own.reportId).getByRole('button', { name: `Godkjenn ${own.journalNumber}` }).click();
    const refusal = row(own.reportId).getByTestId('vurdering-feil');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('Den som registrerte rapporten kan ikke kontrollere den selv (fire øyne)');

    const after = await mottak.http.get(`/api/v1/quality/review-samples/${sampleId}`).set('Authorization', frida);
    const verdicts = Object.fromEntries((after.body.items as Array<{ reportId: string; verdict?: { verdict: string; reviewer: string; comment: string } }>).map((i) => [i.reportId, i.verdict]));
    expect(verdicts[approved.reportId]).toMatchObject({ verdict: 'godkjent', reviewer: 'frida' });
    expect(verdicts[deviating.reportId]).toMatchObject({ verdict: 'avvik', reviewer: 'frida', comment: 'Feil kategori: dette er en trussel' });
    expect(verdicts[own.reportId]).toBeUndefined();

    // The list shows the progress: two reviewed, one deviation.
    const listed = page.getByTestId('stikkprover').locator('tbody tr').first();
    await listed.filter({ hasText: `2 av ${items.length}` }).waitFor();
    expect(await listed.locator('td').last().textContent()).toBe('1');
    expect(await checkScreen(page, '53-datakvalitet-stikkprove')).toEqual([]);

    // Each item opens its report.
    await row(approved.reportId).getByRole('link', { name: approved.journalNumber }).click();
    await page.waitForURL(`**/rapport/${approved.reportId}`);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows the override rates per assessment rule on its own tab, linking to the supervisor page', async () => {
    const { context, page, problems } = await newContext(browser);
    await logIn(page, mottak.url, 'frida', DEMO_PASSWORD);
    await page.goto(`${mottak.url}/datakvalitet?fane=overstyringer`);
    await page.getByText('journalposter registrert siste 30 dager').waitFor();
    expect(await page.getByRole('link', { name: 'Drift og journal' }).last().getAttribute('href')).toBe('/fagansvarlig');
    expect(await checkScreen(page, '54-datakvalitet-overstyringer')).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  });
});
