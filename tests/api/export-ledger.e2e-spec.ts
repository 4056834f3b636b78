import {
  makeCounter,
  monthlyWorkbook,
  registerTransaction,
  type Counter,
} from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const DAY_MS = 24 * 3600_000;

/**
 * 差评整改台账, the monthly report's ticket ledger: every count of a department's row from tickets
 * built by hand in each state (two closed on time, one closed late, voided on appeal, open and overdue),
 * and a department without tickets.
 */
describe('the monthly report: the rectification ledger', () => {
  let t: TestApp;
  let d: Counter;
  let e: Counter;
  let supervisor: string;
  let handler: string;
  let month: string;

  const act = (id: number, action: string, bearer: string, body: object = {}) =>
    t.act(`${id}/${action}`, bearer, body).expect(200);

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    month = t.clock.month();
    d = await makeCounter(t);
    e = await makeCounter(t);
    supervisor = await t.as('supervisor');
    handler = await t.as('department', { departmentId: d.departmentId });
    const bad = async () => {
      const tx = await registerTransaction(t, d);
      const res = await t.http
        .post('/api/ratings')
        .send({ token: tx.ratingToken, level: 1, anonymous: true })
        .expect(201);
      return (await t.ticket(res.body.ticketNo)).id;
    };
    const close = async (id: number) => {
      await act(id, 'accept', handler);
      await act(id, 'submit', handler, { outcome: 'rectified', reply: '已整改并致歉' });
      await act(id, 'review', supervisor, { decision: 'approve', note: '同意' });
    };
    const onTime = [await bad(), await bad()];
    const late = await bad();
    await bad(); // left open: overdue once the clock has moved on
    const appealed = await bad();
    for (const id of onTime) await close(id);
    await act(appealed, 'appeal', handler, { reason: '经核实该评价针对的是其他部门事项' });
    await act(appealed, 'appeal-review', supervisor, { decision: 'uphold', note: '申诉成立' });
    // Past every due date (15 working days at most), then the late one is closed.
    t.clock.advance(40 * DAY_MS);
    await close(late);
    await registerTransaction(t, e);
  });
  afterAll(() => t.close());

  it('counts each state of a department row, and zeros for a department without tickets', async () => {
    const workbook = await monthlyWorkbook(t, month, supervisor);
    const ledger = workbook.getWorksheet('差评整改台账')!;
    // Both departments have makeCounter's name; the ledger lists departments by id.
    const rows = ledger
      .getRows(2, ledger.rowCount - 1)!
      .map((r) => (r.values as unknown[]).slice(1))
      .filter((values) => values[0] === '市场监督管理局');
    expect(d.departmentId).toBeLessThan(e.departmentId);
    // 部门, 差评总数, 已作废, 有效差评, 整改中, 已办结, 超期, 按时办结
    expect(rows).toEqual([
      ['市场监督管理局', 5, 1, 4, 1, 3, 1, 2],
      ['市场监督管理局', 0, 0, 0, 0, 0, 0, 0],
    ]);
  });
});
