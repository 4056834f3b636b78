import { chinaDateTime } from '@haochaping/domain';
import { DataSource } from 'typeorm';
import { createApp } from '../../apps/api/src/app.factory';
import { DefaultRatingJob } from '../../apps/api/src/jobs/default-rating.job';
import { OutboxDispatcher } from '../../apps/api/src/outbox/outbox.dispatcher';
import { Rating } from '../../apps/api/src/ratings/entities/rating.entity';
import { startFakeProvince, type FakeProvince } from '../support/fake-province';
import {
  giveNationalCode,
  makeCounter,
  monthlyWorkbook,
  registerTransaction,
  type Counter,
} from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const DAY_MS = 86_400_000;
const NATIONAL_CODE = '11370100MB28505Q1X4000117001';

interface ScoreRow {
  id: number;
  ratings: number;
  rated: number;
  finished: number;
  defaultRated: number;
  levels: Record<string, number>;
  channels: Record<string, number>;
  tickets: Record<string, number>;
  goodRate: number | null;
  badRate: number | null;
  ratingRate: number | null;
  rectificationRate: number | null;
  onTimeRate: number | null;
  visitRate: number | null;
  score: number | null;
  rank: number | null;
}

/**
 * 默认评价 (#16): off by default; once switched on, a transaction whose rating window ended
 * without a rating (nor a complaint) gets one default rating from the job — flagged, channel
 * `default`, the configured level, dated when recorded — in no rate and no ticket (the scores
 * show the same rates with and without it, and count it apart), shown as 默认评价, pushed to the
 * province with pf 7; never for a rated transaction, never twice, not even by two instances.
 */
