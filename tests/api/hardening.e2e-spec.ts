import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import {
  makeCounter,
  monthlyWorkbook,
  registerTransaction,
  type Counter,
} from '../support/fixtures';
import { binary } from '../support/http';
import { makeDepartment, startTestApp, type TestApp } from '../support/test-app';

/** Sends bytes as they are (no client-side URL or header checks) and reads the whole answer. */
async function rawHttp(t: TestApp, request: string): Promise<{ status: number; body: string }> {
  const server: Server = t.app.getHttpServer();
  if (!server.listening) {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  }
  const { port } = server.address() as AddressInfo;
  const text = await new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    // The server may reset the connection after answering a refused request: keep what came.
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.write(request);
  });
  const [head, ...rest] = text.split('\r\n\r\n');
  return { status: Number(head.split(' ')[1]), body: rest.join('\r\n\r\n') };
}

const CONTRACT_KEYS = ['error', 'message', 'statusCode'];

describe('hardening: what a client sends never answers 500 or leaves the contract', () => {
  let t: TestApp;
  let counter: Counter;
  let other: Counter;
  let handler: string;
  let supervisor: string;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    counter = await makeCounter(t);
    other = await makeCounter(t);
    handler = await t.as('department', { departmentId: counter.departmentId });
    supervisor = await t.as('supervisor');
  });
  afterAll(() => t.close());

  it('refuses JSON bodies nested thousands of levels deep with 400, cheaply', async () => {
    const deepObject = `{"username":${'{"a":'.repeat(2500)}1${'}'.repeat(2500)},"password":"x"}`;
    const deepArray = `{"username":"admin","password":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    for (const body of [deepObject, deepArray]) {
      const res = await t.http
        .post('/api/auth/login')
        .set('content-type', 'application/json')
        .send(body)
        .expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED' });
      expect(res.body.details).toHaveProperty('body');
    }
    // Ordinary nesting (settings: two levels) is untouched.
    await t.http
      .put('/api/settings')
      .set('Authorization', await t.adminToken())
      .send({ levelTags: { '5': ['热情周到'] } })
      .expect(200);
  });

  it('refuses a JSON body that is not an object (string, number, null, array) with 400', async () => {
    const admin = await t.adminToken();
    // A 70,000-character string was spread into the department and its audit row: a 500.
    for (const body of [`"${'x'.repeat(70_000)}"`, '"abc"', '5', 'null', '[1]', 'true']) {
      const res = await t.http
        .patch(`/api/departments/${counter.departmentId}`)
        .set('Authorization', admin)
        .set('content-type', 'application/json')
        .send(body)
        .expect(400);
      expect(res.body).toMatchObject({
        error: 'VALIDATION_FAILED',
        details: { body: expect.any(Array) },
      });
    }
    const dept = await t.http
      .get(`/api/departments/${counter.departmentId}`)
      .set('Authorization', admin)
      .expect(200);
    expect(Object.keys(dept.body)).not.toContain('0');
  });

  it('answers a truncated multipart body or one without a boundary with 400', async () => {
    const boundary = 'hcp-boundary-0123456789';
    const truncated = Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n` +
          'Content-Type: image/png\r\n\r\n',
      ),
      Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    ]);
    const cut = await t.http
      .post('/api/attachments')
      .set('content-type', `multipart/form-data; boundary=${boundary}`)
      .send(truncated)
      .expect(400);
    expect(cut.body).toMatchObject({ statusCode: 400, error: 'BAD_REQUEST' });
    const noBoundary = await t.http
      .post('/api/attachments')
      .set('content-type', 'multipart/form-data')
      .send(Buffer.from('--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc\r\n--x--'))
      .expect(400);
    expect(noBoundary.body).toMatchObject({ statusCode: 400, error: 'BAD_REQUEST' });
    expect(Object.keys(noBoundary.body).sort()).toEqual(CONTRACT_KEYS);
  });

  it('refuses null for every setting, also inside score weights and option tags', async () => {
    const admin = await t.adminToken();
    const before = await t.http.get('/api/settings').set('Authorization', admin).expect(200);
    for (const field of [
      'ratingWindowDays',
      'followUpDays',
      'ticketDueWorkingDays',
      'firstContactWorkingDays',
      'minimumSample',
      'scoreWeights',
      'levelTags',
    ]) {
      const res = await t.http
        .put('/api/settings')
        .set('Authorization', admin)
        .send({ [field]: null });
      expect([field, res.status, res.body.error]).toEqual([field, 400, 'VALIDATION_FAILED']);
      expect(res.body.details).toHaveProperty([field]);
    }
    const weight = await t.http
      .put('/api/settings')
      .set('Authorization', admin)
      .send({ scoreWeights: { goodRate: null } })
      .expect(400);
    expect(weight.body.details).toHaveProperty(['scoreWeights.goodRate']);
    const tags = await t.http
      .put('/api/settings')
      .set('Authorization', admin)
      .send({ levelTags: { '1': null } })
      .expect(400);
    expect(tags.body.details).toHaveProperty(['levelTags.1']);
    const after = await t.http.get('/api/settings').set('Authorization', admin).expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('refuses null for required fields of organisation and user edits; windowId may be null', async () => {
    const admin = await t.adminToken();
    const ds = t.app.get(DataSource);
    const [staff] = await ds.query('SELECT id FROM staff WHERE staffNo = ?', [counter.staffNo]);
    const [item] = await ds.query('SELECT id FROM service_items WHERE code = ?', [
      counter.serviceItemCode,
    ]);
    const [clerk] = await ds.query("SELECT id FROM users WHERE role = 'window' LIMIT 1");
    const edits: [path: string, fields: string[]][] = [
      [`/api/departments/${other.departmentId}`, ['code', 'name']],
      [`/api/windows/${other.windowId}`, ['code', 'name', 'departmentId']],
      [`/api/staff/${staff.id}`, ['staffNo', 'name', 'departmentId']],
      [`/api/service-items/${item.id}`, ['code', 'name', 'category', 'departmentId']],
      [`/api/users/${clerk.id}`, ['password', 'role', 'enabled']],
    ];
    for (const [path, fields] of edits) {
      for (const field of fields) {
        const res = await t.http
          .patch(path)
          .set('Authorization', admin)
          .send({ [field]: null });
        expect([path, field, res.status, res.body.error]).toEqual([
          path,
          field,
          400,
          'VALIDATION_FAILED',
        ]);
        expect(res.body.details).toHaveProperty([field]);
      }
    }
    const detached = await t.http
      .patch(`/api/staff/${staff.id}`)
      .set('Authorization', admin)
      .send({ windowId: null })
      .expect(200);
    expect(detached.body.windowId).toBeNull();
    await t.http
      .patch(`/api/staff/${staff.id}`)
      .set('Authorization', admin)
      .send({ windowId: counter.windowId })
      .expect(200);
  });

  it("answers Fastify's own refusals (undecodable URL, headers too large) with the contract body", async () => {
    const badUrl = await rawHttp(
      t,
      'GET /api/departments/%FF HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n',
    );
    expect(badUrl.status).toBe(400);
    const badUrlBody = JSON.parse(badUrl.body) as Record<string, unknown>;
    expect(badUrlBody).toMatchObject({ statusCode: 400, error: 'BAD_REQUEST' });
    expect(Object.keys(badUrlBody).sort()).toEqual(CONTRACT_KEYS);

    const huge = await rawHttp(
      t,
      `GET /api/health HTTP/1.1\r\nHost: localhost\r\nX-Filler: ${'a'.repeat(40_000)}\r\n\r\n`,
    );
    expect(huge.status).toBe(431);
    expect(JSON.parse(huge.body)).toEqual({
      statusCode: 431,
      error: 'HEADERS_TOO_LARGE',
      message: expect.any(String),
    });

    // A path parameter over Fastify's 100 characters: no such resource, not Fastify's own 414.
    const long = '9'.repeat(150);
    for (const path of [`/api/departments/${long}`, `/api/rating-forms/${long}`]) {
      const res = await t.http.get(path).set('Authorization', await t.adminToken());
      expect([path.slice(0, 20), res.status, res.body]).toEqual([
        path.slice(0, 20),
        404,
        { statusCode: 404, error: 'NOT_FOUND', message: expect.any(String) },
      ]);
      expect(JSON.stringify(res.body)).not.toContain(long);
    }
  });

  it('refuses an :id that is not a plain positive whole number with 400 on every route', async () => {
    const admin = await t.adminToken();
    const tx = await registerTransaction(t, counter);
    const routes: [method: 'get' | 'post' | 'patch', path: string, bearer: string][] = [
      ['get', '/api/departments/:id', admin],
      ['patch', '/api/departments/:id', admin],
      ['get', '/api/windows/:id', admin],
      ['patch', '/api/windows/:id', admin],
      ['get', '/api/staff/:id', admin],
      ['patch', '/api/staff/:id', admin],
      ['get', '/api/service-items/:id', admin],
      ['patch', '/api/service-items/:id', admin],
      ['get', '/api/users/:id', admin],
      ['patch', '/api/users/:id', admin],
      ['post', '/api/api-keys/:id/revoke', admin],
      ['get', '/api/transactions/:id/qrcode', counter.clerk],
      ['get', '/api/windows/:id/kiosk', counter.clerk],
      ['get', '/api/attachments/:id', supervisor],
      ['post', '/api/ratings/:id/follow-up', ''],
      ['get', '/api/tickets/:id', supervisor],
      ['post', '/api/tickets/:id/accept', handler],
      ['post', '/api/tickets/:id/visits', handler],
      ['post', '/api/tickets/:id/contact', handler],
      ['post', '/api/tickets/:id/submit', handler],
      ['post', '/api/tickets/:id/review', supervisor],
      ['post', '/api/tickets/:id/appeal', handler],
      ['post', '/api/tickets/:id/appeal-review', supervisor],
    ];
    for (const [method, path, bearer] of routes) {
      for (const id of ['abc', '0x10', '1.5', '1e309']) {
        const req = t.http[method](path.replace(':id', id));
        if (bearer) req.set('Authorization', bearer);
        const res = method === 'get' ? await req : await req.send({});
        expect([method, path, id, res.status, res.body.error]).toEqual([
          method,
          path,
          id,
          400,
          'VALIDATION_FAILED',
        ]);
      }
    }
    for (const id of ['abc', '1.5', '1e309', '1e3', '0x10', '0', '-1', '+5', '2147483648']) {
      const res = await t.http.get(`/api/departments/${id}`).set('Authorization', admin);
      expect([id, res.status, res.body.error]).toEqual([id, 400, 'VALIDATION_FAILED']);
      expect(res.body.details).toHaveProperty('id');
    }
    // Real ids still work; a well-formed id of nothing is still a 404.
    await t.http
      .get(`/api/departments/${counter.departmentId}`)
      .set('Authorization', admin)
      .expect(200);
    await t.http
      .get(`/api/transactions/${tx.id}/qrcode`)
      .set('Authorization', counter.clerk)
      .expect(200);
    const missing = await t.http.get('/api/departments/999999').set('Authorization', admin);
    expect(missing.status).toBe(404);
  });

  it('masks phone and ID numbers written into ratings, complaints and ticket notes for staff', async () => {
    const phone = '13912345678';
    const idNumber = '11010119900307123X';
    const rated = await registerTransaction(t, counter);
    const rating = await t.http
      .post('/api/ratings')
      .send({
        token: rated.ratingToken,
        level: 1,
        anonymous: true,
        comment: `态度差，请回电${phone}，身份证${idNumber}`,
      })
      .expect(201);
    const complained = await registerTransaction(t, counter);
    const complaint = await t.http
      .post('/api/complaints')
      .send({ token: complained.ratingToken, content: `窗口离岗，我的电话${phone}` })
      .expect(201);
    const ratingTicket = await t.ticket(rating.body.ticketNo);
    const complaintTicket = await t.ticket(complaint.body.ticketNo);
    const base = `/api/tickets/${ratingTicket.id}`;
    await t.http.post(`${base}/accept`).set('Authorization', handler).expect(200);
    const visit = await t.http
      .post(`${base}/visits`)
      .set('Authorization', handler)
      .send({
        method: 'phone',
        visitedAt: t.clock.now().toISOString(),
        result: `已拨打${phone}`,
        note: `核对身份证${idNumber}`,
      })
      .expect(201);
    await t.http
      .post(`${base}/submit`)
      .set('Authorization', handler)
      .send({ outcome: 'rectified', reply: `已按${phone}回电致歉并整改` })
      .expect(200);

    const answers = [
      visit,
      await t.http
        .get(`/api/ratings?departmentId=${counter.departmentId}`)
        .set('Authorization', supervisor)
        .expect(200),
      await t.http.get(base).set('Authorization', supervisor).expect(200),
      await t.http.get(base).set('Authorization', handler).expect(200),
      await t.http
        .get(`/api/tickets/${complaintTicket.id}`)
        .set('Authorization', handler)
        .expect(200),
      await t.http.get('/api/tickets').set('Authorization', supervisor).expect(200),
      await t.http
        .get(`/api/audit?entity=ticket&entityId=${ratingTicket.id}`)
        .set('Authorization', supervisor)
        .expect(200),
    ];
    for (const res of answers) {
      const text = JSON.stringify(res.body);
      expect(text).not.toContain(phone);
      expect(text).not.toContain(idNumber);
    }
    const detail = answers[2].body;
    expect(detail.rating.comment).toBe('态度差，请回电139****5678，身份证110101********123X');
    expect(detail.reply).toBe('已按139****5678回电致歉并整改');
    expect(detail.visits[0]).toMatchObject({
      result: '已拨打139****5678',
      note: '核对身份证110101********123X',
    });
    expect(answers[4].body.complaint.content).toBe('窗口离岗，我的电话139****5678');
  });

  it('refuses a transaction naming another department’s service item or staff member', async () => {
    const send = (bearer: [string, string], overrides: Record<string, unknown>) =>
      t.http
        .post('/api/transactions')
        .set(...bearer)
        .send({
          transactionNo: `X-${Math.random().toString(36).slice(2, 12)}`,
          serviceItemCode: counter.serviceItemCode,
          windowCode: counter.windowCode,
          staffNo: counter.staffNo,
          finishedAt: new Date(t.clock.nowMs() - 60_000).toISOString(),
          ...overrides,
        });
    const clerk: [string, string] = ['Authorization', counter.clerk];
    const item = await send(clerk, { serviceItemCode: other.serviceItemCode }).expect(400);
    expect(item.body).toMatchObject({ statusCode: 400, error: 'VALIDATION_FAILED' });
    expect(Object.keys(item.body.details)).toEqual(['serviceItemCode']);
    const staff = await send(clerk, { staffNo: other.staffNo }).expect(400);
    expect(Object.keys(staff.body.details)).toEqual(['staffNo']);
    const both = await send(clerk, {
      serviceItemCode: other.serviceItemCode,
      staffNo: other.staffNo,
    }).expect(400);
    expect(Object.keys(both.body.details).sort()).toEqual(['serviceItemCode', 'staffNo']);

    const { body: key } = await t.http
      .post('/api/api-keys')
      .set('Authorization', await t.adminToken())
      .send({ name: '一窗受理系统' })
      .expect(201);
    const apiKey: [string, string] = ['X-Api-Key', key.key];
    const viaKey = await send(apiKey, { staffNo: other.staffNo }).expect(400);
    expect(viaKey.body.details).toHaveProperty('staffNo');
    await send(apiKey, {}).expect(201);
    // Nothing was registered across departments.
    const [{ n }] = await t.app.get(DataSource).query(
      `SELECT COUNT(*) AS n FROM transactions t
         JOIN windows w ON w.id = t.windowId JOIN staff s ON s.id = t.staffId
        WHERE t.departmentId <> w.departmentId OR s.departmentId <> w.departmentId`,
    );
    expect(Number(n)).toBe(0);
  });

  it('takes one complaint per transaction, also when several arrive at once', async () => {
    const tx = await registerTransaction(t, counter);
    await t.http
      .post('/api/complaints')
      .send({ token: tx.ratingToken, content: '窗口人员中途离岗二十分钟' })
      .expect(201);
    const again = await t.http
      .post('/api/complaints')
      .send({ token: tx.ratingToken, content: '再次投诉：窗口人员离岗' })
      .expect(409);
    expect(again.body).toMatchObject({ statusCode: 409, error: 'ALREADY_COMPLAINED' });
    // The rating form tells the client before it offers the complaint form again.
    const form = await t.http.get(`/api/rating-forms/${tx.ratingToken}`).expect(200);
    expect(form.body).toMatchObject({ rated: false, complained: true });

    const raced = await registerTransaction(t, counter);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        t.http
          .post('/api/complaints')
          .send({ token: raced.ratingToken, content: `同时提交的投诉第${i + 1}条` }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const ds = t.app.get(DataSource);
    for (const id of [tx.id, raced.id]) {
      const [{ tickets }] = await ds.query(
        "SELECT COUNT(*) AS tickets FROM tickets WHERE transactionId = ? AND source = 'complaint'",
        [id],
      );
      const [{ complaints }] = await ds.query(
        'SELECT COUNT(*) AS complaints FROM complaints WHERE transactionId = ?',
        [id],
      );
      expect([Number(tickets), Number(complaints)]).toEqual([1, 1]);
    }
  });

  it('neutralises formula-like text in the CSV and xlsx exports; numbers and dates stay typed', async () => {
    const supervisorBearer = supervisor;
    const formula = '=HYPERLINK("http://evil.example","点我")';
    const evil = await makeDepartment(t, { name: formula });
    const month = t.clock.month();
    // A rating whose comment would run as a formula.
    const tx = await registerTransaction(t, counter);
    const rated = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level: 5, comment: '@SUM(1+1)' })
      .expect(201);

    const csv = await t.http
      .get(`/api/exports/monthly?month=${month}&format=csv`)
      .set('Authorization', supervisorBearer)
      .expect(200);
    const lines = csv.text.split('\r\n');
    const evilLine = lines.find((l) => l.includes('HYPERLINK'));
    expect(evilLine).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")"`);
    for (const line of lines.slice(1)) {
      for (const cell of line.split(',')) expect(cell.replace(/^"/, '')).not.toMatch(/^[=+@\t\r]/);
    }
    // Nobody has the minimum sample: the rank column is empty, not a dash.
    expect(evilLine?.startsWith(',')).toBe(true);

    const workbook = await monthlyWorkbook(t, month, supervisorBearer);
    const ranking = workbook.getWorksheet('部门排名')!;
    const { body: evilDept } = await t.http
      .get(`/api/departments/${evil.id}`)
      .set('Authorization', supervisorBearer)
      .expect(200);
    const evilRow = ranking
      .getRows(2, ranking.rowCount - 1)!
      .find((r) => r.getCell(2).value === evilDept.code)!;
    expect(evilRow.getCell(3).value).toBe(`'${formula}`);
    expect(evilRow.getCell(1).value).toBeNull();
    const ledger = workbook.getWorksheet('差评整改台账')!;
    expect(
      ledger.getRows(2, ledger.rowCount - 1)!.some((r) => r.getCell(1).value === `'${formula}`),
    ).toBe(true);
    const detail = workbook.getWorksheet('评价明细')!;
    const row = detail
      .getRows(2, detail.rowCount - 1)!
      .find((r) => r.getCell(1).value === rated.body.id)!;
    expect(row.getCell(10).value).toBe("'@SUM(1+1)");
    expect([row.getCell(7).value, row.getCell(8).value]).toEqual([5, '非常满意']);
    expect(row.getCell(15).value).toBeInstanceOf(Date);
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((r) =>
        r.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)),
      );
    }
  });
});

