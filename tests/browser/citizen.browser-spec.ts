import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations, type AxeViolation } from '../support/axe';
import { SHOTS, startH5, type H5 } from '../support/browser';
import { makeCounter, registerTransaction, type Counter } from '../support/fixtures';
import type { TestApp } from '../support/test-app';

jest.setTimeout(60000);

const DAY_MS = 24 * 3600 * 1000;
const PHONE = { width: 390, height: 844 };

/**
 * The citizen's pages, second pass: the progress of a ticket by the rating token (driven through
 * the API's workflow), a rating kept through a long time offline, the first screen on a slow
 * network, and every page in both modes checked by axe and photographed.
 */
describe('H5 citizen pages: progress, weak network, accessibility', () => {
  let t: TestApp;
  let h5: H5;
  let base: string;
  let counter: Counter;
  let handler: string;
  let supervisor: string;

  beforeAll(async () => {
    h5 = await startH5({ RATE_LIMIT_PER_MINUTE: '100000' });
    ({ t, base } = h5);
    counter = await makeCounter(t);
    handler = await t.as('department', { departmentId: counter.departmentId });
    supervisor = await t.as('supervisor');
  });
  afterAll(async () => {
    await h5?.close();
  });

  // The pages run under the API's Content-Security-Policy (index.html's inline scripts — the
  // placeholder, the early form request, the route preload — are allowed by their hashes).
  const cspViolations: string[] = [];
  afterEach(() => {
    expect(cspViolations.splice(0)).toEqual([]);
  });
  function watchCsp(context: BrowserContext): void {
    context.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) cspViolations.push(message.text());
    });
  }

  /** A phone-sized context at the server's instant, its own storage; 长辈模式 on when asked. */
  async function phoneContext(elder = false): Promise<BrowserContext> {
    const context = await h5.context(PHONE);
    watchCsp(context);
    if (elder) {
      // Taro's H5 storage keeps {data: value} as JSON (services/storage, hooks/useElderMode).
      await context.addInitScript(
        `localStorage.setItem('hcp.elderMode', ${JSON.stringify(JSON.stringify({ data: true }))})`,
      );
    }
    return context;
  }

  const rateUrl = (token: string) => `${base}/pages/rate/index?token=${encodeURIComponent(token)}`;

  /** The serious and critical findings of axe (the bar of issue 12: none). */
  async function seriousViolations(page: Page): Promise<AxeViolation[]> {
    return (await axeViolations(page)).filter(
      (v) => v.impact === 'serious' || v.impact === 'critical',
    );
  }

  /** Whole page, tall viewport: Taro scrolls inside its page element, not the document. */
  async function shoot(page: Page, name: string): Promise<void> {
    const height = await page.evaluate<number>(
      "Math.max(...[...document.querySelectorAll('.taro_page, .page')].map((e) => e.scrollHeight), 844)",
    );
    await page.setViewportSize({ width: PHONE.width, height: Math.min(height + 40, 4000) });
    await page.screenshot({ path: join(SHOTS, `${name}.png`) });
    await page.setViewportSize(PHONE);
  }

  // Through the API's own workflow, as the department and the supervisor would.
  const accept = (id: number) => t.act(`${id}/accept`, handler).expect(200);
  const visit = (id: number) =>
    t
      .act(`${id}/visits`, handler, {
        method: 'phone',
        visitedAt: t.clock.now().toISOString(),
        result: '已电话回访，群众反映属实',
      })
      .expect(201);
  const submit = (id: number, reply: string) =>
    t.act(`${id}/submit`, handler, { outcome: 'rectified', reply }).expect(200);
  const approve = (id: number) =>
    t.act(`${id}/review`, supervisor, { decision: 'approve', note: '内部审核意见' }).expect(200);

  it('follows the ticket by the rating link alone: timeline, reply, 不认可 once, then 认可', async () => {
    const reg = await registerTransaction(t, counter);
    const context = await phoneContext();
    const page = await context.newPage();
    await page.goto(rateUrl(reg.ratingToken));
    await page.getByTestId('level-1').click();
    await page.getByTestId('phone').locator('input').fill('13812348000');
    await page.getByTestId('submit').click();
    await page.getByTestId('result-page').waitFor();
    const ticketNo = await page.getByTestId('ticket-no').innerText();
    // The number on its own line, unbroken, with 复制.
    const noBox = await page.getByTestId('ticket-no').boundingBox();
    expect(noBox && noBox.height).toBeLessThan(40);
    await page.getByTestId('ticket-no-copy').click();
    await page.getByText('已复制', { exact: true }).waitFor();
    await shoot(page, 'citizen-result-bad');
    const ticket = await t.ticket(ticketNo);

    // Opened again before anything happened: when it was rated, and the ticket just opened.
    await page.goto(rateUrl(reg.ratingToken));
    await page.getByTestId('ticket-progress').waitFor();
    expect(await page.getByTestId('state-rated').innerText()).toContain('「非常不满意」');
    expect(await page.getByTestId('rated-not-me').innerText()).toContain('如非本人评价，请投诉');
    expect(await page.getByTestId('progress-status').innerText()).toBe('待受理');
    expect(await page.getByTestId('progress-step').allInnerTexts()).toEqual([
      expect.stringMatching(/^工单已生成，转交办理部门\s+\d{4}年/),
    ]);
    expect(await page.getByTestId('progress-due').innerText()).toMatch(/承诺办结：\d{4}年.*前/);
    expect(await page.getByTestId('progress-actions').count()).toBe(0);

    await accept(ticket.id);
    await visit(ticket.id);
    await submit(ticket.id, '已对窗口人员批评教育，电话13912345678可随时反馈');
    await approve(ticket.id);

    await page.reload();
    await page.getByTestId('progress-actions').waitFor();
    expect(await page.getByTestId('progress-status').innerText()).toBe('已办结');
    const steps = await page.getByTestId('progress-step').allInnerTexts();
    expect(steps.map((s) => s.split(/\s/)[0])).toEqual([
      '工单已生成，转交办理部门',
      '部门已受理',
      '部门已回访',
      '部门已提交整改结果',
      '审核通过，整改办结',
    ]);
    for (const step of steps) expect(step).toMatch(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    const reply = await page.getByTestId('progress-reply').innerText();
    expect(reply).toContain('部门答复（立行立改）');
    expect(reply).toContain('139****5678');
    // Nothing of the staff side: no internal note, no visit result, no full phone number.
    const body = await page.locator('body').innerText();
    expect(body).not.toMatch(/内部审核意见|群众反映属实|13912345678|13812348000/);
    expect(await page.getByRole('button', { name: '认可', exact: true }).count()).toBe(1);
    expect(await page.getByRole('button', { name: '不认可', exact: true }).count()).toBe(1);
    await shoot(page, 'citizen-progress-closed');
    expect(await seriousViolations(page)).toEqual([]);

    // 不认可 asks on the page first, then reopens the ticket through the workflow.
    await page.getByTestId('progress-refuse').click();
    await page.getByTestId('progress-confirm').waitFor();
    await page.getByTestId('refuse-reason').locator('textarea').fill('窗口还是没有一次性告知');
    await shoot(page, 'citizen-progress-refuse-confirm');
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId('progress-refuse-confirm').click();
    await page.getByTestId('progress-message').filter({ hasText: '重新办理' }).waitFor();
    expect(await page.getByTestId('progress-status').innerText()).toBe('整改中');
    const reopened = await t.http
      .get(`/api/tickets/${ticket.id}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(reopened.body.status).toBe('in_progress');
    expect(reopened.body.events.at(-1)).toMatchObject({
      type: 'citizen_refuse',
      actorType: 'citizen',
      note: '窗口还是没有一次性告知',
    });

    // Handled again: only 认可 is left (不认可 was used).
    await submit(ticket.id, '已再次整改并电话说明');
    await approve(ticket.id);
    await page.reload();
    await page.getByTestId('progress-actions').waitFor();
    expect(await page.getByTestId('progress-refuse').count()).toBe(0);
    await page.getByTestId('progress-accept').click();
    await page.getByTestId('progress-accepted').waitFor();
    expect(await page.getByTestId('progress-actions').count()).toBe(0);
    expect((await page.getByTestId('progress-step').allInnerTexts()).at(-1)).toContain(
      '您已认可处理结果',
    );
    const audit = await t.http
      .get(`/api/audit?entity=ticket&entityId=${ticket.id}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'ticket.citizen_accept',
      actorType: 'citizen',
      actorName: 'rating token',
    });
    await shoot(page, 'citizen-progress-accepted');

    // The same page in 长辈模式.
    await page.getByTestId('elder-switch').click();
    await shoot(page, 'citizen-progress-accepted-elder');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  /** Choose level 5 and press 提交 with every rating POST failing; returns when queued. */
  async function queueRating(page: Page): Promise<void> {
    await page.getByTestId('level-5').click();
    await page.getByTestId('submit').click();
    const queued = page.getByTestId('submit-status').filter({ hasText: '保存在本机' });
    // The foreground backoff (1 s … 15 s) runs on the page's clock: jump over it.
    for (let i = 0; i < 20 && (await queued.count()) === 0; i++) {
      await page.clock.fastForward(16_000);
      await page.getByTestId('submit-status').waitFor();
    }
    await queued.waitFor();
  }

  it('ends a long time offline on the success page when the network comes back (online event)', async () => {
    const reg = await registerTransaction(t, counter);
    const context = await phoneContext();
    const page = await context.newPage();
    await page.goto(rateUrl(reg.ratingToken));
    await page.getByTestId('level-picker').waitFor();
    await context.setOffline(true);
    await queueRating(page);
    await shoot(page, 'citizen-rate-queued');
    expect(await seriousViolations(page)).toEqual([]);
    // Hours later, still offline: the timer's resends fail quietly, the rating stays queued.
    await page.clock.fastForward(3 * 3600_000);
    expect(await page.getByTestId('submit-status').innerText()).toContain('保存在本机');
    expect((await t.http.get(`/api/rating-forms/${reg.ratingToken}`).expect(200)).body.rated).toBe(
      false,
    );
    // Back online: the browser's online event resends it, and the page moves on by itself.
    await context.setOffline(false);
    await page.getByTestId('result-page').waitFor();
    expect(await page.getByTestId('result-thanks').innerText()).toContain('感谢您的评价');
    expect((await t.http.get(`/api/rating-forms/${reg.ratingToken}`).expect(200)).body.rated).toBe(
      true,
    );
    await context.close();
  });

  it('resends on its timer where no network event comes (iOS), and 立即重试 after that is a success', async () => {
    const reg = await registerTransaction(t, counter);
    const context = await phoneContext();
    const page = await context.newPage();
    const keys: string[] = [];
    let down = true;
    await page.route('**/api/ratings', async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      if (down) await route.abort('internetdisconnected');
      else await route.continue();
    });
    await page.goto(rateUrl(reg.ratingToken));
    await queueRating(page);
    // The network is back without any event the page could hear; the timer resends.
    down = false;
    await page.clock.fastForward(20_000);
    await page.getByTestId('result-page').waitFor();
    expect(new Set(keys).size).toBe(1);
    expect((await t.http.get(`/api/rating-forms/${reg.ratingToken}`).expect(200)).body.rated).toBe(
      true,
    );
    await context.close();
  });

  it('takes ALREADY_RATED for a queued rating as its success, never 该办件已评价', async () => {
    const reg = await registerTransaction(t, counter);
    // The same rating reached the server under an earlier key the phone no longer has.
    const first = await t.http
      .post('/api/ratings')
      .set('Idempotency-Key', 'r-lost-key-00001')
      .send({ token: reg.ratingToken, level: 2, anonymous: true })
      .expect(201);
    const context = await phoneContext();
    const pending = {
      [reg.ratingToken]: {
        token: reg.ratingToken,
        key: 'r-queued-key-0002',
        body: { token: reg.ratingToken, level: 2, anonymous: true },
        createdAt: t.clock.nowMs() - 3 * 3600_000,
        attempts: 4,
      },
    };
    await context.addInitScript(
      `localStorage.setItem('hcp.pendingRatings', ${JSON.stringify(JSON.stringify({ data: pending }))})`,
    );
    const page = await context.newPage();
    await page.goto(rateUrl(reg.ratingToken));
    await page.getByTestId('result-page').waitFor();
    expect(await page.getByTestId('ticket-no').innerText()).toBe(first.body.ticketNo);
    expect(await page.getByTestId('state-rated').count()).toBe(0);
    await context.close();
  });

  it('fixes the failed submit: focus and view on the first wrong field, clear of the submit bar', async () => {
    for (const elder of [false, true]) {
      const reg = await registerTransaction(t, counter);
      const context = await phoneContext(elder);
      const page = await context.newPage();
      await page.goto(rateUrl(reg.ratingToken));
      await page.getByTestId('level-picker').waitFor();
      await page.getByTestId('level-1').click();
      await page.getByTestId('phone').waitFor();
      if (elder) await page.getByTestId('more-toggle').click();
      await page.getByTestId('submit').click();
      await page.getByTestId('phone-error').filter({ hasText: '手机号' }).waitFor();
      await page.waitForFunction(
        "document.activeElement && document.activeElement.closest('[data-testid=phone]')",
      );
      const error = await page.getByTestId('phone-error').boundingBox();
      const bar = await page.locator('.footer-bar').boundingBox();
      expect(error && bar && error.y + error.height <= bar.y).toBe(true);
      expect(error && error.y >= 0).toBe(true);
      await shoot(page, `citizen-rate-phone-error${elder ? '-elder' : ''}`);
      expect(await seriousViolations(page)).toEqual([]);
      await context.close();
    }
  });

  it('keeps 长辈模式 large: typed text, placeholders, hints ≥ 18 px, tags ≥ 60 px, all levels on the first screen', async () => {
    const reg = await registerTransaction(t, counter);
    const context = await phoneContext(true);
    const page = await context.newPage();
    await page.goto(rateUrl(reg.ratingToken));
    await page.getByTestId('level-picker').waitFor();
    // 非常不满意 on the first screen, above the fixed submit bar.
    const last = await page.getByTestId('level-1').boundingBox();
    const bar = await page.locator('.footer-bar').boundingBox();
    expect(last && bar && last.y + last.height <= bar.y).toBe(true);
    await page.getByTestId('level-2').click();
    await page.getByTestId('more-toggle').click();
    await page.getByTestId('tag-chips').waitFor();
    const px = (selector: string, pseudo = '') =>
      page.evaluate<number>(
        `parseFloat(getComputedStyle(document.querySelector(${JSON.stringify(selector)}), ${
          pseudo ? JSON.stringify(pseudo) : 'null'
        }).fontSize)`,
      );
    expect(await px('[data-testid=phone] input')).toBeGreaterThanOrEqual(20);
    expect(await px('[data-testid=phone] input', '::placeholder')).toBeGreaterThanOrEqual(20);
    expect(await px('[data-testid=comment] textarea')).toBeGreaterThanOrEqual(20);
    expect(await px('[data-testid=comment] textarea', '::placeholder')).toBeGreaterThanOrEqual(20);
    expect(await px('[data-testid=comment-counter]')).toBeGreaterThanOrEqual(18);
    expect(await px('.card__hint')).toBeGreaterThanOrEqual(18);
    const chip = await page.getByTestId('tag-chip').first().boundingBox();
    expect(chip && chip.height).toBeGreaterThanOrEqual(60);
    // The whole phone field takes a tap, not only its middle line.
    const field = await page.getByTestId('phone').boundingBox();
    const input = await page.getByTestId('phone').locator('input').boundingBox();
    expect(field && input && input.height >= field.height - 2).toBe(true);
    await context.close();
  });

  it('passes axe (no serious or critical finding) on every citizen page in both modes', async () => {
    const fresh = await registerTransaction(t, counter);
    const rated = await registerTransaction(t, counter);
    await t.http.post('/api/ratings').send({ token: rated.ratingToken, level: 4 }).expect(201);
    const complained = await registerTransaction(t, counter);
    await t.http
      .post('/api/complaints')
      .send({ token: complained.ratingToken, content: '窗口人员中途离岗二十分钟' })
      .expect(201);
    const expired = await registerTransaction(t, counter, {
      finishedAt: new Date(t.clock.nowMs() - 8 * DAY_MS).toISOString(),
    });
    const ratingId = (await t.http.get(`/api/rating-forms/${rated.ratingToken}`).expect(200)).body
      .ratingId as number;
    const pages: [string, string, string][] = [
      ['home', `${base}/`, 'home-title'],
      ['rate', rateUrl(fresh.ratingToken), 'level-picker'],
      ['rated', rateUrl(rated.ratingToken), 'state-rated'],
      ['expired', rateUrl(expired.ratingToken), 'state-expired'],
      ['invalid', `${base}/pages/rate/index`, 'state-invalid'],
      [
        'complaint',
        `${base}/pages/complaint/index?token=${fresh.ratingToken}`,
        'complaint-content',
      ],
      [
        'complaint-already',
        `${base}/pages/complaint/index?token=${complained.ratingToken}`,
        'ticket-progress',
      ],
      [
        'follow-up',
        `${base}/pages/follow-up/index?token=${rated.ratingToken}&ratingId=${ratingId}`,
        'follow-up-comment',
      ],
      ['result-good', `${base}/pages/result/index?level=5`, 'result-page'],
      [
        'result-bad',
        `${base}/pages/result/index?level=1&ticketNo=ZG20261118-ABCDEFGH`,
        'ticket-no',
      ],
      ['mine', `${base}/pages/mine/index`, 'state-mine-h5'],
    ];
    const found: Record<string, AxeViolation[]> = {};
    for (const elder of [false, true]) {
      const context = await phoneContext(elder);
      const page = await context.newPage();
      for (const [name, url, ready] of pages) {
        await page.goto(url);
        await page.getByTestId(ready).first().waitFor();
        if (name === 'rate') {
          // The form with a bad level: the contact choices, tags and phone field are on it.
          await page.getByTestId('level-2').click();
          if (elder) await page.getByTestId('more-toggle').click();
          await page.getByTestId('phone').waitFor();
        }
        const shot = `citizen-${name}${elder ? '-elder' : ''}`;
        await shoot(page, shot);
        const violations = await seriousViolations(page);
        if (violations.length) found[shot] = violations;
      }
      await context.close();
    }
    expect(found).toEqual({});
  });

  it('shows a placeholder at once and the form early on a slow network (400 kbps, 400 ms RTT)', async () => {
    const timings: { placeholder: number; usable: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const reg = await registerTransaction(t, counter);
      // A cold load: a fresh context has an empty cache.
      const context = await h5.chromium.browser.newContext({ viewport: PHONE });
      watchCsp(context);
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: 400,
        downloadThroughput: (400 * 1000) / 8,
        uploadThroughput: (400 * 1000) / 8,
      });
      await page.goto(rateUrl(reg.ratingToken), { waitUntil: 'commit' });
      await page.locator('#hcp-boot').waitFor();
      // Usable: the transaction and the five levels are there and a level takes a tap. Waited for
      // on every frame first: click() alone looks for a missing element again only every 500 ms.
      await page.waitForFunction(() =>
        (
          globalThis as unknown as { document: { querySelector(s: string): unknown } }
        ).document.querySelector('[data-testid=level-5]'),
      );
      await page.getByTestId('level-5').click();
      await page.waitForFunction(
        "document.querySelector('[data-testid=level-5]').getAttribute('aria-checked') === 'true'",
      );
      const marks = await page.evaluate<{ placeholder: number; usable: number }>(`({
        placeholder: performance.getEntriesByName('first-contentful-paint')[0].startTime,
        usable: performance.now(),
      })`);
      timings.push(marks);
      expect(await page.locator('#hcp-boot').count()).toBe(0);
      await context.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const placeholder = median(timings.map((x) => x.placeholder));
    const usable = median(timings.map((x) => x.usable));
    console.log(
      `slow network (400 kbps, 400 ms RTT), median of 3 cold loads: first paint ${Math.round(
        placeholder,
      )} ms, usable ${Math.round(usable)} ms`,
    );
    // Measured on 2 shared cores, median of 5: usable 2.85 s (was 4.65 s with React, one common
    // chunk and on-the-fly compression; 10.1 s before any of it), first paint ~1.6 s. What made
    // the difference: Preact instead of React on H5 (vendors.js 105 → 64 KB gzipped), staff-only
    // shared code out of the citizen's common chunk, Brotli-11 files built ahead and served as
    // they are. The bound leaves room for a busy machine; the goal is < 3 s.
    expect(placeholder).toBeLessThan(2500);
    expect(usable).toBeLessThan(3500);
  });
});
