import { CannotExecuteNotConnectedError, QueryFailedError } from 'typeorm';

/** A unique-key violation from either database family: the losing side of a race on a key. */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: string } | undefined)?.code;
  return (
    code === 'ER_DUP_ENTRY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/** Raised by the pool guard (database/availability.ts): no connection now, try again shortly. */
export class DatabaseUnavailableError extends Error {
  readonly code = 'HCP_DATABASE_UNAVAILABLE';
}

/**
 * mysql2 codes of a server that cannot be reached or went away (refused, reset, timed out,
 * shutting down, out of connections): the request did not fail because of what it asked.
 */
const CONNECTION_FAILURES = new Set([
  'HCP_DATABASE_UNAVAILABLE',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ER_SERVER_SHUTDOWN',
  'ER_CON_COUNT_ERROR',
  'ER_TOO_MANY_USER_CONNECTIONS',
]);

/**
 * The database is busy rather than gone: a lock wait or deadlock the server gave up on, SQLite's
 * busy file or a full disk. Worth the client's retry, never the client's fault.
 */
const BUSY = new Set([
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_LOCK_DEADLOCK',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_CANTOPEN',
  'SQLITE_FULL',
  'SQLITE_IOERR',
]);

/** The driver's own error inside TypeORM's wrapper. */
function innerOf(error: unknown): unknown {
  return error instanceof QueryFailedError ? (error.driverError as unknown) : error;
}

function codeOf(error: unknown): string | undefined {
  const inner = innerOf(error);
  const code = (inner as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The server cannot be reached (see CONNECTION_FAILURES); the breaker counts these. */
export function isConnectionFailure(error: unknown): boolean {
  const code = codeOf(error);
  if (code !== undefined && CONNECTION_FAILURES.has(code)) return true;
  // mysql2 marks errors that end the connection fatal; a closed connection refuses commands.
  const inner = innerOf(error);
  return (inner as { fatal?: unknown } | null | undefined)?.fatal === true;
}

/** Answered 503 DATABASE_UNAVAILABLE with Retry-After: unreachable, busy or not connected. */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (error instanceof DatabaseUnavailableError) return true;
  if (error instanceof CannotExecuteNotConnectedError) return true;
  // better-sqlite3 after its connection was closed (the DataSource destroyed, e.g. at shutdown).
  // (Compared by text: the native module's TypeError may come from another realm.)
  const inner = innerOf(error) as { message?: unknown } | null | undefined;
  if (inner?.message === 'The database connection is not open') return true;
  // The same on MySQL/MariaDB: mysql2's pool once ended, TypeORM's driver once disconnected.
  if (inner?.message === 'Pool is closed.') return true;
  if (
    typeof inner?.message === 'string' &&
    inner.message.startsWith('Connection is not established with mysql database')
  ) {
    return true;
  }
  const code = codeOf(error);
  if (code === undefined) return isConnectionFailure(error);
  // SQLITE_IOERR_* and SQLITE_BUSY_* are extended codes of the same families.
  const family = code.startsWith('SQLITE_') ? code.split('_').slice(0, 2).join('_') : code;
  return BUSY.has(code) || BUSY.has(family) || isConnectionFailure(error);
}
