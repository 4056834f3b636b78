/**
 * Time limits that keep a request from waiting on a database that is gone. mysql2 has no pool
 * acquire timeout and no default query timeout: a stopped server holds every pooled connection
 * (and every request queued behind them) for the whole outage. Together these bound a request at
 * acquire + one query, under the 5 s the contract promises, and the breaker answers at once while
 * the server is known to be down.
 */
export const DATABASE_LIMITS = {
  /** Opening a connection: TCP connect and the server's greeting (a stopped server accepts TCP). */
  connectMs: 2000,
  /** Waiting for a pooled connection, opening included. */
  acquireMs: 1500,
  /** One statement without a byte from the server; then the connection is dropped. */
  queryMs: 3000,
  /** How often a down database is tried again. */
  probeEveryMs: 1000,
  /** Seconds a client is told to wait (Retry-After). */
  retryAfterSeconds: 5,
} as const;
