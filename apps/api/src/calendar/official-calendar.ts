import { readFileSync } from 'node:fs';

/** China's published holidays and 调休 working days, as shipped by the `chinese-days` package. */
export interface OfficialCalendar {
  holidays: Map<string, string>;
  workdays: Map<string, string>;
  years: Set<number>;
}

let cached: OfficialCalendar | undefined;

/** "Spring Festival,春节,4" → "春节" */
const chineseName = (raw: string): string => raw.split(',')[1] ?? raw;

export function officialCalendar(): OfficialCalendar {
  if (cached) return cached;
  const path = require.resolve('chinese-days/dist/chinese-days.json');
  const data = JSON.parse(readFileSync(path, 'utf8')) as {
    holidays: Record<string, string>;
    workdays: Record<string, string>;
  };
  const holidays = new Map(Object.entries(data.holidays).map(([d, n]) => [d, chineseName(n)]));
  const workdays = new Map(Object.entries(data.workdays).map(([d, n]) => [d, chineseName(n)]));
  const years = new Set([...holidays.keys()].map((d) => Number(d.slice(0, 4))));
  cached = { holidays, workdays, years };
  return cached;
}
