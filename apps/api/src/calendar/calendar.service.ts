import { Injectable } from '@nestjs/common';
import {
  isCalendarDate,
  isWeekend,
  isWorkingDay,
  type WorkingDayCalendar,
} from '@haochaping/domain';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { invalidField } from '../common/domain-error';
import { CalendarOverride } from './entities/calendar-day.entity';
import { CalendarYearNotice, type NoticeDay } from './entities/calendar-year-notice.entity';
import { officialCalendar } from './official-calendar';
import { statutoryHolidays } from './statutory-holidays';

/**
 * Where a day's status comes from: the shipped official calendar (chinese-days), an
 * administrator's entry of a year's notice, the statutory holidays of a year without either,
 * an administrator's override of one date, or the weekend rule.
 */
export const DAY_SOURCES = ['official', 'notice', 'statutory', 'override', 'default'] as const;
export type DaySource = (typeof DAY_SOURCES)[number];

/** Where a whole year's calendar comes from. */
export const YEAR_SOURCES = ['official', 'notice', 'statutory'] as const;

export interface CalendarDayView {
  date: string;
  working: boolean;
  type: 'holiday' | 'workday' | null;
  name: string | null;
  source: DaySource;
  /** Whether the year's calendar is known (published, or its notice entered); if not, due dates that count its days are provisional. */
  covered: boolean;
}

export interface CalendarYearView {
  year: number;
  covered: boolean;
  /** official: shipped data; notice: entered by an administrator; statutory: estimated from the law. */
  source: (typeof YEAR_SOURCES)[number];
  title: string | null;
  holidays: NoticeDay[];
  workdays: NoticeDay[];
  updatedAt: Date | null;
}

/** A change of the calendar, handed to the features that keep dates computed from it. */
export interface CalendarChange {
  years: number[];
  before: WorkingDayCalendar;
  after: WorkingDayCalendar;
  actorId: number | null;
}
export type CalendarChangeHandler = (em: EntityManager, change: CalendarChange) => Promise<void>;

interface ResolvedDay {
  type: 'holiday' | 'workday';
  name: string;
  source: DaySource;
}
interface Resolved {
  days: Map<string, ResolvedDay>;
  calendar: WorkingDayCalendar;
  notices: Map<number, CalendarYearNotice>;
}

/** How long an instance trusts its cached calendar before re-reading the overrides. */
const CACHE_MS = 60_000;
/** Years past the last published one (or this year) that get the statutory holidays. */
const YEARS_AHEAD = 5;