describe('hardening: last place needs a unit ranked above it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(() => t.close());

  it('marks a lone ranked department first, not also 本月末位', async () => {
    await t.http
      .put('/api/settings')
      .set('Authorization', await t.adminToken())
      .send({ minimumSample: 1 })
      .expect(200);
    const counter = await makeCounter(t);
    await makeCounter(t); // a second department without ratings: not ranked
    const tx = await registerTransaction(t, counter);
    await t.http.post('/api/ratings').send({ token: tx.ratingToken, level: 5 }).expect(201);
    const res = await t.http
      .get(`/api/scores?month=${t.clock.month()}&by=department`)
      .set('Authorization', await t.as('supervisor'))
      .expect(200);
    const row = res.body.rows.find((r: { id: number }) => r.id === counter.departmentId);
    expect(row).toMatchObject({ rank: 1, lastPlace: false, bottomTwoMonths: false });
    expect(res.body.rows.filter((r: { lastPlace: boolean }) => r.lastPlace)).toEqual([]);
  });
});

describe('hardening: delivery of the H5 client', () => {
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'hcp-h5-'));
  const inline = 'document.documentElement.style.fontSize="20px"';
  const html = `<!doctype html><html><head><script>${inline}</script><script src="/js/app.1a2b3c4d.js"></script></head><body>${'<div>好差评</div>'.repeat(200)}</body></html>`;
  const script = `console.log(${JSON.stringify('x'.repeat(4000))});`;

  beforeAll(async () => {
    mkdirSync(join(dir, 'js'));
    mkdirSync(join(dir, 'static', 'images'), { recursive: true });
    writeFileSync(join(dir, 'index.html'), html);
    writeFileSync(join(dir, 'js', 'app.1a2b3c4d.js'), script);
    writeFileSync(
      join(dir, 'static', 'images', 'logo.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg"/>',
    );
    t = await startTestApp({ H5_DIR: dir, RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('compresses the page and its assets; hashed assets are cached for a year, the page never', async () => {
    const page = await t.http.get('/').set('Accept-Encoding', 'gzip').expect(200);
    expect(page.headers['content-encoding']).toBe('gzip');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.text).toBe(html);
    const index = await t.http.get('/index.html').set('Accept-Encoding', 'gzip').expect(200);
    expect(index.headers['cache-control']).toBe('no-cache');

    const asset = await t.http
      .get('/js/app.1a2b3c4d.js')
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.text).toBe(script);

    // A file without a content hash in its name may change under it: revalidated.
    const logo = await t.http.get('/static/images/logo.svg').expect(200);
    expect(logo.headers['cache-control']).toBe('no-cache');
    // A browser-history route of the client gets the page, compressed and not cached either.
    const route = await t.http.get('/pages/rate/index').set('Accept-Encoding', 'gzip').expect(200);
    expect(route.headers['content-encoding']).toBe('gzip');
    expect(route.headers['cache-control']).toBe('no-cache');
    expect(route.text).toBe(html);
    // Without Accept-Encoding the bytes come as they are.
    const plain = await t.http.get('/js/app.1a2b3c4d.js').set('Accept-Encoding', 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(script);
  });

  it('sends security headers: a CSP that allows the own scripts and the one inline script, no framing, nosniff', async () => {
    const page = await t.http.get('/pages/rate/index').expect(200);
    const csp = String(page.headers['content-security-policy']);
    const hash = createHash('sha256').update(inline, 'utf8').digest('base64');
    expect(csp).toContain(`script-src 'self' 'sha256-${hash}'`);
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect(page.headers['x-frame-options']).toBe('SAMEORIGIN');
    const api = await t.http.get('/api/health').expect(200);
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(String(api.headers['content-security-policy'])).toContain("default-src 'self'");
    // The OpenAPI UI keeps the inline start-up script swagger-ui needs; only there.
    const docs = await t.http.get('/api/docs').expect(200);
    expect(String(docs.headers['content-security-policy'])).toMatch(/script-src[^;]*unsafe-inline/);
  });

  it('leaves binary downloads alone', async () => {
    const counter = await makeCounter(t);
    const tx = await registerTransaction(t, counter);
    const png = await t.http
      .get(`/api/transactions/${tx.id}/qrcode?format=png`)
      .set('Authorization', counter.clerk)
      .set('Accept-Encoding', 'gzip')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(png.headers['content-encoding']).toBeUndefined();
    expect((png.body as Buffer).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  });
});
