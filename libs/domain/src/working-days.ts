/**
 * Chinese working days: weekends are off unless a 调休 make-up day says otherwise, public
 * holidays are off even on a weekday. Dates are calendar dates in China (UTC+8), as 'YYYY-MM-DD'.
 */
export interface WorkingDayCalendar {
  /** Official days off that fall on weekdays (and any holiday date). */
  holidays: ReadonlySet<string>;
  /** Weekend days that are working days (调休). */
  workdays: ReadonlySet<string>;
  /** Years whose official calendar is known; other years fall back to Mon–Fri. */
  coveredYears: ReadonlySet<number>;
}

export const EMPTY_CALENDAR: WorkingDayCalendar = {
  holidays: new Set(),
  workdays: new Set(),
  coveredYears: new Set(),
};

const CHINA_OFFSET_MS = 8 * 3600_000;

/** The calendar date in China of an instant. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The month in China of an instant, 'YYYY-MM': the key of monthly scores. */
export function chinaMonth(instant: Date): string {
  return chinaDate(instant).slice(0, 7);
}

/** Whether text is a real calendar date 'YYYY-MM-DD' (2026-02-30 is not). */
export function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  // Month 00 or day 00 make no date at all (toISOString would throw on it).
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
}

/** The calendar date n days after (or before, for n < 0) a date. */
export function addCalendarDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Saturday or Sunday. */
export function isWeekend(date: string): boolean {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
}

export function isWorkingDay(date: string, calendar: WorkingDayCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  return !isWeekend(date);
}

export interface DueDate {
  /** The last working day, 'YYYY-MM-DD' in China. */
  date: string;
  /** End of that day in China, as an instant. */
  dueAt: Date;
  /** True when a day counted lies in a year without an official calendar. */
  provisional: boolean;
}

/**
 * The n-th working day after the day of `start` (the start day itself does not count), ending at
 * 23:59:59.999 China time.
 */
export function addWorkingDays(start: Date, n: number, calendar: WorkingDayCalendar): DueDate {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError('working days must be a whole number ≥ 0');
  let date = chinaDate(start);
  let provisional = !calendar.coveredYears.has(Number(date.slice(0, 4)));
  let counted = 0;
  while (counted < n) {
    date = addCalendarDays(date, 1);
    if (!calendar.coveredYears.has(Number(date.slice(0, 4)))) provisional = true;
    if (isWorkingDay(date, calendar)) counted++;
  }
  const dueAt = new Date(new Date(`${date}T23:59:59.999Z`).getTime() - CHINA_OFFSET_MS);
  return { date, dueAt, provisional };
}

/**
 * How many working days lie after the day of `start` up to and including `endDate` (China
 * dates): the n that `addWorkingDays(start, n, calendar)` was given to reach `endDate`.
 */
export function countWorkingDays(
  start: Date,
  endDate: string,
  calendar: WorkingDayCalendar,
): number {
  let date = chinaDate(start);
  let counted = 0;
  while (date < endDate) {
    date = addCalendarDays(date, 1);
    if (isWorkingDay(date, calendar)) counted++;
  }
  return counted;
}
