import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEMO_PASSWORD } from '@mottak/bootstrap';
import { type Browser, ensureWebBuild, launchChromium } from '../browser/support/browser-kit';
import { BenchAborted, type BenchOptions, figure, finish, machine, machineDetails, median, out, percentile, printMachine, printTable, sleep } from './bench-kit';
import { startBenchServer } from './bench-server';
import { JsonClient, runBounded } from './http-json';

/** Where the web app keeps its login (services/web/src/session/session.ts). */
const SESSION_KEY = 'mottak.sesjon';

interface LoadTiming {
  /** Navigation start → DOMContentLoaded. */
  domContentLoadedMs: number;
  /** Navigation start → the first queue row is on screen (the top of the desk, from the API's first page). */
  firstRowMs: number;
  /** Navigation start → every open report is read into the desk (the rest loads after the first row shows). */
  wholeQueueMs: number;
}

/**
 * `pnpm bench web`: how long the triage desk takes to load, cold (a fresh browser context each
 * round: no cache, no service worker), with N open reports in the queue, in Debian's Chromium —
 * from navigation start to the first queue row on screen, by the browser's own performance clock.
 * Baseline: the same browser loading a minimal HTML page from a bare Node server in the same run,
 * the floor any page pays. Target (issue 8): ≤ 1 s on localhost with the production build.
 */
export async function runWebBench(options: BenchOptions): Promise<boolean> {
  if (options.profile !== 'embedded') throw new BenchAborted('bench web: measured on the embedded profile (the browser sees the same API either way)');
  printMachine('web', options);
  const openReports = options.quick ? 1_000 : 10_000;
  const rounds = options.quick ? 5 : 15;
  ensureWebBuild();
  const server = await startBenchServer('mottak', { overrides: { MOTTAK_INDEXER_POLL_MS: '50' } });
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Grunnlinje</title></head><body><ul role="listbox"><li role="option">Rad</li></ul></body></html>');
  });
  bare.listen(0, '127.0.0.1');
  await once(bare, 'listening');
  const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}/`;
  let browser: Browser | undefined;
  try {
    const client = new JsonClient(server.url);
    const login = await client.request<{ token: string; expiresAt: string; user: unknown }>('POST', '/api/v1/auth/login', { body: { username: 'kari', password: DEMO_PASSWORD } });
    if (login.status !== 200) throw new BenchAborted(`bench web: login failed (${login.status})`);
    const authorization = { Authorization: `Bearer ${login.body.token}` };

    out(`filling the queue with ${openReports} open reports …`);
    await runBounded(openReports, 32, async (i) => {
      const response = await client.request('POST', '/api/v1/reports', {
        headers: authorization,
        body: { channel: 'telefon', title: `Telefonnotat ${i}`, body: `Innringer ${i} meldte en bil som sto lenge ved porten til anlegg ${i % 97}.` },
      });
      if (response.status !== 202) throw new BenchAborted(`bench web: intake answered ${response.status}`);
    });
    const deadline = Date.now() + (options.quick ? 120_000 : 600_000);
    for (;;) {
      const waiting = await client.request<{ total: number }>('GET', '/api/v1/reports?status=mottatt&limit=1', { headers: authorization });
      if (waiting.body.total === 0) break;
      if (Date.now() > deadline) throw new BenchAborted(`bench web: ${waiting.body.total} reports still unassessed at the time bound`);
      await sleep(500);
    }
    const open = await client.request<{ total: number }>('GET', '/api/v1/reports?status=mottatt,vurdert&limit=1', { headers: authorization });
    out(`queue holds ${open.body.total} open reports`);

    browser = await launchChromium();
    const session = JSON.stringify({ token: login.body.token, expiresAt: login.body.expiresAt, user: login.body.user });
    const measure = async (url: string, withSession: boolean): Promise<LoadTiming> => {
      const context = await (browser as Browser).newContext({ locale: 'nb-NO', viewport: { width: 1366, height: 900 } });
      try {
        // Logged in as after the login form, without timing the form: the session is in sessionStorage before the app starts.
        if (withSession) await context.addInitScript({ content: `sessionStorage.setItem(${JSON.stringify(SESSION_KEY)}, ${JSON.stringify(session)});` });
        const page = await context.newPage();
        await page.goto(url, { waitUntil: 'domcontentloaded' });
        await page.locator('[role="option"]').first().waitFor({ timeout: 60_000 });
        // Evaluated in the page (a string: this file is type-checked without the DOM library).
        const first = await page.evaluate<Omit<LoadTiming, 'wholeQueueMs'>>(
          // The desk marks its first rows (FIRST_ROWS_MARK in services/web); the minimal page has no mark: now.
          `(() => ({ domContentLoadedMs: performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd, firstRowMs: performance.getEntriesByName('mottak:forste-rader')[0]?.startTime ?? performance.now() }))()`,
        );
        // The desk's label says «… lest inn så langt» until the whole queue is read.
        // A function, not a string: the app's Content-Security-Policy forbids evaluating strings in the page.
        await page.waitForFunction(
          () => {
            const list = (globalThis as unknown as { document: { querySelector(selector: string): { getAttribute(name: string): string | null } | null } }).document.querySelector('[role="listbox"]');
            return list !== null && !(list.getAttribute('aria-label') ?? '').includes('lest inn så langt');
          },
          undefined,
          { timeout: 120_000, polling: 50 },
        );
        return { ...first, wholeQueueMs: await page.evaluate<number>('performance.now()') };
      } finally {
        await context.close();
      }
    };

    // Round 0 warms up (the server's caches, Chromium's process pool) and is not counted.
    const product: LoadTiming[] = [];
    const baseline: LoadTiming[] = [];
    for (let round = 0; round <= rounds; round += 1) {
      const p = await measure(`${server.url}/mottak`, true);
      const b = await measure(bareUrl, false);
      if (round === 0) continue;
      product.push(p);
      baseline.push(b);
    }
    const firstRow = product.map((t) => t.firstRowMs);
    const whole = product.map((t) => t.wholeQueueMs);
    const dcl = product.map((t) => t.domContentLoadedMs);
    const floor = baseline.map((t) => t.firstRowMs);
    printTable(`triage desk, cold load, ${open.body.total} open reports, ${rounds} rounds`, [
      { measure: 'first queue row on screen (ms)', median: Math.round(median(firstRow)), p99: Math.round(percentile(firstRow, 99)) },
      { measure: 'DOMContentLoaded (ms)', median: Math.round(median(dcl)), p99: Math.round(percentile(dcl, 99)) },
      { measure: 'whole queue read into the desk (ms)', median: Math.round(median(whole)), p99: Math.round(percentile(whole, 99)) },
      { measure: 'baseline: minimal page, first row (ms)', median: Math.round(median(floor)), p99: Math.round(percentile(floor, 99)) },
    ]);
    finish({
      name: 'web',
      profile: options.profile,
      machine: machine(),
      figures: [
        figure('triage_first_row_ms', median(firstRow), 'ms', median(floor), '<=1000ms'),
        figure('triage_first_row_p99_ms', percentile(firstRow, 99), 'ms', percentile(floor, 99), '<=1000ms'),
      ],
      details: { ...machineDetails(), openReports: open.body.total, rounds, firstRowMs: firstRow.map(Math.round), wholeQueueMs: whole.map(Math.round), domContentLoadedMs: dcl.map(Math.round), baselineMs: floor.map(Math.round) },
    });
    return true;
  } finally {
    await browser?.close();
    bare.close();
    await server.close();
  }
}
