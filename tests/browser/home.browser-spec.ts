import { join } from 'node:path';
import { SHOTS, startH5, type H5 } from '../support/browser';

jest.setTimeout(30_000);

/** The real H5 build, served by the real API, in a real browser. */
describe('H5 client served by the API', () => {
  let h5: H5;
  let base: string;

  beforeAll(async () => {
    h5 = await startH5();
    ({ base } = h5);
  });
  afterAll(async () => {
    await h5?.close();
  });

  it('shows the Chinese home page with the five levels and the citizen’s actions', async () => {
    const page = await h5.chromium.browser.newPage();
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
    await page.screenshot({ path: join(SHOTS, 'home.png'), fullPage: true });
    // Staff reach their workspace from here too.
    await page.getByRole('button', { name: '工作人员入口' }).click();
    await page.getByTestId('staff-login').waitFor();
    await page.close();
  });

  it('serves a deep client route through the page fallback, and API 404s stay JSON', async () => {
    const page = await h5.chromium.browser.newPage();
    const response = await page.goto(`${base}/pages/index/index`);
    expect(response?.status()).toBe(200);
    await page.getByTestId('home-title').waitFor();
    const api = await page.request.get(`${base}/api/nothing-here`);
    expect(api.status()).toBe(404);
    expect(await api.json()).toMatchObject({ error: 'NOT_FOUND' });
    await page.close();
  });
});
