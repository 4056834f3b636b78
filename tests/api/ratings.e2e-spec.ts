import { DataSource } from 'typeorm';
import { Rating } from '../../apps/api/src/ratings/entities/rating.entity';
import { RatingTokenService } from '../../apps/api/src/transactions/rating-token.service';
import { makeCounter, registerTransaction, type Counter } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

describe('the citizen rates a transaction', () => {
  let t: TestApp;
  let counter: Counter;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    counter = await makeCounter(t);
  });
  afterAll(() => t.close());

  it('shows the rating form: transaction summary without full staff name, five levels with tags', async () => {
    const tx = await registerTransaction(t, counter);
    const res = await t.http.get(`/api/rating-forms/${tx.ratingToken}`).expect(200);
    expect(res.body.transaction).toMatchObject({
      transactionNo: tx.transactionNo,
      serviceItemName: '食品经营许可证核发',
      departmentName: '市场监督管理局',
      windowName: 'A01 企业开办窗口',
      staffName: `张（${counter.staffNo}）`,
    });
    expect(JSON.stringify(res.body)).not.toContain('张敏');
    expect(res.body.rated).toBe(false);
    expect(res.body.options.version).toBe(1);
    expect(res.body.options.levels.map((l: { level: number }) => l.level)).toEqual([5, 4, 3, 2, 1]);
    expect(res.body.options.levels[4]).toMatchObject({
      label: '非常不满意',
      tags: expect.arrayContaining(['服务态度差']),
    });
  });

  it('accepts a good rating once and refuses a second with 409 ALREADY_RATED', async () => {
    const tx = await registerTransaction(t, counter);
    const first = await t.http
      .post('/api/ratings')
      .send({
        token: tx.ratingToken,
        level: 5,
        tags: ['热情周到'],
        comment: '很好',
        channel: 'miniapp',
      })
      .expect(201);
    expect(first.body).toEqual({ id: expect.any(Number), level: 5 });
    const second = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level: 1, anonymous: true })
      .expect(409);
    expect(second.body).toMatchObject({ statusCode: 409, error: 'ALREADY_RATED' });
    const form = await t.http.get(`/api/rating-forms/${tx.ratingToken}`).expect(200);
    expect(form.body).toMatchObject({ rated: true, ratingId: first.body.id, followedUp: false });
    expect(form.body.followUpUntil).toBeDefined();
    const [row] = await t.app
      .get(DataSource)
      .query('SELECT level, channel, optionsVersion, monthKey FROM ratings WHERE id = ?', [
        first.body.id,
      ]);
    expect(Number(row.level)).toBe(5);
    expect(row.channel).toBe('miniapp');
    expect(Number(row.optionsVersion)).toBe(1);
    expect(row.monthKey).toMatch(/^\d{4}-\d{2}$/);
  });

  it('opens a ticket for a bad rating in the same step and returns its number', async () => {
    const tx = await registerTransaction(t, counter);
    const res = await t.http
      .post('/api/ratings')
      .send({
        token: tx.ratingToken,
        level: 1,
        tags: ['多次跑腿'],
        comment: '跑了三次',
        contactPhone: '13812348000',
      })
      .expect(201);
    expect(res.body.ticketNo).toMatch(/^ZG\d{8}-[0-9A-Z]{8}$/);
    const [ticket] = await t.app
      .get(DataSource)
      .query('SELECT * FROM tickets WHERE ticketNo = ?', [res.body.ticketNo]);
    expect(ticket).toMatchObject({
      source: 'rating',
      status: 'open',
      departmentId: counter.departmentId,
    });
    expect(Boolean(Number(ticket.realName))).toBe(true);
    const [rating] = await t.app
      .get(DataSource)
      .query('SELECT * FROM ratings WHERE id = ?', [res.body.id]);
    expect(rating.contactPhoneMasked).toBe('138****8000');
    expect(JSON.stringify(rating)).not.toContain('13812348000');
  });

  it('requires a contact phone for a real-name bad rating, not for an anonymous one', async () => {
    const tx = await registerTransaction(t, counter);
    const res = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level: 2 })
      .expect(400);
    expect(res.body.details).toHaveProperty('contactPhone');
    const anonymous = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level: 2, anonymous: true })
      .expect(201);
    expect(anonymous.body.ticketNo).toBeDefined();
  });

  it('validates level, tags of that level, comment length, attachments and phone', async () => {
    const tx = await registerTransaction(t, counter);
    const bad = await t.http
      .post('/api/ratings')
      .send({
        token: tx.ratingToken,
        level: 6,
        comment: '长'.repeat(501),
        attachmentIds: [1, 2, 3, 4, 5, 6, 7],
        contactPhone: '1234',
        channel: 'fax',
      })
      .expect(400);
    expect(Object.keys(bad.body.details)).toEqual(
      expect.arrayContaining(['level', 'comment', 'attachmentIds', 'contactPhone', 'channel']),
    );
    const wrongTag = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level: 5, tags: ['服务态度差'] })
      .expect(400);
    expect(wrongTag.body.details).toHaveProperty('tags');
    const unknownPhoto = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level: 5, attachmentIds: [987654] })
      .expect(400);
    expect(unknownPhoto.body.details).toHaveProperty('attachmentIds');
    // Nothing of the refused attempts was stored: the transaction can still be rated.
    await t.http.post('/api/ratings').send({ token: tx.ratingToken, level: 4 }).expect(201);
  });

  it('answers 404 for a forged or unknown token and 410 for an expired one', async () => {
    const tx = await registerTransaction(t, counter);
    const forged = `${tx.ratingToken.slice(0, -1)}${tx.ratingToken.endsWith('A') ? 'B' : 'A'}`;
    expect((await t.http.get(`/api/rating-forms/${forged}`).expect(404)).body.error).toBe(
      'NOT_FOUND',
    );
    const unknown = t.app
      .get(RatingTokenService)
      .sign(999_999, new Date(t.clock.nowMs() + 86_400_000));
    await t.http.get(`/api/rating-forms/${unknown}`).expect(404);
    await t.http.get('/api/rating-forms/not-a-token').expect(404);
    await t.http.post('/api/ratings').send({ token: forged, level: 5 }).expect(404);

    const old = await registerTransaction(t, counter, {
      finishedAt: new Date(t.clock.nowMs() - 8 * 86_400_000).toISOString(),
    });
    const expired = await t.http.get(`/api/rating-forms/${old.ratingToken}`).expect(410);
    expect(expired.body).toMatchObject({ statusCode: 410, error: 'TOKEN_EXPIRED' });
    await t.http.post('/api/ratings').send({ token: old.ratingToken, level: 5 }).expect(410);
  });

  it('keeps one rating under 50 parallel submissions of one token', async () => {
    const tx = await registerTransaction(t, counter);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        t.http
          .post('/api/ratings')
          .send({ token: tx.ratingToken, level: (i % 5) + 1, anonymous: true }),
      ),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(
      results.filter((r) => r.status === 409).every((r) => r.body.error === 'ALREADY_RATED'),
    ).toBe(true);
    const [{ n }] = await t.app
      .get(DataSource)
      .query('SELECT COUNT(*) AS n FROM ratings WHERE transactionId = ?', [tx.id]);
    expect(Number(n)).toBe(1);
    const [{ m }] = await t.app
      .get(DataSource)
      .query('SELECT COUNT(*) AS m FROM tickets WHERE transactionId = ?', [tx.id]);
    const winner = results.find((r) => r.status === 201)!;
    expect(Number(m)).toBe(winner.body.level <= 2 ? 1 : 0);
  });

  it('returns the first answer to a retried submission with the same Idempotency-Key', async () => {
    const tx = await registerTransaction(t, counter);
    const key = 'retry-key-0001';
    const send = () =>
      t.http
        .post('/api/ratings')
        .set('Idempotency-Key', key)
        .send({ token: tx.ratingToken, level: 2, anonymous: true });
    const first = await send().expect(201);
    const retry = await send().expect(201);
    expect(retry.body).toEqual(first.body);
    // The same key on another body is no retry: 422, and the stored rating is left as it was.
    for (const other of [
      { level: 1, anonymous: true },
      { level: 2, anonymous: true, comment: '补充一句' },
      { level: 2, anonymous: false, contactPhone: '13812348000' },
    ]) {
      const reused = await t.http
        .post('/api/ratings')
        .set('Idempotency-Key', key)
        .send({ token: tx.ratingToken, ...other })
        .expect(422);
      expect(reused.body.error).toBe('IDEMPOTENCY_KEY_REUSED');
    }
    expect((await send().expect(201)).body).toEqual(first.body);
    const otherKey = await t.http
      .post('/api/ratings')
      .set('Idempotency-Key', 'another-key-02')
      .send({ token: tx.ratingToken, level: 2, anonymous: true })
      .expect(409);
    expect(otherKey.body.error).toBe('ALREADY_RATED');
    await t.http
      .post('/api/ratings')
      .set('Idempotency-Key', 'x')
      .send({ token: tx.ratingToken, level: 2 })
      .expect(400);
  });

  it('takes one follow-up beside the rating, and refuses a second', async () => {
    const tx = await registerTransaction(t, counter);
    const rating = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level: 3 })
      .expect(201);
    const followUp = await t.http
      .post(`/api/ratings/${rating.body.id}/follow-up`)
      .send({ token: tx.ratingToken, comment: '后来补办很顺利', level: 5 })
      .expect(201);
    expect(followUp.body).toMatchObject({
      ratingId: rating.body.id,
      comment: '后来补办很顺利',
      level: 5,
    });
    const second = await t.http
      .post(`/api/ratings/${rating.body.id}/follow-up`)
      .send({ token: tx.ratingToken, comment: '再说一句' })
      .expect(409);
    expect(second.body.error).toBe('ALREADY_FOLLOWED_UP');
    // The first rating is unchanged.
    const [row] = await t.app
      .get(DataSource)
      .query('SELECT level FROM ratings WHERE id = ?', [rating.body.id]);
    expect(Number(row.level)).toBe(3);
    // Another transaction's token does not reach this rating.
    const other = await registerTransaction(t, counter);
    await t.http
      .post(`/api/ratings/${rating.body.id}/follow-up`)
      .send({ token: other.ratingToken, comment: '冒充' })
      .expect(404);
  });

  it('refuses a follow-up after the follow-up period', async () => {
    const tx = await registerTransaction(t, counter);
    const rating = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level: 4 })
      .expect(201);
    await t.app
      .get(DataSource)
      .getRepository(Rating)
      .update(rating.body.id, { createdAt: new Date(t.clock.nowMs() - 40 * 86_400_000) });
    const res = await t.http
      .post(`/api/ratings/${rating.body.id}/follow-up`)
      .send({ token: tx.ratingToken, comment: '太晚了' })
      .expect(409);
    expect(res.body.error).toBe('FOLLOW_UP_CLOSED');
  });

  it('opens a ticket for a complaint', async () => {
    const tx = await registerTransaction(t, counter);
    const res = await t.http
      .post('/api/complaints')
      .send({
        token: tx.ratingToken,
        content: '窗口人员中途离岗二十分钟',
        contactPhone: '13912345678',
      })
      .expect(201);
    expect(res.body).toEqual({ id: expect.any(Number), ticketNo: expect.stringMatching(/^ZG/) });
    const [ticket] = await t.app
      .get(DataSource)
      .query('SELECT source, status FROM tickets WHERE ticketNo = ?', [res.body.ticketNo]);
    expect(ticket).toEqual({ source: 'complaint', status: 'open' });
    const short = await t.http
      .post('/api/complaints')
      .send({ token: tx.ratingToken, content: '差' })
      .expect(400);
    expect(short.body.details).toHaveProperty('content');
  });

  it('records fraud signals on the rating without returning them', async () => {
    const tx = await registerTransaction(t, counter);
    t.clock.advance(90_000); // the citizen rates a minute and a half after the token was issued
    const res = await t.http
      .post('/api/ratings')
      .set('User-Agent', 'Mozilla/5.0 MicroMessenger/8.0')
      .send({ token: tx.ratingToken, level: 5 })
      .expect(201);
    expect(Object.keys(res.body).sort()).toEqual(['id', 'level']);
    const [row] = await t.app
      .get(DataSource)
      .query('SELECT ip, deviceHint, secondsSinceIssue FROM ratings WHERE id = ?', [res.body.id]);
    expect(row.ip).toBeTruthy();
    expect(row.deviceHint).toContain('MicroMessenger');
    expect(Number(row.secondsSinceIssue)).toBeGreaterThanOrEqual(90);
    expect(Number(row.secondsSinceIssue)).toBeLessThan(120);
  });
});

describe('rate limits on public endpoints', () => {
  it('answers 429 RATE_LIMITED past the per-minute limit', async () => {
    const t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++)
        statuses.push((await t.http.get('/api/rating-forms/not-a-token')).status);
      expect(statuses).toEqual([404, 404, 404, 429, 429]);
      const res = await t.http.get('/api/rating-forms/not-a-token').expect(429);
      expect(res.body.error).toBe('RATE_LIMITED');
    } finally {
      await t.close();
    }
  });
});
