/** First retry after 30 s, doubling up to an hour: 30 s, 1, 2, 4, 8, 16, 32 min, then 1 h. */
export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 3_600_000;

/** The wait before the next attempt once `attempts` attempts have failed (attempts ≥ 1). */
export function retryDelayMs(attempts: number): number {
  const exponent = Math.max(0, Math.min(attempts - 1, 20));
  return Math.min(FIRST_RETRY_MS * 2 ** exponent, MAX_RETRY_MS);
}
