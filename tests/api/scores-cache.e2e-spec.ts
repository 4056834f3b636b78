import {
  compositeScore,
  countsFromCounters,
  emptyCounts,
  lastPlaceIds,
  markLastPlaces,
  previousMonth,
  rankUnits,
  ratesOf,
  UNIT_ID_KEY,
  type UnitType,
} from '@haochaping/domain';
import { DataSource } from 'typeorm';
import { OrganisationService } from '../../apps/api/src/organisation/organisation.service';
import { Rating } from '../../apps/api/src/ratings/entities/rating.entity';
import { ScoreRollup } from '../../apps/api/src/scores/entities/score-rollup.entity';
import { SettingsService } from '../../apps/api/src/settings/settings.service';
import { Ticket } from '../../apps/api/src/tickets/entities/ticket.entity';
import { makeCounter, registerTransaction, type Counter } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

interface Row {
  id: number;
  name: string;
  ratings: number;
  levels: Record<string, number>;
  tickets: { total: number; closed: number };
  realNameBadVisited: number;
  score: number | null;
  rank: number | null;
  lastPlace: boolean;
  bottomTwoMonths: boolean;
}

/**
 * Monthly scores are cached per instance (ScoresCache): every change made through the instance
 * shows in its very next answer, and the answer is the one the scores always gave.
 */
