import { Bool, DateTime, Int, Nested, Str } from '../../common/response-types';
import { DAY_SOURCES, YEAR_SOURCES } from '../calendar.service';

export class CalendarDayResponse {
  @Str({ example: '2026-10-01' }) date!: string;
  @Bool() working!: boolean;
  @Str({ enum: ['holiday', 'workday'] }, true) type!: 'holiday' | 'workday' | null;
  @Str({}, true) name!: string | null;
  @Str({ enum: [...DAY_SOURCES] }) source!: string;
  @Bool({ description: "Whether the year's calendar is known; if not, due dates are provisional" })
  covered!: boolean;
}

export class NoticeDayResponse {
  @Str({ example: '2026-10-01' }) date!: string;
  @Str() name!: string;
}

export class CalendarYearResponse {
  @Int() year!: number;
  @Bool() covered!: boolean;
  @Str({ enum: [...YEAR_SOURCES] }) source!: string;
  @Str({}, true) title!: string | null;
  @Nested(() => NoticeDayResponse, { isArray: true }) holidays!: NoticeDayResponse[];
  @Nested(() => NoticeDayResponse, { isArray: true }) workdays!: NoticeDayResponse[];
  @DateTime({}, true) updatedAt!: string | null;
}
