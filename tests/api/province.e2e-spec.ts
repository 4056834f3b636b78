import { sm2 } from 'sm-crypto';
import { OutboxDispatcher } from '../../apps/api/src/outbox/outbox.dispatcher';
import { startFakeProvince, type FakeProvince } from '../support/fake-province';
import {
  giveNationalCode,
  makeCounter,
  registerTransaction,
  type Counter,
} from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

interface PushRow {
  id: number;
  kind: string;
  status: string;
  pushStatus: string;
  attempts: number;
  lastError: string | null;
  receipt: string | null;
  nextAttemptAt: string | null;
  messageKey: string;
}

const NATIONAL_CODE = '11370100MB28505Q1X4000117001';
const CREDIT_CODE = '11370100MB28505Q1X';
const AREA_CODE = '370102000000';

/**
 * Data exchange with the provincial platform against a local fake gateway: the record of a
 * rating, a follow-up and a closed ticket, SM2 signatures, receipts, duplicates, retries with a
 * re-push, and self-built items that are never pushed.
 */
describe('province push', () => {
  let t: TestApp;
  let gateway: FakeProvince;
  let counter: Counter;
  let admin: string;
  let supervisor: string;
  const keys = sm2.generateKeyPairHex();

  beforeAll(async () => {
    gateway = await startFakeProvince();
    t = await startTestApp({
      PROVINCE_API_BASE: gateway.base,
      PROVINCE_SM2_PRIVATE_KEY: keys.privateKey,
      OUTBOX_MAX_ATTEMPTS: '2',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    admin = await t.adminToken();
    supervisor = await t.as('supervisor');
    counter = await makeCounter(t);
    const patched = await giveNationalCode(t, counter, NATIONAL_CODE);
    expect(patched.nationalCode).toBe(NATIONAL_CODE);
    const dept = await t.http
      .patch(`/api/departments/${counter.departmentId}`)
      .set('Authorization', admin)
      .send({ creditCode: CREDIT_CODE })
      .expect(200);
    expect(dept.body.creditCode).toBe(CREDIT_CODE);
    await t.http
      .put('/api/settings')
      .set('Authorization', admin)
      .send({ areaCode: AREA_CODE })
      .expect(200);
  });
  afterAll(async () => {
    await t.close();
    await gateway.close();
  });

  const dispatch = () => t.app.get(OutboxDispatcher).run();
  /** The provincial pushes as a supervisor sees them, newest first. */
  const pushes = async (): Promise<PushRow[]> =>
    (
      await t.http
        .get('/api/outbox?channel=province&pageSize=100')
        .set('Authorization', supervisor)
        .expect(200)
    ).body.items as PushRow[];
  const rate = async (body: object, on = counter) => {
    const tx = await registerTransaction(t, on);
    const res = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, ...body })
      .expect(201);
    return { tx, rating: res.body as { id: number; ticketNo?: string } };
  };

  it('pushes a rating with the national fields, SM2-signed, and keeps the receipt', async () => {
    const before = gateway.calls.length;
    const { tx } = await rate({
      level: 5,
      tags: ['热情周到', '一次办成'],
      comment: '很好，有事打 13812345678',
      channel: 'miniapp',
    });
    expect((await pushes())[0]).toMatchObject({ kind: 'evaluation', status: 'pending' });
    expect(await dispatch()).toMatchObject({ sent: 1 });
    const call = gateway.calls[before];
    expect(call.path).toBe('/gateway/evaluation');
    expect(call.body).toEqual({
      projectNo: tx.transactionNo,
      taskCode: NATIONAL_CODE,
      taskName: '食品经营许可证核发',
      taskHandleItem: NATIONAL_CODE,
      subMatter: counter.serviceItemCode,
      deptCode: CREDIT_CODE,
      deptName: '市场监督管理局',
      areaCode: AREA_CODE,
      proStatus: 3,
      pf: 2,
      satisfaction: 5,
      evalDetail: '501,503',
      writingEvaluation: '很好，有事打 138****5678',
      assessTime: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
      assessNumber: 1,
      userProp: 1,
    });
    // China time of the rating (the test clock stands at 2026-11-18 10:00 China time).
    expect(call.body.assessTime).toMatch(/^2026-11-18 10:/);
    // Signed over the exact body; verifiable with the public key, not with another key.
    expect(call.signature).toMatch(/^[0-9a-f]+$/);
    const options = { hash: true, der: true };
    expect(sm2.doVerifySignature(call.raw, call.signature!, keys.publicKey, options)).toBe(true);
    const other = sm2.generateKeyPairHex();
    expect(sm2.doVerifySignature(call.raw, call.signature!, other.publicKey, options)).toBe(false);
    const [row] = await pushes();
    expect(call.key).toBe(row.messageKey);
    expect(row).toMatchObject({ status: 'sent', pushStatus: 'sent', attempts: 1 });
    expect(JSON.parse(row.receipt!)).toMatchObject({ http: 200, verdict: 'sent' });
  });

  it('pushes a follow-up as assessNumber 2, and a closed ticket as its rectification result', async () => {
    const { rating, tx } = await rate({ level: 1, anonymous: true, comment: '材料被退回两次' });
    await t.http
      .post(`/api/ratings/${rating.id}/follow-up`)
      .send({ token: tx.ratingToken, comment: '后来一次办成了', level: 3 })
      .expect(201);
    const ticket = await t.ticket(rating.ticketNo!);
    const handler = await t.as('department', { departmentId: counter.departmentId });
    await t.act(`${ticket.id}/accept`, handler).expect(200);
    await t
      .act(`${ticket.id}/visits`, handler, {
        method: 'phone',
        visitedAt: t.clock.now().toISOString(),
        result: '已电话回访',
      })
      .expect(201);
    await t
      .act(`${ticket.id}/submit`, handler, {
        outcome: 'rectified',
        reply: '已整改，咨询 13812345678',
      })
      .expect(200);
    await t
      .act(`${ticket.id}/review`, supervisor, { decision: 'approve', note: '同意' })
      .expect(200);
    const before = gateway.calls.length;
    expect(await dispatch()).toMatchObject({ sent: 3 });
    const sent = gateway.calls.slice(before);
    const byKind = (path: string) => sent.filter((c) => c.path === path).map((c) => c.body);
    // Sent four at a time: in any order.
    const evaluations = byKind('/gateway/evaluation').sort(
      (a, b) => Number(a.assessNumber) - Number(b.assessNumber),
    );
    expect(evaluations.map((e) => [e.assessNumber, e.satisfaction, e.writingEvaluation])).toEqual([
      [1, 1, '材料被退回两次'],
      [2, 3, '后来一次办成了'],
    ]);
    expect(evaluations[1]).toMatchObject({ projectNo: tx.transactionNo, evalDetail: '' });
    expect(byKind('/gateway/rectification')).toEqual([
      {
        projectNo: tx.transactionNo,
        rectifyNo: ticket.ticketNo,
        deptCode: CREDIT_CODE,
        deptName: '市场监督管理局',
        areaCode: AREA_CODE,
        rectifyResult: 'rectified',
        rectifyReply: '已整改，咨询 138****5678',
        rectifyTime: expect.stringMatching(/^2026-11-18 /),
        visitStatus: 1,
        visitTime: expect.stringMatching(/^2026-11-18 /),
      },
    ]);
  });

  it('counts "评价数据不可重复" as sent (duplicate) and retries a failure, then re-pushes it', async () => {
    gateway.answerNext({ status: 200, body: { success: false, msg: '评价数据不可重复' } });
    await rate({ level: 4 });
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect((await pushes())[0]).toMatchObject({ status: 'sent', pushStatus: 'duplicate' });

    // Refused, then no answer at all: two attempts (OUTBOX_MAX_ATTEMPTS=2), then failed.
    gateway.answerNext(
      { status: 200, body: { success: false, code: '500', msg: '字段缺失' } },
      'drop',
    );
    await rate({ level: 5 });
    expect(await dispatch()).toMatchObject({ retried: 1 });
    let [row] = await pushes();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.lastError).toContain('字段缺失');
    expect(JSON.parse(row.receipt!)).toMatchObject({ http: 200, verdict: 'rejected' });
    // The first retry comes within 60 s.
    const wait = new Date(row.nextAttemptAt!).getTime() - t.clock.nowMs();
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60_000);
    expect(await dispatch()).toMatchObject({ taken: 0 });
    t.clock.advance(wait + 1000);
    expect(await dispatch()).toMatchObject({ failed: 1 });
    [row] = await pushes();
    expect(row).toMatchObject({ status: 'failed', pushStatus: 'failed', attempts: 2 });
    expect(row.lastError).toMatch(/did not answer/);

    // The supervisor's failed list, and a re-push that goes through.
    const failed = await t.http
      .get('/api/outbox?channel=province&status=failed')
      .set('Authorization', supervisor)
      .expect(200);
    expect((failed.body.items as PushRow[]).map((r) => r.id)).toContain(row.id);
    await t.http.post(`/api/outbox/${row.id}/retry`).set('Authorization', supervisor).expect(200);
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect((await pushes()).find((r) => r.id === row.id)).toMatchObject({
      status: 'sent',
      attempts: 1,
    });
  });

  it('never pushes a self-built item (no national code) and says why', async () => {
    const selfBuilt = await makeCounter(t);
    const before = gateway.calls.length;
    await rate({ level: 5 }, selfBuilt);
    const [row] = await pushes();
    expect(row).toMatchObject({ kind: 'evaluation', status: 'skipped', pushStatus: 'skipped' });
    expect(row.lastError).toContain('自建事项');
    await dispatch();
    expect(gateway.calls.length).toBe(before);
  });

  it('follows the settings: GB/T satisfaction codes, a swapped channel table, tag codes', async () => {
    await t.http
      .put('/api/settings')
      .set('Authorization', admin)
      .send({
        provincePush: {
          satisfactionDirection: 'gbt',
          channelCodes: { window_qr: 9 },
          tagCodes: { '5': { 热情周到: '5A' } },
          projectNoPrefix: 'SD-',
        },
      })
      .expect(200);
    try {
      const before = gateway.calls.length;
      const { tx } = await rate({ level: 5, tags: ['热情周到', '高效快捷'] });
      await dispatch();
      expect(gateway.calls[before].body).toMatchObject({
        projectNo: `SD-${tx.transactionNo}`,
        satisfaction: 1,
        pf: 9,
        evalDetail: '5A,502',
      });
      const settings = await t.http.get('/api/settings').set('Authorization', admin).expect(200);
      expect(settings.body.provincePush).toMatchObject({
        satisfactionDirection: 'gbt',
        channelCodes: { window_qr: 9, miniapp: 2, default: 7 },
      });
    } finally {
      await t.http
        .put('/api/settings')
        .set('Authorization', admin)
        .send({
          provincePush: {
            satisfactionDirection: 'level',
            channelCodes: { window_qr: 3 },
            tagCodes: {},
            projectNoPrefix: '',
          },
        })
        .expect(200);
    }
  });

  it('refuses bad codes and settings with field errors, and keeps supervisors to the pushes', async () => {
    const bad = async (path: string, body: object, method: 'put' | 'patch' = 'put') => {
      const res = await t.http[method](path).set('Authorization', admin).send(body).expect(400);
      return JSON.stringify(res.body);
    };
    expect(await bad('/api/settings', { areaCode: '3701' })).toContain('areaCode');
    expect(
      await bad('/api/settings', { provincePush: { tagCodes: { '6': { 好: '601' } } } }),
    ).toContain('tagCodes');
    expect(await bad('/api/settings', { provincePush: { satisfactionDirection: 'up' } })).toContain(
      'satisfactionDirection',
    );
    expect(
      await bad(`/api/departments/${counter.departmentId}`, { creditCode: 'ABC' }, 'patch'),
    ).toContain('creditCode');
    await t.http.get('/api/outbox?channel=wechat').set('Authorization', supervisor).expect(403);
    // Without a channel a supervisor's list is the pushes; an admin's is everything.
    const mine = await t.http.get('/api/outbox').set('Authorization', supervisor).expect(200);
    expect((mine.body.items as { channel: string }[]).every((r) => r.channel === 'province')).toBe(
      true,
    );
    expect(mine.body.total).toBeGreaterThan(0);
  });
});
