import { LOGIN_THROTTLE } from '../../apps/api/src/auth/login-throttle';
import { saveFigures, percentile } from '../support/figures';
import { startTestApp, unique, type TestApp } from '../support/test-app';

/*
 * Login throttling instead of account lock-out: failures slow down the (username, address) pair
 * and the address, with growing waits (429 with Retry-After); unknown usernames are answered and
 * timed like known ones; the account itself is never locked. The application's clock is moved
 * (t.clock.advance), never slept on. Addresses come from X-Forwarded-For (TRUST_PROXY=true).
 */
describe('security: login throttling', () => {
  let t: TestApp;
  let n = 0;
  const password = 'correct-horse-battery';

  beforeAll(async () => {
    t = await startTestApp({ TRUST_PROXY: 'true', RATE_LIMIT_PER_MINUTE: '1000000' });
  });
  afterAll(() => t.close());

  const address = () => `198.51.100.${++n % 250}`;
  const login = (username: string, pass: string, from: string) =>
    t.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ username, password: pass });

  async function staffUser(): Promise<string> {
    const username = unique('thr-');
    await t.http
      .post('/api/users')
      .set('Authorization', await t.adminToken())
      .send({ username, password, role: 'supervisor' })
      .expect(201);
    return username;
  }

  /** The answers to `tries` wrong passwords and then the right one (or any, for an unknown user). */
  async function sequence(username: string, from: string, tries: number) {
    const seen: string[] = [];
    for (let i = 0; i < tries; i++) {
      const res = await login(username, 'wrong-password-x', from);
      seen.push(`${res.status} ${res.body.error} ${res.headers['retry-after'] ?? '-'}`);
    }
    const last = await login(username, password, from);
    seen.push(`${last.status} ${last.body.error ?? 'ok'} ${last.headers['retry-after'] ?? '-'}`);
    return seen;
  }

  it('answers a known and an unknown username alike, failure by failure', async () => {
    const known = await sequence(await staffUser(), address(), LOGIN_THROTTLE.pair.free + 1);
    const unknown = await sequence(unique('nobody-'), address(), LOGIN_THROTTLE.pair.free + 1);
    expect(unknown).toEqual(known);
    expect(known.slice(0, LOGIN_THROTTLE.pair.free)).toEqual(
      Array(LOGIN_THROTTLE.pair.free).fill('401 INVALID_CREDENTIALS -'),
    );
    // After the allowance the pair waits 30 s, whatever the password: the right one too.
    expect(known.slice(LOGIN_THROTTLE.pair.free)).toEqual([
      '429 LOGIN_LOCKED 30',
      '429 LOGIN_LOCKED 30',
    ]);
  });

  it('makes each further failure wait twice as long, and lets the right password in after the wait', async () => {
    const username = await staffUser();
    const from = address();
    for (let i = 0; i < LOGIN_THROTTLE.pair.free; i++) {
      await login(username, 'wrong-password-x', from).expect(401);
    }
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      const locked = await login(username, 'wrong-password-x', from).expect(429);
      const wait = Number(locked.headers['retry-after']);
      waits.push(wait);
      t.clock.advance(wait * 1000);
      await login(username, 'wrong-password-x', from).expect(401);
    }
    expect(waits).toEqual([30, 60, 120, 240]);
    const locked = await login(username, password, from).expect(429);
    t.clock.advance(Number(locked.headers['retry-after']) * 1000);
    await login(username, password, from).expect(200);
    // Success clears the pair: the allowance is whole again.
    await login(username, 'wrong-password-x', from).expect(401);
  });

  it('never locks the account: its owner logs in from another address meanwhile', async () => {
    const username = await staffUser();
    const attacker = address();
    for (let i = 0; i < LOGIN_THROTTLE.pair.free + 3; i++) {
      await login(username, 'wrong-password-x', attacker);
    }
    await login(username, password, attacker).expect(429);
    const res = await login(username, password, address()).expect(200);
    expect(res.body.user.username).toBe(username);
  });

  it('slows an address that tries many usernames (RATE_LIMITED), not the others', async () => {
    const guesser = address();
    const users = [await staffUser(), await staffUser()];
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_THROTTLE.address.free; i++) {
      // A different username each time: no pair reaches its own allowance.
      const res = await login(unique('guess-'), 'wrong-password-x', guesser);
      statuses.push(res.status);
    }
    expect(new Set(statuses)).toEqual(new Set([401]));
    const limited = await login(users[0], password, guesser).expect(429);
    expect(limited.body.error).toBe('RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBe(LOGIN_THROTTLE.address.firstDelayMs / 1000);
    await login(users[1], password, address()).expect(200);
    t.clock.advance(LOGIN_THROTTLE.address.firstDelayMs);
    await login(users[0], password, guesser).expect(200);
  });

  it('takes about as long to refuse an unknown username as a known one', async () => {
    const known = await staffUser();
    const timings = { known: [] as number[], unknown: [] as number[] };
    // Interleaved, each from its own address, so load on the machine falls on both alike.
    for (let i = 0; i < 12; i++) {
      for (const kind of ['known', 'unknown'] as const) {
        const started = process.hrtime.bigint();
        await login(
          kind === 'known' ? known : unique('ghost-'),
          'wrong-password-x',
          address(),
        ).expect(401);
        timings[kind].push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }
    const knownMedian = percentile(timings.known, 50);
    const unknownMedian = percentile(timings.unknown, 50);
    // Both are one scrypt verification; a lookup that skipped it would be several times faster.
    expect(unknownMedian / knownMedian).toBeGreaterThan(0.6);
    expect(unknownMedian / knownMedian).toBeLessThan(1.6);
    saveFigures('login-timing', {
      knownMedianMs: Math.round(knownMedian * 10) / 10,
      unknownMedianMs: Math.round(unknownMedian * 10) / 10,
      attempts: 24,
    });
  });
});
