import { addWorkingDays, type WorkingDayCalendar } from '@haochaping/domain';
import { officialCalendar } from './official-calendar';
import { statutoryHolidays } from './statutory-holidays';

const official = officialCalendar();

describe('statutory holidays of a year without a published calendar', () => {
  it('are all days off in every published year under the 2024 rules (2025 onwards)', () => {
    const years = [...official.years].filter((y) => y >= 2025);
    expect(years.length).toBeGreaterThanOrEqual(2);
    for (const year of years) {
      const computed = statutoryHolidays(year);
      expect(computed.size).toBeGreaterThanOrEqual(13);
      for (const [date, name] of computed) {
        expect({ date, name, off: official.holidays.has(date) }).toEqual({ date, name, off: true });
      }
    }
  });

  it('computes 2027 from the lunar calendar and the solar terms', () => {
    const days = statutoryHolidays(2027);
    expect(days.get('2027-01-01')).toBe('元旦');
    // 除夕 is 2027-02-05 (Friday); 初一–初三 are 02-06 to 02-08, two of them on the weekend.
    for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'])
      expect(days.get(d)).toBe('春节');
    expect(days.get('2027-02-09')).toBe('春节（补假）');
    expect(days.get('2027-02-10')).toBe('春节（补假）');
    expect(days.get('2027-04-05')).toBe('清明节');
    expect(days.get('2027-05-01')).toBe('劳动节'); // Saturday
    expect(days.get('2027-05-02')).toBe('劳动节'); // Sunday
    expect(days.get('2027-05-03')).toBe('劳动节（补假）');
    expect(days.get('2027-05-04')).toBe('劳动节（补假）');
    expect(days.get('2027-06-09')).toBe('端午节');
    expect(days.get('2027-09-15')).toBe('中秋节');
    expect(days.get('2027-10-01')).toBe('国庆节');
    expect(days.get('2027-10-04')).toBe('国庆节（补假）'); // 10-02 and 10-03 are a weekend
    expect(days.get('2027-10-05')).toBe('国庆节（补假）');
    expect(days.size).toBe(19);
  });

  it('keeps 元旦 off when a due date runs into a year without a published calendar', () => {
    const holidays = new Set([...official.holidays.keys(), ...statutoryHolidays(2027).keys()]);
    const calendar: WorkingDayCalendar = {
      holidays,
      workdays: new Set(official.workdays.keys()),
      coveredYears: new Set([...official.years].filter((y) => y < 2027)),
    };
    // Thursday 2026-12-31 + 1 working day: Friday 2027-01-01 is 元旦, so Monday 2027-01-04.
    const due = addWorkingDays(new Date('2026-12-31T02:00:00Z'), 1, calendar);
    expect(due).toMatchObject({ date: '2027-01-04', provisional: true });
  });
});
