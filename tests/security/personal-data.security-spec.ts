import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chinaMonth } from '@haochaping/domain';
import { startApiProcess, remoteTestApp, type ApiProcess } from '../support/api-process';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { FIGURES_DIR, saveFigures } from '../support/figures';
import { makeCounter, monthlyWorkbook, registerTransaction } from '../support/fixtures';
import { binary } from '../support/http';
import { unique } from '../support/test-app';

/*
 * Personal data in what the service keeps and hands to staff: the real main.ts logs at info
 * level while citizens leave phone and ID numbers (in fields and in free text), a WeChat login
 * brings an openid, staff log in with passwords and tokens travel in URLs. Then its log, the
 * monthly exports (CSV and xlsx), the staff's API answers (saved under .tmp/reliability) and
 * whatever other suites saved there are searched for any of those values in full → none.
 */
const PHONES = ['13812345678', '13987654321', '13600001111', '15500002222'];
const ID_NUMBER = '110101199003071234';
const WRONG_PASSWORD = 'Wrong-Password-9876';
const PHONE_PATTERN = /(?<!\d)1[3-9]\d{9}(?!\d)/;
const ID_PATTERN = /(?<![0-9Xx])\d{17}[\dXx](?![0-9Xx])/;

interface LogLine {
  level: number;
  msg?: string;
  context?: string;
  req?: { id: string; method: string; url: string };
  res?: { statusCode: number };
}

function textFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) return textFiles(path);
    return /\.(json|txt|log|csv|html)$/i.test(name) && stat.size < 5_000_000 ? [path] : [];
  });
}