@Injectable()
export class CalendarService {
  private cache?: { at: number; resolved: Resolved };
  private readonly handlers: CalendarChangeHandler[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Lets a feature recompute what it derived from the calendar, inside the change's transaction. */
  onChange(handler: CalendarChangeHandler): void {
    this.handlers.push(handler);
  }

  /** The working-day calendar: published years, entered notices, statutory estimates, overrides. */
  async calendar(): Promise<WorkingDayCalendar> {
    return (await this.resolved()).calendar;
  }

  async day(date: string): Promise<CalendarDayView> {
    const { days, calendar } = await this.resolved();
    const covered = calendar.coveredYears.has(Number(date.slice(0, 4)));
    const day = days.get(date);
    if (day) {
      return {
        date,
        working: day.type === 'workday',
        type: day.type,
        name: day.name,
        source: day.source,
        covered,
      };
    }
    return {
      date,
      working: isWorkingDay(date, calendar),
      type: null,
      name: null,
      source: 'default',
      covered,
    };
  }

  async year(year: number): Promise<CalendarYearView> {
    const { days, calendar, notices } = await this.resolved();
    const notice = notices.get(year);
    const official = officialCalendar().years.has(year);
    const prefix = `${year}-`;
    const list = (type: 'holiday' | 'workday') =>
      [...days]
        .filter(([date, d]) => date.startsWith(prefix) && d.type === type)
        .map(([date, d]) => ({ date, name: d.name }))
        .sort((a, b) => a.date.localeCompare(b.date));
    return {
      year,
      covered: calendar.coveredYears.has(year),
      source: notice ? 'notice' : official ? 'official' : 'statutory',
      title: notice?.title ?? null,
      holidays: list('holiday'),
      workdays: list('workday'),
      updatedAt: notice?.updatedAt ?? null,
    };
  }

  async set(
    date: string,
    type: 'holiday' | 'workday',
    name: string,
    userId: number | null,
  ): Promise<CalendarDayView> {
    const before = await this.day(date);
    await this.change([Number(date.slice(0, 4))], userId, async (em) => {
      await em.save(CalendarOverride, {
        date,
        type,
        name,
        updatedBy: userId,
        updatedAt: this.clock.now(),
      });
      await this.audit.record(
        {
          action: 'calendar.set',
          entity: 'calendar',
          entityId: date,
          before: { ...before },
          after: { type, name },
        },
        em,
      );
    });
    return this.day(date);
  }

  /**
   * Enters a year's official notice: its days off and 调休 working days. The year then counts as
   * covered, and running tickets whose provisional due dates count its days are recomputed.
   */
  async setYearNotice(
    year: number,
    notice: { title: string; holidays: NoticeDay[]; workdays: NoticeDay[] },
    userId: number | null,
  ): Promise<CalendarYearView> {
    checkNoticeDays(year, notice.holidays, notice.workdays);
    const sort = (days: NoticeDay[]) =>
      days
        .map((d) => ({ date: d.date, name: d.name }))
        .sort((a, b) => a.date.localeCompare(b.date));
    const before = await this.year(year);
    await this.change([year], userId, async (em) => {
      await em.save(CalendarYearNotice, {
        year,
        title: notice.title,
        holidays: sort(notice.holidays),
        workdays: sort(notice.workdays),
        updatedBy: userId,
        updatedAt: this.clock.now(),
      });
      await this.audit.record(
        {
          action: 'calendar.notice',
          entity: 'calendar',
          entityId: String(year),
          before: { source: before.source, title: before.title, covered: before.covered },
          after: {
            title: notice.title,
            holidays: notice.holidays.length,
            workdays: notice.workdays.length,
          },
        },
        em,
      );
    });
    return this.year(year);
  }

  /** One calendar change: the write, then every handler, in one database transaction. */
  private async change(
    years: number[],
    actorId: number | null,
    write: (em: EntityManager) => Promise<void>,
  ): Promise<void> {
    const before = (await this.build(this.dataSource.manager)).calendar;
    try {
      await this.dataSource.transaction(async (em) => {
        await write(em);
        const after = (await this.build(em)).calendar;
        for (const handler of this.handlers) await handler(em, { years, before, after, actorId });
      });
    } finally {
      this.cache = undefined;
    }
  }

  private async resolved(): Promise<Resolved> {
    const now = Date.now();
    if (this.cache && now - this.cache.at < CACHE_MS) return this.cache.resolved;
    const resolved = await this.build(this.dataSource.manager);
    this.cache = { at: now, resolved };
    return resolved;
  }

  private async build(em: EntityManager): Promise<Resolved> {
    const official = officialCalendar();
    const days = new Map<string, ResolvedDay>();
    const covered = new Set(official.years);
    for (const [date, name] of official.holidays)
      days.set(date, { type: 'holiday', name, source: 'official' });
    for (const [date, name] of official.workdays)
      days.set(date, { type: 'workday', name, source: 'official' });

    const notices = new Map((await em.find(CalendarYearNotice)).map((n) => [n.year, n]));
    const lastOfficial = Math.max(...official.years);
    const lastYear =
      Math.max(lastOfficial, Number(this.clock.today().slice(0, 4)), ...notices.keys()) +
      YEARS_AHEAD;
    for (let year = lastOfficial + 1; year <= lastYear; year++) {
      if (notices.has(year)) continue;
      for (const [date, name] of statutoryHolidays(year))
        days.set(date, { type: 'holiday', name, source: 'statutory' });
    }
    // A notice replaces whatever was known of its year.
    for (const [year, notice] of notices) {
      for (const date of [...days.keys()]) if (date.startsWith(`${year}-`)) days.delete(date);
      for (const d of notice.holidays)
        days.set(d.date, { type: 'holiday', name: d.name, source: 'notice' });
      for (const d of notice.workdays)
        days.set(d.date, { type: 'workday', name: d.name, source: 'notice' });
      covered.add(year);
    }
    for (const o of await em.find(CalendarOverride))
      days.set(o.date, { type: o.type, name: o.name, source: 'override' });

    const holidays = new Set<string>();
    const workdays = new Set<string>();
    for (const [date, d] of days) (d.type === 'holiday' ? holidays : workdays).add(date);
    return { days, calendar: { holidays, workdays, coveredYears: covered }, notices };
  }
}

/** A notice's days: real dates of that year, each listed once, 调休 only on weekends. */
function checkNoticeDays(year: number, holidays: NoticeDay[], workdays: NoticeDay[]): void {
  const seen = new Set<string>();
  for (const [field, days] of [
    ['holidays', holidays],
    ['workdays', workdays],
  ] as const) {
    days.forEach((d, i) => {
      if (!isCalendarDate(d.date))
        throw invalidField(`${field}.${i}.date`, `${d.date} is not a calendar date`);
      if (!d.date.startsWith(`${year}-`))
        throw invalidField(`${field}.${i}.date`, `${d.date} is not a date of ${year}`);
      if (seen.has(d.date))
        throw invalidField(`${field}.${i}.date`, `${d.date} is listed more than once`);
      seen.add(d.date);
      if (field === 'workdays' && !isWeekend(d.date))
        throw invalidField(
          `${field}.${i}.date`,
          `${d.date} is a weekday: only a Saturday or Sunday can be a make-up working day`,
        );
    });
  }
}
