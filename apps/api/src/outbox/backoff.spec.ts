import { FIRST_RETRY_MS, MAX_RETRY_MS, retryDelayMs } from './backoff';

describe('outbox retry backoff', () => {
  it('doubles from 30 s and stops at one hour', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(retryDelayMs);
    expect(waits.map((ms) => ms / 1000)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    expect(retryDelayMs(1)).toBe(FIRST_RETRY_MS);
    expect(retryDelayMs(50)).toBe(MAX_RETRY_MS);
  });
});
