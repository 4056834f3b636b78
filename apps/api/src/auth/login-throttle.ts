/**
 * Login throttling instead of account lock-out. A lock per account let anyone lock the admin out
 * by typing five wrong passwords, and only existing accounts locked, which told a guesser which
 * usernames exist. Here failures slow down the place they come from:
 *   - per (username, address): the first few are free, then every failure doubles the wait;
 *   - per address, whatever the username: a larger allowance, then the same doubling.
 * The key is the username as typed, so an unknown username is throttled exactly like a known one,
 * and the account itself is never locked: its owner logs in from another address as usual.
 *
 * Kept in memory: each API instance throttles on its own (with n instances a guesser gets n times
 * the allowance), and a restart forgets; the scrypt cost of each guess remains.
 */
export interface ThrottleRule {
  /** Failures allowed before any wait. */
  free: number;
  /** The wait after the first failure past the allowance; it doubles with each further one. */
  firstDelayMs: number;
  maxDelayMs: number;
}

export const LOGIN_THROTTLE = {
  pair: { free: 5, firstDelayMs: 30_000, maxDelayMs: 15 * 60_000 },
  address: { free: 30, firstDelayMs: 10_000, maxDelayMs: 15 * 60_000 },
  /** A key with no failure for this long starts again from nothing. */
  forgetAfterMs: 60 * 60_000,
  /** Bound on the remembered keys; the oldest are dropped beyond it. */
  maxKeys: 100_000,
} as const;

/** How long to wait after `failures` failures (0 while within the allowance). */
export function delayAfter(failures: number, rule: ThrottleRule): number {
  if (failures < rule.free) return 0;
  const doublings = Math.min(30, failures - rule.free);
  return Math.min(rule.maxDelayMs, rule.firstDelayMs * 2 ** doublings);
}

interface Entry {
  failures: number;
  lastFailure: number;
  /** No attempt is taken before this instant. */
  until: number;
}

export type ThrottleVerdict =
  { allowed: true } | { allowed: false; by: 'pair' | 'address'; retryAfterMs: number };

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  /** May this attempt be checked at all? Asked before the username is even looked up. */
  check(username: string, address: string, now: number): ThrottleVerdict {
    const pair = this.live(pairKey(username, address), now);
    if (pair && pair.until > now) {
      return { allowed: false, by: 'pair', retryAfterMs: pair.until - now };
    }
    const ip = this.live(addressKey(address), now);
    if (ip && ip.until > now)
      return { allowed: false, by: 'address', retryAfterMs: ip.until - now };
    return { allowed: true };
  }

  failed(username: string, address: string, now: number): void {
    this.count(pairKey(username, address), LOGIN_THROTTLE.pair, now);
    this.count(addressKey(address), LOGIN_THROTTLE.address, now);
  }

  /** The right password clears that pair; the address keeps its count (else one good account would reset it). */
  succeeded(username: string, address: string): void {
    this.entries.delete(pairKey(username, address));
  }

  private live(key: string, now: number): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && now - entry.lastFailure > LOGIN_THROTTLE.forgetAfterMs && entry.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private count(key: string, rule: ThrottleRule, now: number): void {
    const entry = this.live(key, now) ?? { failures: 0, lastFailure: now, until: 0 };
    entry.failures++;
    entry.lastFailure = now;
    const delay = delayAfter(entry.failures, rule);
    if (delay > 0) entry.until = now + delay;
    // Re-inserted last: the map's order is then oldest failure first, for pruning.
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > LOGIN_THROTTLE.maxKeys) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }
}

const pairKey = (username: string, address: string) =>
  `u\u0000${username.trim().toLowerCase()}\u0000${address}`;
const addressKey = (address: string) => `a\u0000${address}`;
