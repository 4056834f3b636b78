import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations } from '../support/axe';
import { logIn, SHOTS, startH5, type H5 } from '../support/browser';
import { makeCounter, registerTransaction } from '../support/fixtures';
import { ADMIN, unique, type TestApp } from '../support/test-app';

jest.setTimeout(30000);

/** The staff entry of the H5 build: /staff, its session, and the role's home. */
describe('H5 staff workspace: login and session', () => {
  let t: TestApp;
  let h5: H5;
  let base: string;

  beforeAll(async () => {
    h5 = await startH5({ RATE_LIMIT_PER_MINUTE: '100000' });
    ({ t, base } = h5);
  });
  afterAll(async () => {
    await h5?.close();
  });

  async function desktopPage(): Promise<Page> {
    const context = await h5.context({ width: 1280, height: 800 }, { stepMs: 8000 });
    return context.newPage();
  }

  it('opens the login at /staff, says why a login fails, and keeps the session apart', async () => {
    const page = await desktopPage();
    await page.goto(`${base}/staff`);
    await page.getByTestId('staff-login').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'staff-login.png') });

    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('请输入用户名').waitFor();

    await logIn(page, ADMIN.username, 'wrong-password-1');
    await page.getByTestId('login-error').filter({ hasText: '用户名或密码错误' }).waitFor();

    // A disabled account is told so (only with its right password).
    const admin = await t.adminToken();
    const username = unique('off-');
    const created = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username, password: 'correct-horse-battery', role: 'supervisor' })
      .expect(201);
    await t.http
      .patch(`/api/users/${created.body.id}`)
      .set('Authorization', admin)
      .send({ enabled: false })
      .expect(200);
    await logIn(page, username, 'correct-horse-battery');
    await page.getByTestId('login-error').filter({ hasText: '该账号已停用' }).waitFor();

    // A citizen token on the same device is neither used nor touched by the staff session.
    await page.evaluate(
      "localStorage.setItem('hcp.citizenToken', JSON.stringify({ data: 'citizen-token' }))",
    );
    await logIn(page, ADMIN.username, ADMIN.password);
    await page.getByTestId('staff-home').waitFor();
    expect(await page.getByTestId('staff-user').innerText()).toContain('系统管理员');
    await page.getByTestId('count-departments').waitFor();
    expect(await page.getByTestId('count-users').innerText()).toMatch(/^\d+\s*系统用户$/);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'staff-home-admin.png') });

    // The session survives a reload; 退出登录 ends it and only it.
    await page.reload();
    await page.getByTestId('staff-home').waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByTestId('staff-login').waitFor();
    expect(await page.evaluate("localStorage.getItem('hcp.staffSession')")).toBeNull();
    expect(await page.evaluate("localStorage.getItem('hcp.citizenToken')")).toContain(
      'citizen-token',
    );
    await page.context().close();
  });

  it('sends an expired or revoked session back to the login, and back to the page after it', async () => {
    const page = await desktopPage();
    const handler = unique('h-');
    const department = await t.http
      .post('/api/departments')
      .set('Authorization', await t.adminToken())
      .send({ code: unique('D'), name: '市场监督管理局' })
      .expect(201);
    await t.http
      .post('/api/users')
      .set('Authorization', await t.adminToken())
      .send({
        username: handler,
        password: 'correct-horse-battery',
        role: 'department',
        departmentId: department.body.id,
      })
      .expect(201);
    await page.goto(`${base}/staff`);
    await logIn(page, handler, 'correct-horse-battery');
    await page.getByTestId('count-open').waitFor();
    expect(await page.getByTestId('count-open').innerText()).toMatch(/^0\s*待受理$/);
    // The server no longer accepts the token (as when it expires): the next request says 401.
    await page.evaluate(
      "(() => { const k = 'hcp.staffSession'; const s = JSON.parse(localStorage.getItem(k)); s.data.token = 'x.y.z'; localStorage.setItem(k, JSON.stringify(s)); })()",
    );
    await page.reload();
    await page.getByTestId('staff-login').waitFor();
    expect(page.url()).toContain('redirect=');
    await logIn(page, handler, 'correct-horse-battery');
    await page.getByTestId('staff-home').waitFor();
    expect(await page.getByTestId('staff-user').innerText()).toContain('部门整改专员');
    await page.context().close();
  });

  it('takes a bad rating from the handler to the supervisor: accept, visit, reply, approve', async () => {
    const counter = await makeCounter(t);
    const admin = await t.adminToken();
    const password = 'correct-horse-battery';
    const handler = unique('h-');
    const supervisor = unique('s-');
    for (const [username, role] of [
      [handler, 'department'],
      [supervisor, 'supervisor'],
    ] as const) {
      await t.http
        .post('/api/users')
        .set('Authorization', admin)
        .send({
          username,
          password,
          role,
          ...(role === 'department' ? { departmentId: counter.departmentId } : {}),
        })
        .expect(201);
    }
    const tx = await registerTransaction(t, counter);
    const rated = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level: 1, tags: ['服务态度差'], contactPhone: '13812348000' })
      .expect(201);
    const ticketNo = rated.body.ticketNo as string;

    const page = await desktopPage();
    await page.goto(`${base}/staff`);
    await logIn(page, handler, password);
    await page.getByRole('button', { name: '整改工单' }).click();
    await page.getByTestId('tickets-table').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'staff-tickets.png') });
    await page.getByText(ticketNo, { exact: true }).click();
    await page.getByTestId('ticket-actions').waitFor();
    expect(await page.getByTestId('ticket-status').innerText()).toBe('待受理');
    expect(await page.getByTestId('contact-phone').innerText()).toBe('138****8000');

    await page.getByRole('button', { name: '受理', exact: true }).click();
    // The detail offers the next step without a reload.
    await page.getByRole('button', { name: '提交整改结果' }).waitFor();
    expect(await page.getByTestId('ticket-status').innerText()).toBe('整改中');

    await page.getByTestId('reveal-contact').click();
    await page.getByTestId('contact-phone').filter({ hasText: '13812348000' }).waitFor();

    await page.getByRole('button', { name: '记录回访' }).click();
    await page.getByLabel('回访结果', { exact: true }).fill('已电话回访，群众反映属实');
    await page.getByRole('button', { name: '确认提交' }).click();
    await page.getByTestId('ticket-timeline').getByText('已电话回访，群众反映属实').waitFor();

    await page.getByRole('button', { name: '提交整改结果' }).click();
    await page
      .getByLabel('答复群众', { exact: true })
      .fill('已对窗口人员批评教育，并优化一次性告知单');
    await page.getByRole('button', { name: '确认提交' }).click();
    await page.getByTestId('ticket-status').filter({ hasText: '待审核' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'staff-ticket.png'), fullPage: true });
    await page.context().close();

    // The supervisor finds it in the review queue, oldest first, and approves it.
    const other = await desktopPage();
    await other.goto(`${base}/staff`);
    await logIn(other, supervisor, password);
    await other.getByRole('button', { name: '审核队列' }).click();
    await other.getByTestId('queue-submitted').getByText(ticketNo, { exact: true }).click();
    await other.getByTestId('ticket-actions').waitFor();
    await other.getByRole('button', { name: '审核通过' }).click();
    await other.getByLabel('审核意见', { exact: true }).fill('整改到位');
    await other.getByRole('button', { name: '确认提交' }).click();
    await other.getByTestId('ticket-status').filter({ hasText: '已办结' }).waitFor();
    expect((await t.ticket(ticketNo)).status).toBe('closed');
    await other.context().close();
  });

  it('tells the handler when someone else moved the ticket first, on a phone too', async () => {
    const counter = await makeCounter(t);
    const password = 'correct-horse-battery';
    const handler = unique('h-');
    await t.http
      .post('/api/users')
      .set('Authorization', await t.adminToken())
      .send({ username: handler, password, role: 'department', departmentId: counter.departmentId })
      .expect(201);
    const tx = await registerTransaction(t, counter);
    const rated = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level: 2, anonymous: true })
      .expect(201);
    const id = (await t.ticket(rated.body.ticketNo)).id;

    const context = await h5.context({ width: 390, height: 844 }, { stepMs: 8000 });
    const page = await context.newPage();
    await page.goto(`${base}/staff/ticket/index?id=${id}`);
    await logIn(page, handler, password);
    await page.getByRole('button', { name: '受理', exact: true }).waitFor();
    // A colleague accepts it through the API while this page still offers 受理.
    const colleague = await t.as('department', { departmentId: counter.departmentId });
    await t.act(`${id}/accept`, colleague).expect(200);
    await page.getByRole('button', { name: '受理', exact: true }).click();
    await page.getByTestId('action-notice').filter({ hasText: '该工单已被他人处理' }).waitFor();
    // The page reloads the ticket: its status becomes what the colleague made it.
    await page.getByTestId('ticket-status').filter({ hasText: '整改中' }).waitFor();
    expect(await page.getByTestId('ticket-status').innerText()).toBe('整改中');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'staff-ticket-390.png') });
    await context.close();
  });

  it('lets a window clerk register a transaction and shows its rating QR code large', async () => {
    const counter = await makeCounter(t);
    const password = 'correct-horse-battery';
    const clerk = unique('w-');
    await t.http
      .post('/api/users')
      .set('Authorization', await t.adminToken())
      .send({ username: clerk, password, role: 'window', windowId: counter.windowId })
      .expect(201);
    const page = await desktopPage();
    await page.goto(`${base}/staff`);
    await logIn(page, clerk, password);
    await page.getByRole('button', { name: '登记办件' }).click();
    await page.getByTestId('pick-item').waitFor();

    await page.getByRole('button', { name: '生成评价码' }).click();
    await page.getByText('请填写办件编号').waitFor();
    await page.getByText('请选择办理事项').waitFor();

    const transactionNo = unique('TX');
    await page.getByLabel('办件编号', { exact: true }).fill(transactionNo);
    await page.getByRole('radio', { name: '食品经营许可证核发' }).click();
    await page.getByRole('radio', { name: new RegExp(`张敏（${counter.staffNo}）`) }).click();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '生成评价码' }).click();
    await page.getByTestId('register-done').waitFor();

    const url = await page.getByTestId('rating-url').innerText();
    expect(url).toMatch(/\/pages\/rate\/index\?token=[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
    const src = await page.getByTestId('rating-qr').locator('img').getAttribute('src');
    expect(src).toMatch(/^data:image\/png;base64,iVBORw0KGgo/);
    // The transaction is real: its token opens the rating form of this window.
    const token = decodeURIComponent(url.split('token=')[1]);
    const form = await t.http.get(`/api/rating-forms/${token}`).expect(200);
    expect(form.body.transaction).toMatchObject({ transactionNo, windowName: 'A01 企业开办窗口' });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'staff-register-qr.png') });
    await page.context().close();
  });
});
