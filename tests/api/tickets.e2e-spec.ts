import { DataSource } from 'typeorm';
import { officialCalendar } from '../../apps/api/src/calendar/official-calendar';
import { createApp } from '../../apps/api/src/app.factory';
import { OverdueJob } from '../../apps/api/src/jobs/overdue.job';
import { Ticket } from '../../apps/api/src/tickets/entities/ticket.entity';
import { makeCounter, registerTransaction, type Counter } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

describe('rectification tickets', () => {
  let t: TestApp;
  let counter: Counter;
  let handler: string;
  let supervisor: string;
  let citizenSeq = 1000;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    counter = await makeCounter(t);
    handler = await t.as('department', { departmentId: counter.departmentId });
    supervisor = await t.as('supervisor');
  });
  afterAll(() => t.close());

  const citizen = () => t.citizen(++citizenSeq);

  async function badRating(opts: { phone?: string; bearer?: string } = {}) {
    const tx = await registerTransaction(t, counter);
    const req = t.http.post('/api/ratings');
    if (opts.bearer) req.set('Authorization', opts.bearer);
    const res = await req
      .send({
        token: tx.ratingToken,
        level: 1,
        comment: '材料说了三次才说清',
        ...(opts.phone ? { contactPhone: opts.phone } : { anonymous: true }),
      })
      .expect(201);
    const ticket = await t.ticket(res.body.ticketNo);
    return { id: ticket.id, ticketNo: ticket.ticketNo, ratingId: res.body.id as number };
  }

  const act = (path: string, bearer: string, body: object = {}) => t.act(path, bearer, body);
  const visit = {
    method: 'phone',
    get visitedAt() {
      return t.clock.now().toISOString();
    },
    result: '已电话回访，群众反映属实',
  };
  const submit = { outcome: 'rectified', reply: '已对窗口人员进行批评教育并优化一次性告知单' };

  it('runs open → in_progress → submitted → closed with events, visit and audit', async () => {
    const { id } = await badRating({ phone: '13812348000' });
    const opened = await t.http.get(`/api/tickets/${id}`).set('Authorization', handler).expect(200);
    expect(opened.body).toMatchObject({
      status: 'open',
      source: 'rating',
      level: 1,
      realName: true,
      overdue: false,
    });
    expect(opened.body.availableActions).toEqual(['accept', 'appeal']);
    expect(opened.body.rating).toMatchObject({ level: 1, contactPhone: '138****8000' });
    expect(JSON.stringify(opened.body)).not.toMatch(/13812348000|citizenId|"ip"|deviceHint/);
    // 15 working days of the official 2026 calendar: not provisional.
    expect(opened.body.dueProvisional).toBe(false);

    expect((await act(`${id}/accept`, handler).expect(200)).body.status).toBe('in_progress');
    const v = await act(`${id}/visits`, handler, visit).expect(201);
    expect(v.body).toMatchObject({ method: 'phone', result: visit.result });
    expect((await act(`${id}/submit`, handler, submit).expect(200)).body).toMatchObject({
      status: 'submitted',
      outcome: 'rectified',
    });
    const closed = await act(`${id}/review`, supervisor, {
      decision: 'approve',
      note: '整改到位',
    }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', reply: submit.reply });
    expect(closed.body.closedAt).toBeTruthy();

    const detail = await t.http
      .get(`/api/tickets/${id}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(detail.body.events.map((e: { type: string }) => e.type)).toEqual([
      'opened',
      'accept',
      'visit',
      'submit',
      'approve',
    ]);
    expect(detail.body.visits).toHaveLength(1);
    const audit = await t.http
      .get(`/api/audit?entity=ticket&entityId=${id}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action).sort()).toEqual(
      ['ticket.accept', 'ticket.approve', 'ticket.submit', 'ticket.visit'].sort(),
    );
  });

  it('requires a return visit before a real-name ticket is submitted (409 VISIT_REQUIRED)', async () => {
    const { id } = await badRating({ phone: '13812348001' });
    await act(`${id}/accept`, handler).expect(200);
    const res = await act(`${id}/submit`, handler, submit).expect(409);
    expect(res.body.error).toBe('VISIT_REQUIRED');
    const anonymous = await badRating();
    await act(`${anonymous.id}/accept`, handler).expect(200);
    await act(`${anonymous.id}/submit`, handler, submit).expect(200);
  });

  it('refuses transitions the status does not allow with 409 and roles that may not with 403', async () => {
    const { id } = await badRating();
    expect((await act(`${id}/submit`, handler, submit).expect(409)).body.error).toBe(
      'INVALID_TRANSITION',
    );
    expect(
      (await act(`${id}/review`, supervisor, { decision: 'approve', note: 'x' }).expect(409)).body
        .error,
    ).toBe('INVALID_TRANSITION');
    expect(
      (await act(`${id}/appeal-review`, supervisor, { decision: 'uphold', note: 'x' }).expect(409))
        .body.error,
    ).toBe('INVALID_TRANSITION');
    await act(`${id}/accept`, supervisor).expect(403);
    await act(`${id}/review`, handler, { decision: 'approve', note: 'x' }).expect(403);
    await act(`${id}/accept`, handler).expect(200);
    expect((await act(`${id}/accept`, handler).expect(409)).body.error).toBe('INVALID_TRANSITION');
  });

  it('sends a rejected result back to in_progress for another round', async () => {
    const { id } = await badRating();
    await act(`${id}/accept`, handler).expect(200);
    await act(`${id}/submit`, handler, submit).expect(200);
    const rejected = await act(`${id}/review`, supervisor, {
      decision: 'reject',
      note: '回复过于简单',
    }).expect(200);
    expect(rejected.body.status).toBe('in_progress');
    await act(`${id}/submit`, handler, { ...submit, outcome: 'scheduled' }).expect(400); // needs promisedDate
    await act(`${id}/submit`, handler, {
      ...submit,
      outcome: 'scheduled',
      promisedDate: '2099-01-31',
    }).expect(200);
  });

  it('voids the rating when an appeal is upheld; it stays stored and audited', async () => {
    const { id, ratingId } = await badRating();
    const appealed = await act(`${id}/appeal`, handler, {
      reason: '该群众办理的是税务事项，误评本部门',
    }).expect(200);
    expect(appealed.body.status).toBe('appealed');
    const voided = await act(`${id}/appeal-review`, supervisor, {
      decision: 'uphold',
      note: '核实为误评',
    }).expect(200);
    expect(voided.body.status).toBe('voided');
    const [rating] = await t.app
      .get(DataSource)
      .query('SELECT voided FROM ratings WHERE id = ?', [ratingId]);
    expect(Boolean(Number(rating.voided))).toBe(true);
    const detail = await t.http
      .get(`/api/tickets/${id}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(detail.body.appeal).toMatchObject({ decision: 'upheld', decisionNote: '核实为误评' });
    expect(detail.body.availableActions).toEqual([]);
    const audit = await t.http
      .get(`/api/audit?entity=rating&entityId=${ratingId}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(audit.body.items[0]).toMatchObject({ action: 'rating.void', after: { voided: true } });
  });

  it('returns a dismissed appeal to in_progress with the due date unchanged', async () => {
    const { id } = await badRating();
    const before = await t.http.get(`/api/tickets/${id}`).set('Authorization', handler).expect(200);
    await act(`${id}/appeal`, handler, { reason: '认为该评价为恶意差评，附通话记录' }).expect(200);
    const dismissed = await act(`${id}/appeal-review`, supervisor, {
      decision: 'dismiss',
      note: '证据不足',
    }).expect(200);
    expect(dismissed.body.status).toBe('in_progress');
    expect(dismissed.body.dueAt).toBe(before.body.dueAt);
    await act(`${id}/appeal`, handler, { reason: 'short' }).expect(400);
  });

  it('scopes a department handler to its own department: list, detail and actions', async () => {
    const { id } = await badRating();
    const other = await makeCounter(t);
    const otherHandler = await t.as('department', { departmentId: other.departmentId });
    const list = await t.http
      .get(`/api/tickets?departmentId=${counter.departmentId}`)
      .set('Authorization', otherHandler)
      .expect(200);
    expect(list.body.items.find((x: { id: number }) => x.id === id)).toBeUndefined();
    await t.http.get(`/api/tickets/${id}`).set('Authorization', otherHandler).expect(404);
    await act(`${id}/accept`, otherHandler).expect(404);
    const own = await t.http
      .get('/api/tickets?pageSize=100')
      .set('Authorization', handler)
      .expect(200);
    expect(
      own.body.items.every(
        (x: { departmentId: number }) => x.departmentId === counter.departmentId,
      ),
    ).toBe(true);
    expect(own.body.items.some((x: { id: number }) => x.id === id)).toBe(true);
    await t.http.get('/api/tickets').set('Authorization', counter.clerk).expect(403);
  });

  it('filters lists by status, source and month, and pages them', async () => {
    const mine = [await badRating(), await badRating(), await badRating()].map((x) => x.id);
    const month = t.clock.month();
    const page = async (n: number) =>
      (
        await t.http
          .get(`/api/tickets?status=open&source=rating&level=1&month=${month}&pageSize=2&page=${n}`)
          .set('Authorization', supervisor)
          .expect(200)
      ).body as {
        items: { id: number; status: string; ticketNo: string }[];
        total: number;
        pageSize: number;
      };
    const res = await page(1);
    expect(res.pageSize).toBe(2);
    expect(res.items).toHaveLength(2);
    expect(res.total).toBeGreaterThanOrEqual(3);
    const seen: { id: number; status: string }[] = [];
    for (let n = 1; n <= Math.ceil(res.total / 2); n++) seen.push(...(await page(n)).items);
    expect(seen).toHaveLength(res.total);
    expect(new Set(seen.map((x) => x.id)).size).toBe(res.total); // no row on two pages
    expect(seen.map((x) => x.status)).toEqual(seen.map(() => 'open'));
    for (const id of mine) expect(seen.map((x) => x.id)).toContain(id);
    // Search by the ticket number a citizen reads out, or its beginning.
    const one = await t.http
      .get(`/api/tickets?ticketNo=${encodeURIComponent(res.items[0].ticketNo.toLowerCase())}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(one.body.items.map((x: { id: number }) => x.id)).toEqual([res.items[0].id]);
    await t.http.get('/api/tickets?ticketNo=ZG%25').set('Authorization', supervisor).expect(400);
    // Review queues read oldest first.
    const oldest = await t.http
      .get(`/api/tickets?status=open&month=${month}&order=oldest&pageSize=100`)
      .set('Authorization', supervisor)
      .expect(200);
    const ids = (oldest.body.items as { id: number }[]).map((x) => x.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    await t.http.get('/api/tickets?order=random').set('Authorization', supervisor).expect(400);
    const none = await t.http
      .get(`/api/tickets?month=2001-01`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(none.body.total).toBe(0);
    await t.http
      .get('/api/tickets?status=lost&month=2026-13')
      .set('Authorization', supervisor)
      .expect(400);
  });

  it('shows the full phone to a handler starting a call-back, and records that', async () => {
    const { id } = await badRating({ phone: '13812348009' });
    const res = await act(`${id}/contact`, handler).expect(200);
    expect(res.body).toEqual({ phone: '13812348009' });
    const audit = await t.http
      .get(`/api/audit?entity=ticket&entityId=${id}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain(
      'ticket.contact_revealed',
    );
    expect(JSON.stringify(audit.body)).not.toContain('13812348009');
  });

  it('lets the citizen accept the reply, or refuse it once, which reopens the ticket', async () => {
    const bearer = await citizen();
    const { id, ticketNo } = await badRating({ bearer });
    const close = async () => {
      await act(`${id}/submit`, handler, submit).expect(200);
      await act(`${id}/review`, supervisor, { decision: 'approve', note: 'ok' }).expect(200);
    };
    await act(`${id}/accept`, handler).expect(200);
    const early = await t.http
      .post(`/api/me/tickets/${ticketNo}/acceptance`)
      .set('Authorization', bearer)
      .send({ accepted: true })
      .expect(409);
    expect(early.body.error).toBe('INVALID_TRANSITION');
    await close();
    const mine = await t.http.get('/api/me/ratings').set('Authorization', bearer).expect(200);
    expect(mine.body.items[0].ticket).toMatchObject({
      ticketNo,
      status: 'closed',
      reply: submit.reply,
      citizenAccepted: null,
      canRefuse: true,
    });

    const stranger = await citizen();
    await t.http
      .post(`/api/me/tickets/${ticketNo}/acceptance`)
      .set('Authorization', stranger)
      .send({ accepted: false })
      .expect(404);

    const refused = await t.http
      .post(`/api/me/tickets/${ticketNo}/acceptance`)
      .set('Authorization', bearer)
      .send({ accepted: false, comment: '问题仍未解决' })
      .expect(200);
    expect(refused.body.status).toBe('in_progress');
    await close();
    const again = await t.http
      .post(`/api/me/tickets/${ticketNo}/acceptance`)
      .set('Authorization', bearer)
      .send({ accepted: false })
      .expect(409);
    expect(again.body.error).toBe('INVALID_TRANSITION');
    const accepted = await t.http
      .post(`/api/me/tickets/${ticketNo}/acceptance`)
      .set('Authorization', bearer)
      .send({ accepted: true, comment: '满意' })
      .expect(200);
    expect(accepted.body).toMatchObject({ citizenAccepted: true, status: 'closed' });
    // The verdict goes through the workflow table: an event, an audit row, and only once.
    await t.http
      .post(`/api/me/tickets/${ticketNo}/acceptance`)
      .set('Authorization', bearer)
      .send({ accepted: true })
      .expect(409);
    const detail = await t.http.get(`/api/tickets/${id}`).set('Authorization', supervisor);
    const accepts = (
      detail.body.events as { type: string; note: string; actorId: unknown }[]
    ).filter((e) => e.type === 'citizen_accept');
    expect(accepts).toEqual([expect.objectContaining({ note: '满意', actorId: null })]);
    const audit = await t.http
      .get(`/api/audit?entity=ticket&entityId=${id}`)
      .set('Authorization', supervisor)
      .expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain(
      'ticket.citizen_accept',
    );
  });

  it('flags overdue tickets consistently and the job warns and escalates once', async () => {
    const repo = t.app.get(DataSource).getRepository(Ticket);
    const late = await badRating();
    const soon = await badRating();
    const now = t.clock.now();
    await repo.update(late.id, { dueAt: new Date(now.getTime() - 3600_000) });
    await repo.update(soon.id, { dueAt: new Date(now.getTime() + 3600_000) });

    const list = await t.http
      .get('/api/tickets?overdue=true&pageSize=100')
      .set('Authorization', supervisor)
      .expect(200);
    expect(list.body.items.map((x: { id: number }) => x.id)).toContain(late.id);
    expect(list.body.items.map((x: { id: number }) => x.id)).not.toContain(soon.id);
    const notOverdue = await t.http
      .get('/api/tickets?overdue=false&pageSize=100')
      .set('Authorization', supervisor)
      .expect(200);
    expect(notOverdue.body.items.map((x: { id: number }) => x.id)).toContain(soon.id);
    expect(notOverdue.body.items.map((x: { id: number }) => x.id)).not.toContain(late.id);
    expect(
      (await t.http.get(`/api/tickets/${late.id}`).set('Authorization', supervisor)).body.overdue,
    ).toBe(true);

    const job = t.app.get(OverdueJob);
    const [a, b] = await Promise.all([job.run(now), job.run(now)]);
    expect([a.ran, b.ran].filter(Boolean)).toHaveLength(1);
    const again = await job.run(now);
    expect(again).toMatchObject({ ran: true, overdue: 0 });

    const events = async (id: number): Promise<string[]> => {
      const res = await t.http.get(`/api/tickets/${id}`).set('Authorization', supervisor);
      return (res.body.events as { type: string }[]).map((e) => e.type);
    };
    expect((await events(late.id)).filter((e: string) => e === 'overdue')).toHaveLength(1);
    expect((await events(soon.id)).filter((e: string) => e === 'due_soon')).toHaveLength(1);
    // The handlers and, escalated, the supervisors get a notice (once, like the event).
    const notices = await t.app
      .get(DataSource)
      .query<{ kind: string; role: string }[]>(
        "SELECT n.kind AS kind, u.role AS role FROM staff_notices n JOIN users u ON u.id = n.userId WHERE n.ticketId = ? AND n.kind = 'ticket_overdue' ORDER BY n.id",
        [late.id],
      );
    expect(notices.filter((n) => n.role === 'department').length).toBeGreaterThanOrEqual(1);
    expect(notices.filter((n) => n.role === 'supervisor').length).toBeGreaterThanOrEqual(1);
  });

  it('lets one of two API instances on the same database scan at a time', async () => {
    const second = await createApp(t.config, { clock: t.clock });
    try {
      const late = await badRating();
      const now = t.clock.now();
      await t.app
        .get(DataSource)
        .getRepository(Ticket)
        .update(late.id, { dueAt: new Date(now.getTime() - 60_000) });
      const results = await Promise.all([
        t.app.get(OverdueJob).run(now),
        second.get(OverdueJob).run(now),
      ]);
      expect(results.filter((r) => r.ran)).toHaveLength(1);
      const [{ n }] = await t.app
        .get(DataSource)
        .query("SELECT COUNT(*) AS n FROM ticket_events WHERE ticketId = ? AND type = 'overdue'", [
          late.id,
        ]);
      expect(Number(n)).toBe(1);
    } finally {
      await second.close();
    }
  });

  it('reads and overrides the working-day calendar (admin), with an audit row', async () => {
    const admin = await t.adminToken();
    const official = await t.http
      .get('/api/calendar/2026-10-01')
      .set('Authorization', admin)
      .expect(200);
    expect(official.body).toMatchObject({
      working: false,
      type: 'holiday',
      name: '国庆节',
      source: 'official',
      covered: true,
    });
    const makeUp = await t.http
      .get('/api/calendar/2026-10-10')
      .set('Authorization', admin)
      .expect(200);
    expect(makeUp.body).toMatchObject({ working: true, type: 'workday', source: 'official' });
    // The first year the installed calendar data does not publish: its statutory days are known.
    const uncovered = Math.max(...officialCalendar().years) + 1;
    const future = await t.http
      .get(`/api/calendar/${uncovered}-10-01`)
      .set('Authorization', admin)
      .expect(200);
    expect(future.body).toMatchObject({
      covered: false,
      source: 'statutory',
      working: false,
      name: '国庆节',
    });

    const set = await t.http
      .put('/api/calendar/2026-12-31')
      .set('Authorization', admin)
      .send({ type: 'holiday', name: '临时调整' })
      .expect(200);
    expect(set.body).toMatchObject({ working: false, source: 'override', name: '临时调整' });
    const audit = await t.http
      .get('/api/audit?entity=calendar&entityId=2026-12-31')
      .set('Authorization', admin)
      .expect(200);
    expect(audit.body.total).toBe(1);
    await t.http
      .put('/api/calendar/2026-02-30')
      .set('Authorization', admin)
      .send({ type: 'holiday', name: 'x' })
      .expect(400);
    await t.http
      .put('/api/calendar/2026-12-30')
      .set('Authorization', supervisor)
      .send({ type: 'holiday', name: 'x' })
      .expect(403);
  });

  it('audits organisation and settings changes; the audit is for supervisors and admins', async () => {
    const admin = await t.adminToken();
    const { body: dep } = await t.http
      .post('/api/departments')
      .set('Authorization', admin)
      .send({ code: 'AUD1', name: '审计测试局' })
      .expect(201);
    await t.http
      .patch(`/api/departments/${dep.id}`)
      .set('Authorization', admin)
      .send({ name: '审计测试局（新）' })
      .expect(200);
    const audit = await t.http
      .get(`/api/audit?entity=department&entityId=${dep.id}`)
      .set('Authorization', admin)
      .expect(200);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual([
      'department.update',
      'department.create',
    ]);
    expect(audit.body.items[0]).toMatchObject({
      actorType: 'user',
      actorName: 'admin',
      before: { name: '审计测试局' },
      after: { name: '审计测试局（新）' },
    });
    await t.http
      .put('/api/settings')
      .set('Authorization', admin)
      .send({ followUpDays: 20 })
      .expect(200);
    const settings = await t.http
      .get('/api/audit?entity=settings')
      .set('Authorization', admin)
      .expect(200);
    expect(settings.body.items[0]).toMatchObject({
      action: 'settings.update',
      after: { followUpDays: 20 },
    });
    await t.http.get('/api/audit').set('Authorization', handler).expect(403);
  });
});
