import { toTimestamp } from './numbers';

/** The general form the fast reading of stored times must agree with. */
const parsed = (s: string) => new Date(`${s.replace(' ', 'T')}Z`).getTime();

describe('toTimestamp', () => {
  it('reads stored UTC text as the date parser does, with and without milliseconds', () => {
    for (const s of [
      '2026-11-26 09:30:00.000',
      '2026-11-26 09:30:00',
      '2026-01-01 00:00:00.001',
      '1999-12-28 23:59:59.999',
      '2026-02-28 12:00:00.500',
      '0001-01-01 00:00:00.000',
    ]) {
      expect(toTimestamp(s)).toBe(parsed(s));
    }
    expect(toTimestamp('2026-11-26 09:30:00.123')).toBe(Date.UTC(2026, 10, 26, 9, 30, 0, 123));
  });

  it('leaves every other form to the date parser', () => {
    for (const s of [
      '2026-02-30 00:00:00.000', // a day past the 28th: the parser decides
      '2026-11-31 10:00:00',
      '2026-13-01 00:00:00.000',
      '2026-11-26 24:00:00.000',
      '2026-11-26T09:30:00.000',
      '2026-11-26 09:30:00.12',
      '2026-11-26 09:30:00,123',
      '2026-1a-26 09:30:00.000',
      'not a time',
      '',
    ]) {
      expect(Object.is(toTimestamp(s), parsed(s))).toBe(true);
    }
  });

  it('takes Date objects as they are', () => {
    const at = new Date(Date.UTC(2026, 10, 26, 1, 2, 3, 4));
    expect(toTimestamp(at)).toBe(at.getTime());
  });
});
