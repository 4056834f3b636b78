import { DataSource } from 'typeorm';
import {
  makeDepartment,
  makeWindow,
  startTestApp,
  unique,
  type TestApp,
} from '../support/test-app';

// One application for the whole file (the database-down test below boots its own, to kill it).
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('foundation: health, docs, errors', () => {
  it('answers health with the database up', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up' });
  });

  it('publishes the OpenAPI document and its UI', async () => {
    const json = await t.http.get('/api/docs-json').expect(200);
    expect(json.body.openapi).toMatch(/^3\./);
    expect(Object.keys(json.body.paths)).toEqual(
      expect.arrayContaining(['/api/health', '/api/auth/login', '/api/departments', '/api/users']),
    );
    const ui = await t.http.get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('answers unknown API paths with the contract error body', async () => {
    const res = await t.http.get('/api/no-such-thing').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'NOT_FOUND' });
  });

  it('refuses malformed JSON with 400', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .set('content-type', 'application/json')
      .send('{"username": ')
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'BAD_REQUEST' });
  });
});

describe('foundation: health when the database is down', () => {
  it('answers 503 with database "down"', async () => {
    const t = await startTestApp();
    try {
      await t.app.get(DataSource).destroy();
      const res = await t.http.get('/api/health').expect(503);
      expect(res.body).toMatchObject({
        status: 'error',
        database: 'down',
        error: 'DATABASE_UNAVAILABLE',
      });
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      // Any request that needs the database: 503 with Retry-After too, never 500.
      const login = await t.http
        .post('/api/auth/login')
        .send({ username: 'admin', password: 'admin-password-1' })
        .expect(503);
      expect(login.body).toMatchObject({ statusCode: 503, error: 'DATABASE_UNAVAILABLE' });
      expect(Number(login.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await t.app.close().catch(() => undefined);
      await t.db.drop();
    }
  });
});

describe('auth', () => {
  it('logs the bootstrap admin in and returns the contract fields', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'admin-password-1' })
      .expect(200);
    expect(typeof res.body.accessToken).toBe('string');
    expect(res.body.user).toEqual(
      expect.objectContaining({ username: 'admin', role: 'admin', departmentId: null }),
    );
    expect(res.body.user).not.toHaveProperty('passwordHash');
  });

  it('refuses a wrong password and an unknown user alike with 401', async () => {
    const wrong = await t.http
      .post('/api/auth/login')
      .send({ username: 'admin', password: 'not-the-password' })
      .expect(401);
    expect(wrong.body).toMatchObject({ statusCode: 401, error: 'INVALID_CREDENTIALS' });
    const unknown = await t.http
      .post('/api/auth/login')
      .send({ username: 'nobody-here', password: 'whatever-it-is' })
      .expect(401);
    expect(unknown.body.error).toBe('INVALID_CREDENTIALS');
  });

  it('locks an account after five failures, even for the right password', async () => {
    const username = unique('lock-');
    await t.http
      .post('/api/users')
      .set('Authorization', await t.adminToken())
      .send({ username, password: 'right-password-1', role: 'supervisor' })
      .expect(201);
    for (let i = 0; i < 5; i++) {
      await t.http
        .post('/api/auth/login')
        .send({ username, password: 'wrong-password' })
        .expect(401);
    }
    const locked = await t.http
      .post('/api/auth/login')
      .send({ username, password: 'right-password-1' })
      .expect(429);
    expect(locked.body.error).toBe('LOGIN_LOCKED');
  });

  it('answers 401 without a token and with a forged one', async () => {
    const none = await t.http.get('/api/departments').expect(401);
    expect(none.body).toMatchObject({ statusCode: 401, error: 'UNAUTHORIZED' });
    await t.http
      .get('/api/departments')
      .set('Authorization', 'Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.forged')
      .expect(401);
  });

  it('stops a disabled account at once', async () => {
    const bearer = await t.as('supervisor');
    await t.http.get('/api/departments').set('Authorization', bearer).expect(200);
    const users = await t.http
      .get('/api/users?pageSize=100')
      .set('Authorization', await t.adminToken())
      .expect(200);
    const me = (users.body.items as { id: number; role: string }[])
      .filter((u) => u.role === 'supervisor')
      .pop();
    await t.http
      .patch(`/api/users/${me!.id}`)
      .set('Authorization', await t.adminToken())
      .send({ enabled: false })
      .expect(200);
    await t.http.get('/api/departments').set('Authorization', bearer).expect(401);
  });

  it('never lets the centre lose its last administrator, nor an admin their own account', async () => {
    const admin = await t.adminToken();
    const users = await t.http
      .get('/api/users?pageSize=100')
      .set('Authorization', admin)
      .expect(200);
    const adminIds = (users.body.items as { id: number; role: string; enabled: boolean }[])
      .filter((u) => u.role === 'admin' && u.enabled)
      .map((u) => u.id);
    expect(adminIds).toHaveLength(1);
    const [me] = adminIds;
    for (const body of [{ enabled: false }, { role: 'supervisor' }]) {
      const res = await t.http
        .patch(`/api/users/${me}`)
        .set('Authorization', admin)
        .send(body)
        .expect(409);
      expect(res.body.error).toBe('LAST_ADMIN');
    }
    // A second admin may be disabled by the first, but not disable the first once alone.
    const second = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username: unique('adm-'), password: 'correct-horse-battery', role: 'admin' })
      .expect(201);
    const secondLogin = await t.http
      .post('/api/auth/login')
      .send({ username: second.body.username, password: 'correct-horse-battery' })
      .expect(200);
    const bearer = `Bearer ${secondLogin.body.accessToken}`;
    await t.http
      .patch(`/api/users/${second.body.id}`)
      .set('Authorization', bearer)
      .send({ enabled: false })
      .expect(409);
    await t.http
      .patch(`/api/users/${me}`)
      .set('Authorization', bearer)
      .send({ enabled: false, role: 'admin' })
      .expect(200);
    await t.http
      .patch(`/api/users/${me}`)
      .set('Authorization', bearer)
      .send({ enabled: true })
      .expect(200);
    await t.http
      .patch(`/api/users/${second.body.id}`)
      .set('Authorization', admin)
      .send({ enabled: false })
      .expect(200);
    const after = await t.http.get(`/api/users/${me}`).set('Authorization', admin).expect(200);
    expect(after.body).toMatchObject({ role: 'admin', enabled: true });
  });

  it('ends the tokens issued before a password change at once, and only those', async () => {
    const admin = await t.adminToken();
    const username = unique('pw-');
    const created = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username, password: 'correct-horse-battery', role: 'supervisor' })
      .expect(201);
    const login = async (password: string) =>
      `Bearer ${(await t.http.post('/api/auth/login').send({ username, password }).expect(200)).body.accessToken}`;
    const before = await login('correct-horse-battery');
    await t.http.get('/api/departments').set('Authorization', before).expect(200);
    // A change of role keeps the session (the role is read on every request).
    await t.http
      .patch(`/api/users/${created.body.id}`)
      .set('Authorization', admin)
      .send({ role: 'admin' })
      .expect(200);
    await t.http.get('/api/users').set('Authorization', before).expect(200);
    await t.http
      .patch(`/api/users/${created.body.id}`)
      .set('Authorization', admin)
      .send({ password: 'battery-staple-horse' })
      .expect(200);
    const refused = await t.http.get('/api/departments').set('Authorization', before).expect(401);
    expect(refused.body.error).toBe('UNAUTHORIZED');
    await t.http
      .post('/api/auth/login')
      .send({ username, password: 'correct-horse-battery' })
      .expect(401);
    const after = await login('battery-staple-horse');
    await t.http.get('/api/departments').set('Authorization', after).expect(200);
    // The administrator who changed it keeps their own session.
    await t.http.get('/api/users').set('Authorization', admin).expect(200);
  });

  it('tells a disabled account so at login, but only to someone with its password', async () => {
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
    const right = await t.http
      .post('/api/auth/login')
      .send({ username, password: 'correct-horse-battery' })
      .expect(403);
    expect(right.body).toMatchObject({ error: 'ACCOUNT_DISABLED', message: expect.any(String) });
    const wrong = await t.http
      .post('/api/auth/login')
      .send({ username, password: 'not-the-password' })
      .expect(401);
    expect(wrong.body.error).toBe('INVALID_CREDENTIALS');
  });
});

