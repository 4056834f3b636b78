import { makeCounter, registerTransaction, type Counter } from '../support/fixtures';
import { binary } from '../support/http';
import { startTestApp, unique, type TestApp } from '../support/test-app';

describe('transactions (办件) and rating tokens', () => {
  let t: TestApp;
  let counter: Counter;
  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_BASE_URL: 'https://pj.example.gov.cn' });
    counter = await makeCounter(t);
  });
  afterAll(() => t.close());

  const body = (overrides: Record<string, unknown> = {}) => ({
    transactionNo: unique('TX'),
    serviceItemCode: counter.serviceItemCode,
    windowCode: counter.windowCode,
    staffNo: counter.staffNo,
    finishedAt: '2026-11-17T09:30:00+08:00', // the day before TEST_NOW
    ...overrides,
  });

  it("registers a transaction for the clerk's window with a token, a rating URL and its expiry", async () => {
    const res = await t.http
      .post('/api/transactions')
      .set('Authorization', counter.clerk)
      .send(body({ finishedAt: t.clock.now().toISOString() }))
      .expect(201);
    expect(res.body).toMatchObject({
      id: expect.any(Number),
      ratingToken: expect.stringMatching(/^[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/),
    });
    expect(res.body.ratingUrl).toBe(
      `https://pj.example.gov.cn/pages/rate/index?token=${res.body.ratingToken}`,
    );
    const days = (new Date(res.body.expiresAt).getTime() - t.clock.nowMs()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
  });

  it('answers the same registration again with 200 and the same token; other data is a 409', async () => {
    const data = body();
    const first = await t.http
      .post('/api/transactions')
      .set('Authorization', counter.clerk)
      .send(data)
      .expect(201);
    const again = await t.http
      .post('/api/transactions')
      .set('Authorization', counter.clerk)
      .send(data)
      .expect(200);
    expect(again.body).toEqual(first.body);
    const other = await t.http
      .post('/api/transactions')
      .set('Authorization', counter.clerk)
      .send({ ...data, finishedAt: '2026-11-17T10:00:00+08:00' })
      .expect(409);
    expect(other.body).toMatchObject({ error: 'TRANSACTION_CONFLICT' });
    expect(other.body.details).toHaveProperty('finishedAt');
  });

  it("accepts an integrating system's API key", async () => {
    const { body: key } = await t.http
      .post('/api/api-keys')
      .set('Authorization', await t.adminToken())
      .send({ name: '一窗受理系统' })
      .expect(201);
    await t.http.post('/api/transactions').set('X-Api-Key', key.key).send(body()).expect(201);
    await t.http
      .post('/api/transactions')
      .set('X-Api-Key', 'hcp_not-a-real-key')
      .send(body())
      .expect(401);
  });

  it('refuses a clerk registering for another window, and roles that may not register', async () => {
    const other = await makeCounter(t);
    const res = await t.http
      .post('/api/transactions')
      .set('Authorization', counter.clerk)
      .send(body({ windowCode: other.windowCode }))
      .expect(403);
    expect(res.body.error).toBe('FORBIDDEN');
    await t.http
      .post('/api/transactions')
      .set('Authorization', await t.as('supervisor'))
      .send(body())
      .expect(403);
  });

  it('validates every field and names unknown references', async () => {
    const invalid = await t.http
      .post('/api/transactions')
      .set('Authorization', counter.clerk)
      .send(body({ finishedAt: 'yesterday', applicantPhone: '12345', applicantType: 'alien' }))
      .expect(400);
    expect(Object.keys(invalid.body.details)).toEqual(
      expect.arrayContaining(['finishedAt', 'applicantPhone', 'applicantType']),
    );
    const unknown = await t.http
      .post('/api/transactions')
      .set('Authorization', counter.clerk)
      .send(body({ serviceItemCode: 'NO-SUCH-ITEM' }))
      .expect(400);
    expect(unknown.body.details).toHaveProperty('serviceItemCode');
  });

  it('stores the applicant phone encrypted with a masked copy, never in plain', async () => {
    const tx = await registerTransaction(t, counter, { applicantPhone: '13812348000' });
    const { DataSource } = await import('typeorm');
    const [row] = await t.app
      .get(DataSource)
      .query('SELECT * FROM transactions WHERE id = ?', [tx.id]);
    expect(row.applicantPhoneMasked).toBe('138****8000');
    expect(JSON.stringify(row)).not.toContain('13812348000');
  });

  it('draws the rating URL as an SVG and a PNG QR code, only for the window that owns it', async () => {
    const tx = await registerTransaction(t, counter);
    const svg = await t.http
      .get(`/api/transactions/${tx.id}/qrcode?format=svg`)
      .set('Authorization', counter.clerk)
      .expect(200);
    expect(svg.headers['content-type']).toContain('image/svg+xml');
    expect(String(svg.body instanceof Buffer ? svg.body.toString() : svg.text)).toContain('<svg');
    const png = await t.http
      .get(`/api/transactions/${tx.id}/qrcode?format=png`)
      .set('Authorization', counter.clerk)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect((png.body as Buffer).subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    await t.http
      .get(`/api/transactions/${tx.id}/qrcode?format=gif`)
      .set('Authorization', counter.clerk)
      .expect(400);
    const other = await makeCounter(t);
    await t.http
      .get(`/api/transactions/${tx.id}/qrcode`)
      .set('Authorization', other.clerk)
      .expect(404);
  });
});
