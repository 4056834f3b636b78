import { fork } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../apps/api/src/database/migrations';
import { Notifications1764283000000 } from '../../apps/api/src/database/migrations/1764283000000-Notifications';
import { OverdueJob } from '../../apps/api/src/jobs/overdue.job';
import { LEASE_MS, OutboxDispatcher } from '../../apps/api/src/outbox/outbox.dispatcher';
import { OutboxService } from '../../apps/api/src/outbox/outbox.service';
import { StaffNotice } from '../../apps/api/src/notifications/entities/staff-notice.entity';
import { Ticket } from '../../apps/api/src/tickets/entities/ticket.entity';
import { startFakeWechat, type FakeWechat } from '../support/fake-wechat';
import { makeCounter, registerTransaction, type Counter } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

const TEMPLATE = 'tmpl-ticket-progress';

interface OutboxRow {
  id: number;
  channel: string;
  kind: string;
  ticketId: number | null;
  ticketNo: string | null;
  recipient: string;
  status: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  messageKey: string;
  sentAt: string | null;
}

interface Notice {
  id: number;
  kind: string;
  ticketId: number | null;
  ticketNo: string | null;
  title: string;
  createdAt: string;
  read: boolean;
}

/**
 * Notifications that arrive: the outbox dispatcher delivering WeChat subscribe messages to a
 * local fake of api.weixin.qq.com (token cache, errcodes, backoff, a crash between send and mark,
 * two instances), and the staff to-do notices of every ticket event, 督办 included.
 */
