import { addCalendarDays as addDays, isWeekend } from '@haochaping/domain';
import { getSolarDateFromLunar, getSolarTermDate } from 'chinese-days';

/**
 * The public holidays that the law fixes for every year (《全国年节及纪念日放假办法》 as revised
 * in 2024, in force from 2025), computed from the lunar and solar-term data of `chinese-days`:
 * 元旦 1 day, 春节 4 (除夕 to 正月初三), 清明 1 (the solar term), 劳动节 2, 端午 1, 中秋 1,
 * 国庆 3. A holiday that falls on a Saturday or Sunday is made up on the next working day after
 * its festival (补假, article 4). What the law does not fix — the 调休 swaps of the State
 * Council's yearly notice — is unknown, so a year counted with these days stays provisional.
 */
export function statutoryHolidays(year: number): Map<string, string> {
  const days = new Map<string, string>();
  const iso = (month: number, day: number) =>
    `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const lunar = (month: number, day: number) => getSolarDateFromLunar(iso(month, day)).date;

  const newYear = lunar(1, 1);
  const festivals: [string, string[]][] = [
    ['元旦', [iso(1, 1)]],
    ['春节', [addDays(newYear, -1), newYear, addDays(newYear, 1), addDays(newYear, 2)]],
    ['清明节', [getSolarTermDate(year, 4, 'pure_brightness')]],
    ['劳动节', [iso(5, 1), iso(5, 2)]],
    ['端午节', [lunar(5, 5)]],
    ['中秋节', [lunar(8, 15)]],
    ['国庆节', [iso(10, 1), iso(10, 2), iso(10, 3)]],
  ];
  for (const [name, dates] of festivals) for (const d of dates) days.set(d, name);

  // 补假: one weekday off after the festival for each of its days that fell on a weekend.
  for (const [name, dates] of festivals) {
    let owed = dates.filter(isWeekend).length;
    let day = dates[dates.length - 1];
    while (owed > 0) {
      day = addDays(day, 1);
      if (isWeekend(day) || days.has(day)) continue;
      days.set(day, `${name}（补假）`);
      owed--;
    }
  }
  return days;
}
