import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from 'playwright-core';
import { axeViolations } from './axe';
import { startTestApp, type TestApp } from './test-app';

/**
 * Debian Chromium, never a downloaded browser. Flags keep it off this machine's closed network;
 * Playwright gives each launch a fresh temporary profile of its own.
 */
export async function launchChromium(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
    },
  };
}

/** Picks an option of a choice group of the admin forms, opening it first when it is folded. */
export async function choose(scope: Page | Locator, group: string, option: string | RegExp) {
  const opener = scope.getByRole('button', { name: new RegExp(`^(选择|更改)${group}$`) });
  if (await opener.count()) await opener.click();
  await scope
    .getByRole('radiogroup', { name: group, exact: true })
    .getByRole('radio', { name: option, exact: typeof option === 'string' })
    .click();
}

/** The H5 build the API serves (npm run build:h5). */
const H5_DIR = join(__dirname, '../../apps/miniapp/dist');
/** Where the browser specs leave their screenshots. */
export const SHOTS = join(__dirname, '../../.tmp');

/** The real API serving the H5 build, and a browser to open it in. */
export interface H5 {
  t: TestApp;
  /** http://127.0.0.1:<port> */
  base: string;
  chromium: { browser: Browser; close(): Promise<void> };
  /**
   * A fresh context (its own storage) of this size in China's time zone, its clock at the
   * server's instant; `stepMs`: a step that cannot happen fails after it with its locator.
   */
  context(
    viewport: { width: number; height: number },
    options?: BrowserContextOptions & { stepMs?: number },
  ): Promise<BrowserContext>;
  close(): Promise<void>;
}

/**
 * What every browser spec starts with: the API (startTestApp with `env`) serving the H5 build on
 * a loopback port (`port`, or any free one), Debian Chromium and the screenshot folder.
 */
export async function startH5(env: Record<string, string> = {}, port = 0): Promise<H5> {
  if (!existsSync(join(H5_DIR, 'index.html'))) {
    throw new Error(`No H5 build at ${H5_DIR}: run npm run build:h5 first`);
  }
  const t = await startTestApp({ H5_DIR, ...env });
  let browser: H5['chromium'];
  try {
    await t.app.listen(port, '127.0.0.1');
    browser = await launchChromium();
  } catch (error) {
    await t.close();
    throw error;
  }
  mkdirSync(SHOTS, { recursive: true });
  return {
    t,
    base: (await t.app.getUrl()).replace('[::1]', '127.0.0.1'),
    chromium: browser,
    async context(viewport, { stepMs, ...options } = {}) {
      const context = await browser.browser.newContext({
        viewport,
        timezoneId: 'Asia/Shanghai',
        ...options,
      });
      await context.clock.install({ time: t.clock.now() });
      if (stepMs) context.setDefaultTimeout(stepMs);
      return context;
    },
    async close() {
      await browser.close();
      await t.close();
    },
  };
}

/** A staff member signed in on /staff at 1280 × 800, on their home screen. */
export async function staffPage(h5: H5, username: string, password: string): Promise<Page> {
  const context = await h5.context({ width: 1280, height: 800 }, { stepMs: 10000 });
  const page = await context.newPage();
  await page.goto(`${h5.base}/staff`);
  await logIn(page, username, password);
  await page.getByTestId('staff-home').waitFor();
  return page;
}

/** Signs in on the staff login form shown on the page. */
export async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('用户名', { exact: true }).fill(username);
  await page.getByLabel('密码', { exact: true }).fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/**
 * Taro keeps the pages below in the DOM, hidden: what is on screen. While a page slides in,
 * the one below is still visible: the navigation of the page on top is the last one.
 */
export const navOnTop = (page: Page) => page.locator('[role="navigation"] >> visible=true').last();

/** The elements with this test id that are on screen. */
export const shown = (page: Page, testId: string) =>
  page.locator(`[data-testid="${testId}"] >> visible=true`);

/** Waits until exactly n of these are on screen. */
export async function countIs(page: Page, testId: string, n: number): Promise<void> {
  if (n > 0)
    await shown(page, testId)
      .nth(n - 1)
      .waitFor();
  await shown(page, testId).nth(n).waitFor({ state: 'detached' });
}

/** axe clean and screenshots at 1280 × 800 and 390 × 844 (plus a tall one of each). */
export async function look(page: Page, name: string): Promise<void> {
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    await page.setViewportSize({ width, height });
    // Not while a page still slides in (Taro's 300 ms transition; finite animations only).
    await page.evaluate(
      'Promise.all(document.getAnimations().filter((a) => a.effect && a.effect.getTiming().iterations !== Infinity).map((a) => a.finished.catch(() => null)))',
    );
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`) });
    await page.setViewportSize({ width, height: 2000 });
    await page.screenshot({ path: join(SHOTS, `${name}-${width}-full.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}
