import { addWorkingDays, isWorkingDay, type WorkingDayCalendar } from '@haochaping/domain';
import { officialCalendar } from './official-calendar';

const official = officialCalendar();
const calendar: WorkingDayCalendar = {
  holidays: new Set(official.holidays.keys()),
  workdays: new Set(official.workdays.keys()),
  coveredYears: official.years,
};
/** 09:00 in China on a date. */
const at9 = (date: string) => new Date(`${date}T01:00:00Z`);
const due = (start: string, n: number) => addWorkingDays(at9(start), n, calendar).date;

describe('working days on the official Chinese calendar (chinese-days data)', () => {
  it('covers the years up to 2026 and names the holidays in Chinese', () => {
    expect(official.years.has(2025)).toBe(true);
    expect(official.years.has(2026)).toBe(true);
    expect(official.holidays.get('2026-10-01')).toBe('国庆节');
  });

  it('spans Spring Festival 2025 and 2026 with their 调休 Saturdays', () => {
    expect(due('2025-01-27', 1)).toBe('2025-02-05');
    expect(due('2025-01-27', 4)).toBe('2025-02-08'); // Saturday 02-08 is a make-up working day
    expect(due('2026-02-13', 1)).toBe('2026-02-14'); // Saturday 02-14 is a make-up working day
    expect(due('2026-02-13', 2)).toBe('2026-02-24');
  });

  it('spans National Day 2025 and 2026', () => {
    expect(due('2025-09-30', 1)).toBe('2025-10-09');
    expect(due('2025-09-30', 3)).toBe('2025-10-11'); // Saturday make-up day
    expect(due('2025-09-30', 4)).toBe('2025-10-13');
    expect(due('2026-09-30', 1)).toBe('2026-10-08');
    expect(due('2026-09-30', 3)).toBe('2026-10-10');
    expect(due('2026-09-30', 4)).toBe('2026-10-12');
  });

  it('is not provisional inside covered years and is past them', () => {
    // Derived from the data, so this holds whichever years the installed package publishes.
    const firstUncovered = Math.max(...official.years) + 1;
    const lastCovered = firstUncovered - 1;
    expect(addWorkingDays(at9(`${lastCovered}-11-02`), 15, calendar).provisional).toBe(false);
    expect(addWorkingDays(at9(`${lastCovered}-12-24`), 15, calendar).provisional).toBe(true);
    expect(addWorkingDays(at9(`${firstUncovered}-03-01`), 0, calendar).provisional).toBe(true);
  });

  it('property: never lands on a day off, is monotonic, and counts exactly n working days', () => {
    // A deterministic pseudo-random walk over 2025–2026 start dates and counts.
    let seed = 20261126;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return Math.floor(seed / 2 ** 15); // high bits: the low bits of an LCG cycle quickly
    };
    for (let i = 0; i < 300; i++) {
      const start = new Date(Date.UTC(2025, 0, 1) + (next() % 700) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const n = next() % 31;
      const result = due(start, n);
      if (n > 0) expect(isWorkingDay(result, calendar)).toBe(true);
      expect(due(start, n + 1) > result).toBe(true);
      let counted = 0;
      for (let d = new Date(`${start}T00:00:00Z`); ;) {
        d.setUTCDate(d.getUTCDate() + 1);
        const day = d.toISOString().slice(0, 10);
        if (day > result) break;
        if (isWorkingDay(day, calendar)) counted++;
      }
      expect(counted).toBe(n);
    }
  });
});
