import { QueryFailedError } from 'typeorm';
import {
  DatabaseUnavailableError,
  isConnectionFailure,
  isDatabaseUnavailable,
  isUniqueViolation,
} from './errors';

const driver = (code: string, extra: object = {}) =>
  Object.assign(new Error(code), { code, ...extra });
const query = (inner: Error) => new QueryFailedError('SELECT 1', [], inner);

describe('database errors', () => {
  it('answers 503 for a server that is gone, busy or closed', () => {
    for (const code of [
      'ECONNREFUSED',
      'ETIMEDOUT',
      'PROTOCOL_CONNECTION_LOST',
      'PROTOCOL_SEQUENCE_TIMEOUT',
      'ER_LOCK_WAIT_TIMEOUT',
      'ER_LOCK_DEADLOCK',
      'SQLITE_BUSY',
      'SQLITE_BUSY_SNAPSHOT',
      'SQLITE_IOERR_WRITE',
    ]) {
      expect([code, isDatabaseUnavailable(query(driver(code)))]).toEqual([code, true]);
    }
    expect(isDatabaseUnavailable(new DatabaseUnavailableError('down'))).toBe(true);
    expect(isDatabaseUnavailable(driver('ECONNRESET'))).toBe(true);
    expect(isDatabaseUnavailable(query(new TypeError('The database connection is not open')))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(new Error('Pool is closed.'))).toBe(true);
    expect(isDatabaseUnavailable(query(driver('SOMETHING', { fatal: true })))).toBe(true);
  });

  it('leaves the request’s own faults and bugs alone', () => {
    expect(isDatabaseUnavailable(query(driver('ER_DUP_ENTRY')))).toBe(false);
    expect(isDatabaseUnavailable(query(driver('ER_DATA_TOO_LONG')))).toBe(false);
    expect(isDatabaseUnavailable(query(driver('SQLITE_CONSTRAINT_UNIQUE')))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
    expect(isUniqueViolation(query(driver('ER_DUP_ENTRY')))).toBe(true);
  });

  it('counts only unreachable servers for the breaker, not busy ones', () => {
    expect(isConnectionFailure(query(driver('ECONNREFUSED')))).toBe(true);
    expect(isConnectionFailure(query(driver('ER_LOCK_WAIT_TIMEOUT')))).toBe(false);
    expect(isConnectionFailure(query(driver('SQLITE_BUSY')))).toBe(false);
  });
});
