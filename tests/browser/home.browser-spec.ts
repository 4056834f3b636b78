import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(30_000);

const H5_DIR = join(__dirname, '../../apps/miniapp/dist');

/** The real H5 build, served by the real API, in a real browser. */
describe('H5 client served by the API', () => {
  let t: TestApp;
  let chromium: { browser: Browser; close(): Promise<void> };
  let base: string;

  beforeAll(async () => {
    if (!existsSync(join(H5_DIR, 'index.html'))) {
      throw new Error(`No H5 build at ${H5_DIR}: run npm run build:h5 first`);
    }
    t = await startTestApp({ H5_DIR });
    await t.app.listen(0, '127.0.0.1');
    base = await t.app.getUrl();
    base = base.replace('[::1]', '127.0.0.1');
    chromium = await launchChromium();
  });
  afterAll(async () => {
    await chromium?.close();
    await t?.close();
  });

  it('shows the Chinese home page with the five levels and the citizen’s actions', async () => {
    const page = await chromium.browser.newPage();
    await page.goto(`${base}/`);
    await page.getByTestId('home-title').waitFor();
    expect(await page.getByTestId('home-title').innerText()).toContain('政务服务好差评');
    for (const label of ['非常满意', '满意', '基本满意', '不满意', '非常不满意']) {
      expect(await page.getByText(label, { exact: true }).count()).toBeGreaterThan(0);
    }
    // What a citizen can do, not a service status: 扫码评价 (the camera on H5), 我的评价, 工作人员入口.
    expect(await page.getByTestId('scan-hint').innerText()).toContain('扫码评价');
    expect(await page.getByRole('button', { name: '我的评价' }).count()).toBe(1);
    expect(await page.getByTestId('health-status').count()).toBe(0);
    // The tab's icon is served.
    const icon = await page.request.get(`${base}/favicon.svg`);
    expect(icon.status()).toBe(200);
    expect(icon.headers()['content-type']).toContain('image/svg+xml');
    const shots = join(__dirname, '../../.tmp');
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: join(shots, 'home.png'), fullPage: true });
    // Staff reach their workspace from here too.
    await page.getByRole('button', { name: '工作人员入口' }).click();
    await page.getByTestId('staff-login').waitFor();
    await page.close();
  });

  it('serves a deep client route through the page fallback, and API 404s stay JSON', async () => {
    const page = await chromium.browser.newPage();
    const response = await page.goto(`${base}/pages/index/index`);
    expect(response?.status()).toBe(200);
    await page.getByTestId('home-title').waitFor();
    const api = await page.request.get(`${base}/api/nothing-here`);
    expect(api.status()).toBe(404);
    expect(await api.json()).toMatchObject({ error: 'NOT_FOUND' });
    await page.close();
  });
});