describe('monthly scores cache', () => {
  let t: TestApp;
  let supervisor: string;
  let month: string;

  const scores = async (by: UnitType = 'staff', m = month) =>
    (
      await t.http
        .get(`/api/scores?month=${m}&by=${by}`)
        .set('Authorization', supervisor)
        .expect(200)
    ).body as { month: string; frozen: boolean; weights: Record<string, number>; rows: Row[] };
  const rowOf = async (staffId: number) => {
    const row = (await scores()).rows.find((r) => r.id === staffId);
    if (!row) throw new Error(`no row for staff ${staffId}`);
    return row;
  };
  const staffIdOf = async (c: Counter) => {
    const res = await t.http
      .get(`/api/staff?departmentId=${c.departmentId}`)
      .set('Authorization', await t.adminToken())
      .expect(200);
    return (res.body.items as { id: number; staffNo: string }[]).find(
      (s) => s.staffNo === c.staffNo,
    )?.id as number;
  };
  const rate = async (c: Counter, body: object) => {
    const tx = await registerTransaction(t, c);
    const res = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, ...body })
      .expect(201);
    return res.body as { id: number; ticketNo?: string };
  };

  /**
   * The answer as ScoresService computed it before the cache and the raw reads: entities through
   * the repositories, ranked and marked with the domain's functions, the month before computed
   * in full for its last places.
   */
  const computedTheOldWay = async (m: string, by: UnitType, withPrevious = true) => {
    const { scoreWeights, minimumSample } = await t.app.get(SettingsService).get();
    const units = await t.app.get(OrganisationService).units(by);
    const rollups = await t.app
      .get(DataSource)
      .getRepository(ScoreRollup)
      .findBy({ monthKey: m, unitType: by });
    const byUnit = new Map(rollups.map((r) => [r.unitId, r]));
    const rows = rankUnits(
      units.map((u) => {
        const rollup = byUnit.get(u.id);
        const counts = rollup ? countsFromCounters(rollup) : emptyCounts();
        const rates = ratesOf(counts);
        return {
          id: u.id,
          code: u.code,
          name: u.name,
          departmentId: u.departmentId,
          ratings: counts.ratings,
          levels: counts.levels,
          channels: counts.channels,
          voided: counts.voided,
          finished: counts.finished,
          rated: counts.rated,
          tickets: {
            total: counts.tickets,
            closed: counts.ticketsClosed,
            closedOnTime: counts.ticketsClosedOnTime,
            due: counts.ticketsDue,
          },
          realNameBad: counts.realNameBad,
          realNameBadVisited: counts.realNameBadVisited,
          defaultRated: counts.defaultRated,
          ...rates,
          score: compositeScore(rates, scoreWeights),
          insufficientSample: counts.ratings < minimumSample,
          links: {
            tickets: `/api/tickets?${UNIT_ID_KEY[by]}=${u.id}&month=${m}`,
            ratings: `/api/ratings?${UNIT_ID_KEY[by]}=${u.id}&month=${m}`,
          },
        };
      }),
    );
    const lastBefore: Set<number> = withPrevious
      ? lastPlaceIds((await computedTheOldWay(previousMonth(m), by, false)).rows)
      : new Set();
    return {
      month: m,
      by,
      frozen: false,
      weights: scoreWeights,
      minimumSample,
      rows: markLastPlaces(rows, lastBefore),
      corrections: [],
    };
  };

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    month = t.clock.month();
    await t.http
      .put('/api/settings')
      .set('Authorization', await t.adminToken())
      .send({ minimumSample: 1 })
      .expect(200);
    supervisor = await t.as('supervisor');
  });
  afterAll(() => t.close());

  it('shows a rating in the very next answer', async () => {
    const c = await makeCounter(t);
    const staffId = await staffIdOf(c);
    expect(await rowOf(staffId)).toMatchObject({ ratings: 0, score: null });
    await rate(c, { level: 5, channel: 'miniapp' });
    expect(await rowOf(staffId)).toMatchObject({ ratings: 1, levels: { '5': 1 }, score: 100 });
    await rate(c, { level: 4, channel: 'window_qr' });
    expect(await rowOf(staffId)).toMatchObject({ ratings: 2, levels: { '4': 1, '5': 1 } });
  });

  it('shows each ticket move in the very next answer', async () => {
    const c = await makeCounter(t);
    const staffId = await staffIdOf(c);
    const handler = await t.as('department', { departmentId: c.departmentId });
    const bad = await rate(c, { level: 1, contactPhone: '13812348001', channel: 'window_qr' });
    expect(await rowOf(staffId)).toMatchObject({
      tickets: { total: 1, closed: 0 },
      realNameBadVisited: 0,
    });
    const id = (await t.ticket(bad.ticketNo as string)).id;
    await t.act(`${id}/accept`, handler).expect(200);
    await t.http
      .post(`/api/tickets/${id}/visits`)
      .set('Authorization', handler)
      .send({ method: 'phone', visitedAt: t.clock.now().toISOString(), result: '已回访' })
      .expect(201);
    expect(await rowOf(staffId)).toMatchObject({ realNameBadVisited: 1 });
    await t
      .act(`${id}/submit`, handler, { outcome: 'rectified', reply: '已整改并致歉' })
      .expect(200);
    await t.act(`${id}/review`, supervisor, { decision: 'approve', note: '同意' }).expect(200);
    expect(await rowOf(staffId)).toMatchObject({ tickets: { total: 1, closed: 1 } });
  });

  it('scores with new weights in the very next answer', async () => {
    const c = await makeCounter(t);
    const staffId = await staffIdOf(c);
    await rate(c, { level: 5 });
    await rate(c, { level: 1, anonymous: true });
    const before = await scores();
    const score = before.rows.find((r) => r.id === staffId)?.score;
    expect(score).not.toBe(50);
    const admin = await t.adminToken();
    const goodOnly = {
      goodRate: 100,
      ratingRate: 0,
      rectificationRate: 0,
      onTimeRate: 0,
      visitRate: 0,
    };
    await t.http
      .put('/api/settings')
      .set('Authorization', admin)
      .send({ scoreWeights: goodOnly })
      .expect(200);
    try {
      const answer = await scores();
      expect(answer.weights).toEqual(goodOnly);
      // One good rating of two.
      expect(answer.rows.find((r) => r.id === staffId)).toMatchObject({ score: 50 });
    } finally {
      await t.http
        .put('/api/settings')
        .set('Authorization', admin)
        .send({ scoreWeights: before.weights })
        .expect(200);
    }
    expect(await rowOf(staffId)).toMatchObject({ score });
  });

  it('shows a staff rename in the very next answer', async () => {
    const c = await makeCounter(t);
    const staffId = await staffIdOf(c);
    expect((await rowOf(staffId)).name).toBe('张敏');
    await t.http
      .patch(`/api/staff/${staffId}`)
      .set('Authorization', await t.adminToken())
      .send({ name: '李娜' })
      .expect(200);
    expect((await rowOf(staffId)).name).toBe('李娜');
  });

  it('answers what the scores always answered, last places of the month before included', async () => {
    // Two staff ranked in this month and the one before: the weaker is last in both.
    const strong = await makeCounter(t);
    const weak = await makeCounter(t);
    const last = previousMonth(month);
    const moved = [
      await rate(strong, { level: 5 }),
      await rate(weak, { level: 1, anonymous: true }),
    ];
    await rate(strong, { level: 5 });
    await rate(weak, { level: 1, anonymous: true });
    const ds = t.app.get(DataSource);
    for (const r of moved) {
      await ds.getRepository(Rating).update(r.id, { monthKey: last });
      if (r.ticketNo) {
        await ds.getRepository(Ticket).update({ ticketNo: r.ticketNo }, { monthKey: last });
      }
    }
    await t.http
      .post('/api/scores/rebuild')
      .set('Authorization', await t.adminToken())
      .expect(200);

    for (const by of ['staff', 'window', 'department'] as const) {
      const expected = JSON.parse(JSON.stringify(await computedTheOldWay(month, by)));
      expect(await scores(by)).toEqual(expected);
      // The cached answer is the same answer.
      expect(await scores(by)).toEqual(expected);
      expect(await scores(by, last)).toEqual(
        JSON.parse(JSON.stringify(await computedTheOldWay(last, by))),
      );
    }
    const weakId = await staffIdOf(weak);
    expect(await rowOf(weakId)).toMatchObject({ lastPlace: true, bottomTwoMonths: true });
  });

  it("shows a change to the month before in this month's last places at once", async () => {
    // Months no other test here uses: the earlier one and the one after it.
    const later = previousMonth(previousMonth(previousMonth(previousMonth(month))));
    const earlier = previousMonth(later);
    const strong = await makeCounter(t);
    const weak = await makeCounter(t);
    const moves: [{ id: number; ticketNo?: string }, string][] = [];
    for (const m of [earlier, later]) {
      moves.push([await rate(strong, { level: 5 }), m]);
      moves.push([await rate(weak, { level: 1, anonymous: true }), m]);
    }
    const ds = t.app.get(DataSource);
    for (const [r, m] of moves) {
      await ds.getRepository(Rating).update(r.id, { monthKey: m });
      if (r.ticketNo)
        await ds.getRepository(Ticket).update({ ticketNo: r.ticketNo }, { monthKey: m });
    }
    await t.http
      .post('/api/scores/rebuild')
      .set('Authorization', await t.adminToken())
      .expect(200);
    const weakId = await staffIdOf(weak);
    const weakRow = async () => (await scores('staff', later)).rows.find((r) => r.id === weakId);
    expect(await weakRow()).toMatchObject({ lastPlace: true, bottomTwoMonths: true });
    // Cached now. The earlier month's bad rating is voided on appeal: only that month's counters
    // change, and the later month's answer marks last places of two months in a row from it.
    const handler = await t.as('department', { departmentId: weak.departmentId });
    const ticket = await t.ticket(moves[1][0].ticketNo as string);
    await t
      .act(`${ticket.id}/appeal`, handler, { reason: '该群众办理的是税务事项，误评本部门' })
      .expect(200);
    await t
      .act(`${ticket.id}/appeal-review`, supervisor, { decision: 'uphold', note: '核实为误评' })
      .expect(200);
    expect(await weakRow()).toMatchObject({ lastPlace: true, bottomTwoMonths: false });
    expect(await scores('staff', later)).toEqual(
      JSON.parse(JSON.stringify(await computedTheOldWay(later, 'staff'))),
    );
  });

  it('answers after every change what the rollup rows give, the counters read just before it', async () => {
    // Every answer read before a change, so the change patches cached counters (ScoresCache).
    const bys = ['staff', 'window', 'department'] as const;
    const same = async (step: string) => {
      for (const by of bys) {
        const expected = JSON.parse(JSON.stringify(await computedTheOldWay(month, by)));
        expect({ step, by, answer: await scores(by) }).toEqual({ step, by, answer: expected });
      }
    };
    const step = async (name: string, change: () => Promise<unknown>) => {
      for (const by of bys) await scores(by);
      await change();
      await same(name);
    };
    const [a, b] = [await makeCounter(t), await makeCounter(t)];
    const handler = await t.as('department', { departmentId: a.departmentId });
    let bad: { id: number; ticketNo?: string } = { id: 0 };
    let other: { id: number; ticketNo?: string } = { id: 0 };
    await step('a good rating', () => rate(a, { level: 5, channel: 'miniapp' }));
    await step('ratings sent together (one group commit)', () =>
      Promise.all([
        rate(a, { level: 4, channel: 'window_qr' }),
        rate(b, { level: 5, channel: 'tablet' }),
        rate(b, { level: 3, channel: 'window_qr' }),
      ]),
    );
    await step('a bad real-name rating and its ticket', async () => {
      bad = await rate(a, { level: 1, contactPhone: '13812348002', channel: 'window_qr' });
    });
    await step('a bad anonymous rating', async () => {
      other = await rate(a, { level: 2, anonymous: true });
    });
    const id = (await t.ticket(bad.ticketNo as string)).id;
    await step('accepted', () => t.act(`${id}/accept`, handler).expect(200));
    await step('a return visit', () =>
      t.http
        .post(`/api/tickets/${id}/visits`)
        .set('Authorization', handler)
        .send({ method: 'phone', visitedAt: t.clock.now().toISOString(), result: '已回访' })
        .expect(201),
    );
    await step('submitted and approved', async () => {
      await t
        .act(`${id}/submit`, handler, { outcome: 'rectified', reply: '已整改并致歉' })
        .expect(200);
      await t.act(`${id}/review`, supervisor, { decision: 'approve', note: '同意' }).expect(200);
    });
    const otherId = (await t.ticket(other.ticketNo as string)).id;
    await step('voided on appeal', async () => {
      await t
        .act(`${otherId}/appeal`, handler, { reason: '该群众办理的是其他部门事项' })
        .expect(200);
      await t
        .act(`${otherId}/appeal-review`, supervisor, { decision: 'uphold', note: '核实为误评' })
        .expect(200);
    });
    await step('a rating refused (already rated): nothing changes', async () => {
      const tx = await registerTransaction(t, b);
      await t.http.post('/api/ratings').send({ token: tx.ratingToken, level: 5 }).expect(201);
      await t.http.post('/api/ratings').send({ token: tx.ratingToken, level: 1 }).expect(409);
    });
  });

  it('answers a month from its snapshot once it is frozen', async () => {
    // Two months back: a month no other test reads.
    const earlier = previousMonth(previousMonth(month));
    expect(await scores('staff', earlier)).toMatchObject({ frozen: false });
    await t.http.post(`/api/scores/${earlier}/freeze`).set('Authorization', supervisor).expect(200);
    const frozen = await scores('staff', earlier);
    expect(frozen).toMatchObject({ frozen: true });
    expect(await scores('staff', earlier)).toEqual(frozen);
  });
});