describe('security: no personal data in logs, exports or saved responses', () => {
  let api: ApiProcess;
  let wechat: FakeWechat;

  afterAll(async () => {
    await api?.destroy();
    await wechat?.close();
  });

  it('finds no full phone number, ID number, openid, token or password', async () => {
    wechat = await startFakeWechat();
    api = await startApiProcess({
      WECHAT_APPID: 'wx-test-app',
      WECHAT_SECRET: 'wx-test-secret',
      WECHAT_API_BASE: wechat.base,
      LOG_LEVEL: 'debug',
    });
    const t = remoteTestApp(api.baseUrl);
    const secrets: string[] = [...PHONES, ID_NUMBER, WRONG_PASSWORD, 'correct-horse-battery'];

    const counter = await makeCounter(t);
    const supervisorName = unique('pii-sup-');
    const supervisorPassword = 'Supervisor-Pass-4321';
    secrets.push(supervisorPassword);
    await t.http
      .post('/api/users')
      .set('Authorization', await t.adminToken())
      .send({ username: supervisorName, password: supervisorPassword, role: 'supervisor' })
      .expect(201);
    await t.http
      .post('/api/auth/login')
      .send({ username: supervisorName, password: WRONG_PASSWORD })
      .expect(401);
    const login = await t.http
      .post('/api/auth/login')
      .send({ username: supervisorName, password: supervisorPassword })
      .expect(200);
    const supervisor = `Bearer ${login.body.accessToken}`;
    secrets.push(login.body.accessToken as string);
    const handler = await t.as('department', { departmentId: counter.departmentId });

    // A citizen's WeChat login: the openid comes back from code2Session.
    const citizen = await t.http
      .post('/api/auth/wechat')
      .send({ code: 'good-piiuser' })
      .expect(200);
    secrets.push('openid-piiuser', citizen.body.accessToken as string);
    // WeChat busy: a warning written inside the request, which its line must name.
    await t.http.post('/api/auth/wechat').send({ code: 'busy' }).expect(502);
    const citizenBearer = `Bearer ${citizen.body.accessToken}`;

    const rated = await registerTransaction(t, counter, { applicantPhone: PHONES[0] });
    const complained = await registerTransaction(t, counter, { applicantPhone: PHONES[3] });
    secrets.push(rated.ratingToken, complained.ratingToken);
    await t.http.get(`/api/rating-forms/${rated.ratingToken}`).expect(200);
    await t.http.get(`/api/rating-forms/x?token=${rated.ratingToken}`);
    const rating = await t.http
      .post('/api/ratings')
      .set('Authorization', citizenBearer)
      .set('Idempotency-Key', `pii-${rated.ratingToken.slice(-12)}`)
      .send({
        token: rated.ratingToken,
        level: 1,
        contactPhone: PHONES[1],
        comment: `请联系我 ${PHONES[2]}，身份证 ${ID_NUMBER}`,
      })
      .expect(201);
    await t.http
      .post('/api/complaints')
      .send({
        token: complained.ratingToken,
        contactPhone: PHONES[3],
        content: `窗口人员态度恶劣，我的电话${PHONES[2]}，证件${ID_NUMBER}`,
      })
      .expect(201);
    // A refused request that carries them too (validation errors echo field names, not values).
    await t.http
      .post('/api/ratings')
      .send({ token: rated.ratingToken, level: 9, contactPhone: PHONES[1] })
      .expect(400);
    await t.http.get('/api/me/ratings').set('Authorization', citizenBearer).expect(200);

    // What staff read, kept as the tests keep answers.
    const saved: Record<string, unknown> = {};
    const read = async (name: string, path: string, bearer: string) => {
      const res = await t.http.get(path).set('Authorization', bearer).expect(200);
      saved[name] = res.body;
      return res.body as Record<string, unknown>;
    };
    const tickets = await read('tickets', '/api/tickets?pageSize=100', handler);
    for (const item of (tickets.items as { id: number }[]) ?? []) {
      await read(`ticket-${item.id}`, `/api/tickets/${item.id}`, handler);
    }
    await read('ratings', '/api/ratings?pageSize=100', supervisor);
    await read('audit', '/api/audit?pageSize=100', supervisor);
    await read('transactions', '/api/transactions?pageSize=100', counter.clerk);
    await read('users', '/api/users?pageSize=100', await t.adminToken());
    await read('progress', `/api/rating-forms/${rated.ratingToken}/progress`, '');
    const month = chinaMonth(new Date());
    const csv = await t.http
      .get(`/api/exports/monthly?month=${month}&format=csv`)
      .set('Authorization', supervisor)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const book = await monthlyWorkbook(t, month, supervisor);
    const cells: string[] = [];
    book.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))),
    );
    const responsesDir = join(FIGURES_DIR, 'responses');
    mkdirSync(responsesDir, { recursive: true });
    writeFileSync(join(responsesDir, 'staff-answers.json'), JSON.stringify(saved, null, 2));

    // The log: the process is stopped first so everything it wrote is in.
    api.child.kill('SIGTERM');
    await api.exited;
    const sources: Record<string, string> = {
      log: api.output(),
      'export.csv': (csv.body as Buffer).toString('utf8'),
      'export.xlsx': cells.join('\n'),
      ...Object.fromEntries(textFiles(FIGURES_DIR).map((f) => [f, readFileSync(f, 'utf8')])),
    };
    expect(sources.log).toContain('request completed'); // it did log the requests
    const lines = sources.log
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as LogLine);
    // A line written inside a request names that request; its last line (an error: 5xx) the same.
    const warning = lines.find((l) => l.msg === 'code2Session errcode -1');
    expect(warning?.req).toEqual({
      id: expect.any(String),
      method: 'POST',
      url: '/api/auth/wechat',
    });
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: 50,
        msg: 'request errored',
        req: warning?.req,
        res: { statusCode: 502 },
        responseTime: expect.any(Number),
      }),
    );
    expect(
      lines.filter((l) => l.msg === 'request completed' && l.req?.url === '/api/ratings'),
    ).toEqual([
      expect.objectContaining({ res: { statusCode: 201 } }),
      expect.objectContaining({ res: { statusCode: 400 } }),
    ]);
    // Health checks (polled until the API was up) are not logged; lines outside a request name none.
    expect(lines.some((l) => l.req?.url === '/api/health')).toBe(false);
    expect(lines.find((l) => l.context === 'Shutdown')?.req).toBeUndefined();
    expect(rating.body.id).toBeGreaterThan(0);
    // The numbers did reach staff, masked: the search below looks at real content.
    expect(JSON.stringify(saved)).toContain(`${PHONES[2].slice(0, 3)}****${PHONES[2].slice(-4)}`);
    expect(JSON.stringify(saved)).toContain(
      `${ID_NUMBER.slice(0, 6)}********${ID_NUMBER.slice(-4)}`,
    );

    const found: string[] = [];
    for (const [name, text] of Object.entries(sources)) {
      for (const secret of secrets) {
        if (text.includes(secret)) found.push(`${name}: ${secret.slice(0, 12)}…`);
      }
      const phone = PHONE_PATTERN.exec(text);
      if (phone) found.push(`${name}: phone-like ${phone[0]}`);
      const id = ID_PATTERN.exec(text);
      if (id) found.push(`${name}: ID-like ${id[0]}`);
    }
    expect(found).toEqual([]);
    saveFigures('personal-data', {
      sources: Object.keys(sources).length,
      logBytes: sources.log.length,
      secretsSearched: secrets.length,
      found: found.length,
    });
  }, 120_000);
});
