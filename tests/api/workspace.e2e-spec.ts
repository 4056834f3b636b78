import { createHash, randomInt } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  compositeScore,
  emptyCounts,
  ratesOf,
  sumUnitCounts,
  type UnitCounts,
} from '@haochaping/domain';
import sharp from 'sharp';
import { DataSource } from 'typeorm';
import { variantPath } from '../../apps/api/src/attachments/image-variants';
import { MIGRATIONS } from '../../apps/api/src/database/migrations';
import { AttachmentLinks1764260000000 } from '../../apps/api/src/database/migrations/1764260000000-AttachmentLinks';
import { OverdueJob } from '../../apps/api/src/jobs/overdue.job';
import { Ticket } from '../../apps/api/src/tickets/entities/ticket.entity';
import { makeCounter, registerTransaction, type Counter } from '../support/fixtures';
import { binary } from '../support/http';
import { startTestApp, TEST_NOW, type TestApp } from '../support/test-app';

/*
 * The staff workspace's read endpoints: photos of ratings, complaints and appeals; the window
 * kiosk and the window's recent transactions; the bad-rating tags and the centre's trend beside
 * the scores; the near-due ticket filter. One app for the file; each block builds its own data.
 */
describe('staff workspace', () => {
  let t: TestApp;
  let supervisor: string;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
    supervisor = await t.as('supervisor');
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const get = (path: string, bearer: string) => t.http.get(path).set('Authorization', bearer);
  const getImage = (path: string, bearer: string) => get(path, bearer).buffer(true).parse(binary);

  const uploadKeys = new Map<number, string>();
  async function upload(bytes: Buffer, name = 'photo.jpg'): Promise<number> {
    const res = await t.http.post('/api/attachments').attach('file', bytes, name).expect(201);
    uploadKeys.set(res.body.id as number, res.body.key as string);
    return res.body.id as number;
  }

  /** The fields that attach uploaded photos: their ids and the keys their uploads answered. */
  const photos = (...ids: number[]) => ({
    attachmentIds: ids,
    attachmentKeys: ids.map((id) => uploadKeys.get(id) as string),
  });

  async function rate(c: Counter, body: object, tx?: { ratingToken: string }) {
    const { ratingToken } = tx ?? (await registerTransaction(t, c));
    const res = await t.http
      .post('/api/ratings')
      .send({ token: ratingToken, ...body })
      .expect(201);
    return res.body as { id: number; ticketNo?: string };
  }

  describe('GET /api/attachments/:id', () => {
    let a: Counter;
    let handlerA: string;
    let handlerB: string;
    /** A 3000×2000 camera JPEG turned on its side (EXIF orientation 6), with a camera make. */
    let camera: Buffer;
    let ratingPhoto: number;
    let complaintPhoto: number;
    let appealPhoto: number;
    let goodRatingPhoto: number;
    let unreferenced: number;
    let undecodable: number;
    let ticketId: number;
    let complaintTicketId: number;

    beforeAll(async () => {
      a = await makeCounter(t);
      handlerA = await t.as('department', { departmentId: a.departmentId });
      handlerB = await t.as('department');
      // A random colour: a photo no earlier run has cached (MariaDB runs share DATA_DIR).
      const background = { r: randomInt(256), g: randomInt(256), b: randomInt(256) };
      camera = await sharp({ create: { width: 3000, height: 2000, channels: 3, background } })
        .withMetadata({ orientation: 6 })
        .withExif({ IFD0: { Make: 'WorkspaceTestCam' } })
        .jpeg()
        .toBuffer();
      const transparent = await sharp({
        create: { width: 400, height: 300, channels: 4, background: { ...background, alpha: 0 } },
      })
        .png()
        .toBuffer();
      ratingPhoto = await upload(camera);
      complaintPhoto = await upload(transparent, 'shot.png');
      appealPhoto = await upload(camera);
      goodRatingPhoto = await upload(camera);
      unreferenced = await upload(camera);
      // JPEG magic bytes and nothing of an image: accepted at upload, which checks the type only.
      undecodable = await upload(
        Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]),
      );

      const bad = await rate(a, { level: 1, anonymous: true, ...photos(ratingPhoto) });
      ticketId = (await t.ticket(bad.ticketNo as string)).id;
      await t
        .act(`${ticketId}/appeal`, handlerA, {
          reason: '经核实该评价针对的是其他部门事项，附现场照片',
          ...photos(appealPhoto),
        })
        .expect(200);
      const complained = await registerTransaction(t, a);
      const complaint = await t.http
        .post('/api/complaints')
        .send({
          token: complained.ratingToken,
          content: '窗口人员态度恶劣',
          ...photos(complaintPhoto, undecodable),
        })
        .expect(201);
      complaintTicketId = (await t.ticket(complaint.body.ticketNo)).id;
      await rate(a, { level: 5, ...photos(goodRatingPhoto) });
    });

    it('serves a photo re-encoded: orientation applied, metadata gone, longest side ≤ 2048, locked-down headers', async () => {
      const res = await getImage(`/api/attachments/${ratingPhoto}`, supervisor).expect(200);
      expect(res.headers).toMatchObject({
        'content-type': 'image/jpeg',
        'x-content-type-options': 'nosniff',
        'content-security-policy': "default-src 'none'; sandbox",
        'cache-control': 'private, max-age=86400',
      });
      const jpeg = res.body as Buffer;
      expect(jpeg.equals(camera)).toBe(false);
      const meta = await sharp(jpeg).metadata();
      // 3000×2000 on its side is 2000×3000 upright, scaled to 1365×2048.
      expect(meta).toMatchObject({ format: 'jpeg', width: 1365, height: 2048 });
      expect(meta.orientation).toBeUndefined();
      expect(meta.exif).toBeUndefined();
      expect(jpeg.toString('latin1')).not.toContain('WorkspaceTestCam');
      // ?size=full is the default.
      const full = await getImage(`/api/attachments/${ratingPhoto}?size=full`, admin).expect(200);
      expect((full.body as Buffer).equals(jpeg)).toBe(true);
    });

    it('makes a thumbnail ≤ 320 px once and keeps it on disk beside the upload', async () => {
      const res = await getImage(`/api/attachments/${ratingPhoto}?size=thumb`, supervisor).expect(
        200,
      );
      expect(res.headers['content-type']).toBe('image/jpeg');
      const meta = await sharp(res.body as Buffer).metadata();
      expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(320);
      expect(meta).toMatchObject({ format: 'jpeg', width: 213, height: 320 });

      const sha = createHash('sha256').update(camera).digest('hex');
      const original = join(t.config.dataDir, 'uploads', sha.slice(0, 2), `${sha}.jpg`);
      const cached = variantPath(original, 'thumb');
      expect(existsSync(cached)).toBe(true);
      // The second request answers the cached file: replaced on disk, it is what comes back.
      const marker = await sharp({
        create: { width: 8, height: 8, channels: 3, background: '#123456' },
      })
        .jpeg()
        .toBuffer();
      writeFileSync(cached, marker);
      const again = await getImage(`/api/attachments/${ratingPhoto}?size=thumb`, handlerA).expect(
        200,
      );
      expect((again.body as Buffer).equals(marker)).toBe(true);
    });

    it('turns a transparent PNG into a white JPEG and never enlarges a small photo', async () => {
      const res = await getImage(`/api/attachments/${complaintPhoto}`, supervisor).expect(200);
      const image = sharp(res.body as Buffer);
      expect(await image.metadata()).toMatchObject({ format: 'jpeg', width: 400, height: 300 });
      const { channels } = await image.stats();
      expect(channels.map((c) => Math.round(c.mean))).toEqual([255, 255, 255]);
    });

    it("shows a department handler the photos of its own department's tickets only", async () => {
      for (const id of [ratingPhoto, complaintPhoto, appealPhoto]) {
        await get(`/api/attachments/${id}?size=thumb`, handlerA).expect(200);
        for (const bearer of [supervisor, admin])
          await get(`/api/attachments/${id}`, bearer).expect(200);
        const other = await get(`/api/attachments/${id}`, handlerB).expect(404);
        expect(other.body).toMatchObject({ statusCode: 404, error: 'NOT_FOUND' });
        // The window clerk, whose work was rated, sees no evidence at all.
        await get(`/api/attachments/${id}`, a.clerk).expect(404);
      }
      // A good rating opens no ticket: the supervisor sees its photo, the department does not.
      await get(`/api/attachments/${goodRatingPhoto}`, supervisor).expect(200);
      await get(`/api/attachments/${goodRatingPhoto}`, handlerA).expect(404);
    });

    it('answers 404 alike for an upload nothing references and an unknown id, 400 for a bad id or size', async () => {
      const unref = await get(`/api/attachments/${unreferenced}`, supervisor).expect(404);
      const unknown = await get('/api/attachments/2147483647', supervisor).expect(404);
      expect(unref.body).toEqual(unknown.body);
      await get(`/api/attachments/${unreferenced}`, admin).expect(404);
      for (const bad of ['abc', '0', '1.5']) {
        const res = await get(`/api/attachments/${bad}`, supervisor).expect(400);
        expect(res.body).toMatchObject({
          error: 'VALIDATION_FAILED',
          details: { id: expect.any(Array) },
        });
      }
      const size = await get(`/api/attachments/${ratingPhoto}?size=huge`, supervisor).expect(400);
      expect(size.body.details).toHaveProperty('size');
      await t.http.get(`/api/attachments/${ratingPhoto}`).expect(401);
    });

    it('answers 415, not 500, for a stored file that is no image after all', async () => {
      const res = await get(`/api/attachments/${undecodable}`, supervisor).expect(415);
      expect(res.body).toMatchObject({ statusCode: 415, error: 'UNSUPPORTED_MEDIA_TYPE' });
    });

    it('names the photos of the rating or complaint and of the appeal on the ticket detail', async () => {
      const rated = await get(`/api/tickets/${ticketId}`, handlerA).expect(200);
      expect(rated.body.rating.attachmentIds).toEqual([ratingPhoto]);
      expect(rated.body.appeal.attachmentIds).toEqual([appealPhoto]);
      const complained = await get(`/api/tickets/${complaintTicketId}`, supervisor).expect(200);
      expect(complained.body.complaint.attachmentIds).toEqual([complaintPhoto, undecodable]);
      expect(complained.body.appeal).toBeNull();
    });
  });

  type Registered = Awaited<ReturnType<typeof registerTransaction>>;

  /** Finished 8 days ago: the 7-day rating period is over. */
  const registerExpired = (c: Counter) =>
    registerTransaction(t, c, {
      finishedAt: new Date(t.clock.nowMs() - 8 * 86_400_000).toISOString(),
    });

  const complain = (tx: Registered) =>
    t.http
      .post('/api/complaints')
      .send({ token: tx.ratingToken, content: '排队两个小时无人处理' })
      .expect(201);

  describe('GET /api/windows/:id/kiosk', () => {
    let k: Counter;
    let other: Counter;

    const kiosk = (bearer: string) => get(`/api/windows/${k.windowId}/kiosk`, bearer).expect(200);

    beforeAll(async () => {
      k = await makeCounter(t);
      other = await makeCounter(t);
    });

    it('shows the newest transaction while open for rating with its registered link, then the last rated one, never how', async () => {
      const window = { windowId: k.windowId, windowName: 'A01 企业开办窗口' };
      expect((await kiosk(k.clerk)).body).toEqual({ ...window, current: null, lastRated: null });

      const first = await registerTransaction(t, k);
      const second = await registerTransaction(t, k);
      // Registered last, but its rating period is over.
      await registerExpired(k);
      expect((await kiosk(k.clerk)).body).toEqual({
        ...window,
        current: {
          transactionId: second.id,
          transactionNo: second.transactionNo,
          serviceItemName: '食品经营许可证核发',
          staffName: `张（${k.staffNo}）`,
          finishedAt: expect.any(String),
          ratingUrl: second.ratingUrl,
          expiresAt: second.expiresAt,
        },
        lastRated: null,
      });

      await rate(k, { level: 1, anonymous: true, comment: '太慢了', tags: ['办事效率低'] }, second);
      const rated = await kiosk(k.clerk);
      // Only the newest: an older unrated transaction never comes back for the next person.
      expect(rated.body.current).toBeNull();
      expect(rated.body.lastRated).toEqual({
        transactionId: second.id,
        transactionNo: second.transactionNo,
      });
      expect(JSON.stringify(rated.body)).not.toMatch(/level|办事效率低|太慢了|comment|ticket/);

      const third = await registerTransaction(t, k);
      expect((await kiosk(k.clerk)).body.current.transactionId).toBe(third.id);
      await complain(third);
      const complained = await kiosk(supervisor);
      expect(complained.body.current).toBeNull();
      expect((await get(`/api/rating-forms/${first.ratingToken}`, supervisor)).body.rated).toBe(
        false,
      );
      expect(complained.body.lastRated.transactionId).toBe(second.id);

      // The last rated is the last rating given, whichever transaction was registered first.
      const older = await registerTransaction(t, k);
      const newer = await registerTransaction(t, k);
      await rate(k, { level: 5 }, newer);
      t.clock.advance(1000);
      await rate(k, { level: 4 }, older);
      expect((await kiosk(admin)).body).toEqual({
        ...window,
        current: null,
        lastRated: { transactionId: older.id, transactionNo: older.transactionNo },
      });
    });

    it("keeps a window clerk to its own window's kiosk", async () => {
      await get(`/api/windows/${k.windowId}/kiosk`, other.clerk).expect(404);
      await get(`/api/windows/${other.windowId}/kiosk`, other.clerk).expect(200);
      await get('/api/windows/2147483647/kiosk', supervisor).expect(404);
      await get('/api/windows/abc/kiosk', supervisor).expect(400);
      const handler = await t.as('department', { departmentId: k.departmentId });
      const refused = await get(`/api/windows/${k.windowId}/kiosk`, handler).expect(403);
      expect(refused.body.error).toBe('FORBIDDEN');
      await t.http.get(`/api/windows/${k.windowId}/kiosk`).expect(401);
    });

    it('draws the QR code of any of its transactions for the window clerk: rated, complained about or expired', async () => {
      const q = await makeCounter(t);
      const rated = await registerTransaction(t, q);
      await rate(q, { level: 5 }, rated);
      const complained = await registerTransaction(t, q);
      await complain(complained);
      const expired = await registerExpired(q);
      for (const tx of [rated, complained, expired]) {
        // SVG: the PNG encoder takes a second per code under jest (not in Node itself).
        const res = await get(`/api/transactions/${tx.id}/qrcode`, q.clerk).expect(200);
        expect(res.headers['content-type']).toContain('image/svg+xml');
        await get(`/api/transactions/${tx.id}/qrcode`, other.clerk).expect(404);
      }
    });
  });

  describe('GET /api/transactions', () => {
    let w: Counter;
    let other: Counter;
    let plain: Registered;
    let rated: Registered;
    let complained: Registered;
    let expired: Registered;

    beforeAll(async () => {
      w = await makeCounter(t);
      other = await makeCounter(t);
      plain = await registerTransaction(t, w);
      rated = await registerTransaction(t, w);
      await rate(w, { level: 2, anonymous: true, tags: ['多次跑腿'] }, rated);
      complained = await registerTransaction(t, w);
      await complain(complained);
      expired = await registerExpired(w);
      await registerTransaction(t, other);
    });

    it("lists the window's transactions newest first with rated and complained, never the level", async () => {
      const res = await get('/api/transactions', w.clerk).expect(200);
      expect(res.body).toMatchObject({ total: 4, page: 1, pageSize: 20 });
      const items = res.body.items as Record<string, unknown>[];
      expect(items.map((i) => i.id)).toEqual([expired.id, complained.id, rated.id, plain.id]);
      expect(items[0]).toEqual({
        id: expired.id,
        transactionNo: expired.transactionNo,
        windowId: w.windowId,
        serviceItemName: '食品经营许可证核发',
        staffName: '张敏',
        finishedAt: expect.any(String),
        expiresAt: expired.expiresAt,
        rated: false,
        complained: false,
      });
      expect(items[1]).toMatchObject({ rated: false, complained: true });
      expect(items[2]).toMatchObject({ rated: true, complained: false });
      expect(items[3]).toMatchObject({ rated: false, complained: false });
      expect(JSON.stringify(res.body)).not.toMatch(/level|多次跑腿|rating(Id|Token|Url)|phone/i);

      const page = await get('/api/transactions?page=2&pageSize=3', w.clerk).expect(200);
      expect(page.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
      expect(page.body.items.map((i: { id: number }) => i.id)).toEqual([plain.id]);
    });

    it('confines a window clerk to its window (another windowId is 404); supervisors pick any or all', async () => {
      await get(`/api/transactions?windowId=${w.windowId}`, w.clerk).expect(200);
      const foreign = await get(`/api/transactions?windowId=${other.windowId}`, w.clerk).expect(
        404,
      );
      expect(foreign.body.error).toBe('NOT_FOUND');
      expect((await get('/api/transactions', other.clerk).expect(200)).body.total).toBe(1);

      const one = await get(`/api/transactions?windowId=${w.windowId}`, supervisor).expect(200);
      expect(one.body.total).toBe(4);
      const all = await get('/api/transactions?pageSize=100', admin).expect(200);
      expect(all.body.total).toBeGreaterThan(5);
      const windows = new Set(all.body.items.map((i: { windowId: number }) => i.windowId));
      expect(windows.has(w.windowId) && windows.has(other.windowId)).toBe(true);

      const handler = await t.as('department', { departmentId: w.departmentId });
      await get('/api/transactions', handler).expect(403);
      for (const query of ['pageSize=0', 'pageSize=101', 'page=x', 'windowId=abc', 'windowId=0']) {
        const res = await get(`/api/transactions?${query}`, supervisor).expect(400);
        expect(res.body.error).toBe('VALIDATION_FAILED');
      }
    });
  });

  describe('bad-rating tags and the centre trend', () => {
    /** Built in September: no other block of this file rates in that month. */
    const month = '2026-09';
    let t1: Counter;
    let t2: Counter;
    let handler2: string;

    beforeAll(async () => {
      t1 = await makeCounter(t);
      t2 = await makeCounter(t);
      handler2 = await t.as('department', { departmentId: t2.departmentId });
      const handler1 = await t.as('department', { departmentId: t1.departmentId });
      // Finished on 31 August, rated on 2 September: it counts in September, as in the scores.
      t.clock.set('2026-08-31T09:00:00.000Z');
      const august = await registerTransaction(t, t1);
      t.clock.set('2026-09-02T02:00:00.000Z');
      try {
        await rate(t1, { level: 1, anonymous: true, tags: ['服务态度差', '办事效率低'] });
        await rate(t1, { level: 2, anonymous: true, tags: ['办事效率低'] });
        await rate(t1, { level: 1, anonymous: true });
        await rate(t1, { level: 1, anonymous: true, tags: ['一次性告知不到位'] }, august);
        await rate(t1, { level: 5, tags: ['热情周到'] });
        const voided = await rate(t1, { level: 2, anonymous: true, tags: ['多次跑腿'] });
        const voidedId = (await t.ticket(voided.ticketNo as string)).id;
        await t
          .act(`${voidedId}/appeal`, handler1, { reason: '经核实该评价针对的是其他部门事项' })
          .expect(200);
        await t
          .act(`${voidedId}/appeal-review`, supervisor, { decision: 'uphold', note: '申诉成立' })
          .expect(200);
        await rate(t2, { level: 2, anonymous: true, tags: ['办事效率低', '环境设施差'] });
      } finally {
        t.clock.set(TEST_NOW);
      }
    });

    it("counts the tags of a month's valid bad ratings, most frequent first, then by tag", async () => {
      const res = await get(`/api/scores/tags?month=${month}`, supervisor).expect(200);
      expect(res.body).toEqual({
        month,
        departmentId: null,
        ratings: 5,
        items: [
          { tag: '办事效率低', count: 3 },
          { tag: '一次性告知不到位', count: 1 },
          { tag: '服务态度差', count: 1 },
          { tag: '环境设施差', count: 1 },
        ],
      });
      const one = await get(
        `/api/scores/tags?month=${month}&departmentId=${t1.departmentId}`,
        admin,
      ).expect(200);
      expect(one.body).toEqual({
        month,
        departmentId: t1.departmentId,
        ratings: 4,
        items: [
          { tag: '办事效率低', count: 2 },
          { tag: '一次性告知不到位', count: 1 },
          { tag: '服务态度差', count: 1 },
        ],
      });
      // The month the rating was given, not the month its transaction finished.
      const august = await get(
        `/api/scores/tags?month=2026-08&departmentId=${t1.departmentId}`,
        supervisor,
      ).expect(200);
      expect(august.body).toEqual({
        month: '2026-08',
        departmentId: t1.departmentId,
        ratings: 0,
        items: [],
      });
    });

    it("gives a department handler its own department's tags whatever it asks for", async () => {
      const res = await get(
        `/api/scores/tags?month=${month}&departmentId=${t1.departmentId}`,
        handler2,
      ).expect(200);
      expect(res.body).toEqual({
        month,
        departmentId: t2.departmentId,
        ratings: 1,
        items: [
          { tag: '办事效率低', count: 1 },
          { tag: '环境设施差', count: 1 },
        ],
      });
    });

    it('refuses a bad month or department with 400, and window clerks with 403', async () => {
      for (const query of ['month=2026-13', 'month=2026-9', '', `month=${month}&departmentId=x`]) {
        const res = await get(`/api/scores/tags?${query}`, supervisor).expect(400);
        expect(res.body.error).toBe('VALIDATION_FAILED');
      }
      await get(`/api/scores/tags?month=${month}`, t1.clerk).expect(403);
    });

    it('draws the centre over the last months: departments summed, same formulas, no rank', async () => {
      await t.http.post(`/api/scores/${month}/freeze`).set('Authorization', supervisor).expect(200);
      const res = await get('/api/scores/trend?unit=centre&months=3', supervisor).expect(200);
      expect(res.body).toMatchObject({ by: 'centre', id: null });
      const [september, october, november] = res.body.months;
      // September by hand: 6 finished, 5 rated (the voided rating no longer counts), 6 valid
      // ratings of which 1 good.
      expect(september).toMatchObject({
        month,
        frozen: true,
        ratings: 6,
        goodRate: 0.1667,
        badRate: 0.8333,
        ratingRate: 0.8333,
        rank: null,
      });
      expect(october).toEqual({
        month: '2026-10',
        frozen: false,
        ratings: 0,
        goodRate: null,
        badRate: null,
        ratingRate: null,
        rectificationRate: null,
        onTimeRate: null,
        visitRate: null,
        score: null,
        rank: null,
      });
      // Each month equals its department rows added up and put through the same formulas.
      for (const point of [september, november]) {
        const scores = await get(
          `/api/scores?month=${point.month}&by=department`,
          supervisor,
        ).expect(200);
        const counts = sumUnitCounts(scores.body.rows.map(countsOf));
        const rates = ratesOf(counts);
        expect(point).toEqual({
          month: point.month,
          frozen: scores.body.frozen,
          ratings: counts.ratings,
          ...rates,
          score: compositeScore(rates, scores.body.weights),
          rank: null,
        });
      }
      expect(november.ratings).toBeGreaterThan(0);
      // A department handler may draw it too.
      await get('/api/scores/trend?unit=centre', handler2).expect(200);
    });

    it('needs an id for the other units and refuses one for the centre, with 400', async () => {
      const missing = await get('/api/scores/trend?unit=department', supervisor).expect(400);
      expect(missing.body).toMatchObject({
        error: 'VALIDATION_FAILED',
        details: { id: expect.any(Array) },
      });
      const extra = await get(
        `/api/scores/trend?unit=centre&id=${t1.departmentId}`,
        supervisor,
      ).expect(400);
      expect(extra.body.details).toHaveProperty('id');
      await get('/api/scores/trend?unit=region', supervisor).expect(400);
      await get('/api/scores/trend?unit=centre&months=25', supervisor).expect(400);
      const unit = await get(
        `/api/scores/trend?unit=department&id=${t1.departmentId}&months=3`,
        supervisor,
      ).expect(200);
      expect(unit.body).toMatchObject({ by: 'department', id: t1.departmentId });
      expect(unit.body.months[0]).toMatchObject({ month, frozen: true, ratings: 5 });
    });
  });

  describe('GET /api/tickets?nearDue=', () => {
    let n: Counter;
    let handler: string;
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      n = await makeCounter(t);
      handler = await t.as('department', { departmentId: n.departmentId });
      const repo = t.app.get(DataSource).getRepository(Ticket);
      const now = t.clock.nowMs();
      // Wednesday 18 November: two working days on is the end of Friday 20 November in China.
      const endOfFriday = new Date('2026-11-20T15:59:59.999Z');
      const due: Record<string, Date | null> = {
        inAnHour: new Date(now + 3600_000),
        endOfFriday,
        saturday: new Date(endOfFriday.getTime() + 1),
        overdue: new Date(now - 3600_000),
        closed: new Date(now + 3600_000),
        standard: null, // 15 working days, as opened
      };
      for (const [name, dueAt] of Object.entries(due)) {
        const { ticketNo } = await rate(n, { level: 2, anonymous: true });
        const ticket = await t.ticket(ticketNo as string);
        ids[name] = ticket.id;
        if (dueAt) await repo.update(ticket.id, { dueAt });
      }
      await repo.update(ids.closed, { status: 'closed', closedAt: new Date(now) });
    });

    const listed = async (query: string, bearer = supervisor) => {
      const res = await get(
        `/api/tickets?departmentId=${n.departmentId}&pageSize=100&${query}`,
        bearer,
      ).expect(200);
      return (res.body.items as { id: number }[]).map((i) => i.id).sort((x, y) => x - y);
    };

    it('lists the running tickets due within two working days, not the overdue ones', async () => {
      const near = [ids.inAnHour, ids.endOfFriday].sort((x, y) => x - y);
      expect(await listed('nearDue=true')).toEqual(near);
      expect(await listed('nearDue=true', handler)).toEqual(near);
      const rest = [ids.saturday, ids.overdue, ids.closed, ids.standard].sort((x, y) => x - y);
      expect(await listed('nearDue=false')).toEqual(rest);
      expect(await listed('nearDue=true&overdue=true')).toEqual([]);
      const res = await get('/api/tickets?nearDue=soon', supervisor).expect(400);
      expect(res.body.details).toHaveProperty('nearDue');
    });

    it('marks each ticket of a list and its detail dueSoon by the same rule', async () => {
      const res = await get(
        `/api/tickets?departmentId=${n.departmentId}&pageSize=100`,
        supervisor,
      ).expect(200);
      const marked = (res.body.items as { id: number; dueSoon: boolean }[])
        .filter((i) => i.dueSoon)
        .map((i) => i.id)
        .sort((x, y) => x - y);
      expect(marked).toEqual(await listed('nearDue=true'));
      for (const [name, id] of Object.entries(ids)) {
        const detail = await get(`/api/tickets/${id}`, supervisor).expect(200);
        expect({ name, dueSoon: detail.body.dueSoon }).toEqual({
          name,
          dueSoon: name === 'inAnHour' || name === 'endOfFriday',
        });
      }
    });

    it('agrees with the overdue scan: its due_soon warnings go to exactly these tickets', async () => {
      await t.app.get(OverdueJob).run(t.clock.now());
      const warned: number[] = [];
      for (const id of Object.values(ids)) {
        const res = await get(`/api/tickets/${id}`, supervisor).expect(200);
        if ((res.body.events as { type: string }[]).some((e) => e.type === 'due_soon'))
          warned.push(id);
      }
      expect(warned.sort((x, y) => x - y)).toEqual(await listed('nearDue=true'));
    });
  });

  describe('the migrations of this work', () => {
    it('link the photos of existing ratings, complaints and appeals, and undo cleanly', async () => {
      const c = await makeCounter(t);
      const handler = await t.as('department', { departmentId: c.departmentId });
      const photo = () => upload(Buffer.from(`\xff\xd8\xff\xe0${randomInt(1e9)}`, 'latin1'));
      const [p1, p2, p3, p4, p5] = [
        await photo(),
        await photo(),
        await photo(),
        await photo(),
        await photo(),
      ];
      const bad = await rate(c, { level: 2, anonymous: true, ...photos(p1, p2) });
      const ticket = await t.ticket(bad.ticketNo as string);
      await t
        .act(`${ticket.id}/appeal`, handler, {
          reason: '经核实该评价针对的是其他部门事项',
          ...photos(p3),
        })
        .expect(200);
      await rate(c, { level: 4, ...photos(p4) });
      const tx = await registerTransaction(t, c);
      const complaint = await t.http
        .post('/api/complaints')
        .send({ token: tx.ratingToken, content: '窗口人员态度恶劣', ...photos(p5, p1) })
        .expect(201);
      const complaintTicket = await t.ticket(complaint.body.ticketNo);
      const ds = t.app.get(DataSource);
      const ids = [p1, p2, p3, p4, p5];
      const links = async () =>
        (
          await ds.query<Record<string, unknown>[]>(
            `SELECT attachmentId, ownerType, ownerId, departmentId, ticketId FROM attachment_links
              WHERE attachmentId IN (${ids.map(() => '?').join(', ')})
              ORDER BY attachmentId, ownerType`,
            ids,
          )
        ).map((row) =>
          Object.fromEntries(
            Object.entries(row).map(([k, v]) => [k, k === 'ownerType' ? v : v && Number(v)]),
          ),
        );
      const written = await links();
      expect(written.map((l) => [l.attachmentId, l.ownerType, l.ticketId])).toEqual([
        [p1, 'complaint', complaintTicket.id],
        [p1, 'rating', ticket.id],
        [p2, 'rating', ticket.id],
        [p3, 'appeal', ticket.id],
        [p4, 'rating', null],
        [p5, 'complaint', complaintTicket.id],
      ]);
      expect(new Set(written.map((l) => l.departmentId))).toEqual(new Set([c.departmentId]));

      // Back to before AttachmentLinks, whatever migrations came after it.
      const after = MIGRATIONS.length - MIGRATIONS.indexOf(AttachmentLinks1764260000000);
      for (let i = 0; i < after; i++) await ds.undoLastMigration();
      const runner = ds.createQueryRunner();
      try {
        expect(await runner.hasTable('attachment_links')).toBe(false);
      } finally {
        await runner.release();
      }
      await ds.runMigrations();
      expect(await links()).toEqual(written);
      expect(await ds.showMigrations()).toBe(false);
      const pending = await ds.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query)).toEqual([]);
    });
  });
});

/** A department row of the scores back to the counts it was computed from. */
function countsOf(row: {
  finished: number;
  rated: number;
  ratings: number;
  levels: UnitCounts['levels'];
  channels: UnitCounts['channels'];
  voided: number;
  tickets: { total: number; closed: number; closedOnTime: number; due: number };
  realNameBad: number;
  realNameBadVisited: number;
}): UnitCounts {
  return {
    ...emptyCounts(),
    finished: row.finished,
    rated: row.rated,
    ratings: row.ratings,
    levels: row.levels,
    channels: row.channels,
    voided: row.voided,
    tickets: row.tickets.total,
    ticketsClosed: row.tickets.closed,
    ticketsClosedOnTime: row.tickets.closedOnTime,
    ticketsDue: row.tickets.due,
    realNameBad: row.realNameBad,
    realNameBadVisited: row.realNameBadVisited,
  };
}