describe('notifications', () => {
  let t: TestApp;
  let wechat: FakeWechat;
  let counter: Counter;
  let handler: string;
  let handler2: string;
  let supervisor: string;
  let admin: string;
  const env = () => ({
    WECHAT_APPID: 'wx-test-app',
    WECHAT_SECRET: 'wx-test-secret',
    WECHAT_API_BASE: wechat.base,
    WECHAT_TEMPLATE_TICKET_PROGRESS: TEMPLATE,
    RATE_LIMIT_PER_MINUTE: '100000',
  });

  beforeAll(async () => {
    wechat = await startFakeWechat();
    t = await startTestApp(env());
    counter = await makeCounter(t);
    handler = await t.as('department', { departmentId: counter.departmentId });
    handler2 = await t.as('department', { departmentId: counter.departmentId });
    supervisor = await t.as('supervisor');
    admin = await t.adminToken();
  });
  afterAll(async () => {
    await t.close();
    await wechat.close();
  });

  const dispatch = () => t.app.get(OutboxDispatcher).run();
  const act = (path: string, bearer: string, body: object = {}) => t.act(path, bearer, body);
  const submit = (reply = '已对窗口人员进行批评教育并优化一次性告知单') => ({
    outcome: 'rectified',
    reply,
  });

  let citizenSeq = 0;
  /** A citizen signed in with WeChat (openid "openid-<name>") who accepted `subscriptions`. */
  async function citizen(name: string, subscriptions = 0) {
    const code = `good-${name}-${++citizenSeq}`;
    const login = await t.http.post('/api/auth/wechat').send({ code }).expect(200);
    const bearer = `Bearer ${login.body.accessToken}`;
    for (let i = 0; i < subscriptions; i++) {
      await t.http
        .post('/api/me/subscriptions')
        .set('Authorization', bearer)
        .send({ templateId: TEMPLATE, accepted: true })
        .expect(200);
    }
    return { bearer, id: login.body.citizen.id as number, openid: `openid-${code.slice(5)}` };
  }

  async function badRating(opts: { bearer?: string; on?: Counter } = {}) {
    const tx = await registerTransaction(t, opts.on ?? counter);
    const req = t.http.post('/api/ratings');
    if (opts.bearer) req.set('Authorization', opts.bearer);
    const res = await req
      .send({ token: tx.ratingToken, level: 1, comment: '材料说了三次', anonymous: true })
      .expect(201);
    const ticket = await t.ticket(res.body.ticketNo);
    return { id: ticket.id, ticketNo: ticket.ticketNo, token: tx.ratingToken };
  }

  /** The ticket's WeChat messages, oldest first, as the admin's outbox list shows them. */
  async function outbox(ticketId: number): Promise<OutboxRow[]> {
    const rows: OutboxRow[] = [];
    for (let page = 1; ; page++) {
      const res = await t.http
        .get(`/api/outbox?channel=wechat&pageSize=100&page=${page}`)
        .set('Authorization', admin)
        .expect(200);
      rows.push(...(res.body.items as OutboxRow[]));
      if (page * 100 >= res.body.total) break;
    }
    return rows.filter((m) => m.ticketId === ticketId).reverse();
  }

  async function notices(bearer: string, query = ''): Promise<{ items: Notice[]; total: number }> {
    const res = await t.http
      .get(`/api/me/notifications${query}`)
      .set('Authorization', bearer)
      .expect(200);
    return res.body as { items: Notice[]; total: number };
  }
  const about = async (bearer: string, ticketId: number) =>
    (await notices(bearer, '?limit=100')).items.filter((n) => n.ticketId === ticketId);

  const remaining = async (citizenId: number): Promise<number> => {
    const [row] = await t.app
      .get(DataSource)
      .query<{ remaining: number }[]>(
        'SELECT remaining FROM wechat_subscriptions WHERE citizenId = ?',
        [citizenId],
      );
    return Number(row?.remaining ?? 0);
  };

  /**
   * Another instance of the API in its own process (tests/support/outbox-child.js) on this
   * database and at this instant: it dispatches at once, or on `go()` when asked to wait.
   */
  function otherInstance(opts: { wait?: boolean } = {}) {
    const child = fork(join(__dirname, '../support/outbox-child.js'), [], {
      env: {
        ...process.env,
        HCP_CHILD_ENV: JSON.stringify({
          NODE_ENV: 'test',
          DATABASE_URL: t.db.url,
          DATA_DIR: t.config.dataDir,
          DEMO_DATA: 'false',
          JWT_SECRET: t.config.jwtSecret,
          RATING_TOKEN_SECRET: t.config.ratingTokenSecret,
          LOG_LEVEL: 'silent',
          JOBS_ENABLED: 'false',
          H5_DIR: '/nonexistent-h5',
          ...env(),
        }),
        HCP_CHILD_NOW: t.clock.now().toISOString(),
        ...(opts.wait ? { HCP_CHILD_WAIT: '1' } : {}),
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    type Message = { ready?: boolean; results?: { sent: number }[] };
    const next = (key: 'ready' | 'results') =>
      new Promise<Message>((resolve, reject) => {
        child.on('message', (m: Message) => {
          if (m[key]) resolve(m);
        });
        child.on('exit', () => reject(new Error(`the other instance ended: ${stderr}`)));
      });
    return {
      child,
      exited: new Promise<NodeJS.Signals | number | null>((resolve) =>
        child.on('exit', (code, signal) => resolve(signal ?? code)),
      ),
      ready: next('ready'),
      results: next('results'),
      stderr: () => stderr,
    };
  }

  describe('subscriptions', () => {
    it('counts each accept as one message allowed; a refusal allows none', async () => {
      const c = await citizen('counting');
      const answer = (body: object) =>
        t.http.post('/api/me/subscriptions').set('Authorization', c.bearer).send(body);
      expect((await answer({ templateId: TEMPLATE, accepted: true }).expect(200)).body).toEqual({
        templateId: TEMPLATE,
        accepted: true,
        remaining: 1,
      });
      await answer({ templateId: TEMPLATE, accepted: true }).expect(200);
      const refused = await answer({ templateId: TEMPLATE, accepted: false }).expect(200);
      expect(refused.body).toEqual({ templateId: TEMPLATE, accepted: false, remaining: 2 });
    });

    it('refuses what is not an answer about our template, and anyone but a citizen', async () => {
      const c = await citizen('invalid');
      const post = (body: unknown, bearer: string | null = c.bearer) => {
        const req = t.http.post('/api/me/subscriptions');
        if (bearer) req.set('Authorization', bearer);
        return req.send(body as object);
      };
      const other = await post({ templateId: 'someone-elses', accepted: true }).expect(400);
      expect(other.body).toMatchObject({
        error: 'VALIDATION_FAILED',
        details: { templateId: [expect.any(String)] },
      });
      for (const body of [
        {},
        { templateId: TEMPLATE },
        { templateId: TEMPLATE, accepted: 'yes' },
        { templateId: '<script>', accepted: true },
        { templateId: TEMPLATE, accepted: true, token: 'not-a-token' },
        { templateId: TEMPLATE, accepted: true, extra: 1 },
      ]) {
        const res = await post(body).expect(400);
        expect(res.body.error).toBe('VALIDATION_FAILED');
      }
      await post({ templateId: TEMPLATE, accepted: true }, null).expect(401);
      await post({ templateId: TEMPLATE, accepted: true }, handler).expect(401);
    });

    it('keeps the openid only encrypted, beside its keyed hash', async () => {
      const c = await citizen('secret');
      const [row] = await t.app
        .get(DataSource)
        .query<{ openidHash: string; openidEnc: string }[]>(
          'SELECT openidHash, openidEnc FROM citizens WHERE id = ?',
          [c.id],
        );
      expect(row.openidEnc).toMatch(/^v1\./);
      expect(JSON.stringify(row)).not.toContain(c.openid);
    });

    it('makes a rating made without login the citizen who signs in right after, once', async () => {
      const { id, ticketNo, token } = await badRating();
      const c = await citizen('late-login', 0);
      await t.http
        .post('/api/me/subscriptions')
        .set('Authorization', c.bearer)
        .send({ templateId: TEMPLATE, accepted: true, token })
        .expect(200);
      const mine = await t.http.get('/api/me/ratings').set('Authorization', c.bearer).expect(200);
      expect(
        mine.body.items.map((r: { ticket: { ticketNo: string } | null }) => r.ticket?.ticketNo),
      ).toEqual([ticketNo]);
      // Nobody else can take it over afterwards.
      const thief = await citizen('thief');
      await t.http
        .post('/api/me/subscriptions')
        .set('Authorization', thief.bearer)
        .send({ templateId: TEMPLATE, accepted: true, token })
        .expect(200);
      const theirs = await t.http.get('/api/me/ratings').set('Authorization', thief.bearer);
      expect(theirs.body.total).toBe(0);

      await act(`${id}/accept`, handler).expect(200);
      expect((await outbox(id)).map((m) => m.recipient)).toEqual([`citizen:${c.id}`]);
    });

    it('does not link a rating made more than 30 minutes before', async () => {
      const { token } = await badRating();
      t.clock.advance(31 * 60_000);
      const c = await citizen('too-late');
      await t.http
        .post('/api/me/subscriptions')
        .set('Authorization', c.bearer)
        .send({ templateId: TEMPLATE, accepted: true, token })
        .expect(200);
      const mine = await t.http.get('/api/me/ratings').set('Authorization', c.bearer).expect(200);
      expect(mine.body.total).toBe(0);
    });
  });

  describe('WeChat subscribe messages', () => {
    it('sends one message per event: accepted, reply approved (cut), refused reply reopened', async () => {
      await dispatch(); // whatever earlier tests left
      const c = await citizen('progress', 3);
      const tokenCalls = wechat.tokenCalls.length;
      const { id, ticketNo } = await badRating({ bearer: c.bearer });
      await act(`${id}/accept`, handler).expect(200);
      expect(await dispatch()).toMatchObject({ taken: 1, sent: 1 });

      const reply = '已对窗口人员进行批评教育，优化了一次性告知单，并安排专人跟进您的业务办理';
      await act(`${id}/submit`, handler, submit(reply)).expect(200);
      await act(`${id}/review`, supervisor, { decision: 'approve', note: '同意' }).expect(200);
      await dispatch();
      await t.http
        .post(`/api/me/tickets/${ticketNo}/acceptance`)
        .set('Authorization', c.bearer)
        .send({ accepted: false, comment: '问题没有解决' })
        .expect(200);
      await dispatch();

      const sends = wechat.sends.filter((s) => s.body.page.endsWith(ticketNo));
      expect(sends.map((s) => s.body.data.phrase2.value)).toEqual(['已受理', '已办结', '重新办理']);
      for (const s of sends) {
        expect(s.body).toMatchObject({
          touser: c.openid,
          template_id: TEMPLATE,
          page: `pages/mine/index?ticketNo=${ticketNo}`,
          miniprogram_state: 'formal',
          data: { character_string1: { value: ticketNo } },
        });
        expect(s.body.data.time4.value).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
      }
      // The reply cut to the thing field's 20 characters.
      expect(sends[1].body.data.thing3.value).toBe(`${[...reply].slice(0, 19).join('')}…`);
      expect([...sends[1].body.data.thing3.value]).toHaveLength(20);
      // One token for all of them, from the database cache.
      expect(wechat.tokenCalls.length - tokenCalls).toBeLessThanOrEqual(1);

      const rows = await outbox(id);
      expect(rows.map((r) => [r.kind, r.status, r.attempts])).toEqual([
        ['ticket_accepted', 'sent', 1],
        ['reply_approved', 'sent', 1],
        ['ticket_reopened', 'sent', 1],
      ]);
      expect(rows.map((r) => r.messageKey)).toEqual(sends.map((s) => s.key));
      expect(await remaining(c.id)).toBe(0);

      // The subscriptions are used up: the next approval is skipped without asking WeChat.
      const before = wechat.sends.length;
      await act(`${id}/submit`, handler, submit()).expect(200);
      await act(`${id}/review`, supervisor, { decision: 'approve', note: '同意' }).expect(200);
      await dispatch();
      expect(wechat.sends.length).toBe(before);
      const last = (await outbox(id)).at(-1)!;
      expect(last).toMatchObject({
        status: 'skipped',
        lastError: expect.stringMatching(/no subscription/),
      });
    });

    it('asks stable_token once for many sends and refreshes once after 40001', async () => {
      const c = await citizen('token', 6);
      await dispatch();
      const tickets = [];
      for (let i = 0; i < 4; i++) tickets.push(await badRating({ bearer: c.bearer }));
      const calls = wechat.tokenCalls.length;
      for (const { id } of tickets) await act(`${id}/accept`, handler).expect(200);
      expect(await dispatch()).toMatchObject({ taken: 4, sent: 4 });
      expect(wechat.tokenCalls.length).toBe(calls); // the cached token served all four

      wechat.invalidateToken();
      const { id } = await badRating({ bearer: c.bearer });
      await act(`${id}/accept`, handler).expect(200);
      expect(await dispatch()).toMatchObject({ sent: 1 });
      expect(wechat.tokenCalls.slice(calls)).toEqual([
        { appid: 'wx-test-app', forceRefresh: true },
      ]);
      expect((await outbox(id))[0]).toMatchObject({ status: 'sent', attempts: 1 });
      const [cached] = await t.app
        .get(DataSource)
        .query<{ tokenEnc: string }[]>('SELECT tokenEnc FROM access_token_cache');
      expect(cached.tokenEnc).not.toContain('fake-access-token');
    });

    it('skips on 43101 (refused, or no subscription left) and does not retry', async () => {
      const c = await citizen('refuse', 2);
      const { id } = await badRating({ bearer: c.bearer });
      await act(`${id}/accept`, handler).expect(200);
      expect(await dispatch()).toMatchObject({ skipped: 1 });
      const [row] = await outbox(id);
      expect(row).toMatchObject({ status: 'skipped', attempts: 1, nextAttemptAt: null });
      expect(row.lastError).toContain('43101');
      expect(row.lastError).not.toContain(c.openid);
      expect(await remaining(c.id)).toBe(0);
      t.clock.advance(2 * 3600_000);
      const sends = wechat.sends.length;
      await dispatch();
      expect(wechat.sends.length).toBe(sends);
    });

    it('retries -1 and dropped connections with backoff, then sends with the same key', async () => {
      const c = await citizen('flaky', 1);
      await dispatch();
      const { id } = await badRating({ bearer: c.bearer });
      await act(`${id}/accept`, handler).expect(200);
      wechat.failNextSends(-1, 'drop');
      expect(await dispatch()).toMatchObject({ retried: 1 });
      let [row] = await outbox(id);
      expect(row).toMatchObject({
        status: 'pending',
        attempts: 1,
        lastError: 'errcode -1: system error',
      });
      const wait = new Date(row.nextAttemptAt!).getTime() - t.clock.nowMs();
      expect(wait).toBeGreaterThan(25_000);
      expect(wait).toBeLessThanOrEqual(30_000);
      expect(await dispatch()).toMatchObject({ taken: 0 }); // not due yet

      t.clock.advance(30_000);
      expect(await dispatch()).toMatchObject({ retried: 1 });
      [row] = await outbox(id);
      expect(row).toMatchObject({ status: 'pending', attempts: 2 });
      expect(row.lastError).toMatch(/subscribe\/send/);
      t.clock.advance(60_000);
      expect(await dispatch()).toMatchObject({ sent: 1 });
      [row] = await outbox(id);
      expect(row).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
      const keys = wechat.sends.filter((s) => s.key === row.messageKey);
      expect(keys.map((s) => s.answer.errcode)).toEqual([-1, 0]);
    });

    it('gives up after the last attempt with the last error kept; an admin retries it', async () => {
      const c = await citizen('down', 1);
      await dispatch();
      const { id } = await badRating({ bearer: c.bearer });
      await act(`${id}/accept`, handler).expect(200);
      wechat.failNextSends(...Array<number>(8).fill(-1));
      for (let attempt = 1; attempt <= 8; attempt++) {
        await dispatch();
        t.clock.advance(3600_000);
      }
      let [row] = await outbox(id);
      expect(row).toMatchObject({
        status: 'failed',
        attempts: 8,
        maxAttempts: 8,
        lastError: 'errcode -1: system error',
      });
      await dispatch();
      expect((await outbox(id))[0].attempts).toBe(8);

      const failed = await t.http
        .get('/api/outbox?status=failed&channel=wechat&pageSize=100')
        .set('Authorization', admin)
        .expect(200);
      expect(failed.body.items.map((m: OutboxRow) => m.id)).toContain(row.id);
      expect(failed.body.items.every((m: OutboxRow) => m.status === 'failed')).toBe(true);
      await t.http.post(`/api/outbox/${row.id}/retry`).set('Authorization', supervisor).expect(403);
      const retried = await t.http
        .post(`/api/outbox/${row.id}/retry`)
        .set('Authorization', admin)
        .expect(200);
      expect(retried.body).toMatchObject({ status: 'pending', attempts: 0 });
      expect(await dispatch()).toMatchObject({ sent: 1 });
      [row] = await outbox(id);
      expect(row).toMatchObject({ status: 'sent', attempts: 1 });
      const again = await t.http
        .post(`/api/outbox/${row.id}/retry`)
        .set('Authorization', admin)
        .expect(409);
      expect(again.body.error).toBe('CONFLICT');
      await t.http.post('/api/outbox/99999999/retry').set('Authorization', admin).expect(404);
      await t.http.get('/api/outbox?status=lost').set('Authorization', admin).expect(400);
      await t.http.get('/api/outbox?channel=fax').set('Authorization', admin).expect(400);
      await t.http.get('/api/outbox').set('Authorization', handler).expect(403);
    });

    it('fails 40003 / 40037 / 47003 at once with the errcode', async () => {
      const c = await citizen('final', 3);
      await dispatch();
      for (const errcode of [40003, 40037, 47003]) {
        const { id } = await badRating({ bearer: c.bearer });
        await act(`${id}/accept`, handler).expect(200);
        wechat.failNextSends(errcode);
        expect(await dispatch()).toMatchObject({ failed: 1 });
        const [row] = await outbox(id);
        expect(row).toMatchObject({ status: 'failed', attempts: 1 });
        expect(row.lastError).toContain(`errcode ${errcode}`);
      }
    });

    it('sends again, with the same key, what a killed instance sent but never marked', async () => {
      const c = await citizen('crash', 2);
      await dispatch();
      const { id } = await badRating({ bearer: c.bearer });
      await act(`${id}/accept`, handler).expect(200);
      const [queued] = await outbox(id);

      // A second instance in its own process takes the message and is killed (SIGKILL) while
      // WeChat holds the request, i.e. after the send and before the mark.
      const other = otherInstance();
      other.results.catch(() => undefined);
      other.ready.catch(() => undefined);
      wechat.beforeAnswer = async (send) => {
        if (send.key !== queued.messageKey) return;
        other.child.kill('SIGKILL');
        await other.exited;
      };
      try {
        expect(await other.exited).toBe('SIGKILL');
      } catch (error) {
        throw new Error(`the other instance ended before sending: ${other.stderr()}`, {
          cause: error,
        });
      } finally {
        wechat.beforeAnswer = undefined;
      }
      let [row] = await outbox(id);
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(wechat.sends.filter((s) => s.key === queued.messageKey)).toHaveLength(1);

      // Not lost: once the dead instance's lease is over, this one sends it again.
      expect(await dispatch()).toMatchObject({ taken: 0 });
      t.clock.advance(LEASE_MS + 1000);
      expect(await dispatch()).toMatchObject({ sent: 1 });
      [row] = await outbox(id);
      expect(row).toMatchObject({ status: 'sent', attempts: 2 });
      const sends = wechat.sends.filter((s) => s.key === queued.messageKey);
      expect(sends).toHaveLength(2);
      expect(sends[1].body).toEqual(sends[0].body);
    }, 60_000);

    it('lets two instances on one database dispatch at once without sending a message twice', async () => {
      const N = 100;
      const c = await citizen('pair', N);
      await dispatch();
      const { id, ticketNo } = await badRating({ bearer: c.bearer });
      const dataSource = t.app.get(DataSource);
      const queue = t.app.get(OutboxService);
      // N messages for the same citizen, queued as a workflow move would queue them.
      await dataSource.transaction(async (em) => {
        for (let i = 0; i < N; i++) {
          await queue.enqueue(em, {
            channel: 'wechat',
            kind: 'ticket_accepted',
            ticketId: id,
            recipient: `citizen:${c.id}`,
            payload: {
              ticketNo,
              status: '已受理',
              content: `第${i}条`,
              time: t.clock.now().toISOString(),
            },
            now: t.clock.now(),
          });
        }
      });
      // The other instance runs in its own process, as it would in production (two in one
      // process on one SQLite file would block each other's thread on the file lock).
      const other = otherInstance({ wait: true });
      await other.ready;
      const tokenCalls = wechat.tokenCalls.length;
      const a = t.app.get(OutboxDispatcher);
      // A slow WeChat (10 ms a send) keeps both instances busy at the same time.
      wechat.sendDelayMs = 10;
      other.child.send('go');
      const [mine, theirs] = await Promise.all([
        Promise.all([a.run(), a.run()]),
        other.results.then((m) => m.results ?? []),
      ]);
      wechat.sendDelayMs = 0;
      expect(await other.exited).toBe(0);
      const sentHere = mine.reduce((n, r) => n + r.sent, 0);
      const sentThere = theirs.reduce((n, r) => n + r.sent, 0);
      expect(sentHere + sentThere).toBe(N);
      // Both took part.
      expect(sentHere).toBeGreaterThan(0);
      expect(sentThere).toBeGreaterThan(0);
      const rows = await outbox(id);
      expect(rows).toHaveLength(N);
      expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
      const sends = wechat.sends.filter((s) => rows.some((r) => r.messageKey === s.key));
      expect(sends).toHaveLength(N);
      expect(new Set(sends.map((s) => s.key)).size).toBe(N);
      // One token for both: the one in the database (or, had there been none, the one
      // stable_token gives every caller while it is valid), asked for once per instance at most.
      expect(wechat.tokenCalls.length - tokenCalls).toBeLessThanOrEqual(2);
      expect(new Set(sends.map((s) => s.accessToken)).size).toBe(1);
      expect(await remaining(c.id)).toBe(0);
    }, 30_000);
  });

  describe('staff notices', () => {
    it('tells the department handlers of a new ticket, and only them', async () => {
      const other = await makeCounter(t);
      const otherHandler = await t.as('department', { departmentId: other.departmentId });
      // A disabled handler of the department is told nothing.
      const admin = await t.adminToken();
      const disabled = await t.http
        .post('/api/users')
        .set('Authorization', admin)
        .send({
          username: `off-${Date.now()}`,
          password: 'correct-horse-battery',
          role: 'department',
          departmentId: counter.departmentId,
        })
        .expect(201);
      await t.http
        .patch(`/api/users/${disabled.body.id}`)
        .set('Authorization', admin)
        .send({ enabled: false })
        .expect(200);
      const { id, ticketNo } = await badRating();
      const told = await t.app
        .get(DataSource)
        .getRepository(StaffNotice)
        .findBy({ userId: disabled.body.id });
      expect(told).toEqual([]);
      for (const bearer of [handler, handler2]) {
        const [notice] = await about(bearer, id);
        expect(notice).toEqual({
          id: expect.any(Number),
          kind: 'ticket_opened',
          ticketId: id,
          ticketNo,
          title: '新差评工单待受理（1星）',
          createdAt: expect.any(String),
          read: false,
        });
      }
      expect(await about(otherHandler, id)).toEqual([]);
      expect(await about(supervisor, id)).toEqual([]);

      // A complaint too.
      const tx = await registerTransaction(t, counter);
      const complaint = await t.http
        .post('/api/complaints')
        .send({ token: tx.ratingToken, content: '窗口人员态度恶劣，反复让我补材料' })
        .expect(201);
      const opened = await t.ticket(complaint.body.ticketNo);
      expect((await about(handler, opened.id)).map((n) => n.title)).toEqual(['新投诉工单待受理']);
    });

    it('tells supervisors of a submitted result and of an appeal; the submitter of a rejection', async () => {
      const { id } = await badRating();
      await act(`${id}/accept`, handler).expect(200);
      await act(`${id}/submit`, handler2, submit()).expect(200);
      const [submitted] = await about(supervisor, id);
      expect(submitted).toMatchObject({
        kind: 'result_submitted',
        title: expect.stringMatching(/^整改结果待审核：已对窗口/),
      });
      await act(`${id}/review`, supervisor, {
        decision: 'reject',
        note: '回访记录不完整，请补充',
      }).expect(200);
      expect((await about(handler2, id)).map((n) => [n.kind, n.title])).toContainEqual([
        'result_rejected',
        '整改结果被退回：回访记录不完整，请补充',
      ]);
      expect((await about(handler, id)).map((n) => n.kind)).not.toContain('result_rejected');

      const appealed = await badRating();
      await act(`${appealed.id}/appeal`, handler, {
        reason: '该群众办理的是税务事项，误评本部门',
      }).expect(200);
      expect((await about(supervisor, appealed.id)).map((n) => n.kind)).toEqual([
        'appeal_submitted',
      ]);
      await act(`${appealed.id}/appeal-review`, supervisor, {
        decision: 'dismiss',
        note: '证据不足',
      }).expect(200);
      expect((await about(handler, appealed.id)).map((n) => [n.kind, n.title])).toContainEqual([
        'appeal_decided',
        '申诉被驳回，请继续整改：证据不足',
      ]);
    });

    it('writes no notice for a move that was refused (same transaction as the event)', async () => {
      const { id } = await badRating();
      await act(`${id}/submit`, handler, submit()).expect(409);
      expect(await about(supervisor, id)).toEqual([]);
    });

    it('tells the handlers when the citizen refuses the reply', async () => {
      const c = await citizen('verdict');
      const { id, ticketNo } = await badRating({ bearer: c.bearer });
      await act(`${id}/accept`, handler).expect(200);
      await act(`${id}/submit`, handler, submit()).expect(200);
      await act(`${id}/review`, supervisor, { decision: 'approve', note: '同意' }).expect(200);
      await t.http
        .post(`/api/me/tickets/${ticketNo}/acceptance`)
        .set('Authorization', c.bearer)
        .send({ accepted: false, comment: '电话13812348000一直没人接' })
        .expect(200);
      const refused = (await about(handler2, id)).find((n) => n.kind === 'citizen_refused');
      expect(refused?.title).toBe('群众不认可处理结果，工单已重新打开：电话138****8000一直没人接');
    });

    it('warns the handlers before the due date and escalates an overdue ticket to supervisors', async () => {
      const repo = t.app.get(DataSource).getRepository(Ticket);
      const soon = await badRating();
      const late = await badRating();
      const now = t.clock.now();
      await repo.update(soon.id, { dueAt: new Date(now.getTime() + 3600_000) });
      await repo.update(late.id, { dueAt: new Date(now.getTime() - 3600_000) });
      expect(await t.app.get(OverdueJob).run(now)).toMatchObject({ ran: true });
      expect((await about(handler, soon.id)).map((n) => n.kind)).toContain('ticket_due_soon');
      expect((await about(handler, late.id)).map((n) => n.kind)).toContain('ticket_overdue');
      expect((await about(supervisor, late.id)).map((n) => n.kind)).toEqual(['ticket_overdue']);
      expect(await about(supervisor, soon.id)).toEqual([]);
    });

    it('lists unread and read notices and marks only the caller’s own read', async () => {
      const fresh = await t.as('department', { departmentId: counter.departmentId });
      expect(await notices(fresh)).toEqual({ items: [], total: 0 });
      const one = await badRating();
      const two = await badRating();
      let unread = await notices(fresh, '?unread=true');
      expect(unread.total).toBe(2);
      expect(unread.items.map((n) => n.ticketId)).toEqual([two.id, one.id]); // newest first
      const theirs = (await about(handler, one.id))[0];

      const read = await t.http
        .post('/api/me/notifications/read')
        .set('Authorization', fresh)
        .send({ ids: [unread.items[1].id, theirs.id] })
        .expect(200);
      expect(read.body).toEqual({ updated: 1 });
      unread = await notices(fresh, '?unread=true');
      expect(unread.items.map((n) => n.ticketId)).toEqual([two.id]);
      expect(
        (await notices(fresh, '?unread=false')).items.map((n) => [n.ticketId, n.read]),
      ).toEqual([[one.id, true]]);
      expect((await about(handler, one.id))[0].read).toBe(false);
      expect((await notices(fresh, '?limit=1')).items).toHaveLength(1);

      const post = (body: unknown) =>
        t.http
          .post('/api/me/notifications/read')
          .set('Authorization', fresh)
          .send(body as object);
      for (const body of [
        {},
        { ids: [] },
        { ids: ['x'] },
        { ids: [0] },
        { ids: Array.from({ length: 101 }, (_, i) => i + 1) },
        { ids: null },
      ]) {
        expect((await post(body).expect(400)).body.error).toBe('VALIDATION_FAILED');
      }
      for (const q of ['?unread=maybe', '?limit=0', '?limit=101', '?limit=x']) {
        await t.http.get(`/api/me/notifications${q}`).set('Authorization', fresh).expect(400);
      }
      const c = await citizen('not-staff');
      await t.http.get('/api/me/notifications').set('Authorization', c.bearer).expect(401);
      await t.http.get('/api/me/notifications').expect(401);
    });
  });

  describe('督办', () => {
    it('records an event, counts it on the ticket and tells the handlers', async () => {
      const other = await makeCounter(t);
      const otherHandler = await t.as('department', { departmentId: other.departmentId });
      const { id } = await badRating();
      const urged = await act(`${id}/urge`, supervisor, { note: '请今天内联系群众' }).expect(200);
      expect(urged.body).toMatchObject({ id, status: 'open', urgeCount: 1 });
      await act(`${id}/accept`, handler).expect(200);
      await act(`${id}/urge`, supervisor, { note: '  请本周内提交整改结果  ' }).expect(200);

      const detail = await t.http
        .get(`/api/tickets/${id}`)
        .set('Authorization', handler)
        .expect(200);
      expect(detail.body.urgeCount).toBe(2);
      expect(
        detail.body.events
          .filter((e: { type: string }) => e.type === 'urge')
          .map((e: { note: string; actorType: string }) => [e.note, e.actorType]),
      ).toEqual([
        ['请今天内联系群众', 'user'],
        ['请本周内提交整改结果', 'user'],
      ]);
      const list = await t.http
        .get(`/api/tickets?departmentId=${counter.departmentId}&pageSize=100`)
        .set('Authorization', supervisor)
        .expect(200);
      expect(list.body.items.find((x: { id: number }) => x.id === id).urgeCount).toBe(2);
      for (const bearer of [handler, handler2]) {
        expect(
          (await about(bearer, id)).filter((n) => n.kind === 'ticket_urged').map((n) => n.title),
        ).toEqual(['督办：请本周内提交整改结果', '督办：请今天内联系群众']);
      }
      expect(await about(otherHandler, id)).toEqual([]);
      const audit = await t.http
        .get(`/api/audit?entity=ticket&entityId=${id}`)
        .set('Authorization', supervisor)
        .expect(200);
      expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('ticket.urge');
    });

    it('is for supervisors, with a note, while the department is the one to act', async () => {
      const { id } = await badRating();
      await act(`${id}/urge`, handler, { note: '自己催自己' }).expect(403);
      for (const body of [
        {},
        { note: '' },
        { note: '   ' },
        { note: 'x'.repeat(501) },
        { note: 5 },
      ]) {
        expect((await act(`${id}/urge`, supervisor, body).expect(400)).body.error).toBe(
          'VALIDATION_FAILED',
        );
      }
      await act(`${id}/accept`, handler).expect(200);
      await act(`${id}/submit`, handler, submit()).expect(200);
      const waiting = await act(`${id}/urge`, supervisor, { note: '请尽快' }).expect(409);
      expect(waiting.body.error).toBe('INVALID_TRANSITION');
      await act('99999999/urge', supervisor, { note: '请尽快' }).expect(404);
      expect(
        (
          await t.ticket(
            (await t.http.get(`/api/tickets/${id}`).set('Authorization', supervisor)).body.ticketNo,
          )
        ).urgeCount,
      ).toBe(0);
    });
  });

  describe('the migration', () => {
    it('turns the scan’s unsent outbox rows into the notices they were meant to be, and undoes cleanly', async () => {
      const { id, ticketNo } = await badRating();
      const ds = t.app.get(DataSource);
      const after = MIGRATIONS.length - MIGRATIONS.indexOf(Notifications1764283000000);
      for (let i = 0; i < after; i++) await ds.undoLastMigration();
      const payload = JSON.stringify({
        ticketNo,
        dueAt: '2026-11-20T15:59:59.999Z',
        kind: 'overdue',
      });
      for (const recipient of [`department:${counter.departmentId}`, 'supervisors']) {
        await ds.query(
          'INSERT INTO notification_outbox (kind, ticketId, recipient, payload, createdAt, sentAt) VALUES (?, ?, ?, ?, ?, NULL)',
          ['ticket_overdue', id, recipient, payload, '2026-11-18 02:00:00.000'],
        );
      }
      await ds.runMigrations();
      expect(await ds.showMigrations()).toBe(false);
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);

      const overdue = async (bearer: string) =>
        (await about(bearer, id)).filter((n) => n.kind === 'ticket_overdue');
      for (const bearer of [handler, handler2, supervisor]) {
        expect(await overdue(bearer)).toEqual([
          expect.objectContaining({
            ticketNo,
            title: '工单已超期（2026-11-20 截止）',
            read: false,
          }),
        ]);
      }
      const [{ n }] = await ds.query<{ n: number }[]>(
        'SELECT COUNT(*) AS n FROM notification_outbox',
      );
      expect(Number(n)).toBe(0);
    });
  });
});
