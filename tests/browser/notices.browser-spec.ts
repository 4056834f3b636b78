import type { Page } from 'playwright-core';
import { DataSource } from 'typeorm';
import { OutboxDispatcher } from '../../apps/api/src/outbox/outbox.dispatcher';
import { OutboxService } from '../../apps/api/src/outbox/outbox.service';
import {
  countIs,
  look,
  navOnTop,
  shown,
  staffPage as openStaffPage,
  startH5,
  type H5,
} from '../support/browser';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { makeCounter, registerTransaction, type Counter } from '../support/fixtures';
import { ADMIN, unique, type TestApp } from '../support/test-app';

jest.setTimeout(120000);

const PASSWORD = 'correct-horse-battery';
const TEMPLATE = 'tmpl-ticket-progress';

/**
 * Notifications in the H5 workspace: the handler's unread badge for a new ticket, the notice
 * that opens the ticket and goes read, the supervisor's 督办 with its count, and the
 * administrator's 消息发送 screen with 重试.
 */
describe('H5 staff workspace: notices, 督办 and the outbox', () => {
  let t: TestApp;
  let wechat: FakeWechat;
  let h5: H5;
  let counter: Counter;
  const handler = unique('h-');
  const supervisor = unique('s-');

  beforeAll(async () => {
    wechat = await startFakeWechat();
    h5 = await startH5({
      RATE_LIMIT_PER_MINUTE: '100000',
      WECHAT_APPID: 'wx-test-app',
      WECHAT_SECRET: 'wx-test-secret',
      WECHAT_API_BASE: wechat.base,
      WECHAT_TEMPLATE_TICKET_PROGRESS: TEMPLATE,
    });
    t = h5.t;
    counter = await makeCounter(t);
    const admin = await t.adminToken();
    for (const [username, role] of [
      [handler, 'department'],
      [supervisor, 'supervisor'],
    ] as const) {
      await t.http
        .post('/api/users')
        .set('Authorization', admin)
        .send({
          username,
          password: PASSWORD,
          role,
          ...(role === 'department' ? { departmentId: counter.departmentId } : {}),
        })
        .expect(201);
    }
  });
  afterAll(async () => {
    await h5?.close();
    await wechat?.close();
  });

  const staffPage = (username: string, password = PASSWORD) =>
    openStaffPage(h5, username, password);

  const navTo = (page: Page, name: RegExp) => navOnTop(page).getByRole('button', { name }).click();
  const noticesEntry = (page: Page) => navOnTop(page).getByRole('button', { name: /^通知/ });
  /** Waits until the navigation's 通知 entry reads so (its name carries the unread count). */
  const badgeReads = (page: Page, name: string) =>
    navOnTop(page).getByRole('button', { name, exact: true }).waitFor();

  async function badRating(): Promise<string> {
    const tx = await registerTransaction(t, counter);
    const rated = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level: 1, tags: ['服务态度差'], anonymous: true })
      .expect(201);
    return rated.body.ticketNo as string;
  }

  it('shows the handler a new ticket as an unread notice that opens it; the supervisor urges', async () => {
    const page = await staffPage(handler);
    await expect(noticesEntry(page).getAttribute('aria-label')).resolves.toBe('通知');

    // A citizen rates badly: within the badge's minute the handler sees it.
    const ticketNo = await badRating();
    await page.clock.fastForward(61_000);
    await badgeReads(page, '通知 1 条未读');
    expect(await shown(page, 'unread-badge').innerText()).toBe('1');
    await look(page, 'notices-home-badge');

    await navTo(page, /^通知/);
    await shown(page, 'notices-list').waitFor();
    const notice = shown(page, 'notice').first();
    expect(await notice.innerText()).toContain('新差评工单待受理（1星）');
    expect(await notice.innerText()).toContain(ticketNo);
    await look(page, 'notices-list');

    // Opening it lands on the ticket; the notice is read and the badge goes.
    await shown(page, 'notice-open').first().click();
    await shown(page, 'staff-ticket').waitFor();
    // The detail loads after the frame: wait for its number rather than read the frame at once.
    await shown(page, 'staff-ticket').getByText(ticketNo).first().waitFor();
    await badgeReads(page, '通知');
    expect(await shown(page, 'unread-badge').count()).toBe(0);

    // The supervisor urges from the ticket.
    const boss = await staffPage(supervisor);
    await navTo(boss, /^整改工单/);
    await shown(boss, 'tickets-table').waitFor();
    await boss.getByRole('button', { name: `工单 ${ticketNo}` }).click();
    await shown(boss, 'ticket-actions').waitFor();
    await shown(boss, 'action-urge').click();
    await shown(boss, 'action-form').waitFor();
    await boss.getByLabel('督办意见', { exact: true }).fill('请今天内联系群众并反馈');
    await look(boss, 'notices-urge-form');
    await shown(boss, 'action-confirm').click();
    await shown(boss, 'action-notice').filter({ hasText: '已督办' }).waitFor();
    expect(await shown(boss, 'urge-count').innerText()).toBe('督办 ×1');
    expect(await shown(boss, 'ticket-timeline').innerText()).toContain('请今天内联系群众并反馈');
    await look(boss, 'notices-urged-ticket');

    // The handler, back on the notices, sees the 督办 and opens it.
    await navTo(page, /^通知/);
    await badgeReads(page, '通知 1 条未读');
    await shown(page, 'notice')
      .first()
      .filter({ hasText: '督办：请今天内联系群众并反馈' })
      .waitFor();
    await shown(page, 'notice-open').first().click();
    await shown(page, 'staff-ticket').waitFor();
    expect(await shown(page, 'urge-count').innerText()).toBe('督办 ×1');
    await badgeReads(page, '通知');

    // The ticket list counts it too.
    await navTo(page, /^整改工单/);
    await shown(page, 'tickets-table').waitFor();
    const row = page.locator('[data-testid="ticket-row"] >> visible=true', { hasText: ticketNo });
    expect(await row.getByTestId('urge-count').innerText()).toBe('督办 ×1');
    await look(page, 'notices-tickets-urged');

    // Read and unread, and 全部标为已读.
    await badRating();
    await badRating();
    await navTo(page, /^通知/);
    await countIs(page, 'notice', 2);
    await shown(page, 'notices-read-all').click();
    await shown(page, 'notices-empty').waitFor();
    await badgeReads(page, '通知');
    await shown(page, 'notices-all').click();
    await countIs(page, 'notice', 4);
    await look(page, 'notices-all');
    await page.context().close();
    await boss.context().close();
  });

  it('shows the administrator what was sent, what failed and why, and retries it', async () => {
    // Three progress messages to a citizen who accepted two: WeChat takes one, refuses one
    // (40003: failed) and says the third has no subscription left (43101: skipped).
    const login = await t.http.post('/api/auth/wechat').send({ code: 'good-outbox' }).expect(200);
    const bearer = `Bearer ${login.body.accessToken}`;
    for (let i = 0; i < 2; i++) {
      await t.http
        .post('/api/me/subscriptions')
        .set('Authorization', bearer)
        .send({ templateId: TEMPLATE, accepted: true })
        .expect(200);
    }
    const ticketNo = await badRating();
    const queue = t.app.get(OutboxService);
    await t.app.get(DataSource).transaction(async (em) => {
      for (const kind of ['ticket_accepted', 'reply_approved', 'ticket_reopened']) {
        await queue.enqueue(em, {
          channel: 'wechat',
          kind,
          ticketId: null,
          recipient: `citizen:${login.body.citizen.id}`,
          payload: {
            ticketNo,
            status: '已受理',
            content: '正在处理',
            time: t.clock.now().toISOString(),
          },
          now: t.clock.now(),
        });
      }
    });
    wechat.failNextSends(0, 40003, 43101);
    await t.app.get(OutboxDispatcher).run();

    const page = await staffPage(ADMIN.username, ADMIN.password);
    await navTo(page, /^消息发送/);
    await shown(page, 'outbox-table').waitFor();
    const statuses = await shown(page, 'outbox-status').allInnerTexts();
    expect(statuses.sort()).toEqual(['失败', '已发送', '已跳过']);
    expect(await shown(page, 'outbox-table').innerText()).toContain('errcode 40003');
    expect(await shown(page, 'outbox-table').innerText()).not.toContain('openid-outbox');
    await look(page, 'outbox');

    await page
      .getByRole('radiogroup', { name: '发送状态', exact: true })
      .getByRole('radio', { name: '失败', exact: true })
      .click();
    await countIs(page, 'outbox-row', 1);
    await shown(page, 'outbox-retry').click();
    await shown(page, 'outbox-notice').filter({ hasText: '已重新排队' }).waitFor();
    await shown(page, 'empty').waitFor(); // no failed message any more
    await page
      .getByRole('radiogroup', { name: '发送状态', exact: true })
      .getByRole('radio', { name: '待发送', exact: true })
      .click();
    await countIs(page, 'outbox-row', 1);
    await look(page, 'outbox-pending');
    await page.context().close();
  });
});
