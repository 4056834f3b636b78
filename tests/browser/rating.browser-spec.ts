import { join } from 'node:path';
import type { Page, Request } from 'playwright-core';
import { axeViolations } from '../support/axe';
import { SHOTS, startH5, type H5 } from '../support/browser';
import { makeCounter, registerTransaction, type Counter } from '../support/fixtures';
import type { TestApp } from '../support/test-app';

// Page functions run in the browser; this tsconfig has no DOM lib.
declare function getComputedStyle(el: unknown): { fontSize: string };
declare const localStorage: { getItem(key: string): string | null };

jest.setTimeout(30000);

const DAY_MS = 24 * 3600 * 1000;

/** A 1×1 PNG, as a phone photo stand-in. */
const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** The citizen's side of a rating, on the real H5 build served by the real API. */
describe('H5 rating pages', () => {
  let t: TestApp;
  let h5: H5;
  let base: string;
  let counter: Counter;

  beforeAll(async () => {
    h5 = await startH5({ RATE_LIMIT_PER_MINUTE: '100000' });
    ({ t, base } = h5);
    counter = await makeCounter(t);
  });
  afterAll(async () => {
    await h5?.close();
  });

  /** A phone-sized page in a fresh context (its own storage). */
  async function phonePage(): Promise<Page> {
    const context = await h5.context({ width: 390, height: 844 });
    return context.newPage();
  }

  async function openRate(page: Page, token: string): Promise<void> {
    await page.goto(`${base}/pages/rate/index?token=${encodeURIComponent(token)}`);
  }

  async function form(token: string) {
    const res = await t.http.get(`/api/rating-forms/${token}`).expect(200);
    return res.body as {
      rated: boolean;
      ratingId?: number;
      followedUp?: boolean;
      followUpUntil?: string;
    };
  }

  /** Whether the whole element shows on the phone's first screen, with no scrolling. */
  async function onFirstScreen(page: Page, testId: string): Promise<boolean> {
    const box = await page.getByTestId(testId).boundingBox();
    const viewport = page.viewportSize();
    return !!box && !!viewport && box.y >= 0 && box.y + box.height <= viewport.height;
  }

  it('shows the transaction and takes a good rating in two taps (level, submit)', async () => {
    const reg = await registerTransaction(t, counter);
    const page = await phonePage();
    await openRate(page, reg.ratingToken);
    const card = page.getByTestId('transaction-card');
    await card.waitFor();
    expect(await page.getByTestId('tx-service-item').innerText()).toBe('食品经营许可证核发');
    expect(await page.getByTestId('tx-department').innerText()).toBe('市场监督管理局');
    // Two lines on the first view; the rest behind 展开.
    expect(await page.getByTestId('tx-window').count()).toBe(0);
    expect(await page.getByTestId('tx-toggle').getAttribute('aria-expanded')).toBe('false');
    await page.getByTestId('tx-toggle').click();
    expect(await page.getByTestId('tx-toggle').getAttribute('aria-expanded')).toBe('true');
    expect(await page.getByTestId('tx-window').innerText()).toBe('A01 企业开办窗口');
    expect(await page.getByTestId('tx-staff').innerText()).toContain('张');
    expect(await page.getByTestId('tx-finished-at').innerText()).toMatch(
      /\d{4}年\d{1,2}月\d{1,2}日/,
    );
    await page.getByTestId('tx-toggle').click();
    // Five large, labelled level buttons, 非常满意 first.
    for (const [level, label] of [
      [5, '非常满意'],
      [4, '满意'],
      [3, '基本满意'],
      [2, '不满意'],
      [1, '非常不满意'],
    ] as const) {
      const button = page.getByTestId(`level-${level}`);
      expect(await button.innerText()).toContain(label);
      expect(await button.getAttribute('aria-label')).toContain(label);
    }
    // The comment box allows 500 characters (H5 default would be 140) with a live counter.
    expect(await page.getByTestId('comment').locator('textarea').getAttribute('maxlength')).toBe(
      '500',
    );
    expect(await page.getByTestId('comment-counter').innerText()).toBe('0/500');
    // Controls carry accessible labels (on the native element inside Taro's component too).
    expect(await page.getByTestId('comment').locator('textarea').getAttribute('aria-label')).toBe(
      '意见建议（选填）',
    );
    expect(await page.getByTestId('elder-switch').getAttribute('role')).toBe('switch');
    expect(await page.getByTestId('photo-add').getAttribute('aria-label')).toContain('添加照片');
    await page.getByTestId('comment').locator('textarea').fill('窗口人员很耐心');
    expect(await page.getByTestId('comment-counter').innerText()).toBe('7/500');
    await page.getByTestId('comment').locator('textarea').fill('');
    // Taro scrolls inside the page, so a tall viewport shows the whole form at once.
    await page.setViewportSize({ width: 390, height: 1500 });
    await page.screenshot({ path: join(SHOTS, 'rate.png') });
    await page.setViewportSize({ width: 390, height: 844 });

    // Two taps: every level shows on the first screen of a phone, and so does 提交 once chosen.
    for (const level of [5, 4, 3, 2, 1])
      expect(await onFirstScreen(page, `level-${level}`)).toBe(true);
    await page.getByTestId('level-5').click();
    expect(await page.getByTestId('level-5').getAttribute('aria-checked')).toBe('true');
    // A good rating asks for no phone number.
    expect(await page.getByTestId('phone-field').count()).toBe(0);
    expect(await onFirstScreen(page, 'submit')).toBe(true);
    await page.getByTestId('submit').click();
    await page.getByTestId('result-page').waitFor();
    expect(await page.getByTestId('result-thanks').innerText()).toContain('感谢您的评价');
    expect(await page.getByTestId('ticket-no').count()).toBe(0);
    expect(page.url()).toContain('/pages/result/index');
    await page.screenshot({ path: join(SHOTS, 'result-good.png'), fullPage: true });
    expect(await form(reg.ratingToken)).toMatchObject({ rated: true });
    await page.context().close();
  });

  it('asks a real-name bad rating for a phone number inline, then shows the ticket', async () => {
    const reg = await registerTransaction(t, counter);
    const page = await phonePage();
    await openRate(page, reg.ratingToken);
    await page.getByTestId('level-1').click();
    const phone = page.getByTestId('phone');
    await phone.waitFor();
    // Tags of that level only.
    const chips = page.getByTestId('tag-chip');
    expect(await chips.allInnerTexts()).toContain('服务态度差');
    await chips.filter({ hasText: '服务态度差' }).click();
    expect(await chips.filter({ hasText: '服务态度差' }).first().getAttribute('aria-pressed')).toBe(
      'true',
    );

    const posts: Request[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/ratings')) posts.push(r);
    });
    await page.getByTestId('submit').click();
    await page.getByTestId('phone-error').filter({ hasText: '手机号' }).waitFor();
    expect(posts).toHaveLength(0);
    expect(await form(reg.ratingToken)).toMatchObject({ rated: false });

    expect(await phone.locator('input').getAttribute('aria-label')).toContain('手机号码');
    // A phone number is a tel input (a text field with a keypad), not a spin button.
    expect(await phone.locator('input').getAttribute('type')).toBe('tel');
    await phone.locator('input').fill('1381234');
    await phone.locator('input').blur();
    expect(await page.getByTestId('phone-error').innerText()).toContain('11位');
    await phone.locator('input').fill('13812348000');
    expect(await page.getByTestId('phone-error').innerText()).toBe('');
    await page.screenshot({ path: join(SHOTS, 'rate-bad.png'), fullPage: true });
    await page.getByTestId('submit').click();
    await page.getByTestId('result-page').waitFor();
    const ticketNo = await page.getByTestId('ticket-no').innerText();
    expect(ticketNo).toMatch(/^ZG/);
    expect(await page.getByTestId('result-promise').innerText()).toContain('1 个工作日内与您联系');
    expect(await page.getByTestId('result-promise').innerText()).toContain('15 个工作日');
    expect(posts).toHaveLength(1);
    expect(posts[0].postDataJSON()).toMatchObject({
      level: 1,
      tags: ['服务态度差'],
      contactPhone: '13812348000',
      anonymous: false,
    });
    expect(posts[0].headers()['idempotency-key']).toMatch(/^[A-Za-z0-9_.:-]{8,100}$/);
    await page.screenshot({ path: join(SHOTS, 'result-bad.png'), fullPage: true });
    await page.context().close();
  });

  it('lets a bad rating be anonymous without a phone number', async () => {
    const reg = await registerTransaction(t, counter);
    const page = await phonePage();
    await openRate(page, reg.ratingToken);
    await page.getByTestId('level-2').click();
    await page.getByTestId('phone').waitFor();
    // Two plain choices: 实名 (chosen) or 匿名.
    const realName = page.getByTestId('contact-real-name');
    const anonymous = page.getByTestId('contact-anonymous');
    expect(await realName.getAttribute('role')).toBe('radio');
    expect(await realName.getAttribute('aria-checked')).toBe('true');
    expect(await realName.innerText()).toContain('实名，留下电话以便回访');
    expect(await anonymous.getAttribute('aria-checked')).toBe('false');
    // A radio group to the keyboard too: ArrowDown moves the choice and the focus to 匿名 and back.
    expect(await anonymous.getAttribute('tabindex')).toBe('-1');
    await realName.focus();
    await page.keyboard.press('ArrowDown');
    expect(await anonymous.getAttribute('aria-checked')).toBe('true');
    expect(await page.evaluate("document.activeElement.getAttribute('data-testid')")).toBe(
      'contact-anonymous',
    );
    await page.keyboard.press('ArrowDown');
    expect(await realName.getAttribute('aria-checked')).toBe('true');
    await anonymous.click();
    expect(await anonymous.getAttribute('aria-checked')).toBe('true');
    expect(await realName.getAttribute('aria-checked')).toBe('false');
    expect(await page.getByTestId('phone').count()).toBe(0);
    await page.getByTestId('submit').click();
    await page.getByTestId('result-page').waitFor();
    expect(await page.getByTestId('ticket-no').innerText()).toMatch(/^ZG/);
    expect(await page.getByTestId('result-promise').innerText()).toContain('匿名');
    await page.context().close();
  });

  it('shows an already-rated token as such, with the follow-up entry, and takes a follow-up', async () => {
    const reg = await registerTransaction(t, counter);
    await t.http.post('/api/ratings').send({ token: reg.ratingToken, level: 4 }).expect(201);
    const page = await phonePage();
    await openRate(page, reg.ratingToken);
    await page.getByTestId('state-rated').waitFor();
    expect(await page.getByTestId('state-rated').innerText()).toContain('该办件已评价');
    // When it was rated, and what to do if it was not this person.
    await page.getByTestId('state-rated').filter({ hasText: '「满意」' }).waitFor();
    expect(await page.getByTestId('state-rated').innerText()).toMatch(
      /已于 \d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 评价/,
    );
    expect(await page.getByTestId('rated-not-me').innerText()).toContain('如非本人评价，请投诉');
    expect(await page.getByTestId('rated-complaint').getAttribute('role')).toBe('button');
    // A good rating opened no ticket: no progress card.
    expect(await page.getByTestId('ticket-progress').count()).toBe(0);
    expect(await page.getByTestId('level-picker').count()).toBe(0);
    await page.getByTestId('follow-up-entry').click();
    await page.getByTestId('follow-up-page').waitFor();
    const comment = page.getByTestId('follow-up-comment').locator('textarea');
    await comment.waitFor();
    await page.getByTestId('submit').click();
    await page.getByTestId('follow-up-comment-error').filter({ hasText: '追加' }).waitFor();
    await comment.fill('后来电话回访了，问题已解决');
    await page.getByTestId('submit').click();
    await page.getByTestId('state-follow-up-done').waitFor();
    expect(await form(reg.ratingToken)).toMatchObject({ rated: true, followedUp: true });

    // Once followed up, the entry is gone.
    await openRate(page, reg.ratingToken);
    await page.getByTestId('state-rated').waitFor();
    expect(await page.getByTestId('follow-up-entry').count()).toBe(0);
    await page.context().close();
  });

  it('closes the follow-up when its period is over, with 拨打 12345 beside 返回首页', async () => {
    const reg = await registerTransaction(t, counter);
    await t.http
      .post('/api/ratings')
      .send({ token: reg.ratingToken, level: 2, anonymous: true })
      .expect(201);
    const { ratingId, followUpUntil } = await form(reg.ratingToken);
    const page = await phonePage();
    // The citizen comes back a day after the follow-up period (15 days by default) ended.
    await page.clock.setSystemTime(new Date(followUpUntil as string).getTime() + DAY_MS);
    await page.goto(
      `${base}/pages/follow-up/index?token=${encodeURIComponent(reg.ratingToken)}&ratingId=${ratingId}`,
    );
    const closed = page.getByTestId('state-follow-up-closed');
    await closed.waitFor();
    expect(await closed.innerText()).toContain('已超过追评期限');
    const call = closed.getByTestId('call-hotline');
    expect(await call.innerText()).toBe('拨打 12345 政务服务热线');
    expect(await call.getAttribute('role')).toBe('button');
    expect(await closed.getByText('返回首页').count()).toBe(1);
    expect(await page.getByTestId('follow-up-comment').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'follow-up-closed.png') });
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('shows 评价已过期 for an expired token and 二维码无效 for an unknown one', async () => {
    const reg = await registerTransaction(t, counter, {
      finishedAt: new Date(t.clock.nowMs() - 8 * DAY_MS).toISOString(),
    });
    const page = await phonePage();
    await openRate(page, reg.ratingToken);
    await page.getByTestId('state-expired').waitFor();
    expect(await page.getByTestId('state-expired').innerText()).toContain('评价已过期');
    expect(await page.getByTestId('level-picker').count()).toBe(0);

    const [id, expiry] = reg.ratingToken.split('.');
    await openRate(page, `${id}.${expiry}.AAAAAAAAAAAAAAAAAAAAAA`);
    await page.getByTestId('state-invalid').waitFor();
    expect(await page.getByTestId('state-invalid').innerText()).toContain('二维码无效');

    await page.goto(`${base}/pages/rate/index`);
    await page.getByTestId('state-invalid').waitFor();
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/NOT_FOUND|statusCode|Error/);
    await page.context().close();
  });

  it('remembers 长辈模式 on the device: larger type, optional fields tucked away', async () => {
    const reg = await registerTransaction(t, counter);
    const page = await phonePage();
    await openRate(page, reg.ratingToken);
    const root = page.getByTestId('rate-page');
    await page.getByTestId('level-picker').waitFor();
    const labelSize = () =>
      page
        .getByTestId('level-5')
        .locator('.level-btn__label')
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const normalSize = await labelSize();
    expect(await root.getAttribute('class')).not.toContain('page--elder');
    expect(await page.getByTestId('elder-switch').getAttribute('aria-checked')).toBe('false');

    await page.getByTestId('elder-switch').click();
    expect(await root.getAttribute('class')).toContain('page--elder');
    expect(await page.getByTestId('elder-switch').getAttribute('aria-checked')).toBe('true');
    expect(await labelSize()).toBeGreaterThan(normalSize * 1.5);

    await page.reload();
    await page.getByTestId('level-picker').waitFor();
    expect(await page.getByTestId('rate-page').getAttribute('class')).toContain('page--elder');
    // Optional fields wait behind 更多; a good rating is still level + submit.
    await page.getByTestId('level-4').click();
    expect(await page.getByTestId('tag-chips').count()).toBe(0);
    expect(await page.getByTestId('comment').count()).toBe(0);
    expect(await page.getByTestId('photo-picker').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'rate-elder.png'), fullPage: true });
    await page.getByTestId('more-toggle').click();
    await page.getByTestId('tag-chips').waitFor();
    expect(await page.getByTestId('comment').count()).toBe(1);

    // The home page shares the setting.
    await page.goto(`${base}/`);
    await page.getByTestId('home-title').waitFor();
    expect(await page.getByTestId('home').getAttribute('class')).toContain('page--elder');
    await page.getByTestId('elder-switch').click();
    expect(await page.getByTestId('home').getAttribute('class')).not.toContain('page--elder');
    await page.context().close();
  });

  it('retries a lost answer on a weak network with the same Idempotency-Key: one rating', async () => {
    const reg = await registerTransaction(t, counter);
    const page = await phonePage();
    const keys: string[] = [];
    let calls = 0;
    await page.route('**/api/ratings', async (route) => {
      calls++;
      keys.push(route.request().headers()['idempotency-key']);
      if (calls === 1) {
        // The rating reaches the server, but the answer is lost on the way back.
        await route.fetch();
        await route.abort('connectionreset');
      } else if (calls === 2) {
        await route.abort('internetdisconnected');
      } else {
        await route.continue();
      }
    });
    await openRate(page, reg.ratingToken);
    await page.getByTestId('level-5').click();
    await page.getByTestId('submit').click();
    await page.getByTestId('submit-status').filter({ hasText: '网络不佳' }).waitFor();
    await page.getByTestId('result-page').waitFor({ timeout: 15000 });
    expect(calls).toBe(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[A-Za-z0-9_.:-]{8,100}$/);
    // Nothing left in the queue.
    const queued = await page.evaluate(() => localStorage.getItem('hcp.pendingRatings'));
    expect(queued ?? '').not.toContain(reg.ratingToken);
    expect(await form(reg.ratingToken)).toMatchObject({ rated: true });
    await page.context().close();
  });

  it('resends a rating queued on an earlier visit with its stored key, without ALREADY_RATED', async () => {
    const reg = await registerTransaction(t, counter);
    const key = 'r-queued-key-0001';
    // The first attempt reached the server, but the phone went offline before the answer came.
    const first = await t.http
      .post('/api/ratings')
      .set('Idempotency-Key', key)
      .send({ token: reg.ratingToken, level: 2, contactPhone: '13812348000' })
      .expect(201);
    const page = await phonePage();
    const pending = {
      [reg.ratingToken]: {
        token: reg.ratingToken,
        key,
        body: { token: reg.ratingToken, level: 2, contactPhone: '13812348000', anonymous: false },
        createdAt: t.clock.nowMs() - 60_000,
        attempts: 1,
      },
    };
    // Taro's H5 storage keeps {data: value} as JSON.
    const stored = JSON.stringify({ data: pending });
    await page.addInitScript(
      `localStorage.setItem('hcp.pendingRatings', ${JSON.stringify(stored)})`,
    );
    const keys: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/ratings')) {
        keys.push(r.headers()['idempotency-key']);
      }
    });
    await openRate(page, reg.ratingToken);
    await page.getByTestId('result-page').waitFor();
    expect(keys.length).toBeGreaterThanOrEqual(1);
    expect(new Set(keys)).toEqual(new Set([key]));
    expect(await page.getByTestId('ticket-no').innerText()).toBe(first.body.ticketNo);
    const queued = await page.evaluate(() => localStorage.getItem('hcp.pendingRatings'));
    expect(queued ?? '').not.toContain(reg.ratingToken);
    await page.context().close();
  });

  it('sends a rating queued for days without its photos once the server has deleted them', async () => {
    const reg = await registerTransaction(t, counter);
    const page = await phonePage();
    // Queued offline two days ago with a photo; unreferenced uploads are deleted after 24 h.
    const pending = {
      [reg.ratingToken]: {
        token: reg.ratingToken,
        key: 'r-stale-photo-key-0001',
        body: {
          token: reg.ratingToken,
          level: 4,
          anonymous: true,
          attachmentIds: [999999],
          attachmentKeys: ['k'.repeat(43)],
        },
        createdAt: t.clock.nowMs() - 2 * DAY_MS,
        attempts: 3,
      },
    };
    const stored = JSON.stringify({ data: pending });
    await page.addInitScript(
      `localStorage.setItem('hcp.pendingRatings', ${JSON.stringify(stored)})`,
    );
    const sent: { key: string; photos: number }[] = [];
    page.on('request', (r: Request) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/ratings')) {
        const body = JSON.parse(r.postData() ?? '{}') as { attachmentIds?: number[] };
        sent.push({ key: r.headers()['idempotency-key'], photos: body.attachmentIds?.length ?? 0 });
      }
    });
    await openRate(page, reg.ratingToken);
    await page.getByTestId('result-page').waitFor();
    expect(await page.getByTestId('result-photos-dropped').innerText()).toContain('照片');
    // First with the photo (refused at attachmentIds), then without it under a new key.
    expect(sent.map((x) => x.photos)).toEqual([1, 0]);
    expect(sent[1].key).not.toBe(sent[0].key);
    expect(await form(reg.ratingToken)).toMatchObject({ rated: true });
    await page.screenshot({ path: join(SHOTS, 'result-photos-dropped.png') });
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('uploads a chosen photo with progress and sends its id with the rating', async () => {
    const reg = await registerTransaction(t, counter);
    const page = await phonePage();
    await openRate(page, reg.ratingToken);
    await page.getByTestId('level-3').click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByTestId('photo-add').click();
    const upload = page.waitForResponse((r) => r.url().endsWith('/api/attachments'));
    await (await chooser).setFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PNG_1X1 });
    const uploaded = await upload;
    expect(uploaded.status()).toBe(201);
    const { id, key } = (await uploaded.json()) as { id: number; key: string };
    await page.getByTestId('photo').waitFor();
    await page.getByTestId('photo-add').filter({ hasText: '1/6' }).waitFor();
    const rating = page.waitForRequest(
      (r) => r.method() === 'POST' && r.url().endsWith('/api/ratings'),
    );
    await page.getByTestId('submit').click();
    expect((await rating).postDataJSON()).toMatchObject({
      level: 3,
      attachmentIds: [id],
      attachmentKeys: [key],
    });
    await page.getByTestId('result-page').waitFor();
    await page.context().close();
  });

  it('files a complaint with a counted text and an optional phone', async () => {
    const reg = await registerTransaction(t, counter);
    const page = await phonePage();
    await page.goto(`${base}/pages/complaint/index?token=${reg.ratingToken}`);
    const content = page.getByTestId('complaint-content').locator('textarea');
    await content.waitFor();
    expect(await page.getByTestId('complaint-content-counter').innerText()).toBe('0/1000');
    await content.fill('太慢');
    await page.getByTestId('submit').click();
    await page.getByTestId('complaint-content-error').filter({ hasText: '5' }).waitFor();
    await content.fill('窗口排队两个小时没有人叫号');
    await page.getByTestId('submit').click();
    await page.getByTestId('state-complaint-done').waitFor();
    expect(await page.getByTestId('state-complaint-done').innerText()).toMatch(/ZG/);

    // One complaint per transaction: the same link now says so instead of offering the form.
    await page.goto(`${base}/pages/complaint/index?token=${reg.ratingToken}`);
    await page.getByTestId('state-already-complained').waitFor();
    expect(await page.getByTestId('state-already-complained').innerText()).toContain('已投诉过');
    expect(await page.getByTestId('complaint-content').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'complaint-already.png'), fullPage: true });
    await page.context().close();
  });

  it('shows the complaint page on a phone and a desktop, normal and 长辈模式, with no axe violations', async () => {
    const fresh = await registerTransaction(t, counter);
    const complained = await registerTransaction(t, counter);
    await t.http
      .post('/api/complaints')
      .send({ token: complained.ratingToken, content: '窗口人员中途离岗二十分钟' })
      .expect(201);
    const found: Record<string, unknown> = {};
    for (const width of [390, 1280]) {
      for (const elder of [false, true]) {
        for (const [state, token, testId] of [
          ['form', fresh.ratingToken, 'complaint-content'],
          ['already', complained.ratingToken, 'state-already-complained'],
        ] as const) {
          const context = await h5.context({ width, height: width > 400 ? 900 : 844 });
          const page = await context.newPage();
          await page.goto(`${base}/pages/complaint/index?token=${token}`);
          await page.getByTestId(testId).waitFor();
          if (elder) {
            await page.getByTestId('elder-switch').click();
            expect(await page.getByTestId('elder-switch').getAttribute('aria-checked')).toBe(
              'true',
            );
          }
          const name = `complaint-${state}-${width}${elder ? '-elder' : ''}`;
          await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
          const violations = await axeViolations(page);
          if (violations.length) found[name] = violations;
          await context.close();
        }
      }
    }
    expect(found).toEqual({});
  });

  it('takes a rating by keyboard alone: Tab into the levels, arrow keys, Tab to 提交评价, Enter', async () => {
    const reg = await registerTransaction(t, counter);
    const page = await phonePage();
    await openRate(page, reg.ratingToken);
    await page.getByTestId('level-picker').waitFor();
    const focused = () =>
      page.evaluate("document.activeElement && document.activeElement.getAttribute('data-testid')");
    const tabTo = async (testId: string) => {
      for (let i = 0; i < 30; i++) {
        await page.keyboard.press('Tab');
        if ((await focused()) === testId) return;
      }
      throw new Error(`Tab never reached ${testId}`);
    };
    const checked = async () => {
      const states: string[] = [];
      for (const level of [5, 4, 3, 2, 1]) {
        if ((await page.getByTestId(`level-${level}`).getAttribute('aria-checked')) === 'true') {
          states.push(`level-${level}`);
        }
      }
      return states;
    };
    // Radio semantics: a group of five radios, none checked yet, one stop in the Tab order.
    expect(await page.getByTestId('level-picker').getAttribute('role')).toBe('radiogroup');
    expect(await page.getByTestId('level-4').getAttribute('role')).toBe('radio');
    await tabTo('level-5');
    expect(await page.getByTestId('level-4').getAttribute('tabindex')).toBe('-1');
    expect(await checked()).toEqual([]);
    // The arrow keys move the choice and the focus; Up from the first wraps to the last.
    await page.keyboard.press('ArrowDown');
    expect([await focused(), await checked()]).toEqual(['level-4', ['level-4']]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect([await focused(), await checked()]).toEqual(['level-1', ['level-1']]);
    await page.keyboard.press('Home');
    expect([await focused(), await checked()]).toEqual(['level-5', ['level-5']]);
    expect(await page.getByTestId('level-5').getAttribute('tabindex')).toBe('0');
    expect(await page.getByTestId('level-1').getAttribute('tabindex')).toBe('-1');
    // Space on the chosen one keeps it; Tab then leaves the group at once.
    await page.keyboard.press('Space');
    expect(await checked()).toEqual(['level-5']);
    await page.keyboard.press('Tab');
    expect(String(await focused())).not.toMatch(/^level-/);
    await page.screenshot({ path: join(SHOTS, 'rate-keyboard.png') });
    // 我要投诉 is on the way, a real control in the Tab order.
    await tabTo('complaint-entry');
    expect(await page.getByTestId('complaint-entry').getAttribute('role')).toBe('link');
    await tabTo('submit');
    expect(await page.getByTestId('submit').getAttribute('role')).toBe('button');
    await page.keyboard.press('Enter');
    await page.getByTestId('result-page').waitFor();
    expect((await form(reg.ratingToken)).rated).toBe(true);
    // 我的评价 on H5 lists what this device rated, each opening its page by its token.
    await page.goto(`${base}/pages/mine/index`);
    await page.getByTestId('device-rating').waitFor();
    expect(await page.getByTestId('device-rating').innerText()).toContain('非常满意');
    await page.getByTestId('device-rating-open').click();
    await page.getByTestId('state-rated').waitFor();
    expect(page.url()).toContain(encodeURIComponent(reg.ratingToken).slice(0, 10));
    await page.context().close();
  });

  it('says on H5 that 我的评价 lists this device’s ratings, and none yet', async () => {
    const page = await phonePage();
    await page.goto(`${base}/pages/mine/index`);
    await page.getByTestId('state-mine-h5').waitFor();
    expect(await page.getByTestId('state-mine-h5').innerText()).toContain('本机还没有评价记录');
    await page.context().close();
  });
});
