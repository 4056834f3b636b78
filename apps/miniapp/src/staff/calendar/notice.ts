import { addCalendarDays, isCalendarDate, isWeekend } from '@haochaping/domain';
import type { NoticeDay } from '../../services/admin-api';

/** The API's limits of a year's notice. */
export const NOTICE_LIMITS = { holidays: 80, workdays: 30, title: 100, name: 50 } as const;

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** 星期四 for 2026-10-01. */
export function weekdayOf(date: string): string {
  return `星期${WEEKDAYS[new Date(`${date}T00:00:00Z`).getUTCDay()]}`;
}

/** 10月1日 */
export function monthDay(date: string): string {
  return `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
}

/** Runs of consecutive days with the same name: 国庆节 10月1日–10月7日（7天）. */
export function summarise(days: NoticeDay[]): string[] {
  const runs: { name: string; first: string; last: string; count: number }[] = [];
  for (const d of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    const run = runs[runs.length - 1];
    if (run && run.name === d.name && addCalendarDays(run.last, 1) === d.date) {
      run.last = d.date;
      run.count += 1;
    } else runs.push({ name: d.name, first: d.date, last: d.date, count: 1 });
  }
  return runs.map((r) =>
    r.count === 1
      ? `${r.name}：${monthDay(r.first)}（${weekdayOf(r.first)}）`
      : `${r.name}：${monthDay(r.first)}–${monthDay(r.last)}（${r.count}天）`,
  );
}

/** The days as the form's text: one line per run, `2026-10-01 至 2026-10-07 国庆节`. */
export function toLines(days: NoticeDay[]): string {
  const lines: string[] = [];
  let run: { name: string; first: string; last: string } | null = null;
  const flush = () => {
    if (!run) return;
    lines.push(
      run.first === run.last
        ? `${run.first} ${run.name}`
        : `${run.first} 至 ${run.last} ${run.name}`,
    );
  };
  for (const d of [...days].sort((a, b) => a.date.localeCompare(b.date))) {
    if (run && run.name === d.name && addCalendarDays(run.last, 1) === d.date) run.last = d.date;
    else {
      flush();
      run = { name: d.name, first: d.date, last: d.date };
    }
  }
  flush();
  return lines.join('\n');
}

const LINE =
  /^(\d{4}-\d{2}-\d{2})(?:\s*(?:至|~|～|–|—|到)\s*(\d{4}-\d{2}-\d{2}))?\s+(\S(?:.*\S)?)$/;

/**
 * Reads the form's text back into days, or says in Chinese what is wrong with which line: a
 * date of another year, a range backwards, a day listed twice, a 调休 working day that is no
 * Saturday or Sunday.
 */
export function parseLines(
  text: string,
  year: number,
  kind: 'holidays' | 'workdays',
): { days: NoticeDay[]; error: string } {
  const days: NoticeDay[] = [];
  const seen = new Set<string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const at = `第 ${i + 1} 行`;
    const m = LINE.exec(line);
    if (!m)
      return {
        days,
        error: `${at}格式不对，应为“2027-02-06 春节”或“2027-02-06 至 2027-02-12 春节”`,
      };
    const [, first, last = first, rawName] = m;
    const name = rawName.trim();
    if (!isCalendarDate(first) || !isCalendarDate(last))
      return { days, error: `${at}的日期不存在` };
    if (!first.startsWith(`${year}-`) || !last.startsWith(`${year}-`))
      return { days, error: `${at}的日期不在 ${year} 年` };
    if (last < first) return { days, error: `${at}的结束日期早于开始日期` };
    if (Array.from(name).length > NOTICE_LIMITS.name)
      return { days, error: `${at}的名称超过 ${NOTICE_LIMITS.name} 个字` };
    for (let date = first; date <= last; date = addCalendarDays(date, 1)) {
      if (seen.has(date)) return { days, error: `${at}：${date} 重复列出` };
      if (kind === 'workdays' && !isWeekend(date))
        return { days, error: `${at}：${date} 是${weekdayOf(date)}，调休上班日只能是周六或周日` };
      seen.add(date);
      days.push({ date, name });
    }
  }
  if (days.length > NOTICE_LIMITS[kind]) {
    return { days, error: `最多 ${NOTICE_LIMITS[kind]} 天，现有 ${days.length} 天` };
  }
  return { days, error: '' };
}
