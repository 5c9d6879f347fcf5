import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';
import { BootedApp, bootApp } from '../support/boot-app';
import { closeTestInfrastructure } from '../support/test-infrastructure';
import { seedQuality } from '../quality/seed-quality';

jest.setTimeout(240_000);

/** Debian's chromium (CI installs it); playwright-core downloads no browser of its own. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The machine notes' flags: headless, no sandbox as root, and no calls home on a closed network. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SCREENSHOTS = join(__dirname, 'screenshots');
const euro = (cents: number) => `€ ${(cents / 100).toFixed(2).replace('.', ',')}`;

/** The supervisors' dashboard in headless Chromium against a seeded server: the figures it
 * shows are the API's, and it renders its charts (a screenshot is saved for a person to look). */
describe("the supervisors' dashboard in headless Chromium", () => {
  let booted: BootedApp;
  let supervisor: string;
  let context: BrowserContext | null = null;
  let profile: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM))
      throw new Error(
        `Chromium is missing at ${CHROMIUM}: install Debian's package (apt-get install chromium) or set CHROMIUM_PATH. The dashboard test does not skip.`,
      );
    booted = await bootApp();
    supervisor = await booted.token('supervisor', 'sup-1');
    await seedQuality(booted);
    profile = mkdtempSync(join(tmpdir(), 'sportello-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1400, height: 1000 },
    });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    await booted?.teardown();
    await closeTestInfrastructure();
  });

  const get = async (path: string) =>
    (await booted.http.get(path).set('Authorization', `Bearer ${supervisor}`).expect(200)).body;

  it('serves the page without a token but no data; shows the API figures with a supervisor token; saves a screenshot', async () => {
    // The page is public, its data is not.
    const page = await booted.http.get('/dashboard').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).not.toMatch(/<script>(?!<\/script>)/);
    await booted.http.get('/v1/quality/dashboard').expect(401);

    // Wait until the read models have seen the seed.
    let dash = await get('/v1/quality/dashboard?days=14&operator=FASTWEB');
    for (let i = 0; i < 300; i++) {
      const open = dash.openByDeadline.reduce((n: number, b: { total: number }) => n + b.total, 0);
      const totals = await get('/v1/indemnities/totals?operator=FASTWEB');
      if (open === 4 && totals.lines >= 4 && totals.assessedCents > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
      dash = await get('/v1/quality/dashboard?days=14&operator=FASTWEB');
    }
    const totals = await get('/v1/indemnities/totals?operator=FASTWEB');
    const [report] = (await get('/v1/quality/comparison?period=2026-H1')).filter(
      (r: { operator: string }) => r.operator === 'FASTWEB',
    );

    const tab = await context!.newPage();
    const errors: string[] = [];
    tab.on('pageerror', (e) => errors.push(e.message));
    tab.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined));
    await tab.goto(`${booted.url}/dashboard#token=${supervisor}&period=2026-H1&operator=FASTWEB`);
    await tab.waitForSelector('body[data-loaded]', { timeout: 30_000 });
    expect(await tab.getAttribute('body', 'data-loaded')).toBe('true');
    expect(errors).toEqual([]);

    const figure = (name: string) => tab.textContent(`[data-figure="${name}"]`);
    const open = dash.openByDeadline.reduce((n: number, b: { total: number }) => n + b.total, 0);
    expect(await figure('open-total')).toBe(String(open));
    expect(await figure('open-overdue')).toBe(String(dash.openByDeadline[0].total));
    expect(await figure('breaches-total')).toBe(
      String(dash.breachesPerDay.reduce((n: number, d: { total: number }) => n + d.total, 0)),
    );
    expect(await figure('indemnity-accruing')).toBe(euro(totals.accruingCents));
    expect(await figure('indemnity-assessed')).toBe(euro(totals.assessedCents));
    expect(await figure('indemnity-credited')).toBe(euro(totals.creditedCents));
    for (const m of report.measures as { id: string; value: number | null; tickets: number }[]) {
      const row = `[data-measure="FASTWEB:${m.id}"]`;
      expect(await tab.getAttribute(`${row} td[data-value]`, 'data-value')).toBe(
        m.value === null ? '' : String(m.value),
      );
      expect(await tab.getAttribute(`${row} td[data-tickets]`, 'data-tickets')).toBe(
        String(m.tickets),
      );
    }
    // Each chart is drawn: bars in the SVGs, one target row per measured target.
    for (const chart of ['open-chart', 'breach-chart', 'indemnity-chart', 'quality-chart'])
      expect(await tab.locator(`#${chart} svg rect`).count()).toBeGreaterThan(0);
    const measuredTargets = report.targets.filter(
      (t: { measured: number | null; met: boolean | null }) =>
        t.measured !== null || t.met !== null,
    ).length;
    expect(await tab.locator('#quality-chart svg line').count()).toBe(measuredTargets);

    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = join(SCREENSHOTS, 'dashboard.png');
    await tab.screenshot({ path: file, fullPage: true });
    expect(statSync(file).size).toBeGreaterThan(10_000);
  });

  it('without a token the page draws nothing and says why; a non-supervisor token is refused by the API', async () => {
    const tab = await context!.newPage();
    await tab.goto(`${booted.url}/dashboard`);
    expect(await tab.textContent('#status')).toContain('token');
    expect(await tab.locator('#open-chart svg').count()).toBe(0);
    const operator = await booted.token('operator', 'op-1');
    const refused = await context!.newPage();
    await refused.goto(`${booted.url}/dashboard#token=${operator}`);
    await refused.waitForSelector('body[data-loaded]', { timeout: 30_000 });
    expect(await refused.getAttribute('body', 'data-loaded')).toBe('error');
    expect(await refused.textContent('#status')).toContain('403');
  });
});
