import { makeCounter, registerTransaction, type Counter } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const DAY_MS = 24 * 3600 * 1000;

/**
 * 整改进度 by the rating token (api.md, added 2026-11-27): a rated token opens the progress of its
 * ticket — status, timeline, reply, 认可 / 不认可 — without any login, and nothing else.
 */
describe('ticket progress by the rating token', () => {
  let t: TestApp;
  let counter: Counter;
  let handler: string;
  let supervisor: string;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    counter = await makeCounter(t);
    handler = await t.as('department', { departmentId: counter.departmentId });
    supervisor = await t.as('supervisor');
  });
  afterAll(() => t.close());

  const reply = '已对窗口人员进行批评教育，联系电话13812348000可随时反馈';

  async function badRating(level = 1) {
    const tx = await registerTransaction(t, counter);
    const res = await t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level, contactPhone: '13912345678' })
      .expect(201);
    const ticket = await t.ticket(res.body.ticketNo);
    return { token: tx.ratingToken, ticketNo: ticket.ticketNo, id: ticket.id };
  }

  /** Through the API's workflow, as the department and the supervisor would: to closed. */
  async function close(id: number) {
    await t.act(`${id}/accept`, handler).expect(200);
    await t
      .act(`${id}/visits`, handler, {
        method: 'phone',
        visitedAt: t.clock.now().toISOString(),
        result: '已电话回访，群众反映属实',
      })
      .expect(201);
    await t.act(`${id}/submit`, handler, { outcome: 'rectified', reply }).expect(200);
    await t.act(`${id}/review`, supervisor, { decision: 'approve', note: '内部意见' }).expect(200);
  }

  const progress = (token: string) => t.http.get(`/api/rating-forms/${token}/progress`);
  const verdict = (token: string, body: object) =>
    t.http.post(`/api/rating-forms/${token}/acceptance`).send(body);

  it('follows the ticket from open to closed, with dates and the masked reply, and no internals', async () => {
    const { token, ticketNo, id } = await badRating();
    const form = await t.http.get(`/api/rating-forms/${token}`).expect(200);
    // Rated just now, by the application's clock.
    expect(Math.abs(Date.parse(form.body.ratedAt) - t.clock.nowMs())).toBeLessThan(60_000);

    const open = await progress(token).expect(200);
    expect(open.body).toMatchObject({
      rated: true,
      level: 1,
      complaintTicket: null,
      ticket: {
        ticketNo,
        source: 'rating',
        status: 'open',
        statusLabel: '待受理',
        reply: null,
        canAccept: false,
        canRefuse: false,
      },
    });
    expect(open.body.ratedAt).toBe(form.body.ratedAt);
    expect(open.body.ticket.timeline).toEqual([
      { type: 'opened', label: '工单已生成，转交办理部门', at: expect.any(String) },
    ]);

    await close(id);
    const closed = await progress(token).expect(200);
    expect(closed.body.ticket).toMatchObject({
      status: 'closed',
      statusLabel: '已办结',
      outcome: 'rectified',
      reply: '已对窗口人员进行批评教育，联系电话138****8000可随时反馈',
      citizenAccepted: null,
      canAccept: true,
      canRefuse: true,
    });
    expect(closed.body.ticket.closedAt).toBeTruthy();
    expect(closed.body.ticket.timeline.map((s: { type: string }) => s.type)).toEqual([
      'opened',
      'accept',
      'visit',
      'submit',
      'approve',
    ]);
    for (const step of closed.body.ticket.timeline) {
      expect(Number.isNaN(Date.parse(step.at))).toBe(false);
    }
    // No staff note, no visit result, no phone, no ids of people.
    const text = JSON.stringify(closed.body);
    expect(text).not.toMatch(
      /内部意见|群众反映属实|13912345678|13812348000|actorId|userId|citizenId/,
    );
  });

  it('takes 认可 by the token through the workflow, with its event and audit row', async () => {
    const { token, ticketNo, id } = await badRating();
    await close(id);
    const res = await verdict(token, { ticketNo, accepted: true }).expect(200);
    expect(res.body).toMatchObject({
      ticketNo,
      status: 'closed',
      citizenAccepted: true,
      canAccept: false,
      canRefuse: false,
    });
    expect(res.body.timeline.at(-1)).toMatchObject({
      type: 'citizen_accept',
      label: '您已认可处理结果',
    });
    // The same move a WeChat login makes: the staff see the event, the audit trail the citizen.
    const detail = await t.http
      .get(`/api/tickets/${id}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(detail.body.events.at(-1)).toMatchObject({
      type: 'citizen_accept',
      actorType: 'citizen',
      actorId: null,
      toStatus: 'closed',
    });
    const audit = await t.http
      .get(`/api/audit?entity=ticket&entityId=${id}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({
      action: 'ticket.citizen_accept',
      actorType: 'citizen',
      actorId: null,
      actorName: 'rating token',
      before: { status: 'closed' },
      after: { status: 'closed', citizenAccepted: true },
    });
    // A second verdict is refused: 409, not a second event.
    await verdict(token, { ticketNo, accepted: false }).expect(409);
  });

  it('reopens the ticket on 不认可, once; after the next closing only 认可 is left', async () => {
    const { token, ticketNo, id } = await badRating(2);
    await close(id);
    const refused = await verdict(token, {
      ticketNo,
      accepted: false,
      comment: '问题没有解决',
    }).expect(200);
    expect(refused.body).toMatchObject({
      status: 'in_progress',
      statusLabel: '整改中',
      citizenAccepted: false,
      canAccept: false,
      canRefuse: false,
    });
    await t.act(`${id}/submit`, handler, { outcome: 'explained', reply: '已再次说明' }).expect(200);
    await t.act(`${id}/review`, supervisor, { decision: 'approve', note: '可' }).expect(200);
    const again = await progress(token).expect(200);
    expect(again.body.ticket).toMatchObject({
      status: 'closed',
      canAccept: true,
      canRefuse: false,
    });
    await verdict(token, { ticketNo, accepted: false }).expect(409);
    await verdict(token, { ticketNo, accepted: true }).expect(200);
  });

  it("never reaches another transaction's ticket, and refuses bad input with 400", async () => {
    const mine = await badRating();
    const other = await badRating();
    await close(other.id);
    // The other ticket exists and awaits its verdict, but not for this token.
    const res = await verdict(mine.token, { ticketNo: other.ticketNo, accepted: true }).expect(404);
    expect(res.body.error).toBe('NOT_FOUND');
    expect((await progress(other.token).expect(200)).body.ticket.citizenAccepted).toBeNull();

    const bad = await verdict(mine.token, { ticketNo: 'nope', accepted: 'yes' }).expect(400);
    expect(bad.body.error).toBe('VALIDATION_FAILED');
    expect(Object.keys(bad.body.details)).toEqual(expect.arrayContaining(['ticketNo', 'accepted']));
    await verdict(mine.token, { accepted: true }).expect(400);
    // Not closed yet: the move is not allowed.
    const early = await verdict(mine.token, { ticketNo: mine.ticketNo, accepted: true }).expect(
      409,
    );
    expect(early.body.error).toBe('INVALID_TRANSITION');

    const [idPart, expiry] = mine.token.split('.');
    await progress(`${idPart}.${expiry}.AAAAAAAAAAAAAAAAAAAAAA`).expect(404);
    await verdict(`${idPart}.${expiry}.AAAAAAAAAAAAAAAAAAAAAA`, {
      ticketNo: mine.ticketNo,
      accepted: true,
    }).expect(404);
  });

  it('answers a good rating without a ticket, shows a complaint ticket, and keeps expired unrated links closed', async () => {
    const good = await registerTransaction(t, counter);
    await t.http.post('/api/ratings').send({ token: good.ratingToken, level: 5 }).expect(201);
    const goodProgress = await progress(good.ratingToken).expect(200);
    expect(goodProgress.body).toMatchObject({
      rated: true,
      level: 5,
      ticket: null,
      complaintTicket: null,
    });

    const complained = await registerTransaction(t, counter);
    const c = await t.http
      .post('/api/complaints')
      .send({ token: complained.ratingToken, content: '窗口人员中途离岗二十分钟' })
      .expect(201);
    const cp = await progress(complained.ratingToken).expect(200);
    expect(cp.body).toMatchObject({
      rated: false,
      ratedAt: null,
      level: null,
      ticket: null,
      complaintTicket: { ticketNo: c.body.ticketNo, source: 'complaint', status: 'open' },
    });

    const expired = await registerTransaction(t, counter, {
      finishedAt: new Date(t.clock.nowMs() - 8 * DAY_MS).toISOString(),
    });
    expect((await progress(expired.ratingToken).expect(410)).body.error).toBe('TOKEN_EXPIRED');
  });
});
