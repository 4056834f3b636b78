import { createServer } from 'node:net';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import type { BrowserContext, Page } from 'playwright-core';
import { axeViolations } from '../support/axe';
import { choose, logIn, SHOTS, startH5, type H5 } from '../support/browser';
import { makeCounter, registerTransaction } from '../support/fixtures';
import { ADMIN, unique, type TestApp } from '../support/test-app';

jest.setTimeout(120000);

const PASSWORD = 'correct-horse-battery';

/** A free loopback port, so the rating links the API prints point at this very server. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Taro keeps the pages below in the DOM, hidden: the navigation of the page on screen. */
function nav(page: Page, testId: string): Promise<void> {
  return page.locator(`[data-testid="${testId}"] >> visible=true`).click();
}

/** The text a QR code on screen encodes, read from a screenshot of its image. */
async function decodeQr(page: Page, testId: string): Promise<string> {
  const png = PNG.sync.read(await page.getByTestId(testId).screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  if (!code) throw new Error(`no QR code readable in ${testId}`);
  return code.data;
}

/**
 * The whole loop on the H5 build: the window registers a transaction and the kiosk shows its QR
 * code; a citizen scans it and rates 非常不满意; the handler rectifies; the supervisor approves;
 * the citizen accepts; the dashboard shows it, drills down to it and exports it.
 */
describe('H5 staff workspace: the whole loop', () => {
  let t: TestApp;
  let h5: H5;
  let base: string;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    h5 = await startH5({ RATE_LIMIT_PER_MINUTE: '100000', PUBLIC_BASE_URL: base }, port);
    ({ t, base } = h5);
  });
  afterAll(async () => {
    await h5?.close();
  });

  const cspViolations: string[] = [];
  afterEach(() => {
    expect(cspViolations.splice(0)).toEqual([]);
  });

  async function context(width: number, height: number): Promise<BrowserContext> {
    const ctx = await h5.context({ width, height }, { acceptDownloads: true, stepMs: 10000 });
    // The pages run under the API's Content-Security-Policy: anything it blocks is a failure.
    ctx.on('console', (message) => {
      if (/Content[- ]Security[- ]Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    return ctx;
  }

  async function staffPage(
    username: string,
    width = 1280,
    height = 800,
    password = PASSWORD,
  ): Promise<Page> {
    const page = await (await context(width, height)).newPage();
    await page.goto(`${base}/staff`);
    await logIn(page, username, password);
    await page.getByTestId('staff-home').waitFor();
    return page;
  }

  /**
   * axe on the screen at both sizes, and screenshots at 1280 × 800 and 390 × 844, each also as
   * a tall one with the whole page (Taro scrolls inside its page element, not the document).
   */
  async function look(page: Page, name: string) {
    const size = page.viewportSize() ?? { width: 1280, height: 800 };
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ]) {
      await page.setViewportSize({ width, height });
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`) });
      await page.setViewportSize({ width, height: 2400 });
      await page.screenshot({ path: join(SHOTS, `${name}-${width}-full.png`) });
    }
    await page.setViewportSize(size);
  }

  it('goes from the window and the kiosk to the citizen, the handler, the supervisor and the report', async () => {
    // The administrator sets up the organisation and the accounts in the admin screens.
    const admin = await staffPage(ADMIN.username, 1280, 800, ADMIN.password);
    const code = unique('');
    const deptCode = `D${code}`;
    const deptName = '不动产登记中心';
    const deptOption = `${deptName}（${deptCode}）`;
    const windowCode = `W${code}`;
    const staffNo = `S${code}`;
    await nav(admin, 'nav-org');
    await admin.getByRole('button', { name: '新增部门' }).click();
    await admin.getByLabel('部门编码', { exact: true }).fill(deptCode);
    await admin.getByLabel('部门名称', { exact: true }).fill(deptName);
    await admin.getByRole('button', { name: '保存' }).click();
    await admin
      .getByTestId('notice')
      .filter({ hasText: `已新增部门「${deptName}」` })
      .waitFor();
    await admin.getByRole('tab', { name: '窗口' }).click();
    await admin.getByRole('button', { name: '新增窗口' }).click();
    await admin.getByLabel('窗口编码', { exact: true }).fill(windowCode);
    await admin.getByLabel('窗口名称', { exact: true }).fill('B02 不动产窗口');
    await choose(admin.getByTestId('windows-form'), '所属部门', deptOption);
    await admin.getByRole('button', { name: '保存' }).click();
    await admin.getByTestId('notice').filter({ hasText: '已新增窗口「B02 不动产窗口」' }).waitFor();
    await admin.getByRole('tab', { name: '工作人员' }).click();
    await admin.getByRole('button', { name: '新增工作人员' }).click();
    await admin.getByLabel('工号', { exact: true }).fill(staffNo);
    await admin.getByLabel('姓名', { exact: true }).fill('李娜');
    await choose(admin.getByTestId('staff-form'), '所属部门', deptOption);
    await choose(admin.getByTestId('staff-form'), '所在窗口', `B02 不动产窗口（${windowCode}）`);
    await admin.getByRole('button', { name: '保存' }).click();
    await admin.getByTestId('notice').filter({ hasText: '已新增工作人员「李娜」' }).waitFor();
    await admin.getByRole('tab', { name: '事项' }).click();
    await admin.getByRole('button', { name: '新增事项' }).click();
    await admin.getByLabel('事项编码', { exact: true }).fill(`ITEM${code}`);
    await admin.getByLabel('事项名称', { exact: true }).fill('不动产登记资料查询');
    await choose(admin.getByTestId('service-items-form'), '事项类别', '公共服务');
    await choose(admin.getByTestId('service-items-form'), '所属部门', deptOption);
    await admin.getByRole('button', { name: '保存' }).click();
    await admin
      .getByTestId('notice')
      .filter({ hasText: '已新增事项「不动产登记资料查询」' })
      .waitFor();

    const clerk = unique('w-');
    const handler = unique('h-');
    const supervisor = unique('s-');
    await look(admin, 'staff-admin-org');
    await nav(admin, 'nav-users');
    const form = admin.getByTestId('user-form');
    for (const [username, role] of [
      [clerk, '窗口工作人员'],
      [handler, '部门整改专员'],
      [supervisor, '中心督查'],
    ]) {
      await admin.getByRole('button', { name: '新增用户' }).click();
      await form.getByLabel('用户名', { exact: true }).fill(username);
      await form.getByLabel('初始密码', { exact: true }).fill(PASSWORD);
      await choose(form, '角色', role);
      if (role !== '中心督查') await choose(form, '所属部门', deptOption);
      if (role === '窗口工作人员')
        await choose(form, '所在窗口', `B02 不动产窗口（${windowCode}）`);
      await form.getByRole('button', { name: '保存' }).click();
      await admin
        .getByTestId('notice')
        .filter({ hasText: `已新增用户「${username}」` })
        .waitFor();
    }
    const departments = await t.http
      .get('/api/departments?pageSize=100')
      .set('Authorization', await t.adminToken())
      .expect(200);
    const department = (departments.body.items as { id: number; code: string }[]).find(
      (d) => d.code === deptCode,
    )!;
    expect(department).toBeDefined();

    // The window: the kiosk waits, the clerk registers, the kiosk shows the new QR code.
    const kiosk = await staffPage(clerk, 1280, 800);
    await nav(kiosk, 'nav-kiosk');
    await kiosk.getByTestId('kiosk-idle').waitFor();
    expect(await kiosk.getByTestId('kiosk-window').innerText()).toBe('B02 不动产窗口');
    await look(kiosk, 'staff-kiosk-idle');

    const desk = await staffPage(clerk);
    await desk.getByRole('button', { name: '登记办件' }).first().click();
    const transactionNo = unique('TX');
    await desk.getByLabel('办件编号', { exact: true }).fill(transactionNo);
    await desk.getByRole('radio', { name: '不动产登记资料查询' }).click();
    await desk.getByRole('radio', { name: new RegExp(`李娜（${staffNo}）`) }).click();
    await desk.getByRole('button', { name: '生成评价码' }).click();
    await desk.getByTestId('register-done').waitFor();
    await look(desk, 'staff-register-done');

    await kiosk
      .getByTestId('kiosk-qr')
      .and(kiosk.locator(`[data-transaction="${transactionNo}"]`))
      .waitFor();
    await kiosk.getByTestId('kiosk-qr-image').locator('img').waitFor();
    await look(kiosk, 'staff-kiosk-qr');
    // A reload (a tablet restarted) comes back to the same code, still signed in.
    await kiosk.reload();
    await kiosk
      .getByTestId('kiosk-qr')
      .and(kiosk.locator(`[data-transaction="${transactionNo}"]`))
      .waitFor();
    await kiosk.getByTestId('kiosk-qr-image').locator('img').waitFor();
    const ratingUrl = await decodeQr(kiosk, 'kiosk-qr-image');
    expect(ratingUrl.startsWith(`${base}/pages/rate/index?token=`)).toBe(true);

    await nav(desk, 'nav-recent');
    await desk.getByTestId('recent-row').first().waitFor();
    const row = desk.getByTestId('recent-row').filter({ hasText: transactionNo });
    expect(await row.getByTestId('recent-state').innerText()).toBe('待评价');

    // The citizen scans the code on the kiosk and rates 非常不满意 with a tag and a phone.
    const phone = await (await context(390, 844)).newPage();
    const citizenBearer = await t.citizen(424242);
    await phone.goto(`${base}/`);
    await phone.evaluate(
      `localStorage.setItem('hcp.citizenToken', JSON.stringify({ data: ${JSON.stringify(citizenBearer.slice(7))} }))`,
    );
    await phone.goto(ratingUrl);
    await phone.getByTestId('level-1').click();
    await phone.getByTestId('tag-chip').first().click();
    const tag = await phone.getByTestId('tag-chip').first().innerText();
    await phone.getByTestId('phone').locator('input').fill('13912345678');
    await phone.getByTestId('submit').click();
    await phone.getByTestId('result-page').waitFor();
    const ticketNo = await phone.getByTestId('ticket-no').innerText();
    expect(ticketNo).toMatch(/^ZG/);

    // The kiosk thanks them; the window's list says rated, and nothing of how.
    await kiosk.getByTestId('kiosk-thanks').waitFor();
    await look(kiosk, 'staff-kiosk-thanks');
    await desk.reload();
    await row.getByTestId('recent-state').filter({ hasText: '已评价' }).waitFor();
    expect(await desk.getByTestId('recent-table').innerText()).not.toContain('非常不满意');
    expect(await desk.getByTestId('recent-table').innerText()).not.toMatch(
      /139\*{4}5678|13912345678/,
    );
    await look(desk, 'staff-recent');

    // The handler: accept, call back, reply.
    const work = await staffPage(handler);
    await nav(work, 'nav-tickets');
    await work.getByText(ticketNo, { exact: true }).click();
    await work.getByRole('button', { name: '受理', exact: true }).click();
    await work.getByRole('button', { name: '记录回访' }).click();
    await work.getByLabel('回访结果', { exact: true }).fill('已电话回访，群众反映排队时间过长');
    await work.getByRole('button', { name: '确认提交' }).click();
    await work.getByTestId('ticket-timeline').getByText('已电话回访').waitFor();
    await work.getByRole('button', { name: '提交整改结果' }).click();
    await work.getByLabel('答复群众', { exact: true }).fill('已增设取号窗口，高峰期增派人员');
    await work.getByRole('button', { name: '确认提交' }).click();
    await work.getByTestId('ticket-status').filter({ hasText: '待审核' }).waitFor();
    await look(work, 'staff-ticket-submitted');

    // The supervisor approves it in the review queue.
    const boss = await staffPage(supervisor);
    await nav(boss, 'nav-review');
    await boss.getByTestId('queue-submitted').getByText(ticketNo, { exact: true }).waitFor();
    await look(boss, 'staff-review');
    await boss.getByTestId('queue-submitted').getByText(ticketNo, { exact: true }).click();
    await boss.getByRole('button', { name: '审核通过' }).click();
    await boss.getByLabel('审核意见', { exact: true }).fill('整改到位');
    await boss.getByRole('button', { name: '确认提交' }).click();
    await boss.getByTestId('ticket-status').filter({ hasText: '已办结' }).waitFor();

    // The citizen accepts the reply (the citizen API; the H5 progress view is the citizen pass).
    await t.http
      .post(`/api/me/tickets/${ticketNo}/acceptance`)
      .set('Authorization', citizenBearer)
      .send({ accepted: true })
      .expect(200);

    // The dashboard: the department's row, its bad rating and ticket, the charts.
    await nav(boss, 'nav-dashboard');
    const deptRow = boss
      .getByTestId('ranking-row')
      .and(boss.locator(`[data-id="${department.id}"]`));
    await deptRow.waitFor();
    expect(await deptRow.getByTestId('drill-ratings').innerText()).toBe('1');
    expect(await deptRow.getByTestId('drill-tickets').innerText()).toBe('1');
    expect(await deptRow.innerText()).toContain('0.0%'); // good rate: its one rating is bad
    await boss.getByTestId('trend-chart').locator('svg').waitFor();
    await boss.getByTestId('tag-chart').locator('svg').waitFor();
    expect(await boss.getByTestId('tag-chart').locator('svg').getAttribute('aria-label')).toContain(
      `${tag} 1 次`,
    );
    await deptRow.getByTestId('trend-pick').click();
    await boss.getByTestId('trend-chart').nth(1).locator('svg').waitFor();
    expect(await boss.getByTestId('ticket-figures').innerText()).toContain('已超期');
    await look(boss, 'staff-dashboard');

    // Sorting by 差评率 puts the department with the highest bad rate first.
    await boss.getByTestId('sort-badRate').click();
    await boss.getByTestId('sort-badRate').click();
    expect(await boss.getByTestId('ranking-row').first().getAttribute('data-id')).toBe(
      String(department.id),
    );

    // The monthly workbook is a real xlsx with this month's ranking in it.
    const [download] = await Promise.all([
      boss.waitForEvent('download'),
      boss.getByTestId('download-xlsx').click(),
    ]);
    expect(download.suggestedFilename()).toBe('好差评月报-2026-11.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await download.path());
    expect(workbook.worksheets.length).toBeGreaterThan(1);
    const text = workbook.worksheets
      .map((ws) => ws.getSheetValues().flat().map(String).join('|'))
      .join('|');
    expect(text).toContain('不动产登记中心');
    expect(text).not.toContain('13912345678');

    // Drill-down: the ticket behind the count, then the rating behind the other count.
    await deptRow.getByTestId('drill-tickets').click();
    await boss.getByTestId('tickets-table').waitFor();
    expect(await boss.getByTestId('linked-filters').innerText()).toContain('不动产登记中心');
    expect(await boss.getByTestId('ticket-no').allInnerTexts()).toEqual([ticketNo]);
    await look(boss, 'staff-tickets-drill');
    await boss.goBack();
    await deptRow.getByTestId('drill-ratings').click();
    await boss.getByTestId('rating-row').first().waitFor();
    expect(await boss.getByTestId('rating-row').count()).toBe(1);
    const ratingText = await boss.getByTestId('rating-row').innerText();
    expect(ratingText).toContain('非常不满意');
    expect(ratingText).toContain(tag);
    expect(ratingText).not.toContain('13912345678');
    await look(boss, 'staff-ratings');

    for (const p of [admin, kiosk, desk, phone, work, boss]) await p.context().close();
  });

  it('shows the photos of a rating to its handler as thumbnails that open large', async () => {
    const counter = await makeCounter(t);
    const handler = unique('h-');
    await t.http
      .post('/api/users')
      .set('Authorization', await t.adminToken())
      .send({
        username: handler,
        password: PASSWORD,
        role: 'department',
        departmentId: counter.departmentId,
      })
      .expect(201);
    const tx = await registerTransaction(t, counter);
    // A 600 × 400 photo: red on the left, blue on the right.
    const photo = new PNG({ width: 600, height: 400 });
    for (let y = 0; y < 400; y++)
      for (let x = 0; x < 600; x++) {
        const i = (y * 600 + x) * 4;
        photo.data[i] = x < 300 ? 220 : 20;
        photo.data[i + 1] = 30;
        photo.data[i + 2] = x < 300 ? 30 : 200;
        photo.data[i + 3] = 255;
      }
    const upload = await t.http
      .post('/api/attachments')
      .attach('file', PNG.sync.write(photo), 'photo.png')
      .expect(201);
    const rated = await t.http
      .post('/api/ratings')
      .send({
        token: tx.ratingToken,
        level: 2,
        anonymous: true,
        attachmentIds: [upload.body.id],
        attachmentKeys: [upload.body.key],
      })
      .expect(201);
    const id = (await t.ticket(rated.body.ticketNo)).id;

    const page = await staffPage(handler);
    await page.goto(`${base}/staff/ticket/index?id=${id}`);
    const thumb = page.getByTestId('said-photos').getByTestId('thumb');
    await thumb.locator('img').waitFor();
    expect(await thumb.getAttribute('aria-label')).toBe('评价照片 1，点击查看大图');
    const small = PNG.sync.read(await thumb.locator('img').screenshot());
    // The thumbnail is the photo: red on its left, blue on its right.
    const at = (img: PNG, x: number) => img.data[(Math.floor(img.height / 2) * img.width + x) * 4];
    expect(at(small, 5)).toBeGreaterThan(150);
    expect(at(small, small.width - 5)).toBeLessThan(80);
    await thumb.click();
    await page.getByTestId('photo-large').locator('img').waitFor();
    await look(page, 'staff-ticket-photo');
    await page.getByRole('button', { name: '关闭大图' }).click();
    expect(await page.getByTestId('photo-large').count()).toBe(0);
    await page.context().close();
  });

  it('offers each role exactly the actions the workflow allows in each status', async () => {
    const counter = await makeCounter(t);
    const admin = await t.adminToken();
    const handler = unique('h-');
    const supervisor = unique('s-');
    for (const user of [
      { username: handler, role: 'department', departmentId: counter.departmentId },
      { username: supervisor, role: 'supervisor' },
    ]) {
      await t.http
        .post('/api/users')
        .set('Authorization', admin)
        .send({ ...user, password: PASSWORD })
        .expect(201);
    }
    const apiHandler = await t.as('department', { departmentId: counter.departmentId });
    const apiSupervisor = await t.as('supervisor');
    const ticketIn = async (status: string) => {
      const tx = await registerTransaction(t, counter);
      const rated = await t.http
        .post('/api/ratings')
        .send({ token: tx.ratingToken, level: 1, anonymous: true })
        .expect(201);
      const id = (await t.ticket(rated.body.ticketNo)).id;
      if (status === 'appealed') {
        await t.act(`${id}/appeal`, apiHandler, { reason: '该评价与办件无关，系误评' }).expect(200);
        return id;
      }
      if (status === 'open') return id;
      await t.act(`${id}/accept`, apiHandler).expect(200);
      if (status === 'in_progress') return id;
      await t
        .act(`${id}/submit`, apiHandler, { outcome: 'explained', reply: '已向群众解释政策规定' })
        .expect(200);
      if (status === 'submitted') return id;
      await t.act(`${id}/review`, apiSupervisor, { decision: 'approve', note: '同意' }).expect(200);
      return id;
    };
    // Written out from the contract, not computed from the implementation.
    const expected: Record<string, { department: string[]; supervisor: string[] }> = {
      // 督办: the supervisor may urge while the department is the one to act.
      open: { department: ['受理', '申诉', '记录回访'], supervisor: ['督办'] },
      in_progress: { department: ['提交整改结果', '申诉', '记录回访'], supervisor: ['督办'] },
      submitted: { department: ['记录回访'], supervisor: ['审核通过', '退回整改'] },
      appealed: { department: [], supervisor: ['申诉成立', '驳回申诉'] },
      closed: { department: [], supervisor: [] },
    };
    const ids: Record<string, number> = {};
    for (const status of Object.keys(expected)) ids[status] = await ticketIn(status);
    for (const [role, username] of [
      ['department', handler],
      ['supervisor', supervisor],
    ] as const) {
      const page = await staffPage(username);
      for (const status of Object.keys(expected)) {
        await page.goto(`${base}/staff/ticket/index?id=${ids[status]}`);
        const actions = page.getByTestId('ticket-actions');
        await actions.waitFor();
        const names = (await actions.getByRole('button').allInnerTexts()).map((n) => n.trim());
        expect({ role, status, names: names.sort() }).toEqual({
          role,
          status,
          names: [...expected[status][role]].sort(),
        });
        if (expected[status][role].length === 0) {
          expect(await actions.innerText()).toContain('当前状态下无需您办理');
        }
      }
      await page.context().close();
    }
  });

  it("ranks one department's staff a page at a time, in the order of any column", async () => {
    const admin = await t.adminToken();
    const counter = await makeCounter(t);
    await makeCounter(t); // staff of another department: the centre has more than these 25
    const name = '公积金管理中心';
    await t.http
      .patch(`/api/departments/${counter.departmentId}`)
      .set('Authorization', admin)
      .send({ name })
      .expect(200);
    // 24 more staff: 25 in the department, two pages of 20.
    for (let i = 1; i <= 24; i++) {
      await t.http
        .post('/api/staff')
        .set('Authorization', admin)
        .send({
          staffNo: unique('S'),
          name: `工作人员${String(i).padStart(2, '0')}`,
          departmentId: counter.departmentId,
        })
        .expect(201);
    }
    const supervisor = unique('s-');
    const handler = unique('h-');
    for (const user of [
      { username: supervisor, role: 'supervisor' },
      { username: handler, role: 'department', departmentId: counter.departmentId },
    ]) {
      await t.http
        .post('/api/users')
        .set('Authorization', admin)
        .send({ ...user, password: PASSWORD })
        .expect(201);
    }
    // The department's handler starts on the department's own staff.
    const own = await staffPage(handler);
    await nav(own, 'nav-dashboard');
    await own.getByTestId('ranking-row').first().waitFor();
    await own.getByTestId('by-staff').click();
    await own
      .getByTestId('ranking-pager')
      .getByTestId('pager-info')
      .filter({ hasText: '共 25 人' })
      .waitFor();
    await own.context().close();

    const page = await staffPage(supervisor);
    await nav(page, 'nav-dashboard');
    await page.getByTestId('ranking-row').first().waitFor();
    await page.getByTestId('by-staff').click();
    // The supervisor starts on the whole centre's staff, more than this department's 25.
    const info = page.getByTestId('ranking-pager').getByTestId('pager-info');
    await info.waitFor();
    const centre = Number((await info.innerText()).match(/共 (\d+) 人/)?.[1]);
    expect(centre).toBeGreaterThan(25);
    await choose(page, '所属部门', name);
    await info.filter({ hasText: '第 1 / 2 页，共 25 人' }).waitFor();
    expect(await page.getByTestId('ranking-row').count()).toBe(20);

    // By name: 工作人员01 … first; the second page holds the last 5.
    await page.getByTestId('sort-name').click();
    await page.getByTestId('ranking-row').first().filter({ hasText: '工作人员01' }).waitFor();
    await look(page, 'staff-dashboard-staff');
    await page.getByTestId('ranking-pager').getByRole('button', { name: '下一页' }).click();
    await info.filter({ hasText: '第 2 / 2 页' }).waitFor();
    const names = (await page.getByTestId('ranking-row').allInnerTexts()).map(
      (text) => text.match(/工作人员\d\d|张敏/)?.[0],
    );
    expect(names).toEqual(['工作人员21', '工作人员22', '工作人员23', '工作人员24', '张敏']);
    // Turned around, and the page goes back to the first.
    await page.getByTestId('sort-name').click();
    await info.filter({ hasText: '第 1 / 2 页' }).waitFor();
    await page.getByTestId('ranking-row').first().filter({ hasText: '张敏' }).waitFor();
    await page.context().close();
  });

  it('publishes a finished month only after a confirmation that says it cannot be undone', async () => {
    const supervisor = unique('s-');
    await t.http
      .post('/api/users')
      .set('Authorization', await t.adminToken())
      .send({ username: supervisor, password: PASSWORD, role: 'supervisor' })
      .expect(201);
    const page = await staffPage(supervisor);
    await nav(page, 'nav-dashboard');
    await page.getByTestId('frozen-state').waitFor();
    // The running month cannot be published.
    expect(await page.getByTestId('publish').getAttribute('aria-disabled')).toBe('true');
    await page.getByTestId('month-prev').click();
    await page.getByTestId('month').filter({ hasText: '2026年10月' }).waitFor();
    await page.getByTestId('frozen-state').filter({ hasText: '未发布' }).waitFor();
    await page.getByTestId('publish').click();
    await page.getByText('不能撤销').waitFor();
    await page.getByText('取消', { exact: true }).click();
    const before = await t.http
      .get('/api/scores?month=2026-10')
      .set('Authorization', await t.adminToken())
      .expect(200);
    expect(before.body.frozen).toBe(false);
    await page.getByTestId('publish').click();
    await page.getByText('确定发布', { exact: true }).click();
    await page.getByTestId('frozen-state').filter({ hasText: '已发布' }).waitFor();
    expect(await page.getByTestId('publish-notice').innerText()).toContain('已发布并冻结');
    const after = await t.http
      .get('/api/scores?month=2026-10')
      .set('Authorization', await t.adminToken())
      .expect(200);
    expect(after.body.frozen).toBe(true);
    expect(await page.getByTestId('publish').getAttribute('aria-disabled')).toBe('true');
    await page.context().close();
  });
});
