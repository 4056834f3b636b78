import {
  addWorkingDays,
  chinaDate,
  EMPTY_CALENDAR,
  isCalendarDate,
  isWorkingDay,
  type WorkingDayCalendar,
} from './working-days';

describe('working days', () => {
  it('knows a calendar date, and says no (never throws) for month or day 00', () => {
    expect(['2026-11-18', '2024-02-29'].map(isCalendarDate)).toEqual([true, true]);
    const notDates = [
      '2026-02-30',
      '2025-02-29',
      '0000-00-00',
      '2026-00-10',
      '2026-10-00',
      '2026-1-1',
    ];
    expect(notDates.map(isCalendarDate)).toEqual(notDates.map(() => false));
  });

  it('takes the calendar date in China (UTC+8)', () => {
    expect(chinaDate(new Date('2026-11-26T17:00:00Z'))).toBe('2026-11-27');
    expect(chinaDate(new Date('2026-11-26T15:59:59Z'))).toBe('2026-11-26');
  });

  it('skips weekends without a calendar and says the date is provisional', () => {
    // Friday 2026-11-27 in China + 1 working day = Monday 2026-11-30.
    const due = addWorkingDays(new Date('2026-11-27T02:00:00Z'), 1, EMPTY_CALENDAR);
    expect(due.date).toBe('2026-11-30');
    expect(due.provisional).toBe(true);
    expect(due.dueAt.toISOString()).toBe('2026-11-30T15:59:59.999Z');
  });

  it('honours holidays and 调休 make-up working weekends', () => {
    const calendar: WorkingDayCalendar = {
      holidays: new Set(['2026-10-01', '2026-10-02', '2026-10-05']),
      workdays: new Set(['2026-10-10']),
      coveredYears: new Set([2026]),
    };
    expect(isWorkingDay('2026-10-01', calendar)).toBe(false);
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true); // a Saturday made a working day
    const due = addWorkingDays(new Date('2026-09-30T02:00:00Z'), 3, calendar);
    // 10-01 off, 10-02 off, 10-03/04 weekend, 10-05 off, 10-06, 10-07, 10-08 → third working day
    expect(due.date).toBe('2026-10-08');
    expect(due.provisional).toBe(false);
  });

  it('never lands on a day off and never goes backwards', () => {
    let previous = '';
    for (let n = 0; n <= 40; n++) {
      const due = addWorkingDays(new Date('2026-01-15T01:00:00Z'), n, EMPTY_CALENDAR);
      if (n > 0) expect(isWorkingDay(due.date, EMPTY_CALENDAR)).toBe(true);
      expect(due.date >= previous).toBe(true);
      previous = due.date;
    }
  });

  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays(new Date(), -1, EMPTY_CALENDAR)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date(), 1.5, EMPTY_CALENDAR)).toThrow(RangeError);
  });
});
