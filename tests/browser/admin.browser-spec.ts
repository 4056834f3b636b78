import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations } from '../support/axe';
import { choose, logIn, SHOTS, startH5, type H5 } from '../support/browser';
import { makeCounter } from '../support/fixtures';
import { ADMIN, makeDepartment, makeWindow, unique, type TestApp } from '../support/test-app';

jest.setTimeout(60000);

const PASSWORD = 'correct-horse-battery';

/** The admin screens of the staff workspace, driven through the H5 build as an administrator. */
describe('H5 staff workspace: the admin screens', () => {
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

  async function newPage(width = 1280, height = 800): Promise<Page> {
    const context = await h5.context({ width, height }, { stepMs: 8000 });
    return context.newPage();
  }

  /** A page signed in as the administrator, on the workspace home. */
  async function adminPage(width = 1280, height = 800): Promise<Page> {
    const page = await newPage(width, height);
    await page.goto(`${base}/staff`);
    await logIn(page, ADMIN.username, ADMIN.password);
    await page.getByTestId('staff-home').waitFor();
    return page;
  }

  /** GET as the administrator, 200 expected. */
  async function get(path: string) {
    return t.http
      .get(path)
      .set('Authorization', await t.adminToken())
      .expect(200);
  }

  it('builds the organisation: department, window, staff member and service item; an edit; a duplicate code and a window moved meanwhile are refused at their fields', async () => {
    const page = await adminPage();
    await page.getByRole('button', { name: '组织机构' }).click();
    await page.getByTestId('staff-org').waitFor();
    await page.getByTestId('departments-table').or(page.getByTestId('empty')).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // 部门
    const deptCode = unique('D');
    const deptName = `行政审批局${deptCode.slice(-4)}`;
    await page.getByRole('button', { name: '新增部门' }).click();
    await page.getByRole('button', { name: '保存' }).click();
    await page
      .getByTestId('departments-code-error')
      .filter({ hasText: '请填写部门编码' })
      .waitFor();
    await page.getByLabel('部门编码', { exact: true }).fill(deptCode);
    await page.getByLabel('部门名称', { exact: true }).fill(deptName);
    // The provincial exchange code is checked at its field before anything is sent.
    const creditCode = page.getByLabel('统一社会信用代码（选填）', { exact: true });
    await creditCode.fill('ABC');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('departments-exchange-error').filter({ hasText: '18 位' }).waitFor();
    await creditCode.fill('11370100MB28505Q1X');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '保存' }).click();
    await page
      .getByTestId('notice')
      .filter({ hasText: `已新增部门「${deptName}」` })
      .waitFor();
    await page.getByTestId('departments-table').getByText(deptName).waitFor();
    const departments = (await get('/api/departments?pageSize=100')).body.items as {
      id: number;
      code: string;
      name: string;
    }[];
    const department = departments.find((d) => d.code === deptCode);
    expect(department).toMatchObject({ name: deptName, creditCode: '11370100MB28505Q1X' });

    // The same code again: the API's 409 message at the code field.
    await page.getByRole('button', { name: '新增部门' }).click();
    await page.getByLabel('部门编码', { exact: true }).fill(deptCode);
    await page.getByLabel('部门名称', { exact: true }).fill('重复的部门');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('departments-code-error').filter({ hasText: '编码已存在' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '取消' }).click();

    // 窗口
    const deptOption = `${deptName}（${deptCode}）`;
    const windowCode = unique('W');
    await page.getByRole('tab', { name: '窗口' }).click();
    await page.getByRole('button', { name: '新增窗口' }).click();
    await page.getByLabel('窗口编码', { exact: true }).fill(windowCode);
    await page.getByLabel('窗口名称', { exact: true }).fill('B02 工程建设窗口');
    await page.getByRole('button', { name: '保存' }).click();
    await page
      .getByTestId('windows-department-error')
      .filter({ hasText: '请选择所属部门' })
      .waitFor();
    await choose(page.getByTestId('windows-form'), '所属部门', deptOption);
    await page.getByRole('button', { name: '保存' }).click();
    await page
      .getByTestId('notice')
      .filter({ hasText: '已新增窗口「B02 工程建设窗口」' })
      .waitFor();
    const windows = (await get(`/api/windows?departmentId=${department!.id}`)).body.items;
    expect(windows).toEqual([
      expect.objectContaining({ code: windowCode, name: 'B02 工程建设窗口' }),
    ]);

    // 工作人员, at that window
    const staffNo = unique('S');
    await page.getByRole('tab', { name: '工作人员' }).click();
    await page.getByRole('button', { name: '新增工作人员' }).click();
    await page.getByLabel('工号', { exact: true }).fill(staffNo);
    await page.getByLabel('姓名', { exact: true }).fill('李强');
    const staffForm = page.getByTestId('staff-form');
    await choose(staffForm, '所属部门', deptOption);
    await choose(staffForm, '所在窗口', `B02 工程建设窗口（${windowCode}）`);
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('notice').filter({ hasText: '已新增工作人员「李强」' }).waitFor();
    // The table names the member's window.
    await page
      .getByTestId('staff-table')
      .getByTestId('row')
      .filter({ hasText: staffNo })
      .getByText('B02 工程建设窗口')
      .waitFor();
    const staff = (await get(`/api/staff?departmentId=${department!.id}`)).body.items;
    expect(staff).toEqual([
      expect.objectContaining({ staffNo, name: '李强', windowId: windows[0].id }),
    ]);

    // 事项, with its category
    const itemCode = unique('ITEM');
    await page.getByRole('tab', { name: '事项' }).click();
    await page.getByRole('button', { name: '新增事项' }).click();
    await page.getByLabel('事项编码', { exact: true }).fill(itemCode);
    await page.getByLabel('事项名称', { exact: true }).fill('建设工程规划许可证核发');
    await page
      .getByLabel('国家标准事项编码（选填，无则不推送省平台）', { exact: true })
      .fill('11370100MB28505Q1X4000117001');
    const itemForm = page.getByTestId('service-items-form');
    await choose(itemForm, '事项类别', '行政许可');
    await choose(itemForm, '所属部门', deptOption);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '保存' }).click();
    await page
      .getByTestId('notice')
      .filter({ hasText: '已新增事项「建设工程规划许可证核发」' })
      .waitFor();
    const items = (await get(`/api/service-items?departmentId=${department!.id}`)).body.items;
    expect(items).toEqual([
      expect.objectContaining({
        code: itemCode,
        name: '建设工程规划许可证核发',
        category: '行政许可',
        nationalCode: '11370100MB28505Q1X4000117001',
      }),
    ]);

    // Edit: the window's name, under its row; only what changed is sent.
    await page.getByRole('tab', { name: '窗口' }).click();
    await page.getByRole('button', { name: '编辑窗口 B02 工程建设窗口' }).click();
    const editForm = page.getByTestId('windows-form');
    expect(await editForm.getByLabel('窗口编码', { exact: true }).inputValue()).toBe(windowCode);
    await editForm.getByLabel('窗口名称', { exact: true }).fill('B03 工程建设综合窗口');
    await editForm.getByRole('button', { name: '保存' }).click();
    await page
      .getByTestId('notice')
      .filter({ hasText: '已保存窗口「B03 工程建设综合窗口」' })
      .waitFor();
    expect((await get(`/api/windows/${windows[0].id}`)).body).toMatchObject({
      code: windowCode,
      name: 'B03 工程建设综合窗口',
      departmentId: department!.id,
    });

    // A race: the chosen window moves to another department before 保存. The API's 400 names
    // the field, and the form says in Chinese what to do there.
    const other = await makeDepartment(t);
    const moving = await makeWindow(t, { departmentId: department!.id, name: 'B04 临时窗口' });
    await page.getByRole('tab', { name: '工作人员' }).click();
    await page.getByRole('button', { name: '新增工作人员' }).click();
    await staffForm.getByLabel('工号', { exact: true }).fill(unique('S'));
    await staffForm.getByLabel('姓名', { exact: true }).fill('王芳');
    await choose(staffForm, '所属部门', deptOption);
    await choose(staffForm, '所在窗口', `B04 临时窗口（${moving.code}）`);
    await t.http
      .patch(`/api/windows/${moving.id}`)
      .set('Authorization', await t.adminToken())
      .send({ departmentId: other.id })
      .expect(200);
    await staffForm.getByRole('button', { name: '保存' }).click();
    await page
      .getByTestId('staff-window-error')
      .filter({ hasText: '所选窗口不属于该部门，请重新选择' })
      .waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('creates a department handler, a window clerk and a supervisor; edits one; a disabled account can no longer sign in', async () => {
    const first = await makeDepartment(t, { name: `税务局${unique('').slice(-4)}` });
    const second = await makeDepartment(t, { name: `医保局${unique('').slice(-4)}` });
    const window = await makeWindow(t, { departmentId: first.id, name: 'C01 办税窗口' });
    const page = await adminPage();
    await page.getByRole('button', { name: '系统用户' }).click();
    await page.getByTestId('users-table').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const form = page.getByTestId('user-form');
    const handler = unique('handler-');
    await page.getByRole('button', { name: '新增用户' }).click();
    await form.getByLabel('用户名', { exact: true }).fill(handler);
    await form.getByLabel('初始密码', { exact: true }).fill('short');
    await choose(form, '角色', '部门整改专员');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('user-password-error').filter({ hasText: '密码至少 10 位' }).waitFor();
    await form.getByLabel('初始密码', { exact: true }).fill('0000000000');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('user-password-error').filter({ hasText: '重复或连续' }).waitFor();
    await page.getByTestId('user-department-error').filter({ hasText: '须选择所属部门' }).waitFor();
    await form.getByLabel('初始密码', { exact: true }).fill(PASSWORD);
    await choose(form, '所属部门', `${first.name}（${first.code}）`);
    await form.getByRole('button', { name: '保存' }).click();
    await page
      .getByTestId('notice')
      .filter({ hasText: `已新增用户「${handler}」` })
      .waitFor();

    const clerk = unique('clerk-');
    await page.getByRole('button', { name: '新增用户' }).click();
    await form.getByLabel('用户名', { exact: true }).fill(clerk);
    await form.getByLabel('初始密码', { exact: true }).fill(PASSWORD);
    await choose(form, '角色', '窗口工作人员');
    await choose(form, '所属部门', `${first.name}（${first.code}）`);
    await choose(form, '所在窗口', `C01 办税窗口（${window.code}）`);
    expect(await axeViolations(page)).toEqual([]);
    await form.getByRole('button', { name: '保存' }).click();
    await page
      .getByTestId('notice')
      .filter({ hasText: `已新增用户「${clerk}」` })
      .waitFor();

    const supervisor = unique('sup-');
    await page.getByRole('button', { name: '新增用户' }).click();
    await form.getByLabel('用户名', { exact: true }).fill(supervisor);
    await form.getByLabel('初始密码', { exact: true }).fill(PASSWORD);
    await choose(form, '角色', '中心督查');
    await form.getByRole('button', { name: '保存' }).click();
    await page
      .getByTestId('notice')
      .filter({ hasText: `已新增用户「${supervisor}」` })
      .waitFor();

    // A taken username: the API's 409 at the field.
    await page.getByRole('button', { name: '新增用户' }).click();
    await form.getByLabel('用户名', { exact: true }).fill(supervisor);
    await form.getByLabel('初始密码', { exact: true }).fill(PASSWORD);
    await choose(form, '角色', '中心督查');
    await form.getByRole('button', { name: '保存' }).click();
    await page.getByTestId('user-username-error').filter({ hasText: '用户名已存在' }).waitFor();
    await form.getByRole('button', { name: '取消' }).click();

    const users = (await get('/api/users?pageSize=100')).body.items as {
      id: number;
      username: string;
    }[];
    const byName = (name: string) => users.find((u) => u.username === name)!;
    expect(byName(handler)).toMatchObject({ role: 'department', departmentId: first.id });
    expect(byName(clerk)).toMatchObject({
      role: 'window',
      windowId: window.id,
      departmentId: first.id,
    });
    expect(byName(supervisor)).toMatchObject({ role: 'supervisor', departmentId: null });
    for (const name of [handler, clerk, supervisor]) {
      await t.http.post('/api/auth/login').send({ username: name, password: PASSWORD }).expect(200);
    }
    // The table shows each one's scope.
    const clerkRow = page.getByTestId('row').filter({ hasText: clerk });
    await clerkRow.getByText(`${first.name} · C01 办税窗口`).waitFor();

    // Edit: the handler moves to another department.
    await page.getByRole('button', { name: `编辑用户 ${handler}` }).click();
    await choose(form, '所属部门', `${second.name}（${second.code}）`);
    await form.getByRole('button', { name: '保存' }).click();
    await page
      .getByTestId('notice')
      .filter({ hasText: `已保存用户「${handler}」` })
      .waitFor();
    expect((await get(`/api/users/${byName(handler).id}`)).body).toMatchObject({
      role: 'department',
      departmentId: second.id,
    });

    // 停用, after a confirmation that can be cancelled.
    await page.getByRole('button', { name: `停用用户 ${clerk}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `停用用户「${clerk}」？` });
    await dialog.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'admin-users-confirm-1280.png') });
    await dialog.getByRole('button', { name: '取消' }).click();
    expect((await get(`/api/users/${byName(clerk).id}`)).body).toMatchObject({ enabled: true });
    await page.getByRole('button', { name: `停用用户 ${clerk}` }).click();
    await dialog.getByRole('button', { name: '确认停用' }).click();
    await page
      .getByTestId('notice')
      .filter({ hasText: `已停用用户「${clerk}」` })
      .waitFor();
    await clerkRow.getByTestId('user-status').filter({ hasText: '已停用' }).waitFor();
    expect((await get(`/api/users/${byName(clerk).id}`)).body).toMatchObject({ enabled: false });
    await page.context().close();

    // The disabled clerk is refused at the login, and told why.
    const login = await newPage();
    await login.goto(`${base}/staff`);
    await logIn(login, clerk, PASSWORD);
    await login.getByTestId('login-error').filter({ hasText: '该账号已停用' }).waitFor();
    await t.http
      .post('/api/auth/login')
      .send({ username: clerk, password: PASSWORD })
      .expect(403)
      .expect((res) => expect(res.body.error).toBe('ACCOUNT_DISABLED'));
    await login.context().close();
  });

  it('creates an API key that is shown once with 复制, and revokes it so it registers nothing more', async () => {
    const counter = await makeCounter(t);
    const page = await adminPage();
    await page.getByRole('button', { name: '接口密钥' }).click();
    await page.getByTestId('staff-keys').waitFor();
    await page.getByTestId('keys-table').or(page.getByTestId('empty')).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    const name = `一窗受理系统${unique('').slice(-4)}`;
    await page.getByRole('button', { name: '创建密钥' }).click();
    await page.getByRole('button', { name: '创建', exact: true }).click();
    await page
      .getByTestId('key-name-error')
      .filter({ hasText: '请填写使用该密钥的系统名称' })
      .waitFor();
    await page.getByLabel('使用该密钥的系统', { exact: true }).fill(name);
    await page.getByRole('button', { name: '创建', exact: true }).click();
    const box = page.getByTestId('new-key');
    await box.getByText('密钥只在此显示一次').waitFor();
    const key = await page.getByTestId('new-key-value').innerText();
    expect(key).toMatch(/^hcp_[A-Za-z0-9_-]{43}$/);
    await box.getByRole('button', { name: '复制密钥' }).click();
    await page.getByTestId('copied').filter({ hasText: '已复制到剪贴板' }).waitFor();
    expect(await page.evaluate("localStorage.getItem('taro_clipboard')")).toContain(key);
    // Taro's own 内容已复制 toast (translucent, not ours) is gone before axe looks.
    await page.locator('.taro__toast').getByText('内容已复制').waitFor({ state: 'hidden' });
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'admin-keys-new-1280.png') });

    // The key works for its system.
    const register = () =>
      t.http
        .post('/api/transactions')
        .set('X-Api-Key', key)
        .send({
          transactionNo: unique('TX'),
          serviceItemCode: counter.serviceItemCode,
          windowCode: counter.windowCode,
          staffNo: counter.staffNo,
          finishedAt: new Date(t.clock.nowMs() - 60_000).toISOString(),
        });
    await register().expect(201);

    // Closed, it is gone from the screen for good: the list shows only its first characters.
    await box.getByRole('button', { name: '我已保存，关闭' }).click();
    await page.getByTestId('new-key').waitFor({ state: 'detached' });
    await page.reload();
    const row = page.getByTestId('row').filter({ hasText: name });
    await row.getByText(`${key.slice(0, 10)}…`).waitFor();
    expect(await page.locator('body').innerText()).not.toContain(key);

    // 吊销, confirmed: the key no longer registers a transaction.
    await row.getByRole('button', { name: `吊销密钥 ${name}` }).click();
    const dialog = page.getByRole('alertdialog', { name: `吊销密钥「${name}」？` });
    await dialog.getByRole('button', { name: '确认吊销' }).click();
    await page
      .getByTestId('notice')
      .filter({ hasText: `已吊销密钥「${name}」` })
      .waitFor();
    await row.getByTestId('key-status').filter({ hasText: '已吊销' }).waitFor();
    await register()
      .expect(401)
      .expect((res) => expect(res.body.error).toBe('UNAUTHORIZED'));
    await page.context().close();
  });

  it('saves the settings: a bad number is explained, periods, weights and option tags persist', async () => {
    const page = await adminPage();
    await page.getByRole('button', { name: '系统设置' }).click();
    await page.getByTestId('settings-form').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    const before = (await get('/api/settings')).body;

    await page.getByLabel('评价期限', { exact: true }).fill('0');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page
      .getByTestId('setting-ratingWindowDays-error')
      .filter({ hasText: '评价期限须为 1–90 的整数' })
      .waitFor();
    await page.getByLabel('评价期限', { exact: true }).fill('10');
    await page.getByLabel('整改期限', { exact: true }).fill('5');
    await page.getByLabel('回访率权重', { exact: true }).fill('20');
    await page.getByLabel('为非常满意新增选项', { exact: true }).fill('窗口整洁');
    await page.getByRole('button', { name: '添加非常满意的选项' }).click();
    await page.getByRole('button', { name: '删除非常不满意的选项 环境设施差' }).click();
    // A template keyword that is no keyword is explained at its field, then corrected.
    const content = page.getByLabel('模板关键词：处理内容（答复，最多 20 字）', { exact: true });
    await content.fill('reply');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByTestId('template-content-error').filter({ hasText: 'thing3' }).waitFor();
    await content.fill('thing5');
    // 省平台数据交换: a short area code is explained; the GB/T direction is a choice.
    const areaCode = page.getByLabel('行政区划代码', { exact: true });
    await areaCode.fill('3701');
    await page.getByRole('button', { name: '保存设置' }).click();
    await page.getByTestId('setting-areaCode-error').filter({ hasText: '12 位数字' }).waitFor();
    await areaCode.fill('370102000000');
    await choose(page.getByTestId('province-exchange'), '满意度编码方向', /GB\/T 39046/);
    // 未评价的办件: 默认评价 at 满意, SMS invitations two days after.
    const unrated = page.getByTestId('unrated');
    await choose(unrated, '默认评价', '开启');
    await choose(unrated, '默认评价等级', '满意');
    await choose(unrated, '短信邀评', '开启');
    await page.getByLabel('短信邀评：办结后几天发送', { exact: true }).fill('2');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '保存设置' }).click();
    const version = before.ratingOptions.version + 1;
    await page
      .getByTestId('notice')
      .filter({ hasText: `评价选项已更新为第 ${version} 版` })
      .waitFor();

    const after = (await get('/api/settings')).body;
    expect(after).toMatchObject({
      ratingWindowDays: 10,
      ticketDueWorkingDays: 5,
      followUpDays: before.followUpDays,
      scoreWeights: { ...before.scoreWeights, visitRate: 20 },
      subscribeTemplateFields: { ...before.subscribeTemplateFields, content: 'thing5' },
      areaCode: '370102000000',
      provincePush: { ...before.provincePush, satisfactionDirection: 'gbt' },
      defaultRating: { enabled: true, level: 4 },
      smsInvitation: { enabled: true, afterDays: 2 },
    });
    const levels = after.ratingOptions.levels as { level: number; tags: string[] }[];
    const tags = (level: number) => levels.find((l) => l.level === level)?.tags;
    expect(after.ratingOptions.version).toBe(version);
    expect(tags(5)).toContain('窗口整洁');
    expect(tags(1)).not.toContain('环境设施差');

    // What is saved is what the form shows after a reload.
    await page.reload();
    await page.getByTestId('settings-form').waitFor();
    expect(await page.getByLabel('评价期限', { exact: true }).inputValue()).toBe('10');
    await page.getByTestId('level-5').getByText('窗口整洁').waitFor();
    await page.context().close();
  });

  it('sets a date override and enters a year notice on the working-day calendar', async () => {
    const page = await adminPage();
    await page.getByRole('button', { name: '工作日历' }).click();
    await page.getByTestId('calendar').waitFor();
    await page.getByTestId('year-source').waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A Saturday made a working day.
    await page.getByLabel('日期', { exact: true }).fill('2026-11-21');
    await page.getByRole('button', { name: '查询这一天' }).click();
    await page
      .getByTestId('day-current')
      .filter({ hasText: '2026-11-21（星期六）休息日' })
      .waitFor();
    await page.getByRole('button', { name: '保存调整' }).click();
    await page.getByTestId('day-type-error').filter({ hasText: '请选择这一天的类型' }).waitFor();
    await choose(page, '设为', '调休上班');
    await page.getByLabel('名称', { exact: true }).fill('冬季调休');
    await page.getByRole('button', { name: '保存调整' }).click();
    await page.getByTestId('day-notice').filter({ hasText: '已保存' }).waitFor();
    await page
      .getByTestId('day-current')
      .filter({ hasText: '工作日 · 调休上班「冬季调休」 · 依据：管理员单日调整' })
      .waitFor();
    expect((await get('/api/calendar/2026-11-21')).body).toMatchObject({
      working: true,
      type: 'workday',
      name: '冬季调休',
      source: 'override',
    });

    // 2027 is not published: its notice, typed in as ranges.
    await page.getByRole('button', { name: '下一年' }).click();
    await page.getByTestId('year-now').filter({ hasText: '2027 年' }).waitFor();
    await page.getByTestId('year-source').filter({ hasText: '尚未公布' }).waitFor();
    await page.getByRole('button', { name: '录入 2027 年节假日通知' }).click();
    await page.getByLabel('放假日', { exact: true }).fill('2027-10-01 至 2027-10-07 国庆节');
    await page.getByLabel('调休上班日', { exact: true }).fill('2027-09-27 国庆节调休');
    await page.getByRole('button', { name: '保存通知' }).click();
    // 2027-09-27 is a Monday: refused with the reason, before anything is sent.
    await page
      .getByTestId('notice-workdays-error')
      .filter({ hasText: '调休上班日只能是周六或周日' })
      .waitFor();
    await page
      .getByLabel('调休上班日', { exact: true })
      .fill('2027-09-26 国庆节调休\n2027-10-09 国庆节调休');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '保存通知' }).click();
    await page
      .getByTestId('year-notice')
      .filter({ hasText: '休息日 7 天，调休上班 2 天' })
      .waitFor();
    await page.getByTestId('year-holidays').getByText('国庆节：10月1日–10月7日（7天）').waitFor();
    const year = (await get('/api/calendar/years/2027')).body;
    expect(year).toMatchObject({ covered: true, source: 'notice' });
    expect(year.holidays).toHaveLength(7);
    expect(year.workdays.map((d: { date: string }) => d.date)).toEqual([
      '2027-09-26',
      '2027-10-09',
    ]);
    await page.context().close();
  });

  it('shows the audit trail of those actions, newest first, filtered, with phone numbers masked', async () => {
    const admin = await t.adminToken();
    const department = await makeDepartment(t, { name: '审计测试部门' });
    await t.http
      .patch(`/api/departments/${department.id}`)
      .set('Authorization', admin)
      .send({ name: '审计测试部门（改）' })
      .expect(200);
    const user = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username: unique('audit-'), password: PASSWORD, role: 'supervisor' })
      .expect(201);
    await t.http
      .patch(`/api/users/${user.body.id}`)
      .set('Authorization', admin)
      .send({ enabled: false })
      .expect(200);
    // A phone number inside a nested value (an option tag) is masked on screen as well.
    await t.http
      .put('/api/settings')
      .set('Authorization', admin)
      .send({ levelTags: { '3': ['基本满意', '请致电13812348000'] } })
      .expect(200);

    const page = await adminPage();
    await page.getByRole('button', { name: '操作日志' }).click();
    await page.getByTestId('audit-table').waitFor();
    const rows = page.getByTestId('audit-row');
    // Newest first: the settings change is the latest entry.
    await rows.first().getByText('修改系统设置').waitFor();
    await rows
      .first()
      .getByText(/138\*{4}8000/)
      .waitFor();
    expect(await page.locator('body').innerText()).not.toContain('13812348000');
    expect(await axeViolations(page)).toEqual([]);

    // Filter by type and number: that department's two entries, the edit above the creation.
    await choose(page, '对象类型', '部门');
    await page.getByLabel('对象编号', { exact: true }).fill(String(department.id));
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('pager-info').filter({ hasText: '共 2 条' }).waitFor();
    expect(await rows.nth(0).innerText()).toContain('修改部门');
    expect(await rows.nth(0).innerText()).toContain('名称：审计测试部门 → 审计测试部门（改）');
    expect(await rows.nth(1).innerText()).toContain('新增部门');

    await choose(page, '对象类型', '系统用户');
    await page.getByLabel('对象编号', { exact: true }).fill(String(user.body.id));
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('pager-info').filter({ hasText: '共 2 条' }).waitFor();
    expect(await rows.nth(0).innerText()).toContain('停用系统用户');
    expect(await rows.nth(0).innerText()).toContain('状态：启用 → 停用');
    expect(await rows.nth(0).innerText()).toContain(`${ADMIN.username}（用户）`);
    await page.context().close();
  });

  it('tells an account of another role 无权限 instead of loading an admin screen', async () => {
    const username = unique('sup-');
    await t.http
      .post('/api/users')
      .set('Authorization', await t.adminToken())
      .send({ username, password: PASSWORD, role: 'supervisor' })
      .expect(201);
    const page = await newPage(390, 844);
    await page.goto(`${base}/staff/users/index`);
    await logIn(page, username, PASSWORD);
    await page.getByTestId('staff-users').waitFor();
    await page.getByTestId('state-forbidden').getByText('无权限').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'admin-forbidden-390.png') });
    await page.context().close();
  });

  it('lays out every admin screen at 1280×800 and 390×844, axe clean', async () => {
    // Something in every list.
    const counter = await makeCounter(t);
    await t.http
      .post('/api/api-keys')
      .set('Authorization', await t.adminToken())
      .send({ name: '政务服务网办件系统' })
      .expect(201);
    const own = (await get(`/api/departments/${counter.departmentId}`)).body;
    const ownOption = `${own.name}（${own.code}）`;
    const screens: [string, string, string][] = [
      ['org', '/staff/org/index', 'departments-table'],
      ['users', '/staff/users/index', 'users-table'],
      ['keys', '/staff/keys/index', 'keys-table'],
      ['settings', '/staff/settings/index', 'settings-form'],
      ['calendar', '/staff/calendar/index', 'year-holidays'],
      ['audit', '/staff/audit/index', 'audit-table'],
    ];
    for (const [width, height] of [
      [1280, 800],
      [390, 844],
    ]) {
      const page = await adminPage(width, height);
      for (const [name, route, ready] of screens) {
        await page.goto(`${base}${route}`);
        await page.getByTestId(ready).waitFor();
        if (name === 'org') {
          // The staff tab: the widest table of the four.
          await page.getByRole('tab', { name: '工作人员' }).click();
          await page.getByTestId('staff-table').waitFor();
        }
        expect({ name, width, violations: await axeViolations(page) }).toEqual({
          name,
          width,
          violations: [],
        });
        // Nothing wider than the screen (Taro's page element scrolls, and hides what overflows).
        const size = await page.evaluate<{ overflow: number; height: number }>(
          "(() => { const p = document.querySelector('.taro_page_show') || document.querySelector('.taro_page'); return { overflow: p.scrollWidth - p.clientWidth, height: p.scrollHeight }; })()",
        );
        expect({ name, width, overflow: size.overflow }).toEqual({ name, width, overflow: 0 });
        // The whole screen in one picture: a viewport as tall as the page's content.
        await page.setViewportSize({ width, height: Math.max(height, size.height) });
        await page.screenshot({ path: join(SHOTS, `admin-${name}-${width}.png`) });
        await page.setViewportSize({ width, height });
        // The forms too: a new staff member (department and window pickers), a new user.
        const form =
          name === 'org'
            ? { open: '新增工作人员', testId: 'staff-form', role: null }
            : name === 'users'
              ? { open: '新增用户', testId: 'user-form', role: '窗口工作人员' }
              : null;
        if (form) {
          await page.getByRole('button', { name: form.open }).click();
          const scope = page.getByTestId(form.testId);
          if (form.role) await choose(scope, '角色', form.role);
          await choose(scope, '所属部门', ownOption);
          await scope
            .getByRole('radiogroup', { name: '所在窗口' })
            .getByRole('radio')
            .first()
            .waitFor();
          expect({ name, width, violations: await axeViolations(page) }).toEqual({
            name,
            width,
            violations: [],
          });
          await page.screenshot({ path: join(SHOTS, `admin-${name}-form-${width}.png`) });
        }
      }
      await page.context().close();
    }
  });
});