describe('organisation and users', () => {
  it('creates a department with the contract body and refuses a duplicate code with 409', async () => {
    const admin = await t.adminToken();
    const code = unique('DUP');
    const res = await t.http
      .post('/api/departments')
      .set('Authorization', admin)
      .send({ code, name: '市场监督管理局' })
      .expect(201);
    expect(res.body).toEqual(
      expect.objectContaining({ id: expect.any(Number), code, name: '市场监督管理局' }),
    );
    const dup = await t.http
      .post('/api/departments')
      .set('Authorization', admin)
      .send({ code, name: '另一个' })
      .expect(409);
    expect(dup.body).toMatchObject({ statusCode: 409, error: 'DUPLICATE_CODE' });
  });

  it('answers 400 with per-field details for an invalid body and for an unknown field', async () => {
    const admin = await t.adminToken();
    const invalid = await t.http
      .post('/api/departments')
      .set('Authorization', admin)
      .send({ code: '', name: 'x'.repeat(101) })
      .expect(400);
    expect(invalid.body.error).toBe('VALIDATION_FAILED');
    expect(Object.keys(invalid.body.details)).toEqual(expect.arrayContaining(['code', 'name']));

    const unknown = await t.http
      .post('/api/departments')
      .set('Authorization', admin)
      .send({ code: unique('U'), name: '部门', colour: 'red' })
      .expect(400);
    expect(unknown.body.details).toHaveProperty('colour');
  });

  it('answers 403 when a role may not write the organisation', async () => {
    const supervisor = await t.as('supervisor');
    const res = await t.http
      .post('/api/departments')
      .set('Authorization', supervisor)
      .send({ code: unique('F'), name: '部门' })
      .expect(403);
    expect(res.body).toMatchObject({ statusCode: 403, error: 'FORBIDDEN' });
    // …but every staff role may read it.
    await t.http.get('/api/departments').set('Authorization', supervisor).expect(200);
  });

  it('pages lists and filters by department', async () => {
    const admin = await t.adminToken();
    const department = await makeDepartment(t);
    for (let i = 0; i < 3; i++) await makeWindow(t, { departmentId: department.id });
    const page = await t.http
      .get(`/api/windows?departmentId=${department.id}&page=2&pageSize=2`)
      .set('Authorization', admin)
      .expect(200);
    expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.body.items).toHaveLength(1);
    const tooBig = await t.http
      .get('/api/windows?pageSize=1000')
      .set('Authorization', admin)
      .expect(400);
    expect(tooBig.body.details).toHaveProperty('pageSize');
  });

  it('gets and patches a window: 404 for one that does not exist, 400 for an id that cannot be one', async () => {
    const admin = await t.adminToken();
    const window = await makeWindow(t);
    const patched = await t.http
      .patch(`/api/windows/${window.id}`)
      .set('Authorization', admin)
      .send({ name: 'B02 新名称' })
      .expect(200);
    expect(patched.body).toMatchObject({ id: window.id, name: 'B02 新名称', code: window.code });
    const got = await t.http
      .get(`/api/windows/${window.id}`)
      .set('Authorization', admin)
      .expect(200);
    expect(got.body.name).toBe('B02 新名称');
    await t.http.get('/api/windows/999999').set('Authorization', admin).expect(404);
    const malformed = await t.http.get('/api/windows/abc').set('Authorization', admin).expect(400);
    expect(malformed.body).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED' });
  });

  it("checks references: a window of an unknown department, staff on another department's window", async () => {
    const admin = await t.adminToken();
    const noDept = await t.http
      .post('/api/windows')
      .set('Authorization', admin)
      .send({ code: unique('W'), name: '窗口', departmentId: 987654 })
      .expect(400);
    expect(noDept.body.details).toHaveProperty('departmentId');
    const window = await makeWindow(t);
    const other = await makeDepartment(t);
    const wrong = await t.http
      .post('/api/staff')
      .set('Authorization', admin)
      .send({ staffNo: unique('S'), name: '张敏', departmentId: other.id, windowId: window.id })
      .expect(400);
    expect(wrong.body.details).toHaveProperty('windowId');
    const ok = await t.http
      .post('/api/staff')
      .set('Authorization', admin)
      .send({
        staffNo: unique('S'),
        name: '张敏',
        departmentId: window.departmentId,
        windowId: window.id,
      })
      .expect(201);
    expect(ok.body).toMatchObject({ name: '张敏', windowId: window.id });
  });

  it('creates service items only in the four categories', async () => {
    const admin = await t.adminToken();
    const department = await makeDepartment(t);
    const ok = await t.http
      .post('/api/service-items')
      .set('Authorization', admin)
      .send({
        code: unique('ITEM'),
        name: '食品经营许可证核发',
        category: '行政许可',
        departmentId: department.id,
      })
      .expect(201);
    expect(ok.body.category).toBe('行政许可');
    const bad = await t.http
      .post('/api/service-items')
      .set('Authorization', admin)
      .send({ code: unique('ITEM'), name: '事项', category: '其他', departmentId: department.id })
      .expect(400);
    expect(bad.body.details).toHaveProperty('category');
  });

  it('creates users by role rules: department needs departmentId, window needs windowId, password ≥ 10', async () => {
    const admin = await t.adminToken();
    const noDept = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username: unique('d'), password: 'long-enough-1', role: 'department' })
      .expect(400);
    expect(noDept.body.details).toHaveProperty('departmentId');
    const noWindow = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username: unique('w'), password: 'long-enough-1', role: 'window' })
      .expect(400);
    expect(noWindow.body.details).toHaveProperty('windowId');
    const short = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username: unique('s'), password: 'short', role: 'supervisor' })
      .expect(400);
    expect(short.body.details).toHaveProperty('password');

    const window = await makeWindow(t);
    const username = unique('win');
    const created = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username, password: 'long-enough-1', role: 'window', windowId: window.id })
      .expect(201);
    expect(created.body).toMatchObject({
      username,
      role: 'window',
      windowId: window.id,
      departmentId: window.departmentId,
    });
    expect(created.body).not.toHaveProperty('passwordHash');
    const dup = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username, password: 'long-enough-1', role: 'supervisor' })
      .expect(409);
    expect(dup.body.error).toBe('DUPLICATE_USERNAME');
  });

  it('refuses trivial, common and username passwords, and a scope the role does not carry', async () => {
    const admin = await t.adminToken();
    const create = (body: object) =>
      t.http.post('/api/users').set('Authorization', admin).send(body);
    for (const [password, why] of [
      ['0000000000', /repeated character or a run/],
      ['1234567890', /repeated character or a run/],
      ['onlylowercaseletters', /two of/],
      ['Password123', /too common/],
    ] as const) {
      const res = await create({ username: unique('p'), password, role: 'supervisor' }).expect(400);
      expect(res.body.details.password.join(' ')).toMatch(why);
    }
    const username = unique('li.ming');
    const mine = await create({ username, password: `${username}-2026`, role: 'supervisor' });
    expect(mine.status).toBe(400);
    expect(mine.body.details.password.join(' ')).toMatch(/username/);

    const department = await makeDepartment(t);
    const window = await makeWindow(t, { departmentId: department.id });
    const other = await makeDepartment(t);
    const stray = [
      [{ role: 'admin', departmentId: department.id }, 'departmentId'],
      [{ role: 'supervisor', windowId: window.id }, 'windowId'],
      [{ role: 'department', departmentId: department.id, windowId: window.id }, 'windowId'],
      [{ role: 'window', windowId: window.id, departmentId: other.id }, 'departmentId'],
    ] as const;
    for (const [scope, field] of stray) {
      const res = await create({ username: unique('x'), password: 'long-enough-1', ...scope });
      expect({ scope, status: res.status, fields: Object.keys(res.body.details ?? {}) }).toEqual({
        scope,
        status: 400,
        fields: [field],
      });
    }
    // Changing a password to one containing the stored username is refused too.
    const created = await create({
      username: unique('wang'),
      password: 'long-enough-1',
      role: 'supervisor',
    }).expect(201);
    const res = await t.http
      .patch(`/api/users/${created.body.id}`)
      .set('Authorization', admin)
      .send({ password: `${created.body.username}!!` })
      .expect(400);
    expect(res.body.details).toHaveProperty('password');
  });

  it('lets only an admin manage users', async () => {
    const department = await t.as('department');
    await t.http.get('/api/users').set('Authorization', department).expect(403);
  });
});

