import { delayAfter, LOGIN_THROTTLE, LoginThrottle } from './login-throttle';

describe('login throttle', () => {
  it('lets the allowance through, then doubles the wait up to the cap', () => {
    const rule = LOGIN_THROTTLE.pair;
    expect([0, 1, 4].map((n) => delayAfter(n, rule))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 8].map((n) => delayAfter(n, rule))).toEqual([
      30_000, 60_000, 120_000, 240_000,
    ]);
    expect(delayAfter(50, rule)).toBe(rule.maxDelayMs);
  });

  it('keys on the username as typed and the address, so unknown and known names count alike', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 5; i++) throttle.failed('Admin', '10.0.0.1', 1000);
    expect(throttle.check('admin', '10.0.0.1', 1001)).toEqual({
      allowed: false,
      by: 'pair',
      retryAfterMs: 29_999,
    });
    expect(throttle.check('admin', '10.0.0.2', 1001)).toEqual({ allowed: true });
    expect(throttle.check('admin', '10.0.0.1', 31_000)).toEqual({ allowed: true });
  });

  it('forgets a key an hour after its last failure', () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 4; i++) throttle.failed('u', 'a', 0);
    throttle.failed('u', 'a', LOGIN_THROTTLE.forgetAfterMs + 1);
    // The fifth failure came after the first four were forgotten: no wait yet.
    expect(throttle.check('u', 'a', LOGIN_THROTTLE.forgetAfterMs + 2)).toEqual({ allowed: true });
  });
});
