import { createApp } from '../../apps/api/src/app.factory';
import { SmsInvitationJob } from '../../apps/api/src/jobs/sms-invitation.job';
import { OutboxDispatcher } from '../../apps/api/src/outbox/outbox.dispatcher';
import { startFakeSms, type FakeSms } from '../support/fake-sms';
import { makeCounter, registerTransaction, type Counter } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const DAY_MS = 86_400_000;
const PHONE = '13812345678';

interface OutboxRow {
  id: number;
  kind: string;
  recipient: string;
  status: string;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
}

/** An instant given in China time (UTC+8). */
const china = (local: string) => new Date(`${local}+08:00`);

/**
 * SMS rating invitations (#16) against a local SMS gateway: off by default; once on, one SMS
 * with the rating link to the applicant N days after an unrated transaction finished — never
 * twice, never in the quiet hours (deferred to 08:00 China time), not when the rating happened
 * meanwhile — and the link rates with channel `sms`. The generic HTTP gateway here; Alibaba
 * Cloud's SDK against the same fake below.
 */
describe('SMS invitations (HTTP gateway)', () => {
  let t: TestApp;
  let sms: FakeSms;
  let counter: Counter;
  let admin: string;

  beforeAll(async () => {
    sms = await startFakeSms();
    t = await startTestApp({
      SMS_PROVIDER: 'http',
      SMS_HTTP_URL: `${sms.origin}/gov-sms/send`,
      SMS_HTTP_BODY_TEMPLATE:
        '{"mobile":"{phone}","content":"{text}","link":"{url}","bizNo":"{transactionNo}"}',
      RATE_LIMIT_PER_MINUTE: '100000',
    });
    admin = await t.adminToken();
    counter = await makeCounter(t);
  });
  afterAll(async () => {
    await t.close();
    await sms.close();
  });

  const job = (app = t.app) => app.get(SmsInvitationJob).run(t.clock.now());
  const dispatch = () => t.app.get(OutboxDispatcher).run();
  const invitations = async (): Promise<OutboxRow[]> =>
    (
      await t.http
        .get('/api/outbox?channel=sms&pageSize=100')
        .set('Authorization', admin)
        .expect(200)
    ).body.items as OutboxRow[];
  const withPhone = (overrides: Record<string, unknown> = {}) =>
    registerTransaction(t, counter, { applicantPhone: PHONE, ...overrides });
  const enable = () =>
    t.http
      .put('/api/settings')
      .set('Authorization', admin)
      .send({ smsInvitation: { enabled: true, afterDays: 1 } })
      .expect(200);

  it('is off by default', async () => {
    const settings = await t.http.get('/api/settings').set('Authorization', admin).expect(200);
    expect(settings.body.smsInvitation).toEqual({ enabled: false, afterDays: 1 });
    await withPhone({ finishedAt: new Date(t.clock.nowMs() - 2 * DAY_MS).toISOString() });
    expect(await job()).toEqual({ ran: false, queued: 0 });
  });

  it('sends one SMS with the rating link N days after; the link rates with channel sms', async () => {
    t.clock.set(china('2026-11-18T10:00:00'));
    await enable();
    const invited = await withPhone();
    const noPhone = await registerTransaction(t, counter);
    const rated = await withPhone();
    await t.http
      .post('/api/ratings')
      .send({ token: rated.ratingToken, level: 4, channel: 'window_qr' })
      .expect(201);
    const before = sms.calls.length;
    const queuedBefore = (await invitations()).length;

    // Only the first test's transaction (finished two days ago): these are not one day old yet.
    expect((await job()).queued).toBe(1);
    t.clock.set(china('2026-11-19T10:30:00'));
    // Now this one; never the one without a phone or the rated one.
    expect((await job()).queued).toBe(1);
    expect((await job()).queued).toBe(0);
    expect(await dispatch()).toMatchObject({ sent: 2 });

    const calls = sms.calls.slice(before);
    expect(calls).toHaveLength(2);
    const call = calls.find((c) => c.raw.includes(invited.transactionNo))!;
    expect(call.path).toBe('/gov-sms/send');
    const body = JSON.parse(call.raw) as Record<string, string>;
    expect(body).toEqual({
      mobile: PHONE,
      content: expect.stringContaining(`${invited.ratingUrl}&channel=sms`),
      link: `${invited.ratingUrl}&channel=sms`,
      bizNo: invited.transactionNo,
    });
    expect(calls.some((c) => c.raw.includes(noPhone.transactionNo))).toBe(false);
    expect(calls.some((c) => c.raw.includes(rated.transactionNo))).toBe(false);

    // The outbox names the transaction, never the number.
    const rows = (await invitations()).slice(0, (await invitations()).length - queuedBefore);
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row).toMatchObject({ kind: 'rating_invitation', status: 'sent' });
      expect(row.recipient).toMatch(/^applicant:\d+$/);
      expect(JSON.stringify(row)).not.toContain(PHONE);
    }

    // At most one per transaction, however long it stays unrated.
    t.clock.set(china('2026-11-21T10:30:00'));
    expect((await job()).queued).toBe(0);

    // The link rates with channel sms (as the H5 rate page reads it).
    const link = new URL(body.link);
    expect(link.searchParams.get('channel')).toBe('sms');
    const token = link.searchParams.get('token')!;
    await t.http.get(`/api/rating-forms/${token}`).expect(200);
    const rating = await t.http
      .post('/api/ratings')
      .send({ token, level: 5, channel: link.searchParams.get('channel') })
      .expect(201);
    const supervisor = await t.as('supervisor');
    const list = await t.http
      .get(`/api/ratings?departmentId=${counter.departmentId}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(list.body.items.find((r: { id: number }) => r.id === rating.body.id)).toMatchObject({
      transactionNo: invited.transactionNo,
      channel: 'sms',
      channelLabel: '短信',
    });
    const scores = await t.http
      .get('/api/scores?month=2026-11&by=department')
      .set('Authorization', supervisor)
      .expect(200);
    const row = scores.body.rows.find((r: { id: number }) => r.id === counter.departmentId);
    expect(row.channels.sms).toBe(1);
  });

  it('keeps quiet from 21:00 to 08:00 China time: queued at night, sent at 08:00', async () => {
    t.clock.set(china('2026-11-22T09:00:00'));
    const tx = await withPhone();
    t.clock.set(china('2026-11-23T22:15:00'));
    const before = sms.calls.length;
    expect((await job()).queued).toBe(1);
    const [row] = await invitations();
    expect(row.status).toBe('pending');
    expect(new Date(row.nextAttemptAt!)).toEqual(china('2026-11-24T08:00:00'));
    expect(await dispatch()).toMatchObject({ taken: 0 });
    t.clock.set(china('2026-11-24T07:59:00'));
    expect(await dispatch()).toMatchObject({ taken: 0 });
    t.clock.set(china('2026-11-24T08:00:00'));
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect(
      sms.calls.slice(before).map((c) => (JSON.parse(c.raw) as { bizNo: string }).bizNo),
    ).toEqual([tx.transactionNo]);
  });

  it('defers a message that comes due in the quiet hours to 08:00, without counting an attempt', async () => {
    t.clock.set(china('2026-11-24T20:00:00'));
    await withPhone({ finishedAt: china('2026-11-23T20:00:00').toISOString() });
    expect((await job()).queued).toBe(1);
    // The gateway fails the first try at 20:59; the retry would land at 21:00 or later.
    sms.answerNext({ status: 503, body: { code: 503, msg: 'busy' } });
    t.clock.set(china('2026-11-24T20:59:00'));
    expect(await dispatch()).toMatchObject({ retried: 1 });
    const before = sms.calls.length;
    t.clock.set(china('2026-11-24T21:30:00'));
    expect(await dispatch()).toMatchObject({ deferred: 1 });
    expect(sms.calls.length).toBe(before);
    const [row] = await invitations();
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(new Date(row.nextAttemptAt!)).toEqual(china('2026-11-25T08:00:00'));
    t.clock.set(china('2026-11-25T08:00:00'));
    expect(await dispatch()).toMatchObject({ sent: 1 });
    expect((await invitations())[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('sends nothing when the rating happened meanwhile (checked at send time)', async () => {
    t.clock.set(china('2026-11-24T10:00:00'));
    const tx = await withPhone();
    t.clock.set(china('2026-11-25T22:00:00'));
    expect((await job()).queued).toBe(1);
    // Rated in the night, before the 08:00 send.
    await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level: 5, channel: 'window_qr' })
      .expect(201);
    const before = sms.calls.length;
    t.clock.set(china('2026-11-26T08:00:00'));
    expect(await dispatch()).toMatchObject({ skipped: 1 });
    expect(sms.calls.length).toBe(before);
    const [row] = await invitations();
    expect(row.status).toBe('skipped');
    expect(row.lastError).toContain('已评价');
  });

  it('queues one invitation when two instances on the same database run at the same time', async () => {
    const second = await createApp(t.config, { clock: t.clock });
    try {
      t.clock.set(china('2026-11-26T09:00:00'));
      await Promise.all([1, 2, 3].map(() => withPhone()));
      t.clock.set(china('2026-11-27T09:30:00'));
      const rowsBefore = (await invitations()).length;
      const results = await Promise.all([job(), job(second)]);
      expect(results.filter((r) => r.ran)).toHaveLength(1);
      const queued = results.reduce((n, r) => n + r.queued, 0);
      expect(queued).toBe(3);
      expect((await job(second)).queued).toBe(0);
      expect((await invitations()).length - rowsBefore).toBe(3);
    } finally {
      await second.close();
    }
  });
});

/** Alibaba Cloud SMS through its official SDK, its endpoint pointed at the local fake. */
describe('SMS invitations (Alibaba Cloud SDK)', () => {
  let t: TestApp;
  let sms: FakeSms;

  beforeAll(async () => {
    sms = await startFakeSms();
    t = await startTestApp({
      SMS_PROVIDER: 'aliyun',
      SMS_ALIYUN_ACCESS_KEY_ID: 'LTAI-test-key',
      SMS_ALIYUN_ACCESS_KEY_SECRET: 'test-secret',
      SMS_ALIYUN_SIGN_NAME: '政务服务中心',
      SMS_ALIYUN_TEMPLATE_CODE: 'SMS_460000001',
      SMS_ALIYUN_ENDPOINT: `http://${sms.host}`,
    });
  });
  afterAll(async () => {
    await t.close();
    await sms.close();
  });

  it('sends SendSms with the signature, the template and the link; a refused number fails', async () => {
    const admin = await t.adminToken();
    const counter = await makeCounter(t);
    await t.http
      .put('/api/settings')
      .set('Authorization', admin)
      .send({ smsInvitation: { enabled: true, afterDays: 2 } })
      .expect(200);
    t.clock.set(china('2026-11-18T10:00:00'));
    const tx = await registerTransaction(t, counter, { applicantPhone: PHONE });
    const refused = await registerTransaction(t, counter, { applicantPhone: '13900000000' });
    t.clock.set(china('2026-11-20T11:00:00'));
    expect(await t.app.get(SmsInvitationJob).run(t.clock.now())).toEqual({ ran: true, queued: 2 });
    sms.respond = (call) =>
      call.query.PhoneNumbers === '13900000000'
        ? {
            status: 200,
            body: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号', RequestId: 'r-10' },
          }
        : undefined;
    expect(await t.app.get(OutboxDispatcher).run()).toMatchObject({ sent: 1, failed: 1 });
    const first = sms.calls.find((c) => c.query.PhoneNumbers === PHONE)!;
    expect(first.method).toBe('POST');
    expect(first.query).toMatchObject({
      PhoneNumbers: PHONE,
      SignName: '政务服务中心',
      TemplateCode: 'SMS_460000001',
    });
    expect(JSON.parse(first.query.TemplateParam)).toEqual({
      transactionNo: tx.transactionNo,
      url: `${tx.ratingUrl}&channel=sms`,
    });
    expect(sms.calls.map((c) => c.query.PhoneNumbers).sort()).toEqual([
      '13812345678',
      '13900000000',
    ]);
    const rows = (
      await t.http.get('/api/outbox?channel=sms').set('Authorization', admin).expect(200)
    ).body.items as (OutboxRow & { receipt: string | null })[];
    const failed = rows.find((r) => r.status === 'failed')!;
    expect(failed.lastError).toContain('isv.MOBILE_NUMBER_ILLEGAL');
    expect(rows.find((r) => r.status === 'sent')?.receipt).toContain('biz-1');
    expect(failed.recipient).toBe(`applicant:${refused.id}`);
    expect(JSON.stringify(rows)).not.toContain('13900000000');
  });
});