describe('API keys', () => {
  it('shows a new key once and stores only its hash', async () => {
    const admin = await t.adminToken();
    const res = await t.http
      .post('/api/api-keys')
      .set('Authorization', admin)
      .send({ name: '一窗受理系统' })
      .expect(201);
    expect(res.body).toMatchObject({ id: expect.any(Number), key: expect.stringMatching(/^hcp_/) });
    const list = await t.http.get('/api/api-keys').set('Authorization', admin).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(res.body.key);
    const row = await t.app
      .get(DataSource)
      .query('SELECT keyHash FROM api_keys WHERE id = ?', [res.body.id]);
    expect(row[0].keyHash).not.toBe(res.body.key);
    expect(row[0].keyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses an API key on a route meant for people', async () => {
    const admin = await t.adminToken();
    const { body } = await t.http
      .post('/api/api-keys')
      .set('Authorization', admin)
      .send({ name: '系统' })
      .expect(201);
    const res = await t.http.get('/api/departments').set('X-Api-Key', body.key).expect(403);
    expect(res.body.error).toBe('FORBIDDEN');
  });

  it('is for admins only', async () => {
    const window = await t.as('window');
    await t.http.post('/api/api-keys').set('Authorization', window).send({ name: 'x' }).expect(403);
  });
});
