import { loadConfig } from '../config/app-config';
import { RatingTokenService } from './rating-token.service';

const service = (secret: string) =>
  new RatingTokenService(
    loadConfig({ DATA_DIR: '/tmp', JWT_SECRET: 'j'.repeat(40), RATING_TOKEN_SECRET: secret }),
  );

describe('RatingTokenService', () => {
  const tokens = service('s'.repeat(40));
  const expiry = new Date('2026-12-03T01:30:00Z');

  it('signs deterministically and verifies its own tokens', () => {
    const token = tokens.sign(42, expiry);
    expect(tokens.sign(42, expiry)).toBe(token);
    expect(token).toMatch(/^[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/);
    expect(tokens.verify(token)).toEqual({ transactionId: 42, expiresAt: expiry });
  });

  it('refuses a changed id, a changed expiry, another secret and garbage', () => {
    const token = tokens.sign(42, expiry);
    const [, exp, sig] = token.split('.');
    expect(tokens.verify(`${(43).toString(36)}.${exp}.${sig}`)).toBeNull();
    expect(
      tokens.verify(
        tokens.sign(42, new Date(expiry.getTime() + 1000)).replace(/\.[^.]+$/, `.${sig}`),
      ),
    ).toBeNull();
    expect(service('t'.repeat(40)).verify(token)).toBeNull();
    expect(tokens.verify('')).toBeNull();
    expect(tokens.verify('a.b.c')).toBeNull();
  });
});
