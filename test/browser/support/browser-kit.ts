import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
// playwright-core and axe-core are dev dependencies of @mottak/web (pnpm does not hoist them to the
// root), so they are loaded from there; the type import points into the same installed package.
import type { Browser, BrowserContext, BrowserContextOptions, Page } from '../../../services/web/node_modules/playwright-core';

type Playwright = typeof import('../../../services/web/node_modules/playwright-core');

export type { Browser, BrowserContext, Page };

const REPO = path.resolve(__dirname, '..', '..', '..');
const webRequire = createRequire(path.join(REPO, 'services', 'web', 'package.json'));

/** Debian's Chromium (scripts/provision-chromium.sh installs it); playwright-core drives it. */
export const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'];

export const SCREENSHOT_DIR = path.join(REPO, 'test-results', 'screenshots');
export const WEB_ROOT = path.join(REPO, 'services', 'web', 'dist');

/**
 * `describe` when Chromium is installed. Without it the suite is skipped with the reason printed,
 * except under CI=true, where a missing browser is a failure (the test command provisions it).
 */
export function describeInBrowser(name: string, suite: () => void): void {
  if (existsSync(CHROMIUM)) {
    describe(name, suite);
    return;
  }
  const reason = `${CHROMIUM} is missing: run bash scripts/provision-chromium.sh`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(reason);
      });
    });
  } else {
    process.stdout.write(`skipping browser tests "${name}": ${reason}\n`);
    describe.skip(name, suite);
  }
}

/** Builds the web app into services/web/dist unless it is current (scripts/build-web.mjs). */
export function ensureWebBuild(): string {
  execFileSync(process.execPath, [path.join(REPO, 'scripts', 'build-web.mjs')], { stdio: ['ignore', 'ignore', 'inherit'] });
  return WEB_ROOT;
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = webRequire('playwright-core') as Playwright;
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * A fresh context (own cookies and sessionStorage) in Norwegian, at a laptop's size. Every page
 * records what the browser refused under the Content-Security-Policy and any uncaught error.
 */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo', viewport: { width: 1366, height: 900 }, ...options });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    const text = message.text();
    if (/Content Security Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

/** Logs in through the login form. */
export async function logIn(page: Page, baseUrl: string, username: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/logg-inn`);
  await page.getByLabel('Brukernavn').fill(username);
  await page.getByLabel('Passord').fill(password);
  await page.getByRole('button', { name: 'Logg inn' }).click();
  await page.getByTestId('innlogget-bruker').waitFor();
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core in the page and returns the serious and critical violations. axe's source is
 * evaluated over the DevTools protocol rather than added as a <script>: the page's CSP (rightly)
 * refuses inline scripts, and it must not be loosened for the test.
 */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  const axeSource = (webRequire('axe-core') as { source: string }).source;
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    // Runs in the page (this file is type-checked without the DOM library, hence globalThis).
    const axe = (globalThis as unknown as { axe: { run(options: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const result = await axe.run({ resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Saves a full-page screenshot as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}

/** Screenshot plus accessibility check: every screen gets both. */
export async function checkScreen(page: Page, name: string): Promise<AxeViolation[]> {
  await screenshot(page, name);
  return seriousA11yViolations(page);
}
