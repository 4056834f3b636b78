import ExcelJS from 'exceljs';
import {
  firstSort,
  LEVEL_LABELS,
  previousMonth,
  sortRows,
  type RatingLevel,
  type SortableRow,
} from '@haochaping/domain';
import { DataSource } from 'typeorm';
import { Rating } from '../../apps/api/src/ratings/entities/rating.entity';
import { Ticket } from '../../apps/api/src/tickets/entities/ticket.entity';
import { makeCounter, registerTransaction, type Counter } from '../support/fixtures';
import { binary } from '../support/http';
import { startTestApp, type TestApp } from '../support/test-app';

describe('monthly scores, freeze and export', () => {
  let t: TestApp;
  let d: Counter;
  let e: Counter;
  let supervisor: string;
  let handler: string;
  let month: string;

  const act = (path: string, bearer: string, body: object = {}) =>
    t.act(path, bearer, body).expect(200);
  const ticketId = async (ticketNo: string) => (await t.ticket(ticketNo)).id;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    month = t.clock.month();
    await t.http
      .put('/api/settings')
      .set('Authorization', await t.adminToken())
      .send({ minimumSample: 3 })
      .expect(200);
    d = await makeCounter(t);
    e = await makeCounter(t);
    supervisor = await t.as('supervisor');
    handler = await t.as('department', { departmentId: d.departmentId });

    // Department D, built by hand: 5 finished transactions, all rated.
    const rate = async (c: Counter, body: object) => {
      const tx = await registerTransaction(t, c);
      const res = await t.http
        .post('/api/ratings')
        .send({ token: tx.ratingToken, ...body })
        .expect(201);
      return res.body as { id: number; ticketNo: string };
    };
    await rate(d, { level: 5, channel: 'miniapp' });
    await rate(d, { level: 5, channel: 'window_qr' });
    await rate(d, { level: 4, channel: 'window_qr' });
    const bad = await rate(d, { level: 1, contactPhone: '13812348000', channel: 'window_qr' });
    const voided = await rate(d, { level: 2, anonymous: true, channel: 'tablet' });
    // The real-name bad rating: visited, rectified, approved on time.
    const badId = await ticketId(bad.ticketNo);
    await act(`${badId}/accept`, handler);
    await t.http
      .post(`/api/tickets/${badId}/visits`)
      .set('Authorization', handler)
      .send({ method: 'phone', visitedAt: t.clock.now().toISOString(), result: '已回访' })
      .expect(201);
    await act(`${badId}/submit`, handler, { outcome: 'rectified', reply: '已整改并致歉' });
    await act(`${badId}/review`, supervisor, { decision: 'approve', note: '同意' });
    // The anonymous one is appealed and voided.
    const voidedId = await ticketId(voided.ticketNo);
    await act(`${voidedId}/appeal`, handler, { reason: '经核实该评价针对的是其他部门事项' });
    await act(`${voidedId}/appeal-review`, supervisor, { decision: 'uphold', note: '申诉成立' });

    // Department E: 3 very satisfied ratings, no tickets.
    for (let i = 0; i < 3; i++) await rate(e, { level: 5 });
  });
  afterAll(() => t.close());

  it('computes every number of a department row from a hand-built month', async () => {
    const res = await t.http
      .get(`/api/scores?month=${month}&by=department`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(res.body).toMatchObject({ month, frozen: false, minimumSample: 3 });
    const row = res.body.rows.find((r: { id: number }) => r.id === d.departmentId);
    expect(row).toMatchObject({
      ratings: 4,
      levels: { '1': 1, '2': 0, '3': 0, '4': 1, '5': 2 },
      channels: { window_qr: 3, miniapp: 1, tablet: 0 },
      voided: 1,
      finished: 5,
      rated: 4,
      goodRate: 0.75,
      badRate: 0.25,
      ratingRate: 0.8,
      rectificationRate: 1,
      onTimeRate: 1,
      visitRate: 1,
      // (0.75×30 + 0.8×25 + 1×20 + 1×15 + 1×10) / 100 × 100
      score: 87.5,
      rank: 2,
      insufficientSample: false,
      lastPlace: true,
      bottomTwoMonths: false,
    });
    expect(row.links.tickets).toBe(`/api/tickets?departmentId=${d.departmentId}&month=${month}`);
    const other = res.body.rows.find((r: { id: number }) => r.id === e.departmentId);
    // No tickets: only goodRate (30) and ratingRate (25) count → 100.
    expect(other).toMatchObject({ ratings: 3, rectificationRate: null, score: 100, rank: 1 });
  });

  it('ranks windows and staff the same way, and the department handler sees all rows', async () => {
    const windows = await t.http
      .get(`/api/scores?month=${month}&by=window`)
      .set('Authorization', handler)
      .expect(200);
    expect(windows.body.rows.find((r: { id: number }) => r.id === d.windowId)).toMatchObject({
      ratings: 4,
      score: 87.5,
    });
    const staff = await t.http
      .get(`/api/scores?month=${month}&by=staff`)
      .set('Authorization', handler)
      .expect(200);
    expect(staff.body.rows.length).toBeGreaterThanOrEqual(2);
    await t.http.get(`/api/scores?month=${month}`).set('Authorization', d.clerk).expect(403);
    await t.http.get('/api/scores?month=2026-13').set('Authorization', supervisor).expect(400);
  });

  it("answers one department's rows, a page at a time, ranked as in the whole centre", async () => {
    type Row = SortableRow & { id: number; departmentId: number | null };
    const get = (query: string) =>
      t.http.get(`/api/scores?month=${month}&${query}`).set('Authorization', handler);
    const all = (await get('by=staff').expect(200)).body as {
      rows: Row[];
      total?: number;
      weights: object;
    };
    expect(all.total).toBeUndefined();
    // The whole answer lists units by id; a page lists them best first.
    const ranked = sortRows(all.rows, firstSort('rank'));
    expect(ranked.map((r: Row) => r.id)).not.toEqual(all.rows.map((r: Row) => r.id));
    const ours = ranked.filter((r: Row) => r.departmentId === d.departmentId);
    expect(ours.length).toBeGreaterThan(0);

    const filtered = (await get(`by=staff&departmentId=${d.departmentId}`).expect(200)).body;
    expect(filtered).toMatchObject({ month, by: 'staff', frozen: false, minimumSample: 3 });
    expect(filtered).toMatchObject({ total: ours.length, page: 1, pageSize: 20 });
    expect(filtered.rows).toEqual(ours);
    expect(filtered.weights).toEqual(all.weights);

    const second = (await get('by=staff&page=2&pageSize=1').expect(200)).body;
    expect(second).toMatchObject({ total: all.rows.length, page: 2, pageSize: 1 });
    expect(second.rows).toEqual([ranked[1]]);
    const beyond = (await get(`by=staff&page=${all.rows.length + 1}&pageSize=1`).expect(200)).body;
    expect(beyond).toMatchObject({ rows: [], total: all.rows.length });

    const windows = (await get(`by=window&departmentId=${e.departmentId}`).expect(200)).body;
    expect(windows.rows.map((r: Row) => r.id)).toEqual([e.windowId]);
    const departments = (await get('by=department').expect(200)).body.rows as Row[];
    const own = (await get(`by=department&departmentId=${d.departmentId}`).expect(200)).body;
    expect(own.rows).toEqual(departments.filter((r) => r.id === d.departmentId));
    expect(own.rows[0].rank).not.toBeNull();

    // Any column's order, as the workspace table sorts (rows without a value last).
    const names = (body: { rows: { name: string }[] }) => body.rows.map((r) => r.name);
    for (const [query, sort] of [
      ['sort=name', { key: 'name', descending: false }],
      ['sort=score', { key: 'score', descending: true }],
      ['sort=badRate&order=desc', { key: 'badRate', descending: true }],
      ['order=desc', { key: 'rank', descending: true }],
    ] as const) {
      const sorted = (await get(`by=staff&pageSize=100&${query}`).expect(200)).body;
      expect(names(sorted)).toEqual(names({ rows: sortRows(all.rows, sort) }));
    }
    const worstFirst = (await get('by=staff&order=desc').expect(200)).body;
    expect(worstFirst.rows[0].rank).toBe(Math.max(...all.rows.map((r: Row) => r.rank ?? 0)));

    for (const query of [
      'pageSize=0',
      'pageSize=101',
      'page=0',
      'page=x',
      'departmentId=0',
      'sort=level',
      'order=up',
    ]) {
      const res = await get(`by=staff&${query}`).expect(400);
      expect(res.body.error).toBe('VALIDATION_FAILED');
    }
  });

  it('lists the ratings behind a row without the rater', async () => {
    const res = await t.http
      .get(`/api/ratings?departmentId=${d.departmentId}&month=${month}&voided=false`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(res.body.total).toBe(4);
    expect(JSON.stringify(res.body)).not.toMatch(/13812348000|138\*\*\*\*8000|citizenId|"ip"/);
  });

  it('gives the same figures after rebuilding the rollups from raw rows', async () => {
    const before = await t.http
      .get(`/api/scores?month=${month}&by=staff`)
      .set('Authorization', supervisor)
      .expect(200);
    const rebuilt = await t.http
      .post('/api/scores/rebuild')
      .set('Authorization', await t.adminToken())
      .expect(200);
    expect(rebuilt.body.rows).toBeGreaterThan(0);
    const after = await t.http
      .get(`/api/scores?month=${month}&by=staff`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(after.body).toEqual(before.body);
  });

  it('draws a trend of the last months for one unit', async () => {
    const res = await t.http
      .get(`/api/scores/trend?unit=department&id=${d.departmentId}&months=3`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(res.body.months).toHaveLength(3);
    expect(res.body.months[2]).toMatchObject({ month, score: 87.5, ratings: 4 });
    expect(res.body.months[0]).toMatchObject({ ratings: 0, score: null });
  });

  it('freezes only finished months, once; later appeals appear as corrections', async () => {
    const last = previousMonth(month);
    // A bad rating of another department, moved into last month, then published.
    const f = await makeCounter(t);
    const fHandler = await t.as('department', { departmentId: f.departmentId });
    const tx = await registerTransaction(t, f);
    const bad = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level: 1, anonymous: true })
      .expect(201);
    const ds = t.app.get(DataSource);
    await ds.getRepository(Rating).update(bad.body.id, { monthKey: last });
    await ds.getRepository(Ticket).update({ ticketNo: bad.body.ticketNo }, { monthKey: last });
    await t.http
      .post('/api/scores/rebuild')
      .set('Authorization', await t.adminToken())
      .expect(200);

    const notOver = await t.http
      .post(`/api/scores/${month}/freeze`)
      .set('Authorization', supervisor)
      .expect(409);
    expect(notOver.body.error).toBe('MONTH_NOT_OVER');
    await t.http.post(`/api/scores/${last}/freeze`).set('Authorization', handler).expect(403);
    const frozen = await t.http
      .post(`/api/scores/${last}/freeze`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(frozen.body.frozen).toBe(true);
    const published = frozen.body.rows.find((r: { id: number }) => r.id === f.departmentId);
    expect(published.levels['1']).toBe(1);
    expect(
      (await t.http.post(`/api/scores/${last}/freeze`).set('Authorization', supervisor).expect(409))
        .body.error,
    ).toBe('ALREADY_FROZEN');

    const id = await ticketId(bad.body.ticketNo);
    await act(`${id}/appeal`, fHandler, { reason: '该差评系群众误操作，已电话确认' });
    await act(`${id}/appeal-review`, supervisor, { decision: 'uphold', note: '申诉成立' });

    const history = await t.http
      .get(`/api/scores?month=${last}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(history.body.frozen).toBe(true);
    expect(history.body.rows.find((r: { id: number }) => r.id === f.departmentId).levels['1']).toBe(
      1,
    );
    const current = await t.http
      .get(`/api/scores?month=${month}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(current.body.corrections).toEqual([
      expect.objectContaining({
        correctsMonth: last,
        kind: 'rating_voided',
        ratingId: bad.body.id,
        level: 1,
      }),
    ]);
    // A department's own answer carries its own corrections only.
    const corrected = (departmentId: number) =>
      t.http
        .get(`/api/scores?month=${month}&departmentId=${departmentId}`)
        .set('Authorization', supervisor)
        .expect(200);
    expect((await corrected(f.departmentId)).body.corrections).toEqual(current.body.corrections);
    expect((await corrected(d.departmentId)).body.corrections).toEqual([]);
  });

  it('exports the monthly report as xlsx with every sheet, Chinese headers and masked phones', async () => {
    const res = await t.http
      .get(`/api/exports/monthly?month=${month}&format=xlsx`)
      .set('Authorization', supervisor)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '部门排名',
      '窗口排名',
      '人员排名',
      '差评整改台账',
      '评价明细',
    ]);
    const ranking = workbook.getWorksheet('部门排名')!;
    expect(ranking.getRow(1).getCell(1).value).toBe('排名');
    expect(ranking.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const { body: dept } = await t.http
      .get(`/api/departments/${d.departmentId}`)
      .set('Authorization', supervisor);
    const dRow = ranking
      .getRows(2, ranking.rowCount - 1)!
      .find((r) => r.getCell(2).value === dept.code);
    expect(dRow?.getCell(16).value).toBe(87.5);
    expect(dRow?.getCell(10).value).toBe(0.75);
    expect(dRow?.getCell(1).value).toBe(2);
    // Units without a rank (too few ratings) leave the rank cell empty: the column stays numeric.
    const unranked = ranking
      .getRows(2, ranking.rowCount - 1)!
      .filter((r) => r.getCell(17).text.includes('样本不足'));
    expect(unranked.length).toBeGreaterThan(0);
    for (const r of unranked) expect(r.getCell(1).value).toBeNull();
    const ledger = workbook.getWorksheet('差评整改台账')!;
    expect(ledger.getRow(1).values).toEqual([
      undefined,
      '部门',
      '差评总数',
      '已作废',
      '有效差评',
      '整改中',
      '已办结',
      '超期',
      '按时办结',
    ]);
    const detail = workbook.getWorksheet('评价明细')!;
    const header = detail.getRow(1).values as unknown[];
    expect([header[7], header[8], header[15]]).toEqual(['评价等级', '等级名称', '评价时间']);
    // The level is a number with its name beside it; the time a real date cell in China time.
    const chinaNow = t.clock.nowMs() + 8 * 3600_000;
    for (const r of detail.getRows(2, detail.rowCount - 1)!) {
      const level = r.getCell(7).value as RatingLevel;
      expect([1, 2, 3, 4, 5]).toContain(level);
      expect(r.getCell(8).value).toBe(LEVEL_LABELS[level]);
      const at = r.getCell(15);
      expect(at.value).toBeInstanceOf(Date);
      expect(at.numFmt).toBe('yyyy-mm-dd hh:mm');
      expect(Math.abs((at.value as Date).getTime() - chinaNow)).toBeLessThan(30 * 60_000);
    }
    const cells = detail.getSheetValues().flat().map(String).join('|');
    expect(cells).toContain('138****8000');
    expect(cells).not.toContain('13812348000');
    expect(detail.rowCount).toBeGreaterThanOrEqual(8);
  });

  it('exports the department ranking as CSV with a BOM, and only for supervisors', async () => {
    const res = await t.http
      .get(`/api/exports/monthly?month=${month}&format=csv`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    expect(res.text.split('\r\n')[0]).toContain('排名,编码,名称,评价数');
    await t.http
      .get(`/api/exports/monthly?month=${month}`)
      .set('Authorization', handler)
      .expect(403);
    const citizen = await t.citizen(1);
    await t.http
      .get(`/api/exports/monthly?month=${month}`)
      .set('Authorization', citizen)
      .expect(401);
  });
});
