import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

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
