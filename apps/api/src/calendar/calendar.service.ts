import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isWorkingDay, type WorkingDayCalendar } from '@haochaping/domain';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { CalendarOverride } from './entities/calendar-day.entity';
import { officialCalendar } from './official-calendar';

export interface CalendarDayView {
  date: string;
  working: boolean;
  type: 'holiday' | 'workday' | null;
  name: string | null;
  /** official (chinese-days data), override (an administrator), or default (weekend/weekday rule) */
  source: 'official' | 'override' | 'default';
  /** Whether the official calendar covers this year; if not, weekdays are assumed. */
  covered: boolean;
}

/** How long an instance trusts its cached calendar before re-reading the overrides. */
const CACHE_MS = 60_000;

@Injectable()
export class CalendarService {
  private cache?: { at: number; calendar: WorkingDayCalendar };

  constructor(
    @InjectRepository(CalendarOverride) private readonly overrides: Repository<CalendarOverride>,
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** The official calendar with the administrators' overrides applied on top. */
  async calendar(): Promise<WorkingDayCalendar> {
    if (this.cache && Date.now() - this.cache.at < CACHE_MS) return this.cache.calendar;
    const official = officialCalendar();
    const holidays = new Set(official.holidays.keys());
    const workdays = new Set(official.workdays.keys());
    for (const o of await this.overrides.find()) {
      if (o.type === 'holiday') {
        holidays.add(o.date);
        workdays.delete(o.date);
      } else {
        workdays.add(o.date);
        holidays.delete(o.date);
      }
    }
    const calendar: WorkingDayCalendar = { holidays, workdays, coveredYears: official.years };
    this.cache = { at: Date.now(), calendar };
    return calendar;
  }

  async day(date: string): Promise<CalendarDayView> {
    const calendar = await this.calendar();
    const override = await this.overrides.findOneBy({ date });
    const official = officialCalendar();
    const covered = calendar.coveredYears.has(Number(date.slice(0, 4)));
    if (override) {
      return {
        date,
        working: override.type === 'workday',
        type: override.type,
        name: override.name,
        source: 'override',
        covered,
      };
    }
    if (official.holidays.has(date)) {
      return {
        date,
        working: false,
        type: 'holiday',
        name: official.holidays.get(date) ?? null,
        source: 'official',
        covered,
      };
    }
    if (official.workdays.has(date)) {
      return {
        date,
        working: true,
        type: 'workday',
        name: official.workdays.get(date) ?? null,
        source: 'official',
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

  async set(
    date: string,
    type: 'holiday' | 'workday',
    name: string,
    userId: number | null,
  ): Promise<CalendarDayView> {
    const before = await this.day(date);
    await this.dataSource.transaction(async (em) => {
      await em.save(CalendarOverride, {
        date,
        type,
        name,
        updatedBy: userId,
        updatedAt: new Date(),
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
    this.cache = undefined;
    return this.day(date);
  }
}
