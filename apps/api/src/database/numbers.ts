/**
 * mysql2 returns DECIMAL, BIGINT, COUNT() and SUM() as strings, SQLite as numbers. Every raw
 * aggregate goes through here so the rest of the code sees numbers.
 */
export function toNumber(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') {
    const n = Number(value);
    if (Number.isFinite(n)) return n;
  }
  throw new TypeError(`not a number: ${JSON.stringify(value)}`);
}

/**
 * A datetime from a raw query, in milliseconds: mysql2 returns Date objects, SQLite the UTC text
 * TypeORM stored ('2026-11-26 09:30:00.000').
 */
export function toTimestamp(value: unknown): number {
  if (value instanceof Date) return value.getTime();
  return new Date(`${String(value).replace(' ', 'T')}Z`).getTime();
}
