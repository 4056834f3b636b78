import { createHmac } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { makeCounter, registerTransaction, type Counter } from '../support/fixtures';
import { saveFigures } from '../support/figures';
import { startTestApp, unique, type TestApp } from '../support/test-app';

/*
 * Tokens and JWTs: forged, truncated, expired, swapped, replayed; alg none, another algorithm,
 * the wrong secret, a role claimed but not held, a disabled user, a changed password; rating
 * tokens and API keys altered. Each is refused in the error contract (401/403/404), never a 500.
 */
const b64 = (value: object | string) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');

function signHs(payload: object, secret: string, alg = 'HS256'): string {
  const head = b64({ alg, typ: 'JWT' });
  const body = b64(payload);
  const digest = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' }[alg] ?? 'sha256';
  const sig = createHmac(digest, secret).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${sig}`;
}

describe('security: tokens and JWTs', () => {
  let t: TestApp;
  let counter: Counter;
  let supervisor: { id: number; username: string; password: string; bearer: string };
  let cases = 0;

  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '1000000' });
    counter = await makeCounter(t);
    const username = unique('sup-');
    const password = 'correct-horse-battery';
    const created = await t.http
      .post('/api/users')
      .set('Authorization', await t.adminToken())
      .send({ username, password, role: 'supervisor' })
      .expect(201);
    const login = await t.http.post('/api/auth/login').send({ username, password }).expect(200);
    supervisor = {
      id: created.body.id,
      username,
      password,
      bearer: `Bearer ${login.body.accessToken}`,
    };
  });
  afterAll(() => t.close());

  /** GET /api/departments (any staff) with that Authorization header: the refusal's status. */
  async function staffRoute(authorization: string, path = '/api/departments'): Promise<number> {
    cases++;
    const res = await t.http.get(path).set('Authorization', authorization);
    expect(res.status).toBeLessThan(500);
    if (res.status >= 400) expect(res.body).toMatchObject({ statusCode: res.status });
    return res.status;
  }

  it('accepts the real token (the baseline)', async () => {
    expect(await staffRoute(supervisor.bearer)).toBe(200);
  });

  it('refuses forged, truncated, altered and malformed tokens with 401', async () => {
    const real = supervisor.bearer.slice('Bearer '.length);
    const [head, body, sig] = real.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Record<string, unknown>;
    const variants = [
      `${head}.${body}`,
      `${head}.${body}.`,
      real.slice(0, -5),
      `${head}.${b64({ ...claims, role: 'admin' })}.${sig}`,
      `${head}.${b64({ ...claims, sub: 1 })}.${sig}`,
      `${head}.${body}.${sig.split('').reverse().join('')}`,
      `${b64({ alg: 'none', typ: 'JWT' })}.${body}.`,
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, sub: 1, role: 'admin' })}.`,
      signHs(claims, 'not-the-secret-0123456789abcdefghijklmnop'),
      signHs(claims, t.config.jwtSecret, 'HS512'),
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOjF9.forged',
      'x'.repeat(8000),
      '..',
      '\u00ff.\u00fe.\u00fd',
    ];
    for (const token of variants) {
      expect([token.slice(0, 40), await staffRoute(`Bearer ${token}`)]).toEqual([
        token.slice(0, 40),
        401,
      ]);
    }
    for (const header of ['Bearer', 'Basic YWRtaW46YWRtaW4=', real, `Bearer  ${real} extra`]) {
      expect(await staffRoute(header)).toBe(401);
    }
  });

  it('refuses an expired token and one not yet valid', async () => {
    const now = Math.floor(Date.now() / 1000);
    const base = { sub: supervisor.id, typ: 'staff', role: 'supervisor', ver: 0 };
    const valid = signHs({ ...base, iat: now, exp: now + 3600 }, t.config.jwtSecret);
    expect(await staffRoute(`Bearer ${valid}`)).toBe(200);
    const expired = signHs({ ...base, iat: now - 7200, exp: now - 3600 }, t.config.jwtSecret);
    expect(await staffRoute(`Bearer ${expired}`)).toBe(401);
    const future = signHs(
      { ...base, iat: now, nbf: now + 3600, exp: now + 7200 },
      t.config.jwtSecret,
    );
    expect(await staffRoute(`Bearer ${future}`)).toBe(401);
  });

  it('reads the role from the account, not from the token: a claimed admin role is refused', async () => {
    const jwt = t.app.get(JwtService);
    const claimed = await jwt.signAsync({
      sub: supervisor.id,
      typ: 'staff',
      role: 'admin',
      ver: 0,
    });
    expect(await staffRoute(`Bearer ${claimed}`, '/api/users')).toBe(403);
  });

  it('keeps citizen and staff tokens apart (swapped)', async () => {
    const citizen = await t.citizen(1);
    expect(await staffRoute(citizen)).toBe(401);
    cases++;
    await t.http.get('/api/me/ratings').set('Authorization', supervisor.bearer).expect(401);
    // A citizen token with a staff user's number is still a citizen's.
    const jwt = t.app.get(JwtService);
    const dressed = await jwt.signAsync({ sub: supervisor.id, typ: 'citizen', role: 'admin' });
    expect(await staffRoute(`Bearer ${dressed}`)).toBe(401);
  });

  it('ends a token at a password change and at a disabled account (replay refused)', async () => {
    const username = unique('rep-');
    const password = 'correct-horse-battery';
    const admin = await t.adminToken();
    const user = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({ username, password, role: 'supervisor' })
      .expect(201);
    const first = await t.http.post('/api/auth/login').send({ username, password }).expect(200);
    const old = `Bearer ${first.body.accessToken}`;
    expect(await staffRoute(old)).toBe(200);
    await t.http
      .patch(`/api/users/${user.body.id}`)
      .set('Authorization', admin)
      .send({ password: 'another-horse-battery' })
      .expect(200);
    expect(await staffRoute(old)).toBe(401);
    const fresh = await t.http
      .post('/api/auth/login')
      .send({ username, password: 'another-horse-battery' })
      .expect(200);
    const current = `Bearer ${fresh.body.accessToken}`;
    expect(await staffRoute(current)).toBe(200);
    await t.http
      .patch(`/api/users/${user.body.id}`)
      .set('Authorization', admin)
      .send({ enabled: false })
      .expect(200);
    expect(await staffRoute(current)).toBe(401);
    expect(await staffRoute(old)).toBe(401);
  });

  it('refuses altered rating tokens as unknown (404), never 500', async () => {
    const tx = await registerTransaction(t, counter);
    const token = tx.ratingToken;
    const flip = (s: string, i: number) =>
      s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    const variants = [
      flip(token, token.length - 1),
      flip(token, 0),
      token.slice(0, -1),
      `${token}A`,
      token.split('.').reverse().join('.'),
      token.replace(/\./g, ''),
    ];
    for (const v of variants) {
      cases += 2;
      const form = await t.http.get(`/api/rating-forms/${encodeURIComponent(v)}`);
      expect([v, form.status]).toEqual([v, 404]);
      const rate = await t.http.post('/api/ratings').send({ token: v, level: 5 });
      expect([400, 404]).toContain(rate.status);
    }
    cases++;
    await t.http.get(`/api/rating-forms/${token}`).expect(200);
  });

  it('refuses forged and revoked API keys', async () => {
    const admin = await t.adminToken();
    const key = await t.http
      .post('/api/api-keys')
      .set('Authorization', admin)
      .send({ name: '对接系统' })
      .expect(201);
    const register = (apiKey: string) => {
      cases++;
      return t.http
        .post('/api/transactions')
        .set('X-Api-Key', apiKey)
        .send({
          transactionNo: unique('TX'),
          serviceItemCode: counter.serviceItemCode,
          windowCode: counter.windowCode,
          staffNo: counter.staffNo,
          finishedAt: new Date(t.clock.nowMs() - 60_000).toISOString(),
        });
    };
    expect((await register(key.body.key)).status).toBe(201);
    expect((await register(`${key.body.key}x`)).status).toBe(401);
    expect((await register('hcp_forged_0123456789')).status).toBe(401);
    await t.http
      .post(`/api/api-keys/${key.body.id}/revoke`)
      .set('Authorization', admin)
      .send({})
      .expect(200);
    expect((await register(key.body.key)).status).toBe(401);
    saveFigures('tokens', { cases });
  });
});
