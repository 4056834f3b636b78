import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AttachmentCleanupJob } from '../../apps/api/src/attachments/attachment-cleanup.job';
import { makeCounter, registerTransaction, type Counter } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Uploads: a photo is attached only with the key its upload answered (ids are sequential, so an
 * id alone would let anyone attach someone else's photo); each address has an hourly quota; and
 * what nothing references is deleted after 24 h with its file. Time moves on the app's clock.
 */
const jpeg = (bytes: number) =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), randomBytes(bytes - 4)]);

describe('security: uploads', () => {
  let t: TestApp;
  let counter: Counter;
  let n = 0;
  const address = () => `203.0.113.${++n}`;

  beforeAll(async () => {
    t = await startTestApp({
      TRUST_PROXY: 'true',
      UPLOAD_QUOTA_MB_PER_HOUR: '1',
      RATE_LIMIT_PER_MINUTE: '1000000',
    });
    counter = await makeCounter(t);
  });
  afterAll(() => t.close());

  const upload = async (bytes: Buffer, from = address()) => {
    const res = await t.http
      .post('/api/attachments')
      .set('X-Forwarded-For', from)
      .attach('file', bytes, 'photo.jpg')
      .expect(201);
    return res.body as { id: number; key: string; size: number; mime: string };
  };
  const rate = async (photos: object) => {
    const tx = await registerTransaction(t, counter);
    return t.http
      .post('/api/ratings')
      .send({ token: tx.ratingToken, level: 2, anonymous: true, ...photos });
  };

  it("refuses someone else's photo by id alone, or with another key, and takes it with its own key", async () => {
    const theirs = await upload(jpeg(200));
    const mine = await upload(jpeg(200));
    const attempts = [
      { attachmentIds: [theirs.id] },
      { attachmentIds: [theirs.id], attachmentKeys: [mine.key] },
      { attachmentIds: [theirs.id, mine.id], attachmentKeys: [mine.key, theirs.key] },
      { attachmentIds: [mine.id, theirs.id], attachmentKeys: [mine.key] },
      { attachmentIds: [theirs.id + 1000], attachmentKeys: [theirs.key] },
    ];
    const answers = [];
    for (const body of attempts) {
      const res = await rate(body);
      answers.push([res.status, res.body.error, Object.keys(res.body.details ?? {})]);
    }
    // An unknown id and a wrong key are refused alike: neither tells the other apart.
    expect(answers).toEqual(attempts.map(() => [400, 'VALIDATION_FAILED', ['attachmentIds']]));
    const res = await rate({ attachmentIds: [mine.id], attachmentKeys: [mine.key] });
    expect(res.status).toBe(201);
    expect((await rate({ attachmentKeys: ['x'.repeat(24)] })).status).toBe(201);
    const malformed = await rate({ attachmentIds: [mine.id], attachmentKeys: ['<script>'] });
    expect(malformed.status).toBe(400);
  });

  it('holds each address to its hourly quota (429 with Retry-After), not the others', async () => {
    const from = address();
    const sizes: number[] = [];
    let refused: { status: number; error: string; retryAfter: number } | undefined;
    for (let i = 0; i < 6 && !refused; i++) {
      const res = await t.http
        .post('/api/attachments')
        .set('X-Forwarded-For', from)
        .attach('file', jpeg(300 * 1024), 'big.jpg');
      if (res.status === 201) sizes.push(res.body.size as number);
      else {
        refused = {
          status: res.status,
          error: res.body.error,
          retryAfter: Number(res.headers['retry-after']),
        };
      }
    }
    expect(sizes).toHaveLength(3); // 3 × 300 KB fit in 1 MB, the fourth does not
    expect(refused).toMatchObject({ status: 429, error: 'RATE_LIMITED' });
    expect(refused?.retryAfter).toBeGreaterThan(0);
    expect(refused?.retryAfter).toBeLessThanOrEqual(3600);
    await upload(jpeg(300 * 1024), address());
    t.clock.advance(60 * 60_000);
    await upload(jpeg(300 * 1024), from);
  });

  it('deletes uploads nothing references after 24 h, with their files, and keeps the rest', async () => {
    const filePath = (bytes: Buffer) => {
      const sha = createHash('sha256').update(bytes).digest('hex');
      return join(t.config.dataDir, 'uploads', sha.slice(0, 2), `${sha}.jpg`);
    };
    const lonely = jpeg(500);
    const shared = jpeg(500);
    const old = await upload(lonely);
    const used = await upload(shared);
    const sameAsUsed = await upload(shared); // the same photo again: one file for both rows
    expect((await rate({ attachmentIds: [used.id], attachmentKeys: [used.key] })).status).toBe(201);

    t.clock.advance(24 * 60 * 60_000 + 60_000);
    const freshBytes = jpeg(500);
    const fresh = await upload(freshBytes);
    const deleted = await t.app.get(AttachmentCleanupJob).run();
    expect(deleted).toBeGreaterThanOrEqual(2);

    const ids = await t.app.get(DataSource).query<{ id: number }[]>('SELECT id FROM attachments');
    const left = new Set(ids.map((r) => Number(r.id)));
    expect([old.id, used.id, sameAsUsed.id, fresh.id].map((id) => left.has(id))).toEqual([
      false,
      true,
      false,
      true,
    ]);
    expect([lonely, shared, freshBytes].map((b) => existsSync(filePath(b)))).toEqual([
      false,
      true,
      true,
    ]);
    // A deleted upload can no longer be attached, key or not.
    const late = await rate({ attachmentIds: [old.id], attachmentKeys: [old.key] });
    expect(late.status).toBe(400);
  });
});
