import { DataSource } from 'typeorm';
import { makeCounter, registerTransaction } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

describe('settings: rating window, periods and versioned option tags', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(() => t.close());

  it('shows the defaults to an admin only', async () => {
    const res = await t.http
      .get('/api/settings')
      .set('Authorization', await t.adminToken())
      .expect(200);
    expect(res.body).toMatchObject({
      ratingWindowDays: 7,
      followUpDays: 15,
      ticketDueWorkingDays: 15,
      firstContactWorkingDays: 1,
      ratingOptions: { version: 1 },
    });
    await t.http
      .get('/api/settings')
      .set('Authorization', await t.as('supervisor'))
      .expect(403);
  });

  it('masks a phone number written into a nested value of the audit trail', async () => {
    const admin = await t.adminToken();
    const current = await t.http.get('/api/settings').set('Authorization', admin).expect(200);
    const levels = current.body.ratingOptions.levels as { level: number; tags: string[] }[];
    const three = levels.find((l) => l.level === 3)!.tags;
    await t.http
      .put('/api/settings')
      .set('Authorization', admin)
      .send({ levelTags: { '3': [...three, '请致电13812348000'] } })
      .expect(200);
    const audit = await t.http
      .get('/api/audit?entity=settings&pageSize=1')
      .set('Authorization', admin)
      .expect(200);
    const text = JSON.stringify(audit.body.items[0].after);
    expect(text).toContain('请致电138****8000');
    expect(text).not.toContain('13812348000');
    await t.http
      .put('/api/settings')
      .set('Authorization', admin)
      .send({ levelTags: { '3': three } })
      .expect(200);
  });

  it('refuses out-of-range values with per-field details and changes nothing', async () => {
    const admin = await t.adminToken();
    const res = await t.http
      .put('/api/settings')
      .set('Authorization', admin)
      .send({ ratingWindowDays: 0, followUpDays: 5, levelTags: { '1': ['x'.repeat(21)] } })
      .expect(400);
    expect(Object.keys(res.body.details)).toEqual(
      expect.arrayContaining(['ratingWindowDays', 'levelTags.1']),
    );
    const after = await t.http.get('/api/settings').set('Authorization', admin).expect(200);
    expect(after.body.followUpDays).toBe(15);
  });

  it('versions new option tags; a rating keeps the version it was made with', async () => {
    const admin = await t.adminToken();
    const counter = await makeCounter(t);
    const before = await registerTransaction(t, counter);
    await t.http
      .post('/api/ratings')
      .send({ token: before.ratingToken, level: 5, tags: ['热情周到'] })
      .expect(201);
    const was = (await t.http.get('/api/settings').set('Authorization', admin).expect(200)).body
      .ratingOptions.version as number;

    const res = await t.http
      .put('/api/settings')
      .set('Authorization', admin)
      .send({ ratingWindowDays: 3, levelTags: { '5': ['秒办', '热情周到'] } })
      .expect(200);
    expect(res.body.ratingWindowDays).toBe(3);
    expect(res.body.ratingOptions.version).toBe(was + 1);
    expect(res.body.ratingOptions.levels[0]).toMatchObject({
      level: 5,
      tags: ['秒办', '热情周到'],
    });
    // Other levels keep their tags.
    expect(res.body.ratingOptions.levels[4].tags).toContain('服务态度差');

    const after = await registerTransaction(t, counter);
    const days = (new Date(after.expiresAt).getTime() - t.clock.nowMs()) / 86_400_000;
    expect(days).toBeLessThanOrEqual(3);
    const form = await t.http.get(`/api/rating-forms/${after.ratingToken}`).expect(200);
    expect(form.body.options.version).toBe(was + 1);
    const rating = await t.http
      .post('/api/ratings')
      .send({ token: after.ratingToken, level: 5, tags: ['秒办'] })
      .expect(201);
    const rows = await t.app
      .get(DataSource)
      .query('SELECT id, optionsVersion FROM ratings ORDER BY id');
    expect(rows.map((r: { optionsVersion: unknown }) => Number(r.optionsVersion))).toEqual([
      was,
      was + 1,
    ]);
    expect(Number(rows[1].id)).toBe(rating.body.id);
  });
});