describe('default ratings', () => {
  let t: TestApp;
  let gateway: FakeProvince;
  let counter: Counter;
  let admin: string;
  let supervisor: string;

  beforeAll(async () => {
    gateway = await startFakeProvince();
    t = await startTestApp({
      PROVINCE_API_BASE: gateway.base,
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    admin = await t.adminToken();
    supervisor = await t.as('supervisor');
    counter = await makeCounter(t);
    await giveNationalCode(t, counter, NATIONAL_CODE);
  });
  afterAll(async () => {
    await t.close();
    await gateway.close();
  });

  const job = (app = t.app) => app.get(DefaultRatingJob).run(t.clock.now());
  /** The department's row of the month the test's transactions finished in (TEST_NOW's). */
  const departmentRow = async (): Promise<ScoreRow> => {
    const res = await t.http
      .get(`/api/scores?month=2026-11&by=department`)
      .set('Authorization', supervisor)
      .expect(200);
    return (res.body.rows as ScoreRow[]).find((r) => r.id === counter.departmentId)!;
  };
  const ratingsOf = (transactionId: number) =>
    t.app.get(DataSource).getRepository(Rating).findBy({ transactionId });
  /** Every figure of a score row but the separate count of default ratings. */
  const rates = ({ defaultRated: _, ...rest }: ScoreRow) => rest;

  it('is off by default and then records nothing', async () => {
    const settings = await t.http.get('/api/settings').set('Authorization', admin).expect(200);
    expect(settings.body.defaultRating).toEqual({ enabled: false, level: 3, enabledAt: null });
    const tx = await registerTransaction(t, counter, {
      finishedAt: new Date(t.clock.nowMs() - 8 * DAY_MS).toISOString(),
    });
    expect(await job()).toEqual({ ran: false, recorded: 0 });
    expect(await ratingsOf(tx.id)).toEqual([]);
  });

  it('records one default rating when the window ends unrated: in no rate, shown as 默认评价, pushed with pf 7', async () => {
    // A window that ended before the setting was switched on never gets one.
    const before = await registerTransaction(t, counter, {
      finishedAt: new Date(t.clock.nowMs() - 8 * DAY_MS).toISOString(),
    });
    const on = await t.http
      .put('/api/settings')
      .set('Authorization', admin)
      .send({ defaultRating: { enabled: true, level: 3 } })
      .expect(200);
    expect(on.body.defaultRating).toMatchObject({ enabled: true, level: 3 });
    expect(Date.parse(on.body.defaultRating.enabledAt)).toBeLessThanOrEqual(t.clock.nowMs());

    const unrated = await registerTransaction(t, counter);
    const rated = await registerTransaction(t, counter);
    await t.http
      .post('/api/ratings')
      .send({ token: rated.ratingToken, level: 5, channel: 'window_qr' })
      .expect(201);
    const complained = await registerTransaction(t, counter);
    await t.http
      .post('/api/complaints')
      .send({ token: complained.ratingToken, content: '窗口长时间无人办理，等候了一个多小时' })
      .expect(201);
    const ticketsBefore = await t.http
      .get(`/api/tickets?departmentId=${counter.departmentId}`)
      .set('Authorization', supervisor)
      .expect(200);

    // Still inside the window: nothing yet.
    expect(await job()).toEqual({ ran: true, recorded: 0 });
    const without = await departmentRow();
    expect(without.defaultRated).toBe(0);

    t.clock.advance(8 * DAY_MS);
    const recordedAt = t.clock.now();
    expect(await t.app.get(DefaultRatingJob).run(recordedAt)).toEqual({ ran: true, recorded: 1 });
    // Once: the next run finds nothing to do.
    expect(await job()).toEqual({ ran: true, recorded: 0 });

    const [row] = await ratingsOf(unrated.id);
    expect(row).toMatchObject({
      isDefault: true,
      channel: 'default',
      level: 3,
      tags: [],
      comment: null,
      citizenId: null,
      voided: false,
    });
    // Dated when the job recorded it, after the window ended: never back-dated.
    expect(row.createdAt.getTime()).toBe(recordedAt.getTime());
    expect(row.createdAt.getTime()).toBeGreaterThan(Date.parse(unrated.expiresAt));
    expect(await ratingsOf(rated.id)).toMatchObject([{ isDefault: false, level: 5 }]);
    expect(await ratingsOf(complained.id)).toEqual([]);
    expect(await ratingsOf(before.id)).toEqual([]);

    // The same rates with and without it; counted apart (主动评价率 = rated by people ÷ finished).
    const withDefault = await departmentRow();
    expect(rates(withDefault)).toEqual(rates(without));
    expect(withDefault.defaultRated).toBe(1);
    expect(withDefault.ratingRate).toBe(
      Math.round((withDefault.rated / withDefault.finished) * 10_000) / 10_000,
    );
    // Rebuilt from the raw rows: the same.
    await t.http.post('/api/scores/rebuild').set('Authorization', admin).expect(200);
    expect(await departmentRow()).toEqual(withDefault);

    // No ticket.
    const ticketsAfter = await t.http
      .get(`/api/tickets?departmentId=${counter.departmentId}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(ticketsAfter.body.total).toBe(ticketsBefore.body.total);

    // Staff lists name it 默认评价.
    const list = await t.http
      .get(`/api/ratings?departmentId=${counter.departmentId}&isDefault=true`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: row.id,
        transactionNo: unrated.transactionNo,
        channel: 'default',
        channelLabel: '默认评价',
        isDefault: true,
      }),
    ]);
    const people = await t.http
      .get(`/api/ratings?departmentId=${counter.departmentId}&isDefault=false`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(people.body.items.map((r: { isDefault: boolean }) => r.isDefault)).not.toContain(true);
    expect(people.body.items[0]).toMatchObject({ channelLabel: '窗口二维码' });

    // The monthly report's detail sheet names it 默认评价 too.
    const workbook = await monthlyWorkbook(t, row.monthKey, supervisor);
    const detail = workbook.getWorksheet('评价明细')!;
    const header = (detail.getRow(1).values as unknown[]).indexOf('评价渠道');
    const exported = detail
      .getRows(2, detail.rowCount - 1)!
      .find((r) => r.getCell(1).value === row.id);
    expect(exported?.getCell(header).value).toBe('默认评价');

    // Nobody's rating: the link stays expired, takes no follow-up, shows no progress.
    await t.http.get(`/api/rating-forms/${unrated.ratingToken}`).expect(410);
    await t.http.get(`/api/rating-forms/${unrated.ratingToken}/progress`).expect(410);
    await t.http
      .post(`/api/ratings/${row.id}/follow-up`)
      .send({ token: unrated.ratingToken, comment: '补充' })
      .expect(404);

    // Pushed to the province as 系统默认评价 (pf 7) at the time it was recorded.
    const sent = gateway.calls.length;
    await t.app.get(OutboxDispatcher).run();
    const pushed = gateway.calls
      .slice(sent)
      .find((c) => c.body.projectNo === unrated.transactionNo);
    expect(pushed?.body).toMatchObject({
      pf: 7,
      satisfaction: 3,
      evalDetail: '',
      assessNumber: 1,
      assessTime: chinaDateTime(recordedAt),
    });
  });

  it('never takes `default` from a citizen', async () => {
    const tx = await registerTransaction(t, counter);
    const res = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level: 5, channel: 'default' })
      .expect(400);
    expect(res.body.error).toBe('VALIDATION_FAILED');
  });

  it('records it once when two instances on the same database run at the same time', async () => {
    const second = await createApp(t.config, { clock: t.clock });
    try {
      const txs = await Promise.all([1, 2, 3].map(() => registerTransaction(t, counter)));
      t.clock.advance(8 * DAY_MS);
      const now = t.clock.now();
      const defaults = () =>
        t.app.get(DataSource).getRepository(Rating).countBy({ isDefault: true });
      const before = await defaults();
      const results = await Promise.all([
        t.app.get(DefaultRatingJob).run(now),
        second.get(DefaultRatingJob).run(now),
      ]);
      expect(results.filter((r) => r.ran)).toHaveLength(1);
      const recorded = results.reduce((n, r) => n + r.recorded, 0);
      expect(recorded).toBeGreaterThanOrEqual(3);
      expect((await defaults()) - before).toBe(recorded);
      // Both again, one after the other (no lease in the way): still one each.
      expect(await second.get(DefaultRatingJob).run(t.clock.now())).toEqual({
        ran: true,
        recorded: 0,
      });
      for (const tx of txs) expect(await ratingsOf(tx.id)).toHaveLength(1);
    } finally {
      await second.close();
    }
  });
});
