import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { makeCounter, registerTransaction } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

describe('citizen WeChat login and "my ratings"', () => {
  let t: TestApp;
  let wechat: FakeWechat;
  beforeAll(async () => {
    wechat = await startFakeWechat();
    t = await startTestApp({
      WECHAT_APPID: 'wx-test-app',
      WECHAT_SECRET: 'wx-test-secret',
      WECHAT_API_BASE: wechat.base,
      RATE_LIMIT_PER_MINUTE: '100000',
    });
  });
  afterAll(async () => {
    await t.close();
    await wechat.close();
  });

  it('exchanges a login code for a citizen token, one citizen per openid', async () => {
    const first = await t.http.post('/api/auth/wechat').send({ code: 'good-alice' }).expect(200);
    expect(first.body).toEqual({
      accessToken: expect.any(String),
      citizen: { id: expect.any(Number) },
    });
    const again = await t.http.post('/api/auth/wechat').send({ code: 'good-alice' }).expect(200);
    expect(again.body.citizen.id).toBe(first.body.citizen.id);
    const other = await t.http.post('/api/auth/wechat').send({ code: 'good-bob' }).expect(200);
    expect(other.body.citizen.id).not.toBe(first.body.citizen.id);
    const call = wechat.calls.at(-1)!;
    expect(call.searchParams.get('grant_type')).toBe('authorization_code');
    expect(call.searchParams.get('secret')).toBe('wx-test-secret');
  });

  it('maps WeChat errcodes: invalid or used code → 401, WeChat failure → 502', async () => {
    const invalid = await t.http.post('/api/auth/wechat').send({ code: 'nonsense' }).expect(401);
    expect(invalid.body.error).toBe('INVALID_CREDENTIALS');
    await t.http.post('/api/auth/wechat').send({ code: 'used-code' }).expect(401);
    const busy = await t.http.post('/api/auth/wechat').send({ code: 'busy' }).expect(502);
    expect(busy.body.error).toBe('BAD_GATEWAY');
    await t.http.post('/api/auth/wechat').send({ code: '' }).expect(400);
  });

  it("lists a signed-in citizen's ratings with the ticket of a bad one, and only theirs", async () => {
    const { body: login } = await t.http
      .post('/api/auth/wechat')
      .send({ code: 'good-carol' })
      .expect(200);
    const bearer = `Bearer ${login.accessToken}`;
    const counter = await makeCounter(t);
    const good = await registerTransaction(t, counter);
    const bad = await registerTransaction(t, counter);
    await t.http
      .post('/api/ratings')
      .set('Authorization', bearer)
      .send({ token: good.ratingToken, level: 5 })
      .expect(201);
    const badRating = await t.http
      .post('/api/ratings')
      .set('Authorization', bearer)
      .send({ token: bad.ratingToken, level: 1, contactPhone: '13812348000' })
      .expect(201);
    const mine = await t.http.get('/api/me/ratings').set('Authorization', bearer).expect(200);
    expect(mine.body.total).toBe(2);
    const [latest, earlier] = mine.body.items;
    expect(latest).toMatchObject({
      level: 1,
      transaction: { transactionNo: bad.transactionNo },
      ticket: { ticketNo: badRating.body.ticketNo, status: 'open', reply: null },
    });
    expect(earlier).toMatchObject({ level: 5, ticket: null });
    expect(JSON.stringify(mine.body)).not.toContain('13812348000');

    const { body: dave } = await t.http
      .post('/api/auth/wechat')
      .send({ code: 'good-dave' })
      .expect(200);
    const theirs = await t.http
      .get('/api/me/ratings')
      .set('Authorization', `Bearer ${dave.accessToken}`)
      .expect(200);
    expect(theirs.body.total).toBe(0);
  });

  it('needs a citizen token for "my ratings"; a staff token is not one', async () => {
    await t.http.get('/api/me/ratings').expect(401);
    await t.http
      .get('/api/me/ratings')
      .set('Authorization', await t.adminToken())
      .expect(401);
  });
});

describe('WeChat login when not configured', () => {
  it('answers 503 SERVICE_UNAVAILABLE', async () => {
    const t = await startTestApp();
    try {
      const res = await t.http.post('/api/auth/wechat').send({ code: 'good-x' }).expect(503);
      expect(res.body.error).toBe('SERVICE_UNAVAILABLE');
    } finally {
      await t.close();
    }
  });
});
