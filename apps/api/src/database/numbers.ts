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
  if (typeof value === 'string') {
    const ms = storedTime(value);
    if (ms !== undefined) return ms;
  }
  return new Date(`${String(value).replace(' ', 'T')}Z`).getTime();
}

/**
 * 'YYYY-MM-DD HH:MM:SS' or 'YYYY-MM-DD HH:MM:SS.mmm' read digit by digit, without the strings
 * and the date parser of the general form (a monthly report reads a million of them; the
 * parser was ~4 % of the export thread's time, docs/benchmarks.md, change 18). Anything else, and
 * days past the 28th (whose validity depends on the month), is left to the parser.
 */
function storedTime(s: string): number | undefined {
  const n = s.length;
  if ((n !== 19 && n !== 23) || s.charCodeAt(10) !== 32) return undefined;
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  if (s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  if (n === 23 && s.charCodeAt(19) !== 46) return undefined;
  const num = (from: number, to: number) => {
    let v = 0;
    for (let i = from; i < to; i++) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return -1;
      v = v * 10 + d;
    }
    return v;
  };
  const year = num(0, 4);
  const month = num(5, 7);
  const day = num(8, 10);
  const hour = num(11, 13);
  const minute = num(14, 16);
  const second = num(17, 19);
  const milli = n === 23 ? num(20, 23) : 0;
  // Date.UTC takes years 0–99 as 1900–1999.
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > 28) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return undefined;
  }
  if (milli < 0) return undefined;
  return Date.UTC(year, month - 1, day, hour, minute, second, milli);
}
