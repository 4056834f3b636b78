import { OutboxDispatcher } from '../../apps/api/src/outbox/outbox.dispatcher';
import { countIs, look, navOnTop, shown, staffPage, startH5, type H5 } from '../support/browser';
import { startFakeProvince, type FakeProvince } from '../support/fake-province';
import {
  giveNationalCode,
  makeCounter,
  registerTransaction,
  type Counter,
} from '../support/fixtures';
import { unique, type TestApp } from '../support/test-app';

jest.setTimeout(120000);

const PASSWORD = 'correct-horse-battery';

/**
 * The supervisor's 省平台推送 in the H5 workspace: what went to the provincial platform, what
 * failed and why (with the gateway's receipt), a self-built item that is never pushed, and a
 * re-push that goes through.
 */
describe('H5 staff workspace: provincial pushes', () => {
  let t: TestApp;
  let h5: H5;
  let gateway: FakeProvince;
  let counter: Counter;
  const supervisor = unique('s-');

  beforeAll(async () => {
    gateway = await startFakeProvince();
    h5 = await startH5({
      RATE_LIMIT_PER_MINUTE: '100000',
      PROVINCE_API_BASE: gateway.base,
      OUTBOX_MAX_ATTEMPTS: '1',
    });
    t = h5.t;
    counter = await makeCounter(t);
    const admin = await t.adminToken();
    await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username: supervisor, password: PASSWORD, role: 'supervisor' })
      .expect(201);
    await giveNationalCode(t, counter, '11370100MB28505Q1X4000117001');
  });
  afterAll(async () => {
    await h5?.close();
    await gateway?.close();
  });

  const supervisorPage = () => staffPage(h5, supervisor, PASSWORD);

  it('lists the pushes with their receipts, says why one was not pushed, and re-pushes a failure', async () => {
    const rate = async (on: Counter, level: number) => {
      const tx = await registerTransaction(t, on);
      await t.http
        .post('/api/ratings')
        .send({ token: tx.ratingToken, level, anonymous: true })
        .expect(201);
    };
    // One accepted, one refused (failed after its one attempt), one of a self-built item.
    gateway.answerNext(
      { status: 200, body: { success: true, code: '200', msg: '接收成功' } },
      { status: 200, body: { success: false, code: '500', msg: '事项编码不存在' } },
    );
    await rate(counter, 5);
    await rate(counter, 4);
    await rate(await makeCounter(t), 5);
    await t.app.get(OutboxDispatcher).run();

    const page = await supervisorPage();
    await navOnTop(page).getByRole('button', { name: '省平台推送' }).click();
    await shown(page, 'outbox-table').waitFor();
    expect(await page.locator('.staff__title >> visible=true').first().innerText()).toBe(
      '省平台推送',
    );
    // A supervisor's list is the pushes only: no channel filter.
    expect(await shown(page, 'outbox-channel-filter').count()).toBe(0);
    await countIs(page, 'outbox-row', 3);
    expect((await shown(page, 'outbox-status').allInnerTexts()).sort()).toEqual([
      '失败',
      '已发送',
      '已跳过',
    ]);
    const table = await shown(page, 'outbox-table').innerText();
    expect(table).toContain('自建事项');
    expect(table).toContain('事项编码不存在');
    expect(table).toContain('平台回执：HTTP 200');
    expect(table).toContain('省好差评平台');
    await look(page, 'province-pushes');

    await page
      .getByRole('radiogroup', { name: '发送状态', exact: true })
      .getByRole('radio', { name: '失败', exact: true })
      .click();
    await countIs(page, 'outbox-row', 1);
    await shown(page, 'outbox-retry').click();
    await shown(page, 'outbox-notice').filter({ hasText: '已重新排队' }).waitFor();
    await shown(page, 'empty').waitFor();
    await t.app.get(OutboxDispatcher).run();
    await page
      .getByRole('radiogroup', { name: '发送状态', exact: true })
      .getByRole('radio', { name: '已发送', exact: true })
      .click();
    await countIs(page, 'outbox-row', 2);
    await look(page, 'province-pushes-sent');
    await page.context().close();
  });
});
