import { createApp } from '../../apps/api/src/app.factory';
import { startTestApp, type TestApp } from '../support/test-app';

describe('demo data and admin bootstrap', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ DEMO_DATA: 'true' });
  });
  afterAll(() => t.close());

  it('seeds a believable centre: 8 departments with windows, staff, items and one user per role', async () => {
    const admin = await t.adminToken();
    const departments = await t.http
      .get('/api/departments?pageSize=100')
      .set('Authorization', admin)
      .expect(200);
    expect(departments.body.total).toBe(8);
    expect(departments.body.items.map((d: { name: string }) => d.name)).toContain('市场监督管理局');
    const windows = await t.http
      .get('/api/windows?pageSize=100')
      .set('Authorization', admin)
      .expect(200);
    expect(windows.body.total).toBeGreaterThanOrEqual(8);
    const staff = await t.http
      .get('/api/staff?pageSize=100')
      .set('Authorization', admin)
      .expect(200);
    expect(staff.body.total).toBeGreaterThanOrEqual(16);
    const items = await t.http
      .get('/api/service-items?pageSize=100')
      .set('Authorization', admin)
      .expect(200);
    const categories = new Set(items.body.items.map((i: { category: string }) => i.category));
    expect([...categories].sort()).toEqual(
      ['公共服务', '其他行政权力', '行政确认', '行政许可'].sort(),
    );
    const users = await t.http
      .get('/api/users?pageSize=100')
      .set('Authorization', admin)
      .expect(200);
    const roles = users.body.items.map((u: { role: string }) => u.role);
    for (const role of ['admin', 'supervisor', 'department', 'window'])
      expect(roles).toContain(role);
  });

  it("seeds this month's activity through the real services: ratings, tickets and scores", async () => {
    const admin = await t.adminToken();
    const month = t.clock.month();
    const scores = await t.http
      .get(`/api/scores?month=${month}`)
      .set('Authorization', admin)
      .expect(200);
    const ratings = scores.body.rows.reduce(
      (sum: number, r: { ratings: number }) => sum + r.ratings,
      0,
    );
    expect(ratings).toBeGreaterThan(40);
    expect(scores.body.rows.some((r: { rank: number | null }) => r.rank !== null)).toBe(true);
    const supervisor = await t.as('supervisor');
    const tickets = await t.http.get('/api/tickets').set('Authorization', supervisor).expect(200);
    expect(tickets.body.total).toBeGreaterThan(0);
  });

  it('does not seed twice or create a second admin when the service restarts on the same database', async () => {
    const again = await createApp(t.config);
    try {
      const admin = await t.adminToken();
      const departments = await t.http
        .get('/api/departments')
        .set('Authorization', admin)
        .expect(200);
      expect(departments.body.total).toBe(8);
      const users = await t.http
        .get('/api/users?pageSize=100')
        .set('Authorization', admin)
        .expect(200);
      expect(
        users.body.items.filter((u: { username: string }) => u.username === 'admin'),
      ).toHaveLength(1);
    } finally {
      await again.close();
    }
  });
});
